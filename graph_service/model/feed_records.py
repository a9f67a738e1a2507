"""How the graph knows the records agencies send: by the agency, the kind of record and
the agency's own id for it (a record key), and under an id derived from that key, so the
same record gets the same id in every import, on every machine."""

from __future__ import annotations

import hashlib
from enum import StrEnum

__all__ = [
    "ADDRESS",
    "COLUMNS",
    "ORDER",
    "FeedKind",
    "columns",
    "entity_id",
    "household_key",
    "record_key",
]


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

# The address an agency gives: a first line and postcode, with what it knows beside.
ADDRESS = ("address_line1", "postcode", "town", "area", "protected")

# Each kind's columns, the public contract (docs/feeds.md): (required, optional). Every
# kind also takes `withdrawn`.
COLUMNS: dict[FeedKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    FeedKind.PEOPLE: (
        ("record_id", "given_name", "family_name", "date_of_birth", "sex", *ADDRESS[:2]),
        (*ADDRESS[2:], "address_from", "deceased_on", "due_date", "ordinarily_resident_uk"),
    ),
    FeedKind.ADDRESSES: (
        ("record_id", "person_record_id", *ADDRESS[:2], "from_date"),
        ("to_date", *ADDRESS[2:], "person_agency"),
    ),
    FeedKind.HOUSEHOLDS: (
        ("record_id", "household_record_id", "person_record_id", "from_date"),
        ("to_date", "role", "household_kind", "locality", "person_agency", *ADDRESS),
    ),
    FeedKind.KNOWN_TO: (
        ("record_id", "person_record_id", "from_date"),
        ("to_date", "person_agency"),
    ),
    FeedKind.RELATIONSHIPS: (
        ("record_id", "type", "from_person_record_id", "to_person_record_id", "from_date"),
        (
            "to_date",
            "parent_kind",
            "partner_kind",
            "parental_responsibility",
            "sibling_kind",
            "partner_status",
            "associate_kind",
            "from_person_agency",
            "to_person_agency",
        ),
    ),
    FeedKind.CONCERNS: (
        ("record_id", "code", "raised_on"),
        (
            "person_record_id",
            "person_agency",
            "household_record_id",
            "household_agency",
            "severity",
            "description",
            "closed_on",
        ),
    ),
    FeedKind.HAZARDS: (
        ("record_id", "kind", "description", "recorded_on", "review_on"),
        ("person_record_id", "person_agency", *ADDRESS),
    ),
    FeedKind.CASES: (
        ("record_id", "person_record_id", "kind", "opened_on"),
        (
            "person_agency",
            "decided_on",
            "assessment_completed_on",
            "closed_on",
            "household_record_id",
            "household_agency",
            "locality",
        ),
    ),
}


def columns(kind: FeedKind) -> tuple[str, ...]:
    """Every column a kind's file may have, required first (as the export writes them)."""
    required, optional = COLUMNS[kind]
    return (*required, *optional, "withdrawn")


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
