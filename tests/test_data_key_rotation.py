"""A new DATA_KEY (docs/deploy.md, "Secrets and key rotation"): the operator gives every server the new key as
DATA_KEY and the old one as DATA_KEY_PREVIOUS and runs `flask data-key rotate` once. Before it runs, cases still
open (the old key reads what it made) but a worker can no longer be found by phone; after it, everything opens and
is found under the new key alone, and the old key opens nothing. Every ciphertext column of every domain is in the
walk (pii.PROTECTED), so a column added later cannot be forgotten."""
import base64
import secrets

import pytest
from cryptography.exceptions import InvalidTag

from server.aid.models import Application
from server.events.models import Attendee
from server.events.signups import find_attendee
from server.extensions import db
from server.pii import PROTECTED, decrypt_with

WORKER = "13912345001"
COWORKER = "13912345002"


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture
def before(app, client, make_application, make_event, make_user):
    """What the deployment held under the old key: an application with a co-worker and an employer phone, an event
    with sign-ups, a worker's account with a phone."""
    sent = make_application(client, phone=WORKER, coworkers=[{"name": "王五", "phone": COWORKER}])
    event = make_event(signups=3)
    make_user("worker", app=app, phone=WORKER)
    return {"application": sent, "event": event, "old": app.config["DATA_KEY"]}


def track(client, sent):
    return client.post("/api/v1/applications/track", json={"code": sent["code"], "phone": sent["phone"]})


def call(client, staff, sent) -> str:
    """The worker's whole phone, as 打电话 fetches it (the case view shows it masked)."""
    resp = client.post(f"/api/v1/cases/{sent['id']}/call", headers=staff)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["phone"]


def found_by_phone(client, staff) -> list[int]:
    return [r["id"] for r in client.get("/api/v1/cases", query_string={"q": WORKER}, headers=staff).get_json()["items"]]


def test_a_new_data_key_rewrites_every_phone_and_id_number_and_the_old_key_opens_nothing(make_app, auth, before):
    sent, key = before["application"], new_key()
    turning = make_app(DATA_KEY=key, DATA_KEY_PREVIOUS=before["old"])
    client = turning.test_client()
    staff = auth(client, "staff")
    # Mid-rotation: the case still opens (the old key reads what it made); the phone is not found yet.
    assert call(client, staff, sent) == WORKER
    assert track(client, sent).status_code != 200
    assert found_by_phone(client, staff) == []  # the search box matches the phone's hash: the old key's, not yet

    result = turning.test_cli_runner().invoke(args=["data-key", "rotate"])
    assert result.exit_code == 0, result.output
    assert "aid_applications: 改用新密钥 1 行" in result.output and "attendees: 改用新密钥 3 行" in result.output

    after = make_app(DATA_KEY=key)  # the old key gone from the environment
    client = after.test_client()
    staff = auth(client, "staff")
    view = client.get(f"/api/v1/cases/{sent['id']}", headers=staff).get_json()
    assert (call(client, staff, sent), view["id_number"], view["employer_phone"]) == (
        WORKER, sent["body"]["id_number"], sent["body"]["employer_phone"])
    assert [c["phone"] for c in view["coworkers"]] == [COWORKER]
    assert track(client, sent).status_code == 200
    assert found_by_phone(client, staff) == [sent["id"]]
    admin = auth(client, "admin")
    found = client.get("/api/v1/users", query_string={"q": WORKER}, headers=admin).get_json()
    assert [a["role"] for a in found] == ["worker"], found
    with after.app_context():
        assert find_attendee(before["event"]["id"], "13800000001") is not None
        old = make_app(DATA_KEY=before["old"])
    with old.app_context():
        application = db.session.get(Application, sent["id"])
        for token in [application.phone_enc, application.id_number_enc, application.employer_phone_enc,
                      application.coworkers[0]["phone_enc"], *db.session.scalars(db.select(Attendee.phone_enc))]:
            with pytest.raises(InvalidTag):
                decrypt_with("DATA_KEY", token)


def test_rotating_again_changes_nothing_and_without_the_old_key_it_refuses(make_app, before):
    key = new_key()
    turning = make_app(DATA_KEY=key, DATA_KEY_PREVIOUS=before["old"])
    assert turning.test_cli_runner().invoke(args=["data-key", "rotate"]).exit_code == 0
    again = turning.test_cli_runner().invoke(args=["data-key", "rotate"])
    assert again.exit_code == 0 and "改用新密钥 1 行" not in again.output and "改用新密钥 0 行" in again.output
    alone = make_app(DATA_KEY=key).test_cli_runner().invoke(args=["data-key", "rotate"])
    assert alone.exit_code == 2 and "DATA_KEY_PREVIOUS" in alone.output


def test_every_ciphertext_column_is_in_the_walk(app):
    walked = {(p.model.__tablename__, column) for p in PROTECTED for column in p.columns}
    stored = {(mapper.local_table.name, column.key) for mapper in db.Model.registry.mappers
              for column in mapper.columns if column.key.endswith("_enc")}
    assert stored and stored <= walked, stored - walked
    hashed = {(mapper.local_table.name, column.key) for mapper in db.Model.registry.mappers
              for column in mapper.columns if column.key in ("phone_hash", "id_number_hash")}
    keyed = {(p.model.__tablename__, h) for p in PROTECTED for h in p.columns.values() if h}
    assert hashed - {("otp_codes", "phone_hash")} <= keyed  # a phone code lives 5 minutes: asked again, not kept
