"""A new DATA_KEY: every protected value rewritten under it (`flask data-key rotate`).

Phones and ID numbers are kept as AES-GCM ciphertext and as keyed lookup hashes, both made from DATA_KEY
(server/pii.py); each domain names its columns with `pii.protect` (the registry `pii.PROTECTED`). To change the
key, every server is given the new one as DATA_KEY and the old one as DATA_KEY_PREVIOUS, and this walk runs once:
each value the new key cannot open is opened with the old one, encrypted again and its lookup hash made again.
Meanwhile reads still work (pii.decrypt falls back to the previous key); finding a person by phone misses the rows
not yet rewritten, so run it in a quiet hour. It commits every batch and skips what is already done, so it can be
stopped and run again. Afterwards DATA_KEY_PREVIOUS is removed from every server and the old key destroyed.
"""
from collections.abc import Iterator

from cryptography.exceptions import InvalidTag

from .extensions import db
from .pii import PROTECTED, Protected, decrypt_with, encrypt, lookup_hash

BATCH = 500


class NoPreviousKey(RuntimeError):
    pass


def rotate(batch: int = BATCH) -> dict[str, int]:
    """Rewrite every protected value under DATA_KEY; the rows changed per table. Needs DATA_KEY_PREVIOUS."""
    from flask import current_app
    if not current_app.config.get("DATA_KEY_PREVIOUS"):
        raise NoPreviousKey("DATA_KEY_PREVIOUS is not set: give the old key there and the new one as DATA_KEY")
    changed: dict[str, int] = {}
    for protected in PROTECTED:
        table = protected.model.__table__.name
        changed[table] = changed.get(table, 0)
        for rows in _batches(protected.model, batch):
            changed[table] += sum(_rewrite(row, protected) for row in rows)
            db.session.commit()
    return changed


def _batches(model, size: int) -> Iterator[list]:
    last = 0
    while True:
        rows = list(db.session.scalars(db.select(model).where(model.id > last).order_by(model.id).limit(size)))
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _rewrite(row, protected: Protected) -> bool:
    changed = False
    for column, hash_column in protected.columns.items():
        plain = _old(getattr(row, column))
        if plain is not None:
            setattr(row, column, encrypt(plain))
            if hash_column:
                setattr(row, hash_column, lookup_hash(plain))
            changed = True
    for column, (enc_key, hash_key) in protected.lists.items():
        items = [dict(item) for item in getattr(row, column) or []]
        for item in items:
            plain = _old(item.get(enc_key))
            if plain is not None:
                item[enc_key], item[hash_key] = encrypt(plain), lookup_hash(plain)
                changed = True
        if changed:
            setattr(row, column, items)  # a new list: the JSON column sees the change
    return changed


def _old(token: str | None) -> str | None:
    """The value when it is still under the previous key; None when empty or already under DATA_KEY."""
    if not token:
        return None
    try:
        decrypt_with("DATA_KEY", token)
        return None
    except InvalidTag:
        return decrypt_with("DATA_KEY_PREVIOUS", token)
