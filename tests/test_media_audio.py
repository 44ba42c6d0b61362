"""Voice clips: what a browser records comes back as AAC in MP4, mono, as long as it was, with nothing of the file
as sent; what is no usable recording is refused at once with a plain reason, never a 5xx; only whom the owner's
domain lets hears a clip, and each listen is in the audit log."""
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from server import jobs
from server.accounts import audit
from server.accounts.models import AuditEntry
from server.db import utcnow
from server.errors import DomainError
from server.extensions import db
from server.media import audio_codec, audio_service, service
from server.media.audio_models import AudioClip
from tests import audio_files as af
from tests import photos
from tests.test_errors import assert_error

OWNER = "test_owner"  # an owner kind only these tests read


def send(client, data: bytes, clip_id=None, submission_id="question-0001", **kw):
    return af.post_clip(client, data, clip_id=clip_id or str(uuid.uuid4()), submission_id=submission_id, **kw)


def stored(app) -> list[Path]:
    return sorted(p for p in Path(app.config["STORAGE_DIR"]).rglob("*") if p.is_file())


def served(app, clip_id: str) -> bytes:
    with app.app_context():
        return audio_service.read_bytes(audio_service.get_clip(clip_id))


def attach(app, clip_id: str, owner_id: int = 7, submission_id="question-0001", kind=OWNER):
    with app.app_context():
        audio_service.attach([clip_id], submission_id, kind, owner_id)
        db.session.commit()


@pytest.fixture
def reader(monkeypatch):
    """Staff may hear clips of OWNER (audited); anyone else is refused, as a domain's reader does."""
    def hear(user, clip):
        if user.role != "staff":
            raise DomainError("你不能听这段录音。", "not_yours", 403)
        audit.record_view(user, "view", "question_audio", clip.id, {"owner_id": clip.owner_id})
    monkeypatch.setitem(audio_service.READERS, OWNER, hear)


def test_a_spoken_wav_is_served_as_aac_in_mp4_mono_as_long_as_it_was(client, app, auth, reader):
    original = af.wav(3.0)
    resp = send(client, original, name="voice.wav", content_type="audio/wav")
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["content_type"] == "audio/mp4" and body["state"] == "ready"
    assert body["bytes_in"] == len(original) and 0 < body["bytes_out"] < len(original) // 4
    assert abs(body["duration_ms"] - 3000) <= 200
    # Only the MP4 is kept, under a random name that is not the client's id.
    (kept,) = stored(app)
    assert kept.suffix == ".m4a" and body["id"] not in str(kept)

    attach(app, body["id"])
    staff = auth(client, "staff")
    heard = client.get(f"/api/v1/audio/{body['id']}", headers=staff)
    assert heard.status_code == 200 and heard.mimetype == "audio/mp4"
    assert heard.headers["Cache-Control"] == "no-store" and heard.headers["X-Content-Type-Options"] == "nosniff"
    codec, channels, seconds, _rate = af.decoded(heard.data)
    assert (codec, channels) == ("aac", 1) and abs(seconds - 3.0) <= 0.2
    with app.app_context():
        entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.record_type == "question_audio")).one()
        assert (entry.actor_id, entry.record_id) == (staff.user.id, body["id"])


@pytest.mark.parametrize("container, codec, name, mime", [
    ("webm", "libopus", "voice.webm", "audio/webm;codecs=opus"),  # Chrome, Firefox, Android
    ("mp4", "aac", "voice.mp4", "audio/mp4"),  # Safari, iPhone
    ("ogg", "libopus", "voice.ogg", "audio/ogg"),  # Firefox's other choice
])
def test_what_browsers_record_is_taken(client, app, container, codec, name, mime):
    resp = send(client, af.encoded(container, codec, 4.0), name=name, content_type=mime)
    assert resp.status_code == 201, resp.get_json()
    decoded_codec, channels, seconds, rate = af.decoded(served(app, resp.get_json()["id"]))
    assert (decoded_codec, channels, rate) == ("aac", 1, audio_codec.RATE) and abs(seconds - 4.0) <= 0.2


def test_a_webm_that_says_no_length_as_chrome_writes_it_is_measured_by_its_samples(client, app):
    live = af.encoded("webm", "libopus", 5.0, live=True)
    with audio_codec.av.open(audio_codec.io.BytesIO(live)) as source:
        assert source.duration is None  # really says nothing
    resp = send(client, live)
    assert resp.status_code == 201 and abs(resp.get_json()["duration_ms"] - 5000) <= 200


