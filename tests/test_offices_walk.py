"""Every GET of the API, walked by county A's staff member, lawyer, volunteer and admin after county B's people
made data of every kind (issue 20, Offices: "a test that walks every route with a user of a sibling office and
finds nothing of the other's").

County B's records all carry the mark 乙县 (names, titles, places, employers, a search typed into the log), so
any answer that shows one of them, whatever its shape, holds the mark: JSON (read back as text), CSV, Excel
cells, Word text. Ids are checked by what they name (`event_id`, `application_id`, `lawyer_id`, `actor_id`,
`user_id`, `office_id`, `parent_id`), and B's photo ids, tracking codes and group key as strings. The routes come
from the OpenAPI description, so a new GET is walked without a change here; a path parameter this test cannot fill
fails it. The public event list (`GET /events`) is left out on purpose: workers belong to no office, so it shows
every published event. Nor are the names of the legal-aid centres a case may be transferred to (转办): the case
view's transfer form lists every centre of the deployment, B's too, by design (an office's name is public).
"""
import io
import json
import re
import uuid
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from server.aid.models import Application
from server.extensions import db
from tests import audio_files
from tests.casework import put_in_stage

MARK = "乙县"
PUBLIC = {"/api/v1/events"}  # every published event, for workers (no office): not scoped, by design
UNTIL = (datetime.now(timezone.utc) + timedelta(days=30)).date()
EXTRA = {  # the same lists again with the filters and periods that show more
    "/api/v1/cases": ["?filter=group", "?filter=duplicate", "?filter=mine", "?page_size=100"],
    "/api/v1/office/debriefs": [f"?since=2026-01-01&until={UNTIL}"],
    "/api/v1/office/debriefs.xlsx": [f"?since=2026-01-01&until={UNTIL}"],
    "/api/v1/office/events": ["?status=published", "?status=draft", "?q=讲座"],
    "/api/v1/office/volunteers": [f"?q={MARK}", "?q=志愿"],
    "/api/v1/users": ["?page_size=100", "?role=lawyer", f"?q={MARK}"],
    "/api/v1/audit": ["?page_size=100", "?record_type=aid_application", "?action=list"],
    "/api/v1/audit.csv": ["?record_type=user"],
    "/api/v1/stats": [f"?from=2026-01-01&to={UNTIL}", f"?from=2026-01-01&to={UNTIL}&office=1"],
    "/api/v1/stats/{figure}/records": [f"?from=2026-01-01&to={UNTIL}&page_size=100"],
    "/api/v1/stats/report.xlsx": [f"?from=2026-01-01&to={UNTIL}"],
}
ID_KEYS = {"event_id": "events", "application_id": "applications", "lawyer_id": "users", "actor_id": "users",
           "user_id": "users", "office_id": "offices", "parent_id": "offices", "submitted_by": "users"}


def _op(client, headers, url, body=None):
    resp = client.post(url, json=body, headers={**headers, "Idempotency-Key": str(uuid.uuid4())})
    assert resp.status_code in (200, 201), (url, resp.get_json())
    return resp.get_json()


