"""Identifiers for requests and audit events: unique, but not secret."""

from __future__ import annotations

import os
import random

__all__ = ["random_hex"]

# A generator of our own: the shared one is reseeded by whoever likes (Hypothesis does,
# for every example), and repeated ids would make two requests' audit events look alike.
_generator = random.Random()  # seeded from the kernel's random source
os.register_at_fork(after_in_child=_generator.seed)  # workers never share a sequence


def random_hex() -> str:
    """128 random bits as 32 hex digits, like `uuid4().hex`.

    Nothing depends on these being unguessable, so a seeded generator serves and, unlike
    `uuid4`, costs no system call per id, which showed at a few hundred requests a second.
    """
    return f"{_generator.getrandbits(128):032x}"
