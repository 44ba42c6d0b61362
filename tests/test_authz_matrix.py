"""Who may call what: every route of the app, for every role, and the status each one gets.

One entry per route of `app.url_map` (method and rule, exactly as Flask spells it). A route that
exists without an entry fails `test_every_route_has_an_entry`, so a new endpoint is never
shipped without saying who may use it. An entry is a dict:

    "expect": {role: status}  for every role in ROLES (use everyone(), signed_in(), only(...))
    "url":    the URL to call, or a function of the world (default: the rule itself)
    "json":   the body, or a function of (world, role); each role gets a fresh call
    "upload": a function of (world, role) giving the form fields of a multipart photo upload
    "form":   a function of (world, role) giving the fields of a multipart body sent to the url (files included)
    "headers": extra headers, or a function of (world, role) (e.g. a fresh Idempotency-Key)
    "token":  "refresh" to send the refresh token instead of the access token

Calls are made with `Authorization: Bearer` as a mini-program does; cookies and CSRF are
covered in test_accounts_tokens.py.
"""
import io
import itertools
import re
import uuid
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from server.accounts import signin
from tests import audio_files, pdfs, photos
from tests.fakes import SmsOutbox

ROLES = ("anonymous", "worker", "volunteer", "lawyer", "staff", "admin")
PASSWORD = "matrix-password-1"


def everyone(status=200):
    return {role: status for role in ROLES}


def signed_in(status=200):
    return {role: 401 if role == "anonymous" else status for role in ROLES}


def only(*roles, status=200):
    return {role: 401 if role == "anonymous" else status if role in roles else 403 for role in ROLES}


_phones = (f"1390000{n:04d}" for n in itertools.count(1))


def _fresh_code(world, _role):
    phone = next(_phones)
    with world.app.test_request_context():
        signin.request_code(phone)
    return {"phone": phone, "code": world.sms.last_code(phone)}


def _question(phone: str) -> dict:
    return {"text": "老板欠了两个月工资怎么办？", "case_type": "wages", "phone": phone, "consent_privacy": True,
            "consent_sensitive": True}


def _thread(world, _role) -> dict:
    question = world.new_question()
    return {"code": question["code"], "phone": question["phone"]}


ANSWERERS = ("volunteer", "lawyer", "staff", "admin")


def _key(_world, _role) -> dict:
    return {"Idempotency-Key": str(uuid.uuid4())}


