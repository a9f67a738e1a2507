"""A row of an agency's extract as the fact it records, checked by the rules the API's
mutations use (one rule set: the same functions), and named by the agency's own record
ids. What a row sets is hashed, so a row sent again unchanged is known to be."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from graph_service.model import rules
from graph_service.model.errors import DomainError, InvalidRequest, check
from graph_service.model.feed_records import FeedKind, record_key
from graph_service.model.names import phonetic_key
from graph_service.model.taxonomy import (
    CaseKind,
    ConcernCode,
    HazardKind,
    HouseholdKind,
    ParentKind,
    PartnerKind,
    PartnerStatus,
    Severity,
    Sex,
    SiblingKind,
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
    "FeedRow",
    "RowRejected",
    "column_of",
    "feed_kind",
    "in_columns",
    "parse_row",
    "row_hash",
]

E = TypeVar("E", bound=Enum)


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
    """A valid row: the record it is (`key`), what it sets, the records it names (column
    -> record key: people, or households) and the hash of all of that."""

    kind: FeedKind
    line: int
    record_id: str
    key: str
    withdrawn: bool
    values: dict[str, Any]
    refs: dict[str, str] = field(default_factory=dict)
    hash: str = ""  # of the row as sent (`row_hash`)


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


def row_hash(raw: Mapping[str, str | None], order: Sequence[str] | None = None) -> str:
    """What a row says, as a digest: the same row sent again has the same one, whatever
    the order of its columns and however many blank ones it has. `order`: its columns,
    sorted, when every row of a file has the same ones (a CSV file's header)."""
    said = "\x1e".join(k + "\x1f" + v for k in (order or sorted(raw)) if (v := raw[k]) is not None)
    return hashlib.blake2b(said.encode(), digest_size=16).hexdigest()


def parse_row(
    kind: FeedKind,
    line: int,
    raw: Mapping[str, str | None],
    agency_id: str,
    agencies: Mapping[str, str],
    today: date,
    digest: str = "",
) -> FeedRow:
    """The row as the record it is, or RowRejected naming the column at fault.
    `agencies`: every agency's id by its code and by its id."""
    row = _Row(raw, kind)
    record_id = row.required("record_id")
    if len(record_id) > 200:
        raise RowRejected("record_id", "is longer than 200 characters")
    withdrawn = row.flag("withdrawn") or False
    refs: dict[str, str] = {}

    def refer(column: str, agency_column: str, kind: str = FeedKind.PEOPLE.value) -> str:
        """The key of the record a column names, of the agency another column names
        (the sender's own, if none)."""
        named = row.text(agency_column)
        owner = agency_id if named is None else agencies.get(named)
        if owner is None:
            raise RowRejected(agency_column, f"{named!r} is not an agency on record")
        key = f"{owner}\x1f{kind}\x1f{row.required(column)}"
        refs[column] = key
        return key

    try:
        values = {} if withdrawn else _PARSERS[kind](row, agency_id, record_id, today, refer)
    except DomainError as error:
        raise RowRejected(column_of(error.field), _reason(error)) from None
    key = record_key(agency_id, kind, record_id)
    return FeedRow(kind, line, record_id, key, withdrawn, values, refs, digest or row_hash(raw))


def column_of(api_field: str) -> str:
    """The column a rule's field (as the API names it) is read from."""
    return _COLUMN_OF.get(api_field) or re.sub(r"([A-Z])", r"_\1", api_field).lower()


def _reason(error: DomainError) -> str:
    return in_columns(error.problem if isinstance(error, InvalidRequest) else error.message)


def in_columns(message: str) -> str:
    """A rule's message naming columns where it names the API's fields."""
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
        found: E | None = _spellings(kind).get(_spelled(value))
        if found is None:
            choices = ", ".join(str(member.value) for member in kind)
            raise RowRejected(column, f"{value!r} is not one of {choices}")
        return found


def _spelled(value: str) -> str:
    return re.sub(r"[\s-]+", "_", value.strip().lower())


@functools.cache
def _spellings(kind: type[E]) -> dict[str, E]:
    """A taxonomy's members by each way of writing them: value, name and label."""
    found: dict[str, E] = {}
    for member in kind:
        for spelling in (str(member.value), member.name, str(getattr(member, "label", ""))):
            if spelling:
                found.setdefault(_spelled(spelling), member)
    return found


Refer = Callable[..., str]


def _people(row: _Row, agency: str, record: str, today: date, _: Refer) -> dict[str, Any]:
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
    props["due_date"] = row.when("due_date")  # expecting a baby: may be in the future
    address = None
    if row.text("address_line1") is not None or row.text("postcode") is not None:
        address = _address(row, agency, record) | {"from_date": row.when("address_from")}
    return {"props": props, "address": address}


def _address(row: _Row, agency: str, record: str) -> dict[str, Any]:
    new = NewAddress(
        line1=row.required("address_line1"),
        postcode=row.required("postcode"),
        source_agency_id=agency,
        source_record_id=record,
        town=row.text("town"),
        protected=row.flag("protected") or False,
    )
    props = address_props(new)
    kept = {k: props[k] for k in ("line1", "postcode", "town", "protected")}
    return kept | {"area": row.text("area")}


def _addresses(row: _Row, agency: str, record: str, today: date, refer: Refer) -> dict[str, Any]:
    refer("person_record_id", "person_agency")
    # A move, as `recordMove` takes it, with the end date a history of addresses carries.
    joined = Membership("", "", row.day("from_date"), agency, record, row.when("to_date"))
    return {"address": _address(row, agency, record), "rel": membership_props(joined, today)}


def _households(row: _Row, agency: str, record: str, today: date, refer: Refer) -> dict[str, Any]:
    refer("person_record_id", "person_agency")
    joining = Membership("", "", row.day("from_date"), agency, record, row.when("to_date"))
    household = row.required("household_record_id")
    kind = row.choice("household_kind", HouseholdKind, HouseholdKind.SHARED)
    address = _address(row, agency, household) if row.text("address_line1") else None
    rel = membership_props(joining, today) | {"role": row.text("role")}
    return {
        "household": household,
        "household_props": {"kind": kind.value, "locality": row.text("locality")},
        "address": address,
        "rel": rel,
    }


def _known_to(row: _Row, agency: str, record: str, today: date, refer: Refer) -> dict[str, Any]:
    refer("person_record_id", "person_agency")
    known = KnownTo("", agency, record, row.day("from_date"))
    return {"rel": known_to_props(known, today, row.when("to_date"))}


def _relationships(
    row: _Row, agency: str, record: str, today: date, refer: Refer
) -> dict[str, Any]:
    kind = row.choice("type", RelationshipType)
    a = refer("from_person_record_id", "from_person_agency")
    b = refer("to_person_record_id", "to_person_agency")
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
        sibling_kind=row.choice("sibling_kind", SiblingKind) if row.text("sibling_kind") else None,
        partner_status=(
            row.choice("partner_status", PartnerStatus) if row.text("partner_status") else None
        ),
    )
    rel = relationship_props(new, today)
    if kind is RelationshipType.ASSOCIATES_WITH and row.text("associate_kind"):
        rel["kind"] = row.text("associate_kind")
    return {"type": kind.value, "rel": rel}


