"""A worker's evidence photos: cleaned of every trace of where and on what they were taken, stored once."""
import io
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from server.accounts.models import AuditEntry
from server.db import utcnow
from server.extensions import db
from server.media.models import Upload
from tests import photos


def upload(client, data: bytes, name="photo.jpg", upload_id=None, submission_id="submission-0001", label="欠条"):
    return photos.post_photo(client, data, upload_id=upload_id or str(uuid.uuid4()), submission_id=submission_id,
                             label=label, name=name)


def stored_files(app) -> list[Path]:
    return sorted(p for p in Path(app.config["STORAGE_DIR"]).rglob("*") if p.is_file())


def test_a_12_megapixel_phone_photo_comes_back_without_gps_upright_and_small(client, app, auth, make_application):
    original = photos.jpeg(4000, 3000, orientation=6, gps=True, comment=b"Shot at site 7")
    assert len(original) > 3_000_000 and b"TestPhone" in original  # the EXIF is really there to strip
    resp = upload(client, original)
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    # Orientation 6: the camera held sideways, so the picture stands up: 1200 wide, 1600 high.
    assert (body["width"], body["height"]) == (1200, 1600)
    assert body["bytes_in"] == len(original) and body["bytes_out"] < len(original)

    application = make_application(client, upload_ids=[body["id"]], key="submission-0001")
    staff = auth(client, "staff")
    served = client.get(f"/api/v1/uploads/{body['id']}", headers=staff)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    clean = served.data
    for trace in (b"Exif", b"TestPhone", b"Shot at site 7", b"http://ns.adobe.com/xap", b"ICC_PROFILE"):
        assert trace not in clean
    img = Image.open(io.BytesIO(clean))
    assert dict(img.getexif()) == {} and "exif" not in img.info and "comment" not in img.info
    assert max(img.size) <= 1600 and img.size == (1200, 1600)
    # The blue corner was top-left as stored; turned 90° clockwise for display it is top-right.
    r, g, b = img.getpixel((img.width - 20, 20))
    assert b > 200 and r < 60
    r, g, b = img.getpixel((20, 20))
    assert b < 200 or r > 60
    assert application["evidence_count"] == 1


def test_a_png_screenshot_is_kept_as_a_jpeg_on_white(client, app):
    resp = upload(client, photos.png(800, 600, alpha=True), name="chat.png")
    assert resp.status_code == 201
    assert (resp.get_json()["width"], resp.get_json()["height"]) == (800, 600)
    image_path, thumb_path = sorted(stored_files(app), key=lambda p: "thumb" in p.name)
    with Image.open(image_path) as image, Image.open(thumb_path) as thumb:
        assert image.format == "JPEG" and image.getpixel((700, 500)) == pytest.approx((255, 255, 255), abs=3)
        assert thumb.format == "JPEG" and max(thumb.size) <= 320


@pytest.mark.parametrize("name, data, status, code", [
    ("bomb.png", photos.png_bomb(), 422, "image_too_many_pixels"),  # 400 MP: past Pillow's own hard limit
    ("bomb.png", photos.png_bomb(10000), 422, "image_too_many_pixels"),  # 100 MP: Pillow only warns; we refuse
    ("bomb.png", photos.png_bomb(8000), 422, "image_too_many_pixels"),  # 64 MP: under Pillow's limit, over ours
    # 49 MP in 190 kB: a PNG is decoded whole (no reduced-size decoding as for a JPEG), ~600 MB a request.
    ("bomb.png", photos.png_bomb(7000), 422, "image_too_many_pixels"),
    ("notes.jpg", "这不是照片，是一段文字。\n".encode() * 50, 415, "not_an_image"),
    ("cut.jpg", photos.jpeg(1600, 1200)[:60_000], 422, "image_broken"),
    ("empty.jpg", b"", 422, "empty_file"),
    ("page.jpg", b"<html><script>alert(1)</script></html>", 415, "not_an_image"),
    ("vector.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', 415, "not_an_image"),
])
def test_what_is_not_a_sound_photo_is_refused_with_a_plain_reason(client, app, name, data, status, code):
    resp = upload(client, data, name=name)
    assert resp.status_code == status
    body = resp.get_json()
    assert body["error_code"] == code and body["code"] == status
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    assert stored_files(app) == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Upload)) == 0


def _encoded(mode: str, fmt: str) -> bytes:
    img = Image.new("RGB", (2400, 1800), (30, 160, 40)).convert(mode)
    out = io.BytesIO()
    extra = {"save_all": True, "append_images": [img.resize((640, 480))]} if fmt == "MPO" else {}
    img.save(out, fmt, **extra)
    return out.getvalue()


@pytest.mark.parametrize("mode, fmt", [("CMYK", "JPEG"), ("L", "JPEG"), ("P", "PNG"), ("I;16", "PNG"),
                                       ("LA", "PNG"), ("RGB", "WEBP"), ("RGB", "MPO")])
