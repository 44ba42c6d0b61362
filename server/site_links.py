"""Where applications, the inbox, the case view and events meet sites without importing them (shared ground): the
sites domain (sites/links.py) fills these at start-up, as accounts/hooks.py is filled. Until then (a bare app
without sites) nothing names a site: no site is linked and a site filter finds nothing."""
from collections.abc import Callable
from typing import Any


def _none(*_args, **_kwargs):
    return None


# (an application's loaded fields) -> the site's id, its empty fields filled from the board; 422 for a bad code
fill_application: Callable[[dict], int | None] = _none
# (a site code, the reader) -> the id of that site of the reader's offices; 404 for any other
office_site_id: Callable[[str, Any], int | None] = _none
# (a select of applications) -> [{code, name, count}] of the sites they came from, most first
by_site: Callable[[Any], list[dict]] = lambda _query: []  # noqa: E731
# (a site id or None) -> {code, code_display, name, status, status_label} or None
ref: Callable[[int | None], dict | None] = _none
# (an event's site_code as typed, or None) -> the site's code as stored, or None; 422 for an unknown code
event_site_code: Callable[[str | None], str | None] = lambda raw: raw  # noqa: E731
# (a site code as typed) -> the code as stored, or None when no site has it (a co-worker's day-log confirmation)
known_site_code: Callable[[str], str | None] = _none


def register(**hooks) -> None:
    """Set the hooks by name (calling it again, for a second app in one process, sets them again)."""
    for name, hook in hooks.items():
        if name not in ("fill_application", "office_site_id", "by_site", "ref", "event_site_code", "known_site_code"):
            raise KeyError(name)
        globals()[name] = hook
