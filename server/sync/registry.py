"""The operation types `/sync` knows, filled by the domains at start-up (`{type: handler}`).

A domain registers each of its offline operations with the schema of its fields (beyond the
`id`, `type` and `device_time` every operation carries), the function that applies one, and
optionally a `prepare` run once per batch over all of its operations (to load and lock in bulk).
`apply` returns the result (`status` "applied" or "duplicate", and what the device needs) or
raises `DomainError`; `finish`, run once after the batch's operations and before its commit,
writes what the domain kept in memory to write in bulk, and may complete the results `apply`
returned (with ids the database gives only then). `private` names result fields the server does not
keep (a QR token: replay records hold no token or personal data), which `replay` puts back into a
stored result when the same operation comes again. Sync knows nothing else about the domain.
"""
from dataclasses import dataclass, field
from typing import Callable

from marshmallow import Schema, ValidationError, fields

from ..inputs import Text, When


def _known_type(kind: str) -> None:
    if kind not in HANDLERS:
        raise ValidationError("只能选给出的选项之一。")


class Envelope(Schema):
    """What every operation carries; each type adds its own fields."""

    id = fields.UUID(required=True, metadata={"description": "made by the device when the person acted"})
    type = Text(required=True, validate=_known_type)
    device_time = When(required=True)


@dataclass
class Batch:
    """Who sent the batch, and a place where a domain keeps what it loaded for the batch."""

    device_id: str
    user_id: int
    role: str
    state: dict = field(default_factory=dict)


@dataclass(frozen=True)
class OperationType:
    schema: Schema
    apply: Callable[[dict, Batch], dict]
    prepare: Callable[[list[dict], Batch], None] | None = None
    finish: Callable[[Batch], None] | None = None
    private: tuple[str, ...] = ()
    replay: Callable[[dict], dict] | None = None


HANDLERS: dict[str, OperationType] = {}


def register(kind: str, fields: type[Schema], apply, prepare=None, finish=None, private=(), replay=None) -> None:
    """Make `kind` an operation type; calling it again (a second app in one process) replaces it."""
    schema = type(f"{kind.title()}Operation", (Envelope, fields), {})
    HANDLERS[kind] = OperationType(schema(), apply, prepare, finish, tuple(private), replay)