def test_other_kinds_of_image_become_the_same_plain_jpeg(client, app, mode, fmt):
    resp = upload(client, _encoded(mode, fmt), name=f"scan.{fmt.lower()}")
    assert resp.status_code == 201, resp.get_json()
    assert (resp.get_json()["width"], resp.get_json()["height"]) == (1600, 1200)
    image_path = next(p for p in stored_files(app) if "thumb" not in p.name)
    with Image.open(image_path) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (1600, 1200))


def test_a_gif_is_not_taken(client):
    resp = upload(client, _encoded("P", "GIF"), name="moving.gif")
    assert resp.status_code == 415 and resp.get_json()["error_code"] == "not_an_image"


def test_a_file_over_15_mb_is_refused_before_it_is_opened(client, app):
    big = photos.jpeg(1000, 800) + b"\0" * (15 * 1024 * 1024)
    resp = upload(client, big)
    assert resp.status_code == 413
    assert resp.get_json()["error_code"] == "file_too_large" and "15 MB" in resp.get_json()["message"]


def test_a_photo_sent_twice_is_stored_once_and_answered_the_same(client, app):
    data = photos.jpeg(1600, 1200)
    first = upload(client, data, upload_id="photo-retry-1")
    again = upload(client, data, upload_id="photo-retry-1", name="other-name.jpg")
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert len(stored_files(app)) == 2  # one clean copy and its thumbnail


def test_the_same_photo_id_with_other_bytes_is_refused(client, app):
    assert upload(client, photos.jpeg(1600, 1200), upload_id="photo-reuse-1").status_code == 201
    resp = upload(client, photos.png(), upload_id="photo-reuse-1")
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "upload_id_reused"
    assert "另一张照片" in resp.get_json()["message"]
    other_submission = upload(client, photos.jpeg(1600, 1200), upload_id="photo-reuse-1", submission_id="another-0001")
    assert other_submission.status_code == 422
    assert len(stored_files(app)) == 2


def test_upload_fields_are_checked(client):
    resp = client.post("/api/v1/uploads", data={"id": "x", "submission_id": "submission-0001"},
                       content_type="multipart/form-data")
    assert resp.status_code == 422 and "id" in resp.get_json()["errors"]["form"]
    resp = client.post("/api/v1/uploads", data={"id": "photo-no-file", "submission_id": "submission-0001"},
                       content_type="multipart/form-data")
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "file_missing"
    resp = upload(client, photos.jpeg(1600, 1200), label="欠条\x00")
    assert resp.status_code == 422 and "label" in resp.get_json()["errors"]["form"]


def test_only_staff_see_evidence_and_each_view_is_audited(client, app, auth, make_application):
    application = make_application(client, photos=1)
    upload_id = application["upload_ids"][0]
    staff = auth(client, "staff")
    for path in (f"/api/v1/uploads/{upload_id}", f"/api/v1/uploads/{upload_id}/thumbnail"):
        resp = client.get(path, headers=staff)
        assert resp.status_code == 200
        assert resp.headers["Cache-Control"] == "no-store"
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["Content-Disposition"].startswith("inline; filename=")
    assert Image.open(io.BytesIO(resp.data)).size[0] <= 320
    for role in ("worker", "volunteer", "lawyer"):
        assert client.get(f"/api/v1/uploads/{upload_id}", headers=auth(client, role)).status_code == 403
    assert client.get(f"/api/v1/uploads/{upload_id}").status_code == 401
    with app.app_context():
        views = db.session.scalars(db.select(AuditEntry).where(AuditEntry.record_type == "evidence")).all()
        assert [(v.actor_id, v.record_id, v.detail["size"]) for v in views] == [
            (staff.user.id, upload_id, "full"), (staff.user.id, upload_id, "thumbnail")]


def test_a_photo_not_yet_attached_is_shown_to_nobody(client, auth):
    resp = upload(client, photos.jpeg(1600, 1200))
    upload_id = resp.get_json()["id"]
    assert client.get(f"/api/v1/uploads/{upload_id}", headers=auth(client, "admin")).status_code == 404
    assert client.get("/api/v1/uploads/no-such-photo", headers=auth(client, "admin")).status_code == 404


