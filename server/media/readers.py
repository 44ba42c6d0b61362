"""Who may fetch an evidence file: media stores the photos, the domain they are attached to decides who reads them.

An upload is attached to one legal-aid application (`Upload.application_id`); the domain that owns applications
registers, at start-up, the function that answers for one reader, one application and one photo: it refuses (404
when there is no such application, 403 when it is not the reader's) or writes the read to the audit log (what was
read, the detail media gives, why the reader may) and grants, naming the case as a saved file's name goes. Media
knows nothing else about cases, as `sync/registry.py` knows nothing of the operations it replays.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Grant:
    name: str  # the case as a saved file is named after it, e.g. "ACD3-4EFG"


# (the signed-in user, the upload's application id, "view" or "download", the upload's id, the audit detail, the
# record type the audit entry names: "evidence" for a worker's photo, "case_file" for a file the office attached)
Reader = Callable[[object, int | None, str, str, dict, str], Grant]
READERS: dict[str, Reader] = {}


def register(reader: Reader, owner: str = "application") -> None:
    """Make `reader` the one asked for uploads attached to an owner of this kind: "application" (aid's), "question"
    (a photo sent with a question before it became an application, 问一问); calling it again replaces it."""
    READERS[owner] = reader


def read(user, application_id: int | None, action: str, upload_id: str, detail: dict,
         record_type: str = "evidence", question_id: int | None = None) -> Grant:
    """Ask the registered reader: raises to refuse; otherwise the read is in the audit log."""
    if application_id is None and question_id is not None and "question" in READERS:
        return READERS["question"](user, question_id, action, upload_id, detail, record_type)
    reader = READERS.get("application")
    if reader is None:
        raise RuntimeError("no evidence reader registered: create_app registers aid's")
    return reader(user, application_id, action, upload_id, detail, record_type)