def _subject(row: _Row, refer: Refer, other: str) -> None:
    """A person, or (exclusively) the `other` record a row is about."""
    if row.text("person_record_id") is not None:
        if row.text(other) is not None:
            raise RowRejected(other, "give a person_record_id or this, not both")
        refer("person_record_id", "person_agency")
    elif row.text(other) is None:
        raise RowRejected("person_record_id", "is required")


def _concerns(row: _Row, agency: str, record: str, today: date, refer: Refer) -> dict[str, Any]:
    _subject(row, refer, "household_record_id")
    if row.text("household_record_id") is not None:
        refer("household_record_id", "household_agency", "household")
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
    props = concern_props(new, today)
    closed = row.when("closed_on")
    if closed is not None:  # as `closeConcern` checks a closing date
        check(rules.future_date_problem(closed, "closedOn", today))
        check(rules.date_range_problem(new.raised_on, closed, "raisedOn", "closedOn"))
        props |= {"status": "closed", "closed_on": closed}
    return {"props": props}


# A concern code by its label ("Young carer") or its name ("YOUNG_CARER") too.
_CONCERN_CODES = {c.label.lower(): c.value for c in ConcernCode} | {
    c.name.lower(): c.value for c in ConcernCode
}


def _hazards(row: _Row, agency: str, record: str, today: date, refer: Refer) -> dict[str, Any]:
    _subject(row, refer, "address_line1")
    new = NewHazard(
        kind=row.choice("kind", HazardKind),
        description=row.required("description"),
        recorded_on=row.day("recorded_on"),
        review_on=row.day("review_on"),
        source_agency_id=agency,
        person_id="",
    )
    address = _address(row, agency, record) if row.text("address_line1") is not None else None
    return {"props": hazard_props(new, today, record), "address": address}


def _cases(row: _Row, agency: str, record: str, today: date, refer: Refer) -> dict[str, Any]:
    refer("person_record_id", "person_agency")
    opened = row.day("opened_on")
    new = NewCase(row.choice("kind", CaseKind), ("",), opened, agency)
    props = case_props(new, today, record)
    for column in ("decided_on", "assessment_completed_on", "closed_on"):
        value = row.when(column)
        check(rules.future_date_problem(value, column, today))
        check(rules.date_range_problem(opened, value, "openedOn", column))
        props[column] = value
    if props["closed_on"] is not None:
        props["status"] = "closed"
    props["locality"] = row.text("locality")
    household = row.text("household_record_id")
    if household is not None:
        refer("household_record_id", "household_agency", "household")
    return {"props": props}


_PARSERS: dict[FeedKind, Callable[[_Row, str, str, date, Refer], dict[str, Any]]] = {
    FeedKind.PEOPLE: _people,
    FeedKind.ADDRESSES: _addresses,
    FeedKind.HOUSEHOLDS: _households,
    FeedKind.KNOWN_TO: _known_to,
    FeedKind.RELATIONSHIPS: _relationships,
    FeedKind.CONCERNS: _concerns,
    FeedKind.HAZARDS: _hazards,
    FeedKind.CASES: _cases,
}