def test_sweep_removes_photos_never_attached_after_a_day_and_keeps_attached_ones(client, app, runner,
                                                                                  make_application):
    kept = make_application(client, photos=1)["upload_ids"][0]
    stray_old = upload(client, photos.jpeg(1600, 1200), upload_id="stray-old-1").get_json()["id"]
    stray_new = upload(client, photos.png(), upload_id="stray-new-1").get_json()["id"]
    with app.app_context():
        for upload_id in (kept, stray_old):
            db.session.get(Upload, upload_id).created_at = utcnow() - timedelta(days=2)
        db.session.commit()
        keys = {u.id: (u.image_key, u.thumb_key) for u in db.session.scalars(db.select(Upload))}
    result = runner.invoke(args=["sweep"])
    assert result.exit_code == 0 and "已清理 1 张没有附在申请里的照片" in result.output
    names = {p.name for p in stored_files(app)}
    with app.app_context():
        assert sorted(db.session.scalars(db.select(Upload.id))) == sorted([kept, stray_new])
    for upload_id in (kept, stray_new):
        assert {Path(k).name for k in keys[upload_id]} <= names
    assert not {Path(k).name for k in keys[stray_old]} & names


def test_the_same_photo_arriving_twice_at_once_is_stored_once(app):
    """Two app threads take the same new id at the same moment: one row, one set of files, two equal answers."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    data = photos.jpeg(4000, 3000)  # slow enough to process that both requests pass the "seen?" check
    barrier, answers = threading.Barrier(2), []

    def send():
        import http.client

        from werkzeug.datastructures import FileStorage
        from werkzeug.test import encode_multipart
        boundary, body = encode_multipart({"id": "photo-race-1", "submission_id": "submission-race",
                                           "file": FileStorage(io.BytesIO(data), "a.jpg")})
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        barrier.wait()
        conn.request("POST", "/api/v1/uploads", body=body,
                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        resp = conn.getresponse()
        answers.append((resp.status, resp.read()))
        conn.close()

    senders = [threading.Thread(target=send) for _ in range(2)]
    try:
        for t in senders:
            t.start()
        for t in senders:
            t.join(60)
    finally:
        server.shutdown()
        server.server_close()
    assert [status for status, _ in answers] == [201, 201]
    assert answers[0][1] == answers[1][1]
    assert len(stored_files(app)) == 2
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Upload)) == 1


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_way_a_phone_can_be_held_comes_out_as_a_photo_viewer_shows_it(client, app, orientation):
    from PIL import ImageOps
    original = photos.jpeg(2400, 1800, orientation=orientation, gps=False)
    viewer = ImageOps.exif_transpose(Image.open(io.BytesIO(original)))  # what a gallery app shows
    resp = upload(client, original)
    assert resp.status_code == 201
    image_path = next(p for p in stored_files(app) if "thumb" not in p.name)
    with Image.open(image_path) as image:
        assert image.size == (round(viewer.width * 1600 / 2400), round(viewer.height * 1600 / 2400))

        def blue_corner(img):
            w, h = img.size
            corners = {"top-left": (w // 20, h // 20), "top-right": (w - w // 20, h // 20),
                       "bottom-left": (w // 20, h - h // 20), "bottom-right": (w - w // 20, h - h // 20)}
            return [name for name, xy in corners.items() if img.getpixel(xy)[2] > 200 and img.getpixel(xy)[0] < 60]
        assert blue_corner(image) == blue_corner(viewer) and len(blue_corner(viewer)) == 1


def test_a_file_whose_row_was_never_written_is_swept_after_a_day(client, app, runner, make_application):
    """The process was killed between writing the photo and its row: the file is nobody's, and goes."""
    import os
    import time
    kept = make_application(client, photos=1)["upload_ids"][0]
    stray_new = upload(client, photos.png(), upload_id="stray-new-2").get_json()["id"]
    root = Path(app.config["STORAGE_DIR"])
    orphans = [root / "evidence" / "0123456789abcdef0123456789abcdef.jpg",
               root / "evidence" / "0123456789abcdef0123456789abcdef-thumb.jpg",
               root / "evidence" / "fedcba9876543210fedcba9876543210.jpg.part"]  # killed mid-write
    fresh_orphan = root / "evidence" / "00000000000000000000000000000000.jpg"  # its row may be on its way
    for path in (*orphans, fresh_orphan):
        path.write_bytes(photos.jpeg(1600, 1200))
    two_days_ago = time.time() - 2 * 86400
    with app.app_context():
        rows = {u.id: (u.image_key, u.thumb_key) for u in db.session.scalars(db.select(Upload))}
    for path in (*orphans, *(root / k for keys in rows.values() for k in keys)):
        os.utime(path, (two_days_ago, two_days_ago))  # the files of rows are old too: a row keeps its files
    result = runner.invoke(args=["media", "sweep"])
    assert result.exit_code == 0, result.output
    assert "已清理 0 张没有附在申请里的照片" in result.output
    assert "已删除 3 个没有记录的照片文件" in result.output
    left = {p.relative_to(root).as_posix() for p in stored_files(app)}
    assert left == {k for keys in rows.values() for k in keys} | {"evidence/00000000000000000000000000000000.jpg"}
    assert set(rows) == {kept, stray_new}
    assert "没有记录的照片文件" in runner.invoke(args=["sweep"]).output  # the daily sweep does it too


