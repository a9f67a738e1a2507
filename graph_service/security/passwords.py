"""Local users' passwords (development and demo sign-in): argon2id hashes only."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["MIN_PASSWORD", "hash_password", "password_problem", "verify_password"]

MIN_PASSWORD = 12
_HASHER = PasswordHasher()
# Verified against when the user does not exist, so an unknown name takes as long to refuse
# as a wrong password and the timing says nothing about who has an account.
_DECOY = _HASHER.hash("not a password anyone has")


def password_problem(password: str) -> str | None:
    """What is wrong with a new password, in words; None when it will do."""
    if len(password) < MIN_PASSWORD:
        return f"must be at least {MIN_PASSWORD} characters"
    if password.strip() != password:
        return "must not start or end with a space"
    return None


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether the password matches the stored hash (None: no such user, still timed)."""
    try:
        return _HASHER.verify(stored or _DECOY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
