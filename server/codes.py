"""Tracking codes a worker can read out over the phone: 8 characters, no look-alikes.

Left out: 0/O, 1/I/L, 2/Z, 5/S, 8/B. 25 symbols, so 25**8 (about 1.5e11) codes; with the phone
number also required and the tracking route throttled, guessing one is hopeless.
"""
import secrets
import unicodedata

ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """'ACD34EFG' -> 'ACD3-4EFG': two halves are easier to say and to write down."""
    return f"{code[:4]}-{code[4:]}"


def normalise(raw: str) -> str:
    """What a person types (spaces, dashes, lower case, full-width) -> the stored form."""
    text = unicodedata.normalize("NFKC", raw or "").upper()
    return "".join(ch for ch in text if ch.isalnum())[:LENGTH * 2]
