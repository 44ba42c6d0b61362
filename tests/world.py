"""A small, real world for the tests that walk the whole API (the poison corpus, the contract tests).

Cards loaded, a published event with a volunteer, a sign-up and a debrief; staff and admin
accounts; the records each path parameter can name; a real token for each protected operation.
"""
from datetime import datetime, timedelta, timezone

import pytest

from tests import audio_files

SOON = (datetime.now(timezone.utc) + timedelta(days=5)).replace(microsecond=0)


@pytest.fixture
def world(make_app, make_user, make_application):
    from server.accounts import tokens
    from server.accounts.models import User
    from server.cards.loader import load_content
    from server.cards.models import Card
    from server.events import debriefs, signups
    from server.events import service as events
    from server.extensions import db

    app = make_app(RATELIMIT_ENABLED=False)  # limits are tested elsewhere; here every request must get in
    users = {role: make_user(role, app=app) for role in ("admin", "staff", "volunteer", "lawyer")}
    # With an overtime amount from 算一算, so the case view's claims (recomputed, with their deadlines) are walked too:
    # sent before the fixture content is loaded, whose calculators' rules are only a sample (the real ones are read).
    overtime = {"calc": "overtime", "inputs": {"monthly_wage_fen": 500000, "weekday_hours": 20, "left_on": "2026-04-30",
                                               "period_from": "2026-03-01", "period_to": "2026-03-31"},
                "result": {"total_fen": 86220, "lines": [{"kind": "weekday", "amount_fen": 86220}]}}
    application = make_application(app.test_client(), photos=1, claims=[overtime])
    with app.app_context():
        load_content(app)
        slug = db.session.scalars(db.select(Card.slug)).first()
        event = events.create_event({"title": "法律进工地", "kind": "lecture", "starts_at": SOON, "place": "城南工地",
                                     "status": "published"}, users["staff"].id)
        events.set_volunteers(event, [users["volunteer"].id])
        attendee, _ = signups.sign_up(event, {"name": "张三", "phone": "13900001111"})
        debriefs.save_report(event, {"worry": "欠薪"}, users["staff"].id)
        values = {"event_id": event.id, "slug": slug, "token": attendee.qr_token, "user_id": users["volunteer"].id,
                  "lawyer_id": users["lawyer"].id}
    # A legal-aid application with one evidence photo, so its paths name real records too.
    values |= {"application_id": application["id"], "upload_id": application["upload_ids"][0],
               "kind": "aid_application", "fmt": "pdf",  # a case document
               "job_id": "no-such-job",  # jobs run inline in these tests: no failed job to name
               "figure": "aid.received",  # a work-report figure (GET /stats/{figure}/records)
               "client_id": "log-7f3a9c21"}  # a worker's day-log backup (none kept: 404)
    # A second worker of the same employer: the two make a group claim (GET /cases/groups/{key}).
    make_application(app.test_client(), applicant_name="李四", phone="13800138001")
    with app.app_context():
        from server.aid.models import Application
        values["key"] = db.session.get(Application, application["id"]).group_key
        from server.offices.scope import default_office_id
        values["office_id"] = default_office_id()  # the root office every account of this world belongs to
        from server.aid.models import Hearing
        hearing = Hearing(application_id=application["id"], kind="mediation", place="武侯区劳动人事争议仲裁院",
                          starts_at=SOON)  # a 调解 of the case: GET .../hearings/{hearing_id}.ics
        db.session.add(hearing)
        db.session.flush()
        values["hearing_id"] = hearing.id
        from server.sites.models import Site
        site = Site(code="WQRD3469", office_id=values["office_id"], name="城南工地", contractor="某某建设集团",
                    division="510104")  # a site of the root office (GET /sites/{code}, its board and records)
        db.session.add(site)
        values["code"] = site.code
        db.session.commit()

    # A worker's question (问一问) of the root office: GET /questions/{question_id} and its actions name it.
    # Spoken: GET /audio/{clip_id} names its clip.

    clip = audio_files.post_clip(app.test_client(), audio_files.wav(1.5), clip_id="world-clip-0001",
                                 submission_id="world-question-0001", name="q.wav", content_type="audio/wav")
    assert clip.status_code == 201, clip.get_json()
    asked = app.test_client().post("/api/v1/questions", headers={"Idempotency-Key": "world-question-0001"}, json={
        "text": "老板欠了两个月工资怎么办？", "case_type": "wages", "phone": "13800138002", "consent_privacy": True,
        "consent_sensitive": True, "audio_id": "world-clip-0001"})
    assert asked.status_code == 201, asked.get_json()
    values["question_id"], values["clip_id"] = asked.get_json()["id"], "world-clip-0001"

    signed_in: dict[str, dict] = {}

    def headers(operation: dict, path: str) -> dict:
        """Staff where staff may act, else admin; signing out or refreshing gets a fresh sign-in each time."""
        if not operation.get("security"):
            return {}
        role = "staff" if "staff" in operation.get("x-roles", ["staff"]) else "admin"
        if path.endswith(("/auth/logout", "/auth/refresh")) or role not in signed_in:
            with app.test_request_context():
                signed_in[role] = tokens.sign_in(db.session.get(User, users[role].id), "header")
        kind = "refresh_token" if path.endswith("/auth/refresh") else "access_token"
        return {"Authorization": f"Bearer {signed_in[role][kind]}"}

    return app, values, headers
