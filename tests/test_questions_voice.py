"""问一问 by voice with the real audio pipeline (server/media/audio_service.py): a
spoken question is converted and kept, the answerer of the routed office hears it as AAC lasting what was said (a
sibling office's volunteer does not), answers by voice, and the asker hears both clips of the thread by code and
phone."""
import uuid

from tests import audio_files
from tests.questions import ASKER, answer, ask, tree  # noqa: F401  (tree: a fixture)


def _clip(client, submission_id, seconds, headers=None):
    clip_id = f"clip-{uuid.uuid4()}"
    resp = audio_files.post_clip(client, audio_files.wav(seconds), clip_id=clip_id, submission_id=submission_id,
                                 name="voice.wav", content_type="audio/wav", headers=headers)
    assert resp.status_code == 201, resp.get_json()
    return clip_id


def test_a_spoken_question_is_heard_answered_by_voice_and_played_back(client, tree, make_application):  # noqa: F811
    key = str(uuid.uuid4())
    clip = _clip(client, key, 2.0)
    sent = ask(client, key=key, text="", audio_id=clip)
    people = tree["people"]
    volunteer = people["jinjiang_volunteer"]
    assert client.get(f"/api/v1/audio/{clip}", headers=people["qingyang_volunteer"]).status_code == 404
    heard = client.get(f"/api/v1/audio/{clip}", headers=volunteer)
    assert heard.status_code == 200 and heard.mimetype == "audio/mp4"
    codec, channels, seconds, _rate = audio_files.decoded(heard.data)
    assert codec == "aac" and channels == 1 and abs(seconds - 2.0) <= 0.2
    assert client.post(f"/api/v1/questions/{sent['id']}/claim", headers=volunteer).status_code == 200
    stolen = answer(client, volunteer, sent["id"], expect=422, audio_id=clip)  # a clip of another submission
    assert stolen["error_code"] == "audio_unknown"
    answer_key = str(uuid.uuid4())
    reply = _clip(client, answer_key, 1.5, headers=volunteer)
    resp = client.post(f"/api/v1/questions/{sent['id']}/answer", headers={**volunteer, "Idempotency-Key": answer_key},
                       json={"text": "", "audio_id": reply, "card_slugs": [], "next_step": "apply_aid"})
    assert resp.status_code == 201, resp.get_json()
    thread = client.post("/api/v1/questions/track", json={"code": sent["code"], "phone": ASKER}).get_json()
    assert [m["audio_id"] for m in thread["messages"]] == [clip, reply]
    for clip_id, length in ((clip, 2.0), (reply, 1.5)):
        played = client.post("/api/v1/questions/track/audio",
                             json={"code": sent["code"], "phone": ASKER, "audio_id": clip_id})
        assert played.status_code == 200 and played.mimetype == "audio/mp4"
        assert abs(audio_files.decoded(played.data)[2] - length) <= 0.2
    # The worker applies from the question: the case lists the question's voice and its handlers hear it.
    application = make_application(client, phone=ASKER, question_code=sent["code"], site_division="510104")
    staff = people["jinjiang_staff"]
    case = client.get(f"/api/v1/cases/{application['id']}", headers=staff).get_json()
    assert [a["id"] for a in case["question_audio"]] == [clip]
    assert client.get(f"/api/v1/audio/{clip}", headers=staff).status_code == 200
