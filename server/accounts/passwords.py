"""Passwords: hashing, the one-time password an admin gives, and ending an account's sessions."""
import secrets

from argon2 import PasswordHasher

from .models import User

hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return hasher.hash(password)


# A one-time password is read out or copied by hand: no 0/o, 1/l/i.
_OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_password() -> str:
    """Ten characters (about 50 bits), in two groups of five: easy to read out, copy or type."""
    chars = "".join(secrets.choice(_OTP_ALPHABET) for _ in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def give_one_time_password(user: User, password: str | None = None) -> str:
    """An admin sets a password: the person must pick their own at first sign-in."""
    password = password or one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    return password


def end_all_sessions(user: User) -> None:
    """Every token issued to this account so far stops working (tokens.py checks `ver`)."""
    user.token_version = (user.token_version or 0) + 1

