"""A person record as record linkage reads it: the fields agencies share, and the keys
and variants derived from them that blocking and comparison use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import jellyfish

from graph_service.model.nicknames import NICKNAMES

__all__ = [
    "RELATED_AS",
    "PersonRecord",
    "linkage_row",
    "name_group",
    "recorded_apart",
    "transposed",
]

# How an agency can record two people as related: then they are two people, whom no
# reviewer could link (queries/identity_link_refusals.cypher refuses it).
RELATED_AS = ("PARENT_OF", "SIBLING_OF", "PARTNER_OF", "CARES_FOR", "ASSOCIATES_WITH")

_WORDS = re.compile(r"[a-z]+")
# An address keeps its numbers: "12 Cobblers Avenue" is not "14 Cobblers Avenue".
_ADDRESS_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class PersonRecord:
    """What one agency recorded about someone, as linkage compares it."""

    id: str
    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: str | None = None
    postcode: str | None = None
    address_line: str | None = None
    # Every address the record has them at, now or before: (postcode, first line).
    addresses_ever: tuple[tuple[str | None, str | None], ...] = ()
    # The records it is recorded as related to (RELATED_AS), either way round.
    relatives: frozenset[str] = frozenset()


def recorded_apart(a: PersonRecord, b: PersonRecord) -> bool:
    """Whether an agency recorded one as the other's relative, partner, carer or associate:
    someone's father is someone else, however alike their records are."""
    return a.id in b.relatives or b.id in a.relatives


def _name_groups() -> dict[str, str]:
    """Each name in the nickname table, to one key for its whole group. Groups that share
    a name are one group (Ted is Edward's and Theodore's), so the key is transitive."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    for full, short in NICKNAMES.items():
        for name in short:
            a, b = root(full.lower()), root(name.lower())
            parent[max(a, b)] = min(a, b)
    return {name: root(name) for name in parent}


_GROUPS = _name_groups()


def name_group(given: str) -> str:
    """The key a given name shares with its nicknames and full forms (lower case)."""
    word = given.strip().lower()
    return _GROUPS.get(word, word)


def _words(text: str | None) -> list[str]:
    return _WORDS.findall((text or "").lower())


def _soundex(word: str | None) -> str | None:
    return jellyfish.soundex(word) if word else None


def transposed(born: date | None) -> date | None:
    """The date with day and month swapped, where that is a date and another one."""
    if born is None or born.day > 12 or born.day == born.month:
        return None
    return born.replace(day=born.month, month=born.day)


def linkage_row(record: PersonRecord) -> dict[str, Any]:
    """The columns the linkage model reads: cleaned fields, phonetic keys, the name's
    nickname group and family name parts, and the date of birth transposed."""
    given, family = _words(record.given_name), _words(record.family_name)
    postcode = re.sub(r"\s+", "", (record.postcode or "").upper()) or None
    born = record.date_of_birth
    return {
        "unique_id": record.id,
        "given_name": " ".join(given) or None,
        "family_name": " ".join(family) or None,
        "given_names_known": sorted({name_group(w) for w in given}) or None,
        "family_parts": family or None,
        "given_key": _soundex(name_group(given[0]) if given else None),
        "given_sx": _soundex(given[0] if given else None),
        "family_sx": _soundex(family[0] if family else None),
        "dob": born.isoformat() if born else None,
        "dob_transposed": (swapped := transposed(born)) and swapped.isoformat(),
        "birth_year": born.year if born else None,
        "sex": record.sex or None,
        "postcode": postcode,
        "postcode_district": postcode[:-3] if postcode and len(postcode) > 4 else None,
        "address": _address_words(record.address_line) or None,
        "addresses_ever": sorted(
            {_address_key(code, line) for code, line in record.addresses_ever} - {None}
        )
        or None,
    }


def _address_key(postcode: str | None, line: str | None) -> str | None:
    """One address as a comparable key: the postcode without spaces and the first line's
    words; None without either."""
    code, words = re.sub(r"\s+", "", (postcode or "").upper()), _address_words(line)
    return f"{code} {words}" if code and words else None


def _address_words(line: str | None) -> str:
    return " ".join(_ADDRESS_WORDS.findall((line or "").lower()))
