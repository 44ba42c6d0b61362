"""What other domains hold for an account, asked when an admin switches a lawyer off or gives them another role.

A domain that keeps open work assigned to a lawyer (aid: the cases) registers at start-up a `LawyerLeaving`:
`check` runs before anything changes and refuses (409 while work is open and nobody named to take it, 422 for
a wrong taker) or returns what the lawyer holds; `hand_over` runs after the account is changed, before the
commit, and gives what was held to the taker. Accounts knows nothing else about that work.
"""
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class LawyerLeaving:
    # (the lawyer, the account id named to take over or None, whether the role changes) -> what they hold
    check: Callable[[Any, int | None, bool], Any]
    # (the admin, the lawyer, what they hold, the taker's id, whether the role changes)
    hand_over: Callable[[Any, Any, Any, int, bool], None]


LAWYER_LEAVING: dict[str, LawyerLeaving] = {}


def register_lawyer_leaving(domain: str, check, hand_over) -> None:
    """Calling it again for the same domain (a second app in one process) replaces the handler."""
    LAWYER_LEAVING[domain] = LawyerLeaving(check, hand_over)