MATRIX = {
    # operations
    "GET /healthz": {"expect": everyone()},
    "GET /readyz": {"expect": everyone()},
    # Prometheus only, with METRICS_TOKEN (not an account): no account's token opens it (tests/test_metrics.py)
    "GET /metrics": {"expect": everyone(404)},
    # the API description
    "GET /api/v1/openapi.json": {"expect": everyone()},
    "GET /api/v1/docs": {"expect": everyone()},
    "GET /api/v1/docs/assets/<name>": {"url": "/api/v1/docs/assets/swagger-ui.css", "expect": everyone()},
    # law Q&A cards: open to all
    "GET /api/v1/topics": {"expect": everyone()},
    "GET /api/v1/cards": {"url": "/api/v1/cards?q=工资", "expect": everyone()},
    "GET /api/v1/cards/<slug>": {"url": "/api/v1/cards/wage-arrears", "expect": everyone()},
    "GET /api/v1/content/pack": {"expect": everyone()},
    "GET /api/v1/content/calculators": {"expect": everyone()},
    "GET /api/v1/content/quiz": {"expect": everyone()},
    "GET /api/v1/quiz": {"expect": everyone()},
    # signing in: open to all (a signed-in person may sign in again, e.g. on another phone)
    "POST /api/v1/auth/otp": {"json": lambda w, r: {"phone": next(_phones)}, "expect": everyone(202)},
    "POST /api/v1/auth/otp/verify": {"json": _fresh_code, "expect": everyone()},
    "POST /api/v1/auth/wechat": {"json": lambda w, r: {"code": w.code2session.login_code(f"oWx-{r}")},
                                 "expect": everyone()},
    "POST /api/v1/auth/login": {"json": lambda w, r: {"username": w.staff.username, "password": PASSWORD},
                                "expect": everyone()},
    "POST /api/v1/auth/refresh": {"token": "refresh", "expect": signed_in()},
    "POST /api/v1/auth/logout": {"expect": signed_in(204)},
    "GET /api/v1/me": {"expect": signed_in()},
    # a worker signed in by phone code has no password: 422 (the role check passed)
    "POST /api/v1/me/password": {"json": {"current": "not-the-password", "new": "a-new-password-1"},
                                 "expect": {**signed_in(422)}},
    # accounts and the audit log: admins only
    "GET /api/v1/users": {"expect": only("admin")},
    "POST /api/v1/users": {"json": lambda w, r: {"role": "volunteer", "username": f"new-{r}", "password": PASSWORD},
                           "expect": only("admin", status=201)},
    "GET /api/v1/users/<int:user_id>": {"url": lambda w: f"/api/v1/users/{w.someone.id}", "expect": only("admin")},
    "PATCH /api/v1/users/<int:user_id>": {"url": lambda w: f"/api/v1/users/{w.someone.id}",
                                          "json": {"display_name": "改个名"}, "expect": only("admin")},
    "POST /api/v1/users/<int:user_id>/reveal": {"url": lambda w: f"/api/v1/users/{w.someone.id}/reveal",
                                                "json": {"field": "phone", "reason": "回电核实"},
                                                "expect": only("admin")},
    # a worker has no password to reset: the admin is told so (422); the others are refused first
    "POST /api/v1/users/<int:user_id>/password-reset": {
        "url": lambda w: f"/api/v1/users/{w.someone.id}/password-reset", "expect": only("admin", status=422)},
    "GET /api/v1/audit": {"expect": only("admin")},
    "GET /api/v1/audit.csv": {"expect": only("admin")},
    "GET /api/v1/audit.xlsx": {"expect": only("admin")},
    "GET /api/v1/audit/choices": {"expect": only("admin")},
    # offices: everyone who belongs to one reads the tree they see; admins add and change offices in their subtree
    "GET /api/v1/offices": {"expect": only("volunteer", "lawyer", "staff", "admin")},
    # the areas the offices serve (the apply form's choice of where the work was done): public, like the form
    "GET /api/v1/offices/areas": {"expect": everyone()},
    "POST /api/v1/offices": {"json": lambda w, r: {"parent_id": w.office_id, "name": f"{r}工作站", "kind": "station"},
                             "expect": only("admin", status=201)},
    "PATCH /api/v1/offices/<int:office_id>": {"url": lambda w: f"/api/v1/offices/{w.office_id}",
                                              "json": {"phone": "028-12348"}, "expect": only("admin")},
    # the office's own: staff and admins
    "POST /api/v1/office/import": {"json": {"file": {"device_id": "d", "operations": []}},
                                   "expect": only("staff", "admin")},
    "GET /api/v1/office/content": {"expect": only("staff", "admin")},
    # failed background jobs (inline here: the list is empty and no job can be retried)
    "GET /api/v1/jobs/failed": {"expect": only("admin")},
    "POST /api/v1/jobs/<job_id>/retry": {"url": "/api/v1/jobs/no-such-job/retry", "expect": only("admin", status=404)},
    # events: reading and signing up are open; running an event is for staff and its volunteers
    # (the volunteer signed in here is not one of the event's volunteers, so gets 403;
    # test_events.py covers the assigned volunteer)
    "GET /api/v1/events": {"expect": everyone()},
    "GET /api/v1/events/<int:event_id>": {"url": lambda w: f"/api/v1/events/{w.event_id}", "expect": everyone()},
    "POST /api/v1/events": {"json": {"title": "新活动", "kind": "lecture", "place": "工地大门",
                                     "starts_at": "2030-01-01T09:00:00+08:00"},
                           "expect": only("staff", "admin", status=201)},
    "PATCH /api/v1/events/<int:event_id>": {"url": lambda w: f"/api/v1/events/{w.event_id}",
                                            "json": {"description": "改一下"}, "expect": only("staff", "admin")},
    "PUT /api/v1/events/<int:event_id>/volunteers": {"url": lambda w: f"/api/v1/events/{w.event_id}/volunteers",
                                                     "json": {"user_ids": []}, "expect": only("staff", "admin")},
    "POST /api/v1/events/<int:event_id>/signups": {"url": lambda w: f"/api/v1/events/{w.event_id}/signups",
                                                   "json": lambda w, r: {"name": "工友", "phone": next(_phones)},
                                                   "expect": everyone(201)},
    "GET /api/v1/signups/<token>": {"url": lambda w: f"/api/v1/signups/{w.qr_token}", "expect": everyone()},
    # the prize quiz: an attendee (checked in) hands in answers from their own phone, signed in or not
    "POST /api/v1/quiz/answers": {"json": lambda w, r: {"qr_token": w.quiz_token(), "answers": []},
                                  "headers": lambda w, r: {"Idempotency-Key": str(uuid.uuid4())},
                                  "expect": everyone(201)},
    "GET /api/v1/events/assigned": {"expect": only("volunteer", "staff", "admin")},
    "GET /api/v1/events/<int:event_id>/roster": {"url": lambda w: f"/api/v1/events/{w.event_id}/roster",
                                                 "expect": only("staff", "admin")},
    "GET /api/v1/events/<int:event_id>/headcount": {"url": lambda w: f"/api/v1/events/{w.event_id}/headcount",
                                                    "expect": only("staff", "admin")},
    "GET /api/v1/events/<int:event_id>/attendance.xlsx": {
        "url": lambda w: f"/api/v1/events/{w.event_id}/attendance.xlsx", "expect": only("staff", "admin")},
    "GET /api/v1/events/<int:event_id>/attendance.csv": {
        "url": lambda w: f"/api/v1/events/{w.event_id}/attendance.csv", "expect": only("staff", "admin")},
    "GET /api/v1/events/<int:event_id>/poster.png": {"url": lambda w: f"/api/v1/events/{w.event_id}/poster.png",
                                                     "expect": everyone()},
    "GET /api/v1/events/<int:event_id>/report": {"url": lambda w: f"/api/v1/events/{w.event_id}/report",
                                                 "expect": only("staff", "admin")},
    "POST /api/v1/events/<int:event_id>/report": {"url": lambda w: f"/api/v1/events/{w.event_id}/report",
                                                  "json": {"people_reached": 10}, "expect": only("staff", "admin")},
    "GET /api/v1/events/<int:event_id>/report/versions": {
        "url": lambda w: f"/api/v1/events/{w.event_id}/report/versions", "expect": only("staff", "admin")},
    "POST /api/v1/events/<int:event_id>/duplicate": {"url": lambda w: f"/api/v1/events/{w.event_id}/duplicate",
                                                     "expect": only("staff", "admin", status=201)},
    # the office's screens: staff and admin only (a volunteer assigned to an event included)
    "GET /api/v1/office/events": {"url": "/api/v1/office/events?status=draft&mine=true",
                                  "expect": only("staff", "admin")},
    "GET /api/v1/office/events/<int:event_id>": {"url": lambda w: f"/api/v1/office/events/{w.event_id}",
                                                 "expect": only("staff", "admin")},
    "GET /api/v1/office/volunteers": {"url": "/api/v1/office/volunteers?q=志愿", "expect": only("staff", "admin")},
    "GET /api/v1/office/debriefs": {"expect": only("staff", "admin")},
    "GET /api/v1/office/debriefs.xlsx": {"url": "/api/v1/office/debriefs.xlsx?since=2026-01-01&until=2031-12-31",
                                         "expect": only("staff", "admin")},
    # offline sync: signed-in devices of volunteers and staff
    "POST /api/v1/sync": {"json": lambda w, r: {"device_id": f"d-{r}", "operations": [{
        "id": str(uuid.uuid4()), "type": "checkin", "event_id": w.event_id, "qr_token": w.qr_token,
        "device_time": "2030-01-01T09:05:00+08:00"}]}, "expect": only("volunteer", "staff", "admin")},
    # legal aid: anyone applies and tracks; phone-code workers list their own; handlers see the photos (the full
    # case is the case view, GET /cases/{id} below: GET /applications and /applications/{id} are retired)
    "POST /api/v1/uploads": {"upload": lambda w, r: {"upload_id": f"matrix-photo-{r}", "submission_id": f"matrix-{r}"},
                             "expect": everyone(201)},
    # voice clips (issue 22): anyone sends one; hearing one is for whom the domain it is attached to lets (an
    # unattached clip, as here, is no one's: 404 to every signed-in role; tests/test_media_audio.py has the readers)
    "POST /api/v1/audio": {"form": lambda w, r: {
        "id": f"matrix-clip-{r}", "submission_id": f"matrix-{r}",
        "file": FileStorage(io.BytesIO(audio_files.wav(1.0)), "voice.wav", content_type="audio/wav")},
        "expect": everyone(201)},
    "GET /api/v1/audio/<clip_id>": {"url": lambda w: f"/api/v1/audio/{w.clip_id}", "expect": signed_in(404)},
    "POST /api/v1/applications": {"json": lambda w, r: {**w.application["body"], "upload_ids": [],
                                                        "worker_consent_confirmed": True},
                                  "headers": lambda w, r: {"Idempotency-Key": str(uuid.uuid4())},
                                  "expect": everyone(201)},
    "GET /api/v1/applications/track": {
        "url": lambda w: f"/api/v1/applications/track?code={w.application['code']}&phone={w.application['phone']}",
        "expect": everyone()},
    "POST /api/v1/applications/track": {"json": lambda w, r: {"code": w.application["code"],
                                                              "phone": w.application["phone"]},
                                        "expect": everyone()},
    "POST /api/v1/applications/forgot-code": {"json": lambda w, r: {"phone": next(_phones)}, "expect": everyone(202)},
    "GET /api/v1/me/applications": {"expect": only("worker")},
    # 记工 backups: a worker signed in by phone code keeps their own (none yet here: 404 on one), nobody else's
    "GET /api/v1/me/daylogs": {"expect": only("worker")},
    # 问一问 (issue 22): a worker asks and follows with no account; the answerers of the question's office
    "POST /api/v1/questions": {"json": lambda w, r: _question(next(_phones)), "headers": _key, "expect": everyone(201)},
    "POST /api/v1/questions/track": {"json": _thread, "expect": everyone()},
    "POST /api/v1/questions/track/messages": {"json": lambda w, r: {**_thread(w, r), "text": "补充一句"},
                                              "headers": _key, "expect": everyone(201)},
    # a clip of another thread, or none: never heard (the asker's own clips: tests/test_questions_audio.py)
    "POST /api/v1/questions/track/audio": {"json": lambda w, r: {**_thread(w, r), "audio_id": "clip-of-nobody"},
                                           "expect": everyone(404)},
    "GET /api/v1/me/questions": {"expect": only("worker")},
    "GET /api/v1/questions": {"expect": only(*ANSWERERS)},
    "GET /api/v1/questions/<int:question_id>": {
        "url": lambda w: f"/api/v1/questions/{w.new_question()['id']}", "expect": only(*ANSWERERS)},
    "POST /api/v1/questions/<int:question_id>/claim": {
        "url": lambda w: f"/api/v1/questions/{w.new_question()['id']}/claim", "expect": only(*ANSWERERS)},
    "POST /api/v1/questions/<int:question_id>/release": {
        "url": lambda w: f"/api/v1/questions/{w.new_question()['id']}/release", "expect": only(*ANSWERERS)},
    # volunteers and lawyers answer what they claimed (409 unclaimed); staff and admin may answer without a claim
    "POST /api/v1/questions/<int:question_id>/answer": {
        "url": lambda w: f"/api/v1/questions/{w.new_question()['id']}/answer", "headers": _key,
        "json": {"text": "先收集证据。", "next_step": "collect_evidence"},
        "expect": {**only(*ANSWERERS, status=409), "staff": 201, "admin": 201}},
    "POST /api/v1/questions/<int:question_id>/convert": {
        "url": lambda w: f"/api/v1/questions/{w.new_question()['id']}/convert", "expect": only(*ANSWERERS)},
    "POST /api/v1/questions/<int:question_id>/moderate": {
        "url": lambda w: f"/api/v1/questions/{w.new_question()['id']}/moderate",
        "json": {"verdict": "spam", "reason": "广告"}, "expect": only(*ANSWERERS)},
    "POST /api/v1/questions/logged": {"json": {"channel": "hotline", "case_type": "wages", "text": "来电问欠薪"},
                                      "headers": _key, "expect": only(*ANSWERERS, status=201)},
    "GET /api/v1/me/daylogs/<client_id>": {"url": "/api/v1/me/daylogs/log-7f3a9c21",
                                           "expect": only("worker", status=404)},
    "PUT /api/v1/me/daylogs/<client_id>": {"url": "/api/v1/me/daylogs/log-7f3a9c21", "json": {
        "rate": {"kind": "day", "amount_fen": 30000},
        "entries": [{"date": "2026-03-02", "unit": "day", "hours": 8}]}, "expect": only("worker")},
    "GET /api/v1/uploads/<upload_id>": {"url": lambda w: f"/api/v1/uploads/{w.application['upload_ids'][0]}",
                                        "expect": only("staff", "admin")},
    "GET /api/v1/uploads/<upload_id>/thumbnail": {
        "url": lambda w: f"/api/v1/uploads/{w.application['upload_ids'][0]}/thumbnail",
        "expect": only("staff", "admin")},
    # case handling (issue 13): staff and admins see every case; a lawyer passes the role check but sees only
    # the cases assigned to them (none here: an empty inbox, 403 on a case; test_cases_access.py covers theirs)
    "GET /api/v1/cases": {"expect": only("lawyer", "staff", "admin")},
    "GET /api/v1/cases/<int:application_id>": {"url": lambda w: f"/api/v1/cases/{w.application['id']}",
                                               "expect": only("staff", "admin")},
    "POST /api/v1/cases/<int:application_id>/actions": {
        "url": lambda w: f"/api/v1/cases/{w.new_application()}/actions",
        "json": {"action": "accept", "checklist": {"work_facts_confirmed": True, "arrears_checked": True,
                                                   "employer_identified": True}},
        "expect": only("staff", "admin")},
    "GET /api/v1/cases/<int:application_id>/audit": {"url": lambda w: f"/api/v1/cases/{w.application['id']}/audit",
                                                     "expect": only("staff", "admin")},
    # the handler's desk (issue 21): the whole phone on a tap of 打电话, and the private notes; the case's
    # handlers only (a lawyer not assigned to the case is refused, as on the case view)
    "POST /api/v1/cases/<int:application_id>/call": {"url": lambda w: f"/api/v1/cases/{w.application['id']}/call",
                                                     "expect": only("staff", "admin")},
    "GET /api/v1/cases/<int:application_id>/notes": {"url": lambda w: f"/api/v1/cases/{w.application['id']}/notes",
                                                     "expect": only("staff", "admin")},
    "POST /api/v1/cases/<int:application_id>/notes": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/notes", "json": {"text": "工友说老板答应月底结清。"},
        "headers": lambda w, r: {"Idempotency-Key": str(uuid.uuid4())},
        "expect": only("staff", "admin", status=201)},
    # a case's hearings (issue 21): its handlers list them, record them and download each as an .ics; 我的日程 is
    # the lawyer's own (the matrix's lawyer holds no case: an empty list)
    "GET /api/v1/cases/<int:application_id>/hearings": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/hearings", "expect": only("staff", "admin")},
    "POST /api/v1/cases/<int:application_id>/hearings": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/hearings",
        "json": {"kind": "mediation", "starts_at": "2027-01-15T09:30", "place": "武侯区劳动人事争议仲裁院"},
        "headers": lambda w, r: {"Idempotency-Key": str(uuid.uuid4())}, "expect": only("staff", "admin", status=201)},
    "GET /api/v1/cases/<int:application_id>/hearings/<int:hearing_id>.ics": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/hearings/{w.hearing_id}.ics",
        "expect": only("staff", "admin")},
    # a hearing moved (改期) or cancelled (kept): the case's handlers only (cancelling again answers the same)
    "PATCH /api/v1/cases/<int:application_id>/hearings/<int:hearing_id>": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/hearings/{w.hearing_id}",
        "json": lambda w, r: {"place": f"武侯区法院（{r}）"}, "expect": only("staff", "admin")},
    "DELETE /api/v1/cases/<int:application_id>/hearings/<int:hearing_id>": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/hearings/{w.hearing_id}",
        "expect": only("staff", "admin")},
    "GET /api/v1/me/hearings": {"expect": only("lawyer")},
    # a case's particulars (issue 21): its handlers read them and save them whole (a lawyer not on the case: 403)
    "GET /api/v1/cases/<int:application_id>/particulars": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/particulars", "expect": only("staff", "admin")},
    "PUT /api/v1/cases/<int:application_id>/particulars": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/particulars",
        "json": {"employer_address": "成都市武侯区某路 1 号", "employment_denied": True},
        "expect": only("staff", "admin")},
    "GET /api/v1/cases/groups/<key>": {"url": lambda w: f"/api/v1/cases/groups/{w.group_key}",
                                       "expect": only("staff", "admin")},
    "GET /api/v1/cases/figures": {"expect": only("staff", "admin")},
    # the work-report figures (tests/test_stats.py): the office's staff and admins, for their subtree
    "GET /api/v1/stats": {"expect": only("staff", "admin")},
    "GET /api/v1/stats/<figure>/records": {"url": "/api/v1/stats/aid.received/records",
                                           "expect": only("staff", "admin")},
    "GET /api/v1/stats/report.xlsx": {"expect": only("staff", "admin")},
    # sites (tests/test_sites.py): anyone reads a site's board facts; the office's staff manage and print them
    "GET /api/v1/sites": {"url": "/api/v1/sites?q=矩阵", "expect": only("staff", "admin")},
    "POST /api/v1/sites": {"json": lambda w, r: {"name": f"矩阵工地（{r}）"},
                           "expect": only("staff", "admin", status=201)},
    "GET /api/v1/sites/<code>": {"url": lambda w: f"/api/v1/sites/{w.site_code}", "expect": everyone()},
    "PATCH /api/v1/sites/<code>": {"url": lambda w: f"/api/v1/sites/{w.site_code}", "json": {"pay_day": "每月15日"},
                                   "expect": only("staff", "admin")},
    "GET /api/v1/sites/<code>/records": {"url": lambda w: f"/api/v1/sites/{w.site_code}/records",
                                         "expect": only("staff", "admin")},
    "GET /api/v1/sites/<code>/board.pdf": {"url": lambda w: f"/api/v1/sites/{w.site_code}/board.pdf?size=A4",
                                           "expect": only("staff", "admin")},
    "GET /api/v1/sites/<code>/board.png": {"url": lambda w: f"/api/v1/sites/{w.site_code}/board.png?size=A4",
                                           "expect": only("staff", "admin")},
    "GET /api/v1/lawyers": {"expect": only("staff", "admin")},
    "GET /api/v1/lawyers/<int:lawyer_id>/cases": {"url": lambda w: f"/api/v1/lawyers/{w.someone.id}/cases",
                                                  "expect": only("staff", "admin")},
    # the worker adds materials by code and phone, like tracking (anyone holding both may)
    "POST /api/v1/applications/track/materials": {
        "json": lambda w, r: {**w.materials_case(), "text": f"补一张欠条（{r}）"},
        "headers": lambda w, r: {"Idempotency-Key": str(uuid.uuid4())}, "expect": everyone()},
    # a case's documents: its handlers only (a lawyer not assigned to the case is refused it)
    "GET /api/v1/cases/<int:application_id>/documents/<any(aid_application, arbitration_claim, injury_recognition,"
    " payment_order, appointment_letter, agency_agreement, power_of_attorney):kind>.<any(docx, pdf):fmt>": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/documents/aid_application.pdf",
        "expect": only("staff", "admin")},
    # the case file: its handlers list it and attach to it (a lawyer not assigned to the case is refused)
    "GET /api/v1/cases/<int:application_id>/files": {"url": lambda w: f"/api/v1/cases/{w.application['id']}/files",
                                                     "expect": only("staff", "admin")},
    "POST /api/v1/cases/<int:application_id>/files": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/files",
        "form": lambda w, r: {"kind": "mediation_agreement", "dated_on": "2026-11-20", "label": f"调解书（{r}）",
                              "file": FileStorage(io.BytesIO(pdfs.handwritten()), "调解书.pdf", "application/pdf")},
        "headers": lambda w, r: {"Idempotency-Key": str(uuid.uuid4())}, "expect": only("staff", "admin", status=201)},
    # an office file attached by mistake, removed (kept, marked): whoever added it, staff (removing it again: the same)
    "DELETE /api/v1/cases/<int:application_id>/files/<upload_id>": {
        "url": lambda w: f"/api/v1/cases/{w.application['id']}/files/{w.case_file_id}",
        "expect": only("staff", "admin", status=204)},
    # the PWA: any app route opens the shell
    "GET /": {"expect": everyone()},
    "GET /<path:path>": {"url": "/cards/wage-arrears", "expect": everyone()},
    # a site's page, its board's facts in the first HTML (tests/test_sites.py): anyone
    "GET /s/<code>": {"url": lambda w: f"/s/{w.site_code}", "expect": everyone()},
}


