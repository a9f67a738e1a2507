"""A row of an agency's extract as the fact it records, checked by the rules the API's
mutations use (one rule set: the same functions), and named by the agency's own record
ids. What a row sets is hashed, so a row sent again unchanged is known to be."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, TypeVar

from graph_service.model.errors import DomainError, InvalidRequest
from graph_service.model.names import phonetic_key
from graph_service.model.taxonomy import (
    CaseKind,
    ConcernCode,
    HazardKind,
    HouseholdKind,
    ParentKind,
    PartnerKind,
    Severity,
    Sex,
)
from graph_service.services.addresses import NewAddress, address_props
from graph_service.services.cases import NewCase, case_props
from graph_service.services.concerns import NewConcern, concern_props
from graph_service.services.hazards import NewHazard, hazard_props
from graph_service.services.households import Membership, membership_props
from graph_service.services.people import NewPerson, person_props
from graph_service.services.relationships import (
    KnownTo,
    NewRelationship,
    RelationshipType,
    known_to_props,
    relationship_props,
)

__all__ = [
    "COLUMNS",
    "ORDER",
    "FeedKind",
    "FeedRow",
    "RowRejected",
    "column_of",
    "entity_id",
    "feed_kind",
    "parse_row",
    "record_key",
]

E = TypeVar("E", bound=Enum)


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


# The order files are imported in: records are named before other records name them.
ORDER = tuple(FeedKind)

_PERSON = ("person_record_id", "person_agency")
# Each kind's columns: (required, optional). Every kind also takes `withdrawn`.
COLUMNS: dict[FeedKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    FeedKind.PEOPLE: (
        (
            "record_id",
            "given_name",
            "family_name",
            "date_of_birth",
            "sex",
            "address_line1",
            "postcode",
        ),
        ("town", "area", "address_from", "deceased_on", "ordinarily_resident_uk"),
    ),
    FeedKind.ADDRESSES: (
        ("record_id", "person_record_id", "address_line1", "postcode", "from_date"),
        ("to_date", "town", "area", "person_agency"),
    ),
    FeedKind.HOUSEHOLDS: (
        ("record_id", "household_record_id", "person_record_id", "from_date"),
        (
            "to_date",
            "household_kind",
            "person_agency",
            "address_line1",
            "postcode",
            "town",
            "area",
        ),
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
            "from_person_agency",
            "to_person_agency",
        ),
    ),
    FeedKind.CONCERNS: (
        ("record_id", "person_record_id", "code", "raised_on"),
        ("severity", "description", "person_agency"),
    ),
    FeedKind.HAZARDS: (
        ("record_id", "person_record_id", "kind", "description", "recorded_on", "review_on"),
        ("person_agency",),
    ),
    FeedKind.CASES: (
        ("record_id", "person_record_id", "kind", "opened_on"),
        ("person_agency",),
    ),
}

# The API's names for what a rule found wrong, as this kind of file names the column.
_COLUMN_OF = {
    "sourceRecordId": "record_id",
    "reference": "record_id",
    "line1": "address_line1",
    "personId": "person_record_id",
    "fromPersonId": "from_person_record_id",
    "toPersonId": "to_person_record_id",
    "movedOn": "from_date",
}


class RowRejected(Exception):
    """What is wrong with a row, by column, in plain words."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class FeedRow:
    """A valid row: the record it is (`key`), what it sets, the person records it names
    (column -> record key) and the hash of all of that."""

    kind: FeedKind
    line: int
    record_id: str
    key: str
    withdrawn: bool
    values: dict[str, Any]
    people: dict[str, str] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        canonical = json.dumps([self.values, self.people], sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


def feed_kind(file_name: str) -> FeedKind:
    """The kind a file's name says: `people.csv`, `known_to.jsonl`."""
    stem = Path(file_name).name.split(".")[0].lower()
    try:
        return FeedKind(stem)
    except ValueError:
        kinds = ", ".join(kind.value for kind in FeedKind)
        raise ValueError(
            f"{file_name}: a feed file is named after its kind of record ({kinds})"
        ) from None


def record_key(agency_id: str, kind: FeedKind, record_id: str) -> str:
    """A record as an agency knows it: which agency, which kind, its own id."""
    return f"{agency_id}\x1f{kind.value}\x1f{record_id}"


def entity_id(prefix: str, key: str) -> str:
    """The graph's id for a record: the same record, the same id, in every import."""
    return f"{prefix}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def parse_row(
    kind: FeedKind,
    line: int,
    raw: Mapping[str, str | None],
    agency_id: str,
    agencies: Mapping[str, str],
    today: date,
) -> FeedRow:
    """The row as the record it is, or RowRejected naming the column at fault.
    `agencies`: every agency's id by its code and by its id."""
    row = _Row(raw, kind)
    record_id = row.required("record_id")
    if len(record_id) > 200:
        raise RowRejected("record_id", "is longer than 200 characters")
    withdrawn = row.flag("withdrawn") or False
    people: dict[str, str] = {}

    def person(column: str, agency_column: str) -> str:
        named = row.text(agency_column)
        owner = agency_id if named is None else agencies.get(named)
        if owner is None:
            raise RowRejected(agency_column, f"{named!r} is not an agency on record")
        key = record_key(owner, FeedKind.PEOPLE, row.required(column))
        people[column] = key
        return key

    try:
        values = {} if withdrawn else _PARSERS[kind](row, agency_id, record_id, today, person)
    except DomainError as error:
        raise RowRejected(column_of(error.field), _reason(error)) from None
    return FeedRow(
        kind, line, record_id, record_key(agency_id, kind, record_id), withdrawn, values, people
    )