def test_a_truncated_photo_is_refused_even_after_the_office_made_a_pdf(client, app):
    """WeasyPrint, imported to make case documents, switches Pillow's LOAD_TRUNCATED_IMAGES on for
    the whole process; that must not let a cut-off photo through as a half-grey evidence file."""
    from PIL import ImageFile

    from server.aid.cases import documents
    assert documents.render("aid_application", "pdf", {"case_type": "wages"})[:5] == b"%PDF-"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    resp = upload(client, photos.jpeg(1600, 1200)[:60_000], name="cut.jpg")
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "image_broken"
    assert stored_files(app) == []


# In a fresh interpreter (WeasyPrint not imported yet): photos processed in three threads while two others make
# the process's first PDFs at once. Prints what went wrong, as JSON.
FIRST_PDF_RACE = """
import json, sys, threading
from PIL import ImageFile
from server.aid.cases import documents
from server.media import images
from tests import photos

good = photos.jpeg(800, 600)
cut = photos.jpeg(1600, 1200)[:60_000]
errors, kept_cut, done = [], [], threading.Event()

def photos_loop(data):
    while not done.is_set():
        try:
            images.process(data)
            if data is cut:
                kept_cut.append(1)
        except images.ImageRefused as exc:
            if data is good or exc.code != "image_broken":
                errors.append(exc.code)
        except Exception as exc:
            errors.append(type(exc).__name__)

loops = [threading.Thread(target=photos_loop, args=(d,)) for d in (good, good, cut)]
renders = [threading.Thread(target=documents.render, args=("aid_application", "pdf", {"case_type": "wages"}))
           for _ in range(2)]
for t in loops + renders:
    t.start()
for t in renders:
    t.join()
done.set()
for t in loops:
    t.join()
print(json.dumps({"errors": sorted(set(errors)), "cut_photos_kept": len(kept_cut),
                  "truncated_images": ImageFile.LOAD_TRUNCATED_IMAGES}))
"""


def test_photos_uploaded_while_the_process_makes_its_first_pdf_are_checked_not_a_500():
    """Under gunicorn's threads, a lawyer's first PDF in a worker (importing WeasyPrint switches Pillow's
    LOAD_TRUNCATED_IMAGES on for the process) ran beside workers' uploads, and each of those uploads was a 500
    (bench/load.py found 29 in 20 s). Photos processed meanwhile must be kept or refused as always, and the switch
    must be off afterwards however the two first renders interleave."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", FIRST_PDF_RACE], cwd=root, capture_output=True, text=True,
                         timeout=600, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.splitlines()[-1]) == {"errors": [], "cut_photos_kept": 0,
                                                       "truncated_images": False}

def _flat(size, fmt: str) -> bytes:
    """A plain picture of `size` as `fmt` (cheap to make at any size, unlike noise)."""
    img = Image.new("RGB", size, (250, 250, 245))
    img.paste((20, 20, 20), (0, 0, size[0], size[1] // 10))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("name, size, fmt", [
    ("48mp.jpg", (8000, 6000), "JPEG"),  # a 48 MP phone camera: decoded at 1/4 size straight from the JPEG
    ("long-chat.png", (1080, 14000), "PNG"),  # a long WeChat screenshot, 15 MP, decoded whole
    ("screen.webp", (1440, 3200), "WEBP"),
])
def test_big_phone_photos_and_long_screenshots_still_go_through(client, name, size, fmt):
    resp = upload(client, _flat(size, fmt), name=name)
    assert resp.status_code == 201, resp.get_json()


def test_beyond_the_image_jobs_a_process_runs_at_once_the_answer_is_busy_and_says_when_to_retry(make_app):
    """Each photo decoded costs memory; a process runs at most IMAGE_JOBS at once and answers the
    rest 503 with Retry-After (the outbox sends again) after waiting IMAGE_WAIT_SECONDS for a turn."""
    import threading

    from server.media import images
    app = make_app(IMAGE_JOBS=1, IMAGE_WAIT_SECONDS=0.2)
    client = app.test_client()
    taken, release = threading.Event(), threading.Event()

    def busy_elsewhere():  # another request's photo, still being decoded
        with images.image_slot(1, 0):
            taken.set()
            release.wait(10)

    other = threading.Thread(target=busy_elsewhere)
    other.start()
    try:
        assert taken.wait(10)
        resp = upload(client, photos.jpeg(1200, 900), upload_id="photo-busy-0001")
        assert resp.status_code == 503
        body = resp.get_json()
        assert body["code"] == 503 and body["error_code"] == "images_busy"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
        assert int(resp.headers["Retry-After"]) >= 1
    finally:
        release.set()
        other.join(10)
    resp = upload(client, photos.jpeg(1200, 900), upload_id="photo-busy-0001")  # the same photo, sent again
    assert resp.status_code == 201