def routes(app) -> set[str]:
    # Keyed by what a rule matches, not how: a signed int is still an id, the shell's path still a path.
    return {f"{method} {_plain(rule.rule)}" for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def _plain(rule: str) -> str:
    return rule.replace("<int(signed=True):", "<int:").replace("<outside_api:", "<path:")


@pytest.fixture
def world(make_app, make_user, make_application, code2session, tmp_path):
    """An app with content, a built-looking PWA, WeChat, a texting stub and a few accounts."""
    (tmp_path / "index.html").write_text("<!doctype html><title>工友法援</title>")
    app = make_app(PWA_DIST=str(tmp_path), **code2session.config)
    from server.cards.loader import load_content
    with app.app_context():
        load_content(app)
    sms = app.extensions["sms_sender"] = SmsOutbox()
    from server.events import debriefs, signups
    from server.events import service as events
    with app.app_context():
        event = events.create_event({"title": "矩阵活动", "kind": "lecture", "place": "工地", "status": "published",
                                     "starts_at": datetime.now(timezone.utc) + timedelta(days=1)}, None)
        attendee, _ = signups.sign_up(event, {"name": "报名人", "phone": "13700001111"})
        debriefs.save_report(event, {"people_reached": 5}, None)
        event_id, qr_token = event.id, attendee.qr_token
    application = make_application(app.test_client(), photos=1)
    # A second application at the same site makes a group claim.
    make_application(app.test_client(), applicant_name="李四", phone="13800138001")

    def new_application():
        return make_application(app.test_client(), phone=next(_phones))["id"]

    def quiz_token():
        """A fresh attendee, checked in, at an event with a quiz: their QR token."""
        with app.app_context():
            quiz_event = events.create_event({"title": "有奖问答", "kind": "lecture", "place": "工地",
                                              "status": "published",
                                              "starts_at": datetime.now(timezone.utc) + timedelta(days=1),
                                              "quiz": {"question_count": 1, "pass_mark": 1}}, None)
            person, _ = signups.sign_up(quiz_event, {"name": "答题人", "phone": next(_phones)})
            signups.check_in(person, device_id="gate", device_time=datetime.now(timezone.utc),
                             operation_id=str(uuid.uuid4()), method="search", user_id=None)
            from server.extensions import db
            db.session.commit()
            return person.qr_token

    def new_question():
        """A fresh question of the root office, where every account of the matrix belongs: its id, code and phone."""
        phone = next(_phones)
        resp = app.test_client().post("/api/v1/questions", json=_question(phone),
                                      headers={"Idempotency-Key": str(uuid.uuid4())})
        assert resp.status_code == 201, resp.get_json()
        return {**resp.get_json(), "phone": phone}

    def materials_case():
        """A fresh application waiting for materials: its code and phone."""
        from server.aid.cases import workflow
        from server.aid.models import Application
        from server.extensions import db
        sent = make_application(app.test_client(), phone=next(_phones))
        with app.app_context():
            workflow.apply(db.session.get(Application, sent["id"]), "request_materials", {"asked": "欠条照片"},
                           None, system=True)
        return {"code": sent["code"], "phone": sent["phone"]}

    with app.app_context():
        from server.aid.models import Application
        from server.extensions import db
        group_key = db.session.get(Application, application["id"]).group_key
        from server.offices.scope import default_office_id
        office_id = default_office_id()
        hearing_id = _hearing(application["id"])
        case_file_id = _case_file(application["id"])
        clip_id = _clip()
        site_code = _site(office_id)
        db.session.commit()
    return SimpleNamespace(app=app, sms=sms, code2session=code2session, event_id=event_id, qr_token=qr_token,
                           application=application, new_application=new_application, materials_case=materials_case,
                           quiz_token=quiz_token, new_question=new_question,
                           group_key=group_key, office_id=office_id, hearing_id=hearing_id,
                           case_file_id=case_file_id, site_code=site_code, clip_id=clip_id,
                           staff=make_user("staff", app=app, password=PASSWORD),
                           someone=make_user("worker", app=app, phone="13812345678"))


def _hearing(application_id: int) -> int:
    """A 调解 on the world's case (GET .../hearings/{hearing_id}.ics)."""
    from server.aid.models import Hearing
    from server.extensions import db
    hearing = Hearing(application_id=application_id, kind="mediation", place="武侯区劳动人事争议仲裁院",
                      starts_at=datetime.now(timezone.utc) + timedelta(days=10))
    db.session.add(hearing)
    db.session.flush()
    return hearing.id


def _site(office_id: int) -> str:
    """A site of the root office, where every account of the matrix belongs (GET /sites/{code} ...)."""
    from server.extensions import db
    from server.sites.models import Site
    site = Site(code="MATR7X4Y", office_id=office_id, name="矩阵工地", contractor="某某建设集团")
    db.session.add(site)
    db.session.flush()
    return site.code


def _case_file(application_id: int) -> str:
    """A file the office attached to the world's case (DELETE .../files/{upload_id}): no bytes needed to remove it."""
    from server.extensions import db
    from server.media.models import Upload
    db.session.add(Upload(id="matrix-case-file", submission_id=f"case-{application_id}", sha256="", label="调解书",
                          image_key="none.pdf", thumb_key="", width=0, height=0, bytes_in=1, bytes_out=1,
                          application_id=application_id, content_type="application/pdf", kind="mediation_agreement"))
    db.session.flush()
    return "matrix-case-file"


def _clip() -> str:
    """A voice clip sent and not attached to anything yet (GET /audio/{clip_id}): no bytes needed to refuse it."""
    from server.extensions import db
    from server.media.audio_models import AudioClip
    db.session.add(AudioClip(id="matrix-clip-0001", submission_id="matrix-question", sha256="", key="none.m4a",
                             duration_ms=1000, bytes_in=1, bytes_out=1, state="ready"))
    db.session.flush()
    return "matrix-clip-0001"


def test_every_route_has_an_entry(app):
    missing = sorted(routes(app) - set(MATRIX))
    stale = sorted(set(MATRIX) - routes(app))
    assert not missing, f"routes with no entry in the authorization matrix: {missing}"
    assert not stale, f"entries for routes that no longer exist: {stale}"


def test_every_entry_names_every_role():
    for key, entry in MATRIX.items():
        assert set(entry["expect"]) == set(ROLES), key


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_each_role_gets_the_expected_status(world, auth, route):
    entry = MATRIX[route]
    method, rule = route.split(" ", 1)
    got = {}
    for role in ROLES:
        client = world.app.test_client()
        headers = {}
        if role != "anonymous":
            signed = auth(client, role)
            headers = signed.refresh if entry.get("token") == "refresh" else dict(signed)
        url = entry.get("url", rule)
        url = url(world) if callable(url) else url
        body = entry.get("json")
        body = body(world, role) if callable(body) else body
        extra = entry.get("headers", {})
        headers.update(extra(world, role) if callable(extra) else extra)
        if "form" in entry:
            boundary, data = encode_multipart(entry["form"](world, role))
            resp = client.post(url, data=data, content_type=f"multipart/form-data; boundary={boundary}",
                               headers=headers)
            got[role] = resp.status_code
            continue
        if "upload" in entry:
            resp = photos.post_photo(client, photos.jpeg(800, 600), headers=headers, **entry["upload"](world, role))
            got[role] = resp.status_code
            continue
        with client.open(url, method=method, headers=headers, json=body) as resp:
            got[role] = resp.status_code
    assert got == entry["expect"]


def test_the_api_description_says_who_may_call_each_endpoint(app):
    """The OpenAPI description (x-roles, security) agrees with the matrix: a role it leaves out is refused."""
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    for route, entry in MATRIX.items():
        method, rule = route.split(" ", 1)
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)
        if path not in spec["paths"]:
            continue  # not part of the API (health checks, the PWA, the description itself)
        op = spec["paths"][path][method.lower()]
        roles = op.get("x-roles")
        refused = {role for role, status in entry["expect"].items() if status in (401, 403)}
        if roles is None:
            assert not refused and "security" not in op, route
        else:
            assert entry["expect"]["anonymous"] == 401 and op["security"], route
            assert set(ROLES[1:]) - set(roles) <= refused, route