def column_of(api_field: str) -> str:
    """The column a rule's field (as the API names it) is read from."""
    return _COLUMN_OF.get(api_field) or re.sub(r"([A-Z])", r"_\1", api_field).lower()


def _reason(error: DomainError) -> str:
    message = error.problem if isinstance(error, InvalidRequest) else error.message
    # The rules name the API's fields in their messages; the report names columns.
    return re.sub(r"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b", lambda m: column_of(m.group(0)), message)


class _Row:
    """A row's cells, read as the types the rules take; each failure names its column."""

    def __init__(self, raw: Mapping[str, str | None], kind: FeedKind) -> None:
        self.raw = raw
        self.kind = kind

    def text(self, column: str) -> str | None:
        return self.raw.get(column)

    def required(self, column: str) -> str:
        value = self.raw.get(column)
        if value is None:
            raise RowRejected(column, "is required" if column in self.raw else "is missing")
        return value

    def when(self, column: str, required: bool = False) -> date | None:
        value = self.required(column) if required else self.raw.get(column)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RowRejected(column, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def day(self, column: str) -> date:
        found = self.when(column, required=True)
        assert found is not None
        return found

    def flag(self, column: str) -> bool | None:
        value = self.raw.get(column)
        if value is None:
            return None
        lowered = value.lower()
        if lowered in ("true", "yes", "y", "1"):
            return True
        if lowered in ("false", "no", "n", "0"):
            return False
        raise RowRejected(column, f"{value!r} is not true or false")

    def choice(self, column: str, kind: type[E], default: E | None = None) -> E:
        """A taxonomy code, by its value or its label (case and spacing forgiven)."""
        value = self.raw.get(column)
        if value is None:
            if default is None:
                raise RowRejected(column, "is required")
            return default
        wanted = re.sub(r"[\s-]+", "_", value.strip().lower())
        for member in kind:
            label = str(getattr(member, "label", member.value))
            if wanted in (str(member.value).lower(), re.sub(r"\s+", "_", label.lower())):
                return member
        choices = ", ".join(str(member.value) for member in kind)
        raise RowRejected(column, f"{value!r} is not one of {choices}")


Person = Callable[[str, str], str]


def _people(row: _Row, agency: str, record: str, today: date, _: Person) -> dict[str, Any]:
    new = NewPerson(
        given_name=row.required("given_name"),
        family_name=row.required("family_name"),
        source_agency_id=agency,
        source_record_id=record,
        date_of_birth=row.when("date_of_birth"),
        sex=row.choice("sex", Sex, Sex.UNKNOWN),
        deceased_on=row.when("deceased_on"),
        ordinarily_resident_uk=row.flag("ordinarily_resident_uk") is not False,
    )
    props = person_props(new, today, partial=False)
    props["full_name"] = f"{props['given_name']} {props['family_name']}"
    props["name_phonetic"] = phonetic_key(props["full_name"])
    line1, postcode = row.text("address_line1"), row.text("postcode")
    address = None
    if line1 is not None or postcode is not None:
        address = _address(row, agency, record)
        address["from_date"] = row.when("address_from")
    return {"props": props, "address": address}


def _address(row: _Row, agency: str, record: str) -> dict[str, Any]:
    new = NewAddress(
        line1=row.required("address_line1"),
        postcode=row.required("postcode"),
        source_agency_id=agency,
        source_record_id=record,
        town=row.text("town"),
    )
    props = address_props(new)
    return {k: props[k] for k in ("line1", "postcode", "town")} | {"area": row.text("area")}


def _addresses(row: _Row, agency: str, record: str, today: date, person: Person) -> dict[str, Any]:
    person("person_record_id", "person_agency")
    # A move, as `recordMove` takes it, with the end date a history of addresses carries.
    joined = Membership("", "", row.day("from_date"), agency, record, row.when("to_date"))
    return {"address": _address(row, agency, record), "rel": membership_props(joined, today)}


def _households(row: _Row, agency: str, record: str, today: date, person: Person) -> dict[str, Any]:
    person("person_record_id", "person_agency")
    joining = Membership("", "", row.day("from_date"), agency, record, row.when("to_date"))
    household = row.required("household_record_id")
    kind = row.choice("household_kind", HouseholdKind, HouseholdKind.SHARED)
    return {
        "household": household,
        "household_kind": kind.value,
        "address": _address(row, agency, household) if row.text("address_line1") else None,
        "rel": membership_props(joining, today),
    }


def _known_to(row: _Row, agency: str, record: str, today: date, person: Person) -> dict[str, Any]:
    person("person_record_id", "person_agency")
    known = KnownTo("", agency, record, row.day("from_date"))
    return {"rel": known_to_props(known, today, row.when("to_date"))}


def _relationships(
    row: _Row, agency: str, record: str, today: date, person: Person
) -> dict[str, Any]:
    kind = row.choice("type", RelationshipType)
    a = person("from_person_record_id", "from_person_agency")
    b = person("to_person_record_id", "to_person_agency")
    new = NewRelationship(
        type=kind,
        from_person_id=a,
        to_person_id=b,
        from_date=row.day("from_date"),
        source_agency_id=agency,
        source_record_id=record,
        to_date=row.when("to_date"),
        parent_kind=row.choice("parent_kind", ParentKind) if row.text("parent_kind") else None,
        partner_kind=row.choice("partner_kind", PartnerKind) if row.text("partner_kind") else None,
        parental_responsibility=row.flag("parental_responsibility"),
    )
    return {"type": kind.value, "rel": relationship_props(new, today)}


def _concerns(row: _Row, agency: str, record: str, today: date, person: Person) -> dict[str, Any]:
    person("person_record_id", "person_agency")
    code = row.required("code")
    new = NewConcern(
        code=_CONCERN_CODES.get(code.lower(), code),
        raised_on=row.day("raised_on"),
        raised_by_agency_id=agency,
        source_record_id=record,
        person_id="",
        severity=row.choice("severity", Severity, Severity.MEDIUM),
        description=row.text("description"),
    )
    return {"props": concern_props(new, today)}


# A concern code by its label ("Young carer") or its name ("YOUNG_CARER") too.
_CONCERN_CODES = {c.label.lower(): c.value for c in ConcernCode} | {
    c.name.lower(): c.value for c in ConcernCode
}


def _hazards(row: _Row, agency: str, record: str, today: date, person: Person) -> dict[str, Any]:
    person("person_record_id", "person_agency")
    new = NewHazard(
        kind=row.choice("kind", HazardKind),
        description=row.required("description"),
        recorded_on=row.day("recorded_on"),
        review_on=row.day("review_on"),
        source_agency_id=agency,
        person_id="",
    )
    return {"props": hazard_props(new, today, record)}


def _cases(row: _Row, agency: str, record: str, today: date, person: Person) -> dict[str, Any]:
    person("person_record_id", "person_agency")
    new = NewCase(row.choice("kind", CaseKind), ("",), row.day("opened_on"), agency)
    return {"props": case_props(new, today, record)}


_PARSERS: dict[FeedKind, Callable[[_Row, str, str, date, Person], dict[str, Any]]] = {
    FeedKind.PEOPLE: _people,
    FeedKind.ADDRESSES: _addresses,
    FeedKind.HOUSEHOLDS: _households,
    FeedKind.KNOWN_TO: _known_to,
    FeedKind.RELATIONSHIPS: _relationships,
    FeedKind.CONCERNS: _concerns,
    FeedKind.HAZARDS: _hazards,
    FeedKind.CASES: _cases,
}