def test_no_tag_of_the_recording_survives(client, app):
    original = af.encoded("mp4", "aac", 2.0, metadata={"title": "工地七号楼", "artist": "TestPhone", "comment": "GPS"})
    assert b"TestPhone" in original and "工地七号楼".encode() in original
    clean = served(app, send(client, original).get_json()["id"])
    for trace in (b"TestPhone", "工地七号楼".encode(), b"Lavf", b"Lavc"):
        assert trace not in clean
    with audio_codec.av.open(audio_codec.io.BytesIO(clean)) as kept:
        assert not {"title", "artist", "comment", "encoder"} & set(kept.metadata)


def test_a_retry_is_the_same_clip_and_another_recording_under_its_id_is_refused(client, app):
    clip_id, first = str(uuid.uuid4()), af.wav(2.0)
    sent = send(client, first, clip_id=clip_id)
    again = send(client, first, clip_id=clip_id)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == sent.get_json()
    assert assert_error(send(client, af.wav(2.5), clip_id=clip_id), 422)["error_code"] == "audio_id_reused"
    assert assert_error(send(client, first, clip_id=clip_id, submission_id="question-0002"), 422)[
        "error_code"] == "audio_id_reused"
    assert len(stored(app)) == 1


HOSTILE = {
    "zero bytes": (lambda: b"", 422, "audio_empty"),
    "a renamed JPEG": (lambda: photos.jpeg(800, 600), 422, "audio_unreadable"),
    "garbage": (lambda: "这不是录音。".encode() * 200, 422, "audio_unreadable"),
    "HTML": (lambda: b"<html><script>alert(1)</script></html>", 422, "audio_unreadable"),
    "a real two-hour WAV": (af.wav_two_hours, 422, "audio_too_long"),
    "a header claiming two hours over 70 s": (lambda: af.wav_claiming(7200, 70), 422, "audio_too_long"),
    "a 70 s WebM that says no length": (lambda: af.encoded("webm", "libopus", 70, rate=16000, live=True), 422,
                                        "audio_too_long"),
    "a second of silence": (lambda: af.wav(1.0, amplitude=0), 422, "audio_silent"),
    "ten seconds of near silence": (lambda: af.wav(10.0, amplitude=0.002), 422, "audio_silent"),
    "a WAV header with no data": (af.wav_header_only, 422, "audio_empty"),
    "an MP4 with a video track": (lambda: af.encoded("mp4", "aac", 3.0, video=True), 422, "audio_has_video"),
    "a third of a second": (lambda: af.wav(0.3), 422, "audio_too_short"),
    "a cut-off WebM": (lambda: af.encoded("webm", "libopus", 3.0)[:300], 422, "audio_unreadable"),
    "over 4 MB": (lambda: af.wav(61, rate=48000), 413, "audio_too_big"),
}


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_what_is_no_usable_recording_is_refused_at_once_with_a_plain_reason(client, app, what):
    data, status, code = HOSTILE[what]
    started = time.monotonic()
    body = assert_error(send(client, data()), status)
    assert body["error_code"] == code and not body["message"].isascii()
    assert time.monotonic() - started < 5  # two hours of audio are never decoded
    assert stored(app) == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AudioClip)) == 0


def test_a_length_the_file_states_is_refused_before_any_sample_is_decoded(client, monkeypatch):
    def no_decoding(*args, **kwargs):
        raise AssertionError("decoding began")
    monkeypatch.setattr(audio_codec.av, "AudioResampler", no_decoding)
    assert assert_error(send(client, af.wav_two_hours()), 422)["error_code"] == "audio_too_long"


def test_decoding_stops_at_the_limit_when_the_file_states_no_length(monkeypatch):
    decoded = []
    real = audio_codec.av.AudioResampler
    ninety_seconds = af.encoded("webm", "libopus", 90, rate=16000, live=True)

    class Counting:
        def __init__(self, **kwargs):
            self.inner = real(**kwargs)

        def resample(self, frame):
            if frame is not None:
                decoded.append(frame.samples / frame.sample_rate)
            return self.inner.resample(frame)
    monkeypatch.setattr(audio_codec.av, "AudioResampler", Counting)
    with pytest.raises(audio_codec.AudioRefused) as refused:
        audio_codec.check(ninety_seconds)
    assert refused.value.code == "audio_too_long" and sum(decoded) <= audio_codec.LIMIT_SECONDS


