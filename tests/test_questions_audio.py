"""问一问's voice through the audio seam (server/questions/voice.py), with the audio pipeline's Python API stood in
for by a fake (the real one, server/media/audio_service.py, is issue 22's other part): a spoken question is kept
with its clip, the asker hears the thread's clips by code and phone (and no other clip), the answerers of the
question's office hear it (every listen audited) while a sibling office's do not, and after the worker's application
the case lists the clip and its handlers hear it."""
import importlib.util
import sys
import types
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from server.accounts.models import AuditEntry, User
from server.errors import DomainError, NotFound
from server.extensions import db
from tests.questions import ASKER, ask

if importlib.util.find_spec("server.media.audio_service") is not None:  # the real one: tests/test_questions_voice.py
    pytest.skip("the audio pipeline is here: its real clips are tested instead", allow_module_level=True)

MP4 = b"\x00\x00\x00\x18ftypmp42 fake clip"


@dataclass
class Clip:
    id: str
    submission_id: str
    duration_ms: int
    owner_kind: str | None = None
    owner_id: int | None = None


@pytest.fixture
def audio(monkeypatch):
    """The contract's API (attach, get_clip, read_bytes, register_reader) over clips made by the test."""
    fake = types.ModuleType("server.media.audio_service")
    fake.clips, fake.readers = {}, {}

    def attach(clip_ids, submission_id, owner_kind, owner_id):
        for clip_id in clip_ids:
            clip = fake.clips.get(clip_id)
            if clip is None or clip.submission_id != submission_id:
                raise DomainError("录音找不到了。", "audio_unknown")
            clip.owner_kind, clip.owner_id = owner_kind, owner_id
        return [fake.clips[i] for i in clip_ids]

    def get_clip(clip_id):
        if clip_id not in fake.clips:
            raise NotFound("没有找到这段录音。", "audio_not_found")
        return fake.clips[clip_id]

    fake.attach, fake.get_clip = attach, get_clip
    fake.read_bytes = lambda clip: MP4
    fake.register_reader = lambda kind, fn: fake.readers.__setitem__(kind, fn)

    def upload(submission_id, ms=4200):
        """A clip sent to POST /audio for this submission (already converted)."""
        clip_id = f"clip-{uuid.uuid4()}"
        fake.clips[clip_id] = Clip(clip_id, submission_id, ms)
        return clip_id

    fake.upload = upload
    monkeypatch.setitem(sys.modules, "server.media.audio_service", fake)
    return fake


def _hear(app, fake, user_id, clip_id):
    """What GET /audio/{id} does once it has the clip: ask the owner's reader."""
    with app.test_request_context():
        user = db.session.get(User, user_id)
        fake.readers["question_message"](user, fake.clips[clip_id])


def test_a_spoken_question_is_heard_by_its_asker_and_its_office_only(make_app, make_user, audio):
    app = make_app()
    client = app.test_client()
    from tests.test_questions_office import _queue  # the queue as an answerer reads it
    key = str(uuid.uuid4())
    clip = audio.upload(key)
    sent = ask(client, key=key, text="", audio_id=clip)
    thread = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": ASKER}).get_json()
    assert thread["messages"][0]["audio_id"] == clip and thread["messages"][0]["duration_ms"] == 4200
    heard = client.post("/api/v1/questions/track/audio", json={"code": sent["code"], "phone": ASKER, "audio_id": clip})
    assert heard.status_code == 200 and heard.data == MP4 and heard.mimetype == "audio/mp4"
    assert heard.headers["Cache-Control"] == "no-store"
    other = audio.upload("another-submission")
    assert client.post("/api/v1/questions/track/audio", json={"code": sent["code"], "phone": ASKER,
                                                               "audio_id": other}).status_code == 404
    stolen = ask(client, text="", audio_id=other, phone="13800138555", expect=422)  # another question's clip
    assert stolen["error_code"] == "audio_unknown"

    volunteer = make_user("volunteer", app=app)
    row = _queue(client, _signed_in(app, volunteer))[0]
    assert row["has_audio"] and row["channel"] == "app_voice"
    _hear(app, audio, volunteer.id, clip)
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "listen"))
        assert entry.record_type == "question_audio" and entry.record_id == clip
    worker = make_user("worker", app=app, phone=ASKER)
    with pytest.raises(NotFound):
        _hear(app, audio, worker.id, clip)


def test_after_the_application_the_case_lists_the_clip_and_its_handlers_hear_it(make_app, make_user, audio,
                                                                                  make_application):
    app = make_app()
    client = app.test_client()
    key = str(uuid.uuid4())
    clip = audio.upload(key, ms=9000)
    sent = ask(client, key=key, text="语音里说了", audio_id=clip, site_division="")
    left = (date.today() - timedelta(days=30)).isoformat()
    application = make_application(client, phone=ASKER, question_code=sent["code"], started_on="2025-01-01",
                                   last_paid_on=None, left_on=left)
    staff = make_user("staff", app=app)
    headers = _signed_in(app, staff)
    case = client.get(f"/api/v1/cases/{application['id']}", headers=headers).get_json()
    assert case["question_audio"] == [{"id": clip, "duration_ms": 9000}]
    lawyer = make_user("lawyer", app=app)  # of the office, not assigned to the case: answerer of the question
    _hear(app, audio, lawyer.id, clip)
    _hear(app, audio, staff.id, clip)


def _signed_in(app, user) -> dict:
    from server.accounts import tokens
    with app.test_request_context():
        body = tokens.sign_in(db.session.get(User, user.id), "header")
    return {"Authorization": f"Bearer {body['access_token']}"}
