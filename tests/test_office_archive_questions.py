"""The office archive carries 问一问 and the sites (issues 22 and 23): county A's questions with their threads and
voice clips (the converted files themselves), its sites and the co-workers' day-log confirmations at them come back
on import, readable with the target's keys (the asker finds the thread by code and phone, hears the clip); county
B's questions, sites and confirmations never leave."""
import uuid
from datetime import date

from server.accounts.models import User
from server.daylogs import confirm
from server.daylogs.models import DayLogConfirmation
from server.extensions import db
from server.media import audio_service
from server.offices.models import Office
from server.pii import decrypt, lookup_hash
from server.questions.models import Question, QuestionMessage
from server.sites import service as sites
from server.sites.models import Site
from tests import audio_files
from tests.questions import answer, ask
from tests.test_office_export import deployment, export, opened, run  # noqa: F401  (deployment: a fixture)
from tests.test_offices_walk import MARK, counties  # noqa: F401  (counties: the two sibling counties)

A_ASKER, B_ASKER = "13700137021", "13900004444"


def _site(app, person, name: str) -> str:
    with app.app_context():
        return sites.create({"name": name, "address": f"{name}门口"}, db.session.get(User, person.user.id)).code


def _question(app, client, office_id: int, site_code: str, text: str, phone: str, seconds: float) -> dict:
    """A question asked by voice and words at the site, routed to `office_id`, with its clip's converted bytes."""
    key, clip = str(uuid.uuid4()), str(uuid.uuid4())
    posted = audio_files.post_clip(client, audio_files.wav(seconds), clip_id=clip, submission_id=key)
    assert posted.status_code == 201, posted.get_json()
    sent = ask(client, key=key, audio_id=clip, text=text, site_code=site_code, phone=phone)
    with app.app_context():
        db.session.get(Question, sent["id"]).office_id = office_id
        db.session.commit()
        heard = audio_service.read_bytes(audio_service.get_clip(clip))
    return {**sent, "clip": clip, "heard": heard}


def test_an_offices_questions_sites_and_confirmations_travel_and_a_siblings_stay(app, client, counties, deployment,
                                                                                  tmp_path):
    people = counties["people"]
    offices = {"a": counties["a_values"]["office_id"], "b": people["staff_b"].user.office_id}
    site_a, site_b = _site(app, people["staff_a"], "甲县安置房工地"), _site(app, people["staff_b"], f"{MARK}安置房工地")
    with app.app_context():
        confirm.record({"site_code": site_a, "log_id": "log-of-a-worker", "dates": [date(2026, 3, 2)],
                        "phone": "13700137022", "name": "甲县工友小李"})
        confirm.record({"site_code": site_b, "log_id": "log-of-b-worker", "dates": [date(2026, 3, 2)],
                        "phone": "13900005555", "name": f"{MARK}工友"})
    mine = _question(app, client, offices["a"], site_a, "甲县工地的工钱拖了三个月", A_ASKER, 2.0)
    theirs = _question(app, client, offices["b"], site_b, f"{MARK}工地的问题", B_ASKER, 3.0)
    answer(client, people["staff_a"], mine["id"], text="甲县的回复：先收好考勤。")
    answer(client, people["staff_b"], theirs["id"], text=f"{MARK}的回复")

    path, key_path = export(app, tmp_path, offices["a"])
    with app.app_context():
        manifest, inside = opened(path, key_path)
    counts, text = manifest["counts"], inside.decode("utf-8", "replace")
    # this one with its answer, and the walk's spoken question of county A (tests/test_offices_walk.py), unanswered
    assert (counts["questions"], counts["question_messages"], counts["audio_clips"]) == (2, 3, 2)
    with app.app_context():
        a_sites = set(db.session.scalars(db.select(Site.code).where(Site.office_id == offices["a"])))
    assert site_a in a_sites and site_b not in a_sites
    assert (counts["sites"], counts["day_log_confirmations"]) == (len(a_sites), 1)
    assert mine["heard"] in inside and theirs["heard"] not in inside  # the converted clip itself, A's only
    for mark in (MARK, B_ASKER, "13900005555", site_b, theirs["code"], theirs["clip"]):
        assert mark not in text, mark
    assert "甲县工地的工钱拖了三个月" in text and "甲县工友小李" in text  # in clear, sealed under the archive key

    target = deployment("target")
    done = run(target, "office", "import", str(path), "--key-file", str(key_path))
    assert done.exit_code == 0, done.output
    client = target.test_client()
    tracked = client.post("/api/v1/questions/track", json={"code": mine["code"], "phone": A_ASKER})
    assert tracked.status_code == 200, tracked.get_json()
    thread = tracked.get_json()
    assert [(m["author"], m["text"], m["audio_id"]) for m in thread["messages"]] == [
        ("asker", "甲县工地的工钱拖了三个月", mine["clip"]), ("answerer", "甲县的回复：先收好考勤。", None)]
    heard = client.post("/api/v1/questions/track/audio",
                        json={"code": mine["code"], "phone": A_ASKER, "audio_id": mine["clip"]})
    assert heard.status_code == 200 and heard.data == mine["heard"]
    with target.app_context():
        subtree = db.session.scalar(db.select(Office).where(Office.name == "甲县法律援助中心"))
        question = db.session.scalar(db.select(Question).where(Question.code == mine["code"]))
        site = db.session.get(Site, question.site_id)
        assert question.office_id == subtree.id and site.code == site_a and site.office_id == subtree.id
        assert decrypt(question.phone_enc) == A_ASKER and question.phone_hash == lookup_hash(A_ASKER)
        clip = audio_service.get_clip(mine["clip"])
        asked = db.session.scalar(db.select(QuestionMessage).where(QuestionMessage.question_id == question.id,
                                                                   QuestionMessage.author == "asker"))
        assert (clip.owner_kind, clip.owner_id) == ("question_message", asked.id)
        [kept] = db.session.scalars(db.select(DayLogConfirmation)).all()
        assert kept.site_code == site_a and kept.log_hash == lookup_hash("log-of-a-worker")
        assert "甲县工友小李" in decrypt(kept.data_enc)
        assert db.session.scalar(db.select(Site).where(Site.code == site_b)) is None
        assert db.session.scalar(db.select(Question).where(Question.code == theirs["code"])) is None
        assert db.session.query(Question).count() == 2  # this one and the walk's spoken question of county A
        assert set(db.session.scalars(db.select(Site.code))) == a_sites