def test_a_form_without_a_recording_or_with_a_bad_id_is_refused(client):
    from werkzeug.test import encode_multipart
    boundary, body = encode_multipart({"id": "clip-00000001", "submission_id": "question-0001"})
    resp = client.post("/api/v1/audio", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert assert_error(resp, 422)["error_code"] == "file_missing"
    assert assert_error(send(client, af.wav(1.0), clip_id="<script>"), 422)["error_code"] == "invalid_upload"


def test_only_whom_the_owner_lets_hears_a_clip(client, app, auth, reader):
    clip_id = send(client, af.wav(2.0)).get_json()["id"]
    staff, lawyer = auth(client, "staff"), auth(client, "lawyer")
    assert assert_error(client.get(f"/api/v1/audio/{clip_id}"), 401)
    assert assert_error(client.get(f"/api/v1/audio/{clip_id}", headers=staff), 404)  # not attached yet
    attach(app, clip_id)
    assert client.get(f"/api/v1/audio/{clip_id}", headers=staff).status_code == 200
    assert assert_error(client.get(f"/api/v1/audio/{clip_id}", headers=lawyer), 403)
    assert assert_error(client.get("/api/v1/audio/no-such-clip", headers=staff), 404)
    # Attached to a kind no domain reads: as if it were not there.
    other = send(client, af.wav(2.0), submission_id="question-0002").get_json()["id"]
    attach(app, other, submission_id="question-0002", kind="nobody_reads_this")
    assert assert_error(client.get(f"/api/v1/audio/{other}", headers=staff), 404)


def test_attach_takes_only_the_clips_sent_with_that_submission_once(client, app):
    mine = send(client, af.wav(2.0)).get_json()["id"]
    theirs = send(client, af.wav(2.0), submission_id="question-0002").get_json()["id"]
    with app.app_context():
        (clip,) = audio_service.attach([mine], "question-0001", OWNER, 7)
        assert (clip.owner_kind, clip.owner_id) == (OWNER, 7) and clip.attached_at is not None
        db.session.commit()
        assert audio_service.attach([mine], "question-0001", OWNER, 7)[0].id == mine  # again: the same
        for ids, submission, owner_id in (([theirs], "question-0001", 7), (["nope-0001"], "question-0001", 7),
                                          ([mine], "question-0001", 8)):
            with pytest.raises(DomainError) as refused:
                audio_service.attach(ids, submission, OWNER, owner_id)
            assert refused.value.code == "audio_unknown" and refused.value.status == 422
        with pytest.raises(DomainError) as missing:
            audio_service.get_clip("nope-0001")
        assert missing.value.status == 404


def test_while_converting_a_clip_answers_409_and_the_sweep_asks_again(client, app, auth, reader, monkeypatch):
    asked = []
    monkeypatch.setattr(jobs, "enqueue", lambda name, *args: asked.append((name, args)))  # the queue lost it
    body = send(client, af.wav(2.0)).get_json()
    assert (body["state"], body["bytes_out"]) == ("converting", 0) and asked == [(audio_service.CONVERT_JOB,
                                                                                  (body["id"],))]
    (source,) = stored(app)
    attach(app, body["id"])
    waiting = client.get(f"/api/v1/audio/{body['id']}", headers=auth(client, "staff"))
    assert assert_error(waiting, 409)["error_code"] == "audio_converting" and waiting.headers["Retry-After"]
    monkeypatch.undo()
    with app.app_context():
        assert audio_service.sweep(now=utcnow() + timedelta(minutes=11)) == 0  # attached: kept, converted again
        clip = db.session.get(AudioClip, body["id"])
        assert (clip.state, clip.source_key) == ("ready", "") and clip.bytes_out > 0
        audio_service.convert(body["id"])  # a second run does nothing
    assert not source.exists() and [p.suffix for p in stored(app)] == [".m4a"]
    assert af.decoded(served(app, body["id"]))[:2] == ("aac", 1)


def test_unattached_clips_go_after_a_day_with_their_files_and_attached_ones_stay(client, app):
    kept = send(client, af.wav(2.0)).get_json()["id"]
    dropped = send(client, af.wav(2.5)).get_json()["id"]
    attach(app, kept)
    with app.app_context():
        later = utcnow() + timedelta(days=1, minutes=1)
        assert audio_service.sweep(now=utcnow()) == 0
        assert service.sweep_orphan_files(now=later) == 0  # a clip's file is no orphan
        assert audio_service.sweep(now=later) == 1
        assert db.session.get(AudioClip, dropped) is None and db.session.get(AudioClip, kept) is not None
    assert len(stored(app)) == 1
    assert af.decoded(served(app, kept))[0] == "aac"
