"""A case's particulars (案件要素, issue 21): what the papers need and the application never asked the worker.

The handlers (staff of the case's office or above, the assigned lawyer) fill them in on the case page: the
worker's address, the employer's and the contractor's address, legal representative and 统一社会信用代码,
whether the employer admits the employment, where the 工伤认定 stands, the 伤残等级, the witnesses and the
arbitration commission's name. The 劳动仲裁申请书 (劳动争议调解仲裁法第二十八条: the parties' names, addresses,
the unit's legal representative; the evidence and the witnesses' names and addresses), the 工伤认定申请表 and the
支付令申请书 are drawn from them (documents.py, through the case view's "particulars").

Stored as one JSON object on the application (`Application.particulars`); NULL, a missing key or a value of the
wrong kind reads as its default (`read`): the case view always carries every key. Reading them on their own is an
audited read of the case ("particulars"); saving them is audited as "case_particulars_update" with the names of
the keys that changed, never their values (an address is personal data).
"""
from ...accounts.audit import record_view
from ...accounts.models import User
from ...extensions import db
from ..access import application_for_handler, case_role, read_case
from ..models import Application

EMPLOYER_KINDS = {"company": "单位", "individual": "个人（包工头）"}  # "" = 不清楚
RECOGNITION = {"not_applied": "还没申请工伤认定", "applied": "已申请，还没有结论", "recognised": "已认定为工伤",
               "not_recognised": "认定不是工伤"}  # "" = 不清楚
ADDRESS_MAX = 200
NAME_MAX = 40
TITLE_MAX = 40
COMMISSION_MAX = 80
WITNESSES_MAX = 10
GRADES = range(1, 11)  # 伤残等级 一级 … 十级 (劳动能力鉴定)

# Every key with its empty value, in the order the form asks them.
DEFAULTS: dict = {
    "worker_address": "",
    "employer_kind": "",
    "employer_address": "",
    "employer_legal_rep": "",
    "employer_legal_rep_title": "",
    "employer_credit_code": "",
    "contractor_address": "",
    "contractor_legal_rep": "",
    "contractor_legal_rep_title": "",
    "contractor_credit_code": "",
    "employment_denied": None,
    "injury_recognition": "",
    "recognised_on": "",
    "disability_grade": None,
    "witnesses": [],
    "commission": "",
}
TEXT_KEYS = [k for k, v in DEFAULTS.items() if v == "" and k not in ("employer_kind", "injury_recognition")]


def _choice(value, allowed) -> str:
    return value if isinstance(value, str) and value in allowed else ""


def _witnesses(value) -> list[dict]:
    if not isinstance(value, list):
        return []
    return [{"name": str(w.get("name") or ""), "address": str(w.get("address") or "")}
            for w in value[:WITNESSES_MAX] if isinstance(w, dict)]


def read(application: Application) -> dict:
    """The case's particulars, every key present: what was saved, and the default for anything not (or not well)
    saved. A new dict: the caller may change it freely."""
    return whole(application.particulars)


def whole(stored) -> dict:
    """`stored` (a saved object, or anything at all) as the particulars: every key, each of its kind or its default."""
    stored = stored if isinstance(stored, dict) else {}
    out = {k: stored[k] if isinstance(stored.get(k), str) else "" for k in TEXT_KEYS}
    grade = stored.get("disability_grade")
    denied = stored.get("employment_denied")
    return {**DEFAULTS, **out,
            "employer_kind": _choice(stored.get("employer_kind"), EMPLOYER_KINDS),
            "injury_recognition": _choice(stored.get("injury_recognition"), RECOGNITION),
            "employment_denied": denied if isinstance(denied, bool) else None,
            "disability_grade": grade if isinstance(grade, int) and not isinstance(grade, bool) and grade in GRADES
            else None,
            "witnesses": _witnesses(stored.get("witnesses"))}


def for_case(application_id: int, user: User) -> dict:
    """The case's particulars, for its handler: an audited read of the case."""
    return read(read_case(user, application_id, "particulars"))


def save(application_id: int, user: User, data: dict) -> dict:
    """Replace the case's particulars with `data` (checked at the edge; a key left out takes its default), by a
    handler of the case; one unit of work, audited with the names of the keys that changed. What is now saved."""
    application = application_for_handler(application_id, user)
    before = read(application)
    after = whole(data)
    application.particulars = after  # a new object: the JSON column sees the change
    changed = [k for k in DEFAULTS if before[k] != after[k]]
    db.session.flush()
    record_view(user, "case_particulars_update", "aid_application", application.id,
                {"fields": changed, "why": case_role(user, application)})
    db.session.commit()
    return read(application)
