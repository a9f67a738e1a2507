"""Identifiers for requests and audit events: unique, but not secret."""

from __future__ import annotations

import random

__all__ = ["random_hex"]


def random_hex() -> str:
    """128 random bits as 32 hex digits, like `uuid4().hex`.

    Nothing depends on these being unguessable, so Python's generator serves: it is
    reseeded in every forked child (so workers never share a sequence) and, unlike
    `uuid4`, costs no system call per id, which showed at a few hundred requests a second.
    """
    return f"{random.getrandbits(128):032x}"
