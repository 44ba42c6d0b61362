"""Who may fetch an evidence file: media stores the photos, the domain they are attached to decides who reads them.

An upload is attached to one legal-aid application (`Upload.application_id`); the domain that owns applications
registers, at start-up, the function that answers for one reader and one application: it refuses (404 when there is
no such application, 403 when it is not the reader's) or grants, saying why the reader may (the audit log's `why`)
and the name the case goes by in a saved file's name. Media knows nothing else about cases, as `sync/registry.py`
knows nothing of the operations it replays.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Grant:
    why: str  # the reader's part in the case, e.g. "assigned_lawyer", "staff"
    name: str  # the case as a saved file is named after it, e.g. "ACD3-4EFG"


Reader = Callable[[object, int | None], Grant]  # (the signed-in user, the upload's application id)
READERS: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    """Make `reader` the one asked for attached uploads; calling it again (a second app in one process) replaces it."""
    READERS["application"] = reader


def grant(user, application_id: int | None) -> Grant:
    """What the registered reader says for `user` and the application an upload is attached to (raises to refuse)."""
    reader = READERS.get("application")
    if reader is None:
        raise RuntimeError("no evidence reader registered: create_app registers aid's")
    return reader(user, application_id)