@pytest.fixture
def counties(app, client, auth, make_application):
    province = auth(client, "admin")

    def office(parent, name):
        return _op(client, province, "/api/v1/offices", {"parent_id": parent, "name": name, "kind": "legal_aid"})["id"]

    city = office(province.user.office_id, "成都市法律援助中心")
    offices = {"a": office(city, "甲县法律援助中心"), "b": office(city, f"{MARK}法律援助中心")}
    people = {}
    for county, label in (("a", "甲县"), ("b", MARK)):
        for role in ("staff", "lawyer", "volunteer", "admin"):
            people[f"{role}_{county}"] = auth(client, role, office_id=offices[county], display_name=f"{label}{role}")
    # County B's people at work: a station and an account of theirs, cases (one of a group with county A's, one a
    # twin of the other), a case moved, an event with its volunteer, sign-ups, a walk-in synced and a debrief.
    staff_b, admin_b = people["staff_b"], people["admin_b"]
    station = _op(client, admin_b, "/api/v1/offices", {"parent_id": offices["b"], "name": f"{MARK}工作站"})
    _op(client, admin_b, "/api/v1/users", {"role": "staff", "username": "yixian-new", "display_name": f"{MARK}新人",
                                            "office_id": station["id"]})
    mine = make_application(client, photos=1, phone="13800138011")  # county A's: 张三 of 李老板
    b_cases = [make_application(client, photos=1, phone="13800138022", applicant_name=f"{MARK}工友",
                                site=f"{MARK}工地"),
               make_application(client, photos=1, phone="13800138033", applicant_name=f"{MARK}工友",
                                employer_name=f"{MARK}老板", site=f"{MARK}工地"),
               make_application(client, phone="13800138044", applicant_name=f"{MARK}工友",
                                employer_name=f"{MARK}老板", site=f"{MARK}工地")]
    with app.app_context():
        db.session.get(Application, mine["id"]).office_id = offices["a"]
        for sent in b_cases:
            db.session.get(Application, sent["id"]).office_id = offices["b"]
        db.session.commit()
    put_in_stage(app, mine["id"], "assigned", lawyer_id=people["lawyer_a"].user.id)
    put_in_stage(app, b_cases[0]["id"], "assigned", lawyer_id=people["lawyer_b"].user.id)
    _op(client, staff_b, f"/api/v1/cases/{b_cases[1]['id']}/actions",
        {"action": "accept", "checklist": {"work_facts_confirmed": True, "arrears_checked": True,
                                           "employer_identified": True}, "note": f"{MARK}已核实"})
    for sent in b_cases:
        assert client.get(f"/api/v1/cases/{sent['id']}", headers=staff_b).status_code == 200
    hearing = {"kind": "mediation", "starts_at": (datetime.now(timezone.utc) + timedelta(days=9)).isoformat()}
    _op(client, staff_b, f"/api/v1/cases/{b_cases[0]['id']}/hearings", {**hearing, "place": f"{MARK}仲裁院"})
    hearing_a = _op(client, people["staff_a"], f"/api/v1/cases/{mine['id']}/hearings",
                    {**hearing, "place": "甲县仲裁院"})
    starts = (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0).isoformat()
    events = {}
    for county, label in (("a", "甲县"), ("b", MARK)):
        staff = people[f"staff_{county}"]
        event = _op(client, staff, "/api/v1/events", {"title": f"{label}讲座", "kind": "lecture", "status": "published",
                                                      "place": f"{label}工地", "starts_at": starts})["id"]
        assert client.put(f"/api/v1/events/{event}/volunteers", headers=staff,
                          json={"user_ids": [people[f"volunteer_{county}"].user.id]}).status_code == 200
        signed = _op(client, {}, f"/api/v1/events/{event}/signups",
                     {"name": f"{label}报名人", "phone": "13900001111" if county == "a" else "13900002222"})
        _op(client, staff, f"/api/v1/events/{event}/report", {"worry": f"{label}欠薪", "people_reached": 9})
        events[county] = {"id": event, "token": signed["qr_token"]}
    synced = _op(client, people["volunteer_b"], "/api/v1/sync", {"device_id": "phone-b", "operations": [
        {"id": str(uuid.uuid4()), "type": "walkin", "event_id": events["b"]["id"], "name": f"{MARK}现场",
         "phone": "13900003333", "device_time": starts}]})
    assert synced["results"][0]["status"] == "applied", synced
    sites = {county: _op(client, people[f"staff_{county}"], "/api/v1/sites", {
        "name": f"{label}幸福里工地", "address": f"{label}幸福路 18 号", "contractor": f"{label}建设集团",
        "inspection": f"{label}劳动保障监察大队"})["code"] for county, label in (("a", "甲县"), ("b", MARK))}
    questions = {county: _voice_question(app, client, offices[county], label) for county, label in (("a", "甲县"),
                                                                                                   ("b", MARK))}
    assert client.get(f"/api/v1/office/volunteers?q={MARK}", headers=staff_b).status_code == 200  # in the log
    with app.app_context():
        from server.accounts.models import User
        b_users = set(db.session.scalars(db.select(User.id).where(User.office_id.in_([offices["b"], station["id"]]))))
        group_key = db.session.get(Application, mine["id"]).group_key
    b_ids = {"events": {events["b"]["id"]}, "applications": {s["id"] for s in b_cases}, "users": b_users,
             "offices": {offices["b"], station["id"]}}
    b_strings = {MARK, events["b"]["token"], *(u for s in b_cases for u in s["upload_ids"]),
                 *(s["code"] for s in b_cases), sites["b"], questions["b"]["code"], questions["b"]["clip_id"]}
    a_values = {"event_id": events["a"]["id"], "token": events["a"]["token"], "application_id": mine["id"],
                "upload_id": mine["upload_ids"][0], "lawyer_id": people["lawyer_a"].user.id, "key": group_key,
                "user_id": people["staff_a"].user.id, "office_id": offices["a"], "kind": "aid_application",
                "fmt": "docx", "job_id": "no-such-job", "hearing_id": hearing_a["id"],
                "code": sites["a"], "client_id": "walk-daylog-0001",
                "question_id": questions["a"]["id"], "clip_id": questions["a"]["clip_id"],
                "slug": "wage-arrears",  # (a card: no office's; no content loaded here, a 404)
                "figure": "aid.received"}  # a work-report figure's records (every figure: tests/test_stats.py)
    return {"people": people, "b_ids": b_ids, "b_strings": b_strings, "a_values": a_values}


