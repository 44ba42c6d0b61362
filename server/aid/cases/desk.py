"""The handler's desk on one case (issue 21): calling the worker and the case's private notes.

Calling: the case view shows the worker's phone masked; the whole number leaves only when a handler taps 打电话,
each tap one audited read (`read_case`, action "call", with why: the reader's part in the case), for a `tel:` link.

Notes: a handler's own notes on the case (staff of the case's office or above, the assigned lawyer), newest
first, with author and time. They are the handlers' alone: the worker's tracking answer, the texts and the papers
never read them. Reading them is an audited read of the case ("notes"); writing one is audited as "note" with
its length, never its words.
"""
from ...accounts.audit import record_view
from ...accounts.models import ROLE_NAMES, User
from ...errors import NotFound
from ...extensions import db
from ...pii import decrypt
from ..access import application_for_handler, case_role, read_case
from ..models import CaseNote

NOTE_MAX = 2000


def call_number(application_id: int, user: User) -> dict:
    """The worker's whole phone for a `tel:` link; the read audited as a call, with why."""
    application = read_case(user, application_id, "call", field="phone")
    phone = decrypt(application.phone_enc)
    return {"phone": phone, "tel": f"tel:{phone}"}


def _out(note: CaseNote, names: dict) -> dict:
    role = ROLE_NAMES.get(note.author_role, note.author_role)
    name = names.get(note.author_id) or role
    return {"id": note.id, "text": note.text, "at": note.created_at, "by": f"{name}（{role}）",
            "author_id": note.author_id}


def _names(notes: list[CaseNote]) -> dict:
    ids = {n.author_id for n in notes if n.author_id}
    if not ids:
        return {}
    return {i: name for i, name in db.session.execute(db.select(User.id, User.display_name).where(User.id.in_(ids)))}


def notes(application_id: int, user: User) -> dict:
    """The case's private notes, newest first: an audited read of the case."""
    application = read_case(user, application_id, "notes")
    found = list(db.session.scalars(db.select(CaseNote).where(CaseNote.application_id == application.id)
                                    .order_by(CaseNote.created_at.desc(), CaseNote.id.desc())))
    names = _names(found)
    return {"items": [_out(n, names) for n in found]}


def add_note(application_id: int, user: User, text: str) -> int:
    """A new private note by a handler of the case; one unit of work. Its id (what an Idempotency-Key keeps)."""
    application = application_for_handler(application_id, user)
    note = CaseNote(application_id=application.id, author_id=user.id, author_role=user.role, text=text.strip())
    db.session.add(note)
    db.session.flush()
    record_view(user, "note", "aid_application", application.id,
                {"length": len(note.text), "why": case_role(user, application)})
    db.session.commit()
    return note.id


def note_answer(application_id: int, note_id: int, user: User) -> dict:
    """The note just written (and to a retry of the same key), for whoever still handles the case."""
    application = application_for_handler(application_id, user)
    note = db.session.get(CaseNote, note_id)
    if note is None or note.application_id != application.id:
        raise NotFound("没有这条备注。", "note_not_found")
    return _out(note, _names([note]))