BEFORE_PASSWORD_CHANGE = {"GET /api/v1/me", "POST /api/v1/me/password", "POST /api/v1/auth/logout",
                          "POST /api/v1/auth/refresh"}


def test_someone_holding_a_one_time_password_can_only_change_it(world, auth, make_user):
    """Every signed-in route but /me, the password change, refresh and sign-out: 403 password_change_required."""
    spec = world.app.test_client().get("/api/v1/openapi.json").get_json()
    pending = make_user("admin", app=world.app)
    with world.app.app_context():
        from server.accounts.models import User
        from server.extensions import db
        db.session.get(User, pending.id).must_change_password = True
        db.session.commit()
    for route, entry in MATRIX.items():
        method, rule = route.split(" ", 1)
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)
        op = spec["paths"].get(path, {}).get(method.lower())
        if op is None or "x-roles" not in op:
            continue  # open to all: a one-time password changes nothing there
        client = world.app.test_client()
        signed = auth(client, user=pending)
        headers = signed.refresh if entry.get("token") == "refresh" else dict(signed)
        url = entry.get("url", rule)
        url = url(world) if callable(url) else url
        body = entry.get("json")
        body = body(world, "admin") if callable(body) else body
        extra = entry.get("headers", {})
        headers.update(extra(world, "admin") if callable(extra) else extra)
        with client.open(url, method=method, headers=headers, json=body) as resp:
            code = (resp.get_json(silent=True) or {}).get("error_code")
            if route in BEFORE_PASSWORD_CHANGE:
                assert code != "password_change_required", route
            else:
                assert (resp.status_code, code) == (403, "password_change_required"), route