def _voice_question(app, client, office_id: int, label: str) -> dict:
    """A worker's spoken question (问一问), moved to the county's office: its id, code and its clip's id."""
    key, clip_id = str(uuid.uuid4()), f"clip-{uuid.uuid4()}"
    sent = audio_files.post_clip(client, audio_files.wav(1.5), clip_id=clip_id, submission_id=key, name="q.wav",
                                 content_type="audio/wav")
    assert sent.status_code == 201, sent.get_json()
    asked = client.post("/api/v1/questions", headers={"Idempotency-Key": key}, json={
        "text": f"{label}工地老板欠薪怎么办", "audio_id": clip_id, "case_type": "wages", "phone": "13800138055",
        "consent_privacy": True, "consent_sensitive": True})
    assert asked.status_code == 201, asked.get_json()
    with app.app_context():
        from server.questions.models import Question
        db.session.get(Question, asked.get_json()["id"]).office_id = office_id
        db.session.commit()
    return {"id": asked.get_json()["id"], "code": asked.get_json()["code"], "clip_id": clip_id}


def _text(resp) -> str:
    """What an answer shows, as text: JSON read back unescaped, CSV, Excel cells, a Word text."""
    kind = resp.mimetype
    if kind == "application/json":
        return json.dumps(_without_transfer_choices(resp.get_json()), ensure_ascii=False)
    if kind.startswith("text/"):
        return resp.data.decode("utf-8-sig")
    if kind.endswith("spreadsheetml.sheet"):
        book = load_workbook(io.BytesIO(resp.data))
        return "\n".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    if kind.endswith("wordprocessingml.document"):
        with zipfile.ZipFile(io.BytesIO(resp.data)) as docx:
            return re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    return ""  # a photo, a poster, a PDF: nothing of another office's to read in them (the ids asked are A's)


def _without_transfer_choices(body):
    """The answer without the 转办 form's choices: every legal-aid centre's public name, by design."""
    if isinstance(body, dict) and isinstance(body.get("actions"), list):
        body = {**body, "actions": [{**form, "fields": [{**f, "choices": []} for f in form["fields"]]}
                                    if form.get("action") == "transfer" else form for form in body["actions"]]}
    return body


def _ids_named(value, found: list, key=None):
    if isinstance(value, dict):
        for k, v in value.items():
            _ids_named(v, found, k)
    elif isinstance(value, list):
        for v in value:
            _ids_named(v, found, key)
    elif key in ID_KEYS and isinstance(value, int):
        found.append((ID_KEYS[key], value))


def _urls(spec, values):
    for path, ops in sorted(spec["paths"].items()):
        if "get" not in ops or path in PUBLIC:
            continue
        names = re.findall(r"{(\w+)}", path)
        unknown = [n for n in names if n not in values]
        assert not unknown, f"{path}: the walk cannot fill {unknown}; add A's record to a_values"
        url = re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), path)
        yield url
        for query in EXTRA.get(path, []):
            yield url + query


@pytest.mark.parametrize("who", ["staff_a", "lawyer_a", "volunteer_a", "admin_a"])
def test_county_a_finds_nothing_of_county_b_on_any_get(client, counties, who):
    headers = counties["people"][who]
    spec = client.get("/api/v1/openapi.json").get_json()
    walked, leaks = 0, []
    for url in _urls(spec, counties["a_values"]):
        resp = client.get(url, headers=headers)
        assert resp.status_code < 500, (url, resp.status_code)
        walked += resp.status_code == 200
        text = _text(resp)
        leaks += [(url, s) for s in counties["b_strings"] if s and s in text]
        if resp.mimetype == "application/json":
            found: list = []
            _ids_named(resp.get_json(), found)
            leaks += [(url, kind, i) for kind, i in found if i in counties["b_ids"][kind]]
    assert not leaks, leaks
    least = {"staff_a": 25, "lawyer_a": 8, "volunteer_a": 12, "admin_a": 25}[who]
    assert walked >= least, walked  # the walk read real answers


def test_the_check_is_not_blind(client, counties):
    """The same reads by county B's own admin show B's records, with the mark."""
    headers = counties["people"]["admin_b"]
    text = _text(client.get("/api/v1/cases", headers=headers)) + _text(client.get("/api/v1/audit", headers=headers))
    assert MARK in text
