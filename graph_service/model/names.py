"""Name matching keys: how a name sounds, so spelling variants still find the person."""

from __future__ import annotations

import re

import jellyfish

__all__ = ["name_tokens", "phonetic_key", "phonetic_tokens"]

_WORD = re.compile(r"[A-Za-z]+")


def name_tokens(text: str) -> list[str]:
    """The alphabetic words of a name or search, lower-cased (apostrophes split words)."""
    return [word.lower() for word in _WORD.findall(text)]


def phonetic_tokens(word: str) -> list[str]:
    """Soundex and Metaphone codes of one word: Siobhan and Shivaun share S150."""
    return [jellyfish.soundex(word).lower(), "m" + jellyfish.metaphone(word).lower()]


def phonetic_key(*names: str) -> str:
    """Every phonetic code of every word in the names, space-separated, for indexing."""
    codes = [code for name in names for word in name_tokens(name) for code in phonetic_tokens(word)]
    return " ".join(dict.fromkeys(codes))
