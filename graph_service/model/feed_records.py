"""How the graph knows the records agencies send: by the agency, the kind of record and
the agency's own id for it (a record key), and under an id derived from that key, so the
same record gets the same id in every import, on every machine."""

from __future__ import annotations

import hashlib
from enum import StrEnum

__all__ = ["ORDER", "FeedKind", "entity_id", "household_key", "record_key"]


class FeedKind(StrEnum):
    """A kind of record, one file each; the file is named after it (`people.csv`)."""

    PEOPLE = "people"
    ADDRESSES = "addresses"
    HOUSEHOLDS = "households"
    KNOWN_TO = "known_to"
    RELATIONSHIPS = "relationships"
    CONCERNS = "concerns"
    HAZARDS = "hazards"
    CASES = "cases"


# The order files are imported in: records are sent before other records name them.
ORDER = tuple(FeedKind)


def record_key(agency_id: str, kind: FeedKind, record_id: str) -> str:
    """A record as an agency knows it: which agency, which kind, its own id."""
    return f"{agency_id}\x1f{kind.value}\x1f{record_id}"


def household_key(agency_id: str, record_id: str) -> str:
    """A household, as the agency that records its members knows it (households have no
    file of their own: memberships name them)."""
    return f"{agency_id}\x1fhousehold\x1f{record_id}"


def entity_id(prefix: str, key: str) -> str:
    """The graph's id for a record: the same record, the same id, in every import."""
    return f"{prefix}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
