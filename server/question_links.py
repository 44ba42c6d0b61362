"""Where applications and the case view meet questions (问一问, server/questions/) without importing them (shared
ground, as site_links.py is): the questions domain fills these at start-up. Until then (a bare app without
questions) an application names no question and a case has no question audio."""
from collections.abc import Callable
from typing import Any

# (a just-flushed application, the question's code as typed, the applicant's phone) -> None: the question linked,
# its photos the application's evidence; 422 for a code that is not this phone's question
link_application: Callable[[Any, str, str], None] = lambda _application, _code, _phone: None  # noqa: E731
# (an application id) -> [{id, duration_ms}]: the voice clips of the question it came from
audio_for: Callable[[int], list[dict]] = lambda _application_id: []  # noqa: E731


def register(**hooks) -> None:
    """Set the hooks by name (calling it again, for a second app in one process, sets them again)."""
    for name, hook in hooks.items():
        if name not in ("link_application", "audio_for"):
            raise KeyError(name)
        globals()[name] = hook
