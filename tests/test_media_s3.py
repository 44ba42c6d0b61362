"""Evidence kept in an S3-compatible store, for several app servers: tested against a real S3 server.

moto's server mode runs in its own process on loopback and speaks S3's HTTP protocol; the app
reaches it through the same boto3 client and code path production uses (STORAGE_BACKEND=s3).
"""
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta

import boto3
import pytest

from server.db import utcnow
from server.extensions import db
from server.media.models import Upload
from tests import photos

BUCKET = "gongyou-evidence"
KEYS = {"S3_ACCESS_KEY_ID": "test-access-key", "S3_SECRET_ACCESS_KEY": "test-secret-key", "S3_REGION": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def bucket(s3_server):
    s3 = boto3.client("s3", endpoint_url=s3_server, aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
                      aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"], region_name=KEYS["S3_REGION"])
    s3.create_bucket(Bucket=BUCKET)
    yield s3
    for obj in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=obj["Key"])
    s3.delete_bucket(Bucket=BUCKET)
    s3.close()


@pytest.fixture
def s3_app(make_app, s3_server, bucket, tmp_path):
    return make_app(STORAGE_BACKEND="s3", S3_BUCKET=BUCKET, S3_ENDPOINT_URL=s3_server,
                    STORAGE_DIR=str(tmp_path / "must-stay-empty"), **KEYS)


def stored_keys(s3) -> list[str]:
    return sorted(obj["Key"] for obj in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_evidence_goes_to_the_bucket_and_comes_back_to_staff(s3_app, bucket, auth, make_application, tmp_path):
    client = s3_app.test_client()
    sent = make_application(client, photos=2)
    keys = stored_keys(bucket)
    assert len(keys) == 4 and all(k.startswith("evidence/") for k in keys)  # two photos, two thumbnails
    assert not (tmp_path / "must-stay-empty").exists()
    with s3_app.app_context():
        row = db.session.get(Upload, sent["upload_ids"][0])
        in_bucket = bucket.get_object(Bucket=BUCKET, Key=row.image_key)
    assert in_bucket["ContentType"] == "image/jpeg" and b"Exif" not in in_bucket["Body"].read()
    resp = client.get(f"/api/v1/uploads/{sent['upload_ids'][0]}", headers=auth(client, "staff"))
    assert resp.status_code == 200 and resp.data[:2] == b"\xff\xd8"
    assert resp.data == bucket.get_object(Bucket=BUCKET, Key=row.image_key)["Body"].read()


def test_a_retried_photo_is_stored_once_in_the_bucket(s3_app, bucket):
    client = s3_app.test_client()
    data = photos.jpeg(1600, 1200)
    for _ in range(3):
        resp = photos.post_photo(client, data, upload_id="s3-photo-retry", submission_id="s3-submission-1")
        assert resp.status_code == 201
    assert len(stored_keys(bucket)) == 2


def test_sweep_removes_stray_photos_from_the_bucket_only(s3_app, bucket, make_application):
    client = s3_app.test_client()
    kept = make_application(client, photos=1)["upload_ids"][0]
    answer = photos.post_photo(client, photos.png(), upload_id="s3-stray-1", submission_id="s3-stray-submission")
    assert answer.status_code == 201
    with s3_app.app_context():
        for upload_id in (kept, "s3-stray-1"):
            db.session.get(Upload, upload_id).created_at = utcnow() - timedelta(days=3)
        db.session.commit()
        kept_keys = sorted(db.session.execute(db.select(Upload.image_key, Upload.thumb_key)
                                              .where(Upload.id == kept)).one())
    result = s3_app.test_cli_runner().invoke(args=["sweep"])
    assert "已清理 1 张" in result.output
    assert stored_keys(bucket) == kept_keys


def test_a_missing_object_is_a_clear_404_not_a_crash(s3_app, bucket, auth, make_application):
    client = s3_app.test_client()
    sent = make_application(client, photos=1)
    for key in stored_keys(bucket):
        bucket.delete_object(Bucket=BUCKET, Key=key)
    resp = client.get(f"/api/v1/uploads/{sent['upload_ids'][0]}", headers=auth(client, "staff"))
    assert resp.status_code == 404 and resp.get_json()["error_code"] == "upload_file_missing"


def test_an_object_whose_row_was_never_written_is_swept_from_the_bucket_after_a_day(s3_app, bucket,
                                                                                     make_application):
    from server.media.service import sweep_orphan_files
    client = s3_app.test_client()
    kept = make_application(client, photos=1)["upload_ids"][0]
    for key in ("evidence/0123456789abcdef0123456789abcdef.jpg", "evidence/0123456789abcdef0123456789abcdef-thumb.jpg"):
        bucket.put_object(Bucket=BUCKET, Key=key, Body=b"\xff\xd8 a photo whose row was never written")
    bucket.put_object(Bucket=BUCKET, Key="not-evidence/readme.txt", Body=b"not the sweep's to touch")
    with s3_app.app_context():
        kept_keys = sorted(db.session.execute(db.select(Upload.image_key, Upload.thumb_key)
                                              .where(Upload.id == kept)).one())
        assert sweep_orphan_files(now=utcnow()) == 0  # written just now: its row may still be coming
        assert len(stored_keys(bucket)) == 5
        assert sweep_orphan_files(now=utcnow() + timedelta(days=2)) == 2
    assert stored_keys(bucket) == sorted([*kept_keys, "not-evidence/readme.txt"])


class RefusingAfter:
    """Stands in for the S3 client: the first `n` writes go through to the real one, then every call is refused
    as a closed port refuses it (botocore's EndpointConnectionError)."""

    def __init__(self, client, n: int):
        self.client, self.n = client, n
        self.exceptions = client.exceptions

    def _refuse(self):
        from botocore.exceptions import EndpointConnectionError
        raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9")

    def put_object(self, **kw):
        if self.n <= 0:
            self._refuse()
        self.n -= 1
        return self.client.put_object(**kw)

    def get_object(self, **kw):
        self._refuse()

    def delete_object(self, **kw):
        self._refuse()


@pytest.mark.parametrize("writes_before", [0, 1])
def test_an_object_store_refusing_connections_is_a_503_with_retry_after_and_nothing_stored(
        s3_app, bucket, writes_before):
    """The store unreachable (bench/faults.py: 43 uploads answered 500 while it refused connections for 10 s),
    from the first write or between a photo and its thumbnail: the phone is told to send it again later (503,
    Retry-After); no row is kept, and a photo stored before the refusal is removed once the store is back."""
    from server.media.storage import storage

    client = s3_app.test_client()
    with s3_app.app_context():
        store = storage()
        real = store.client
        store.client = RefusingAfter(real, writes_before)
    try:
        resp = photos.post_photo(client, photos.jpeg(1600, 1200), upload_id="s3-refused-1",
                                 submission_id="s3-submission-2")
    finally:
        store.client = real
    assert resp.status_code == 503, resp.get_data(as_text=True)[:300]
    assert resp.get_json()["error_code"] == "storage_unavailable" and int(resp.headers["Retry-After"]) > 0
    with s3_app.app_context():
        assert db.session.get(Upload, "s3-refused-1") is None
    assert len(stored_keys(bucket)) == writes_before  # what got in stays for the sweep (it may not be deletable)
    resp = photos.post_photo(client, photos.jpeg(1600, 1200), upload_id="s3-refused-1",
                             submission_id="s3-submission-2")
    assert resp.status_code == 201  # the same photo, sent again once the store is back
