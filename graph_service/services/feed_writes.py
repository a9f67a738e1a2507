"""Writing valid feed rows, kind by kind, inside their file's transaction: what a changed
or withdrawn record said is kept as a revision first, and the people a record was linked
into are rebuilt from their records afterwards. Also the rules that need the people a row
names (ages, lifetimes), checked as the API's mutations check them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from graph_service.model import rules
from graph_service.model.feed_records import FeedKind, entity_id, household_key
from graph_service.model.taxonomy import Severity, SiblingKind
from graph_service.model.think_family import Trigger, TriggerKind
from graph_service.services.feed_rows import FeedRow, column_of, in_columns
from graph_service.services.relationships import (
    NewRelationship,
    RelationshipType,
    relationship_age_problem,
    sibling_agreement,
)
from graph_service.services.writing import MAX_IDENTITY_RECORDS
from graph_service.store.gateway import WriteTransaction
from graph_service.store.values import Row

__all__ = ["WRITES", "PendingWrite", "alert_triggers", "rule_problem"]

_NODES = (FeedKind.PEOPLE, FeedKind.CONCERNS, FeedKind.HAZARDS, FeedKind.CASES)
_START = {
    FeedKind.ADDRESSES: "person_record_id",
    FeedKind.HOUSEHOLDS: "person_record_id",
    FeedKind.KNOWN_TO: "person_record_id",
    FeedKind.RELATIONSHIPS: "from_person_record_id",
}


@dataclass(frozen=True)
class PendingWrite:
    """A row to write: the graph's id for its record, what an earlier import recorded of
    it (None: new), and the people it names as found in the graph (by record key)."""

    row: FeedRow
    entity: str
    known: Row | None
    named: Mapping[str, Row]

    def person(self, column: str) -> str:
        """The graph's id of the record (a person's, or a household's) a column names."""
        return str(self.named[self.row.refs[column]]["id"])

    def named_id(self, column: str) -> str | None:
        return self.person(column) if column in self.row.refs else None

    @property
    def start(self) -> str | None:
        """Where the relationship this row records starts (for kinds that are one)."""
        column = _START.get(self.row.kind)
        if column is None:
            return None
        if self.row.withdrawn:
            return str(self.known["start_id"]) if self.known else None
        return self.person(column)

    def mark(self, run_id: str) -> dict[str, Any]:
        """The FeedRecord's properties (its agency, kind and record id are in its key).
        `withdrawn` is kept only when true: half a million records each carrying a false
        cost a fifth more to create and commit."""
        row = self.row
        return {
            "key": row.key,
            "entity_id": self.entity,
            "start_id": self.start,
            "hash": row.hash,
            "withdrawn": row.withdrawn or None,
            "run": run_id,
        }


def rule_problem(row: FeedRow, named: Mapping[str, Row]) -> tuple[str, str] | None:
    """A rule about the people a row names, broken: (column, reason)."""
    problem: rules.Problem | None = None
    values = row.values
    if row.kind is FeedKind.RELATIONSHIPS:
        a, b = row.refs["from_person_record_id"], row.refs["to_person_record_id"]
        rel = values["rel"]
        new = NewRelationship(
            RelationshipType(values["type"]), a, b, rel["from_date"], "", "", rel["to_date"]
        )
        births = {key: named[key]["date_of_birth"] for key in (a, b) if key in named}
        if len(births) == 2:
            problem = relationship_age_problem(new, rel, births)
        if problem is None and new.type is RelationshipType.SIBLING_OF and len(births) == 2:
            kind = SiblingKind(rel["kind"])
            parents = {key: set(named[key]["parents"] or ()) for key in (a, b)}
            problem = sibling_agreement(replace(new, sibling_kind=kind), parents)
    elif row.kind in (FeedKind.ADDRESSES, FeedKind.HOUSEHOLDS):
        person = named.get(row.refs["person_record_id"])
        if person is not None:
            born, died = person["date_of_birth"], person["deceased_on"]
            start = values["rel"]["from_date"]
            problem = rules.lifetime_problem(born, died, start, "fromDate")
    if problem is None:
        return None
    # The rules name people by the ids they were given: here, record keys.
    message = problem.message
    for key in row.refs.values():
        message = message.replace(key, repr(key.rsplit("\x1f", 1)[-1]))
    return column_of(problem.field), in_columns(message)


Write = Callable[[WriteTransaction, list[PendingWrite], str, str, date], Awaitable[None]]


async def _write(
    tx: WriteTransaction,
    writes: list[PendingWrite],
    agency: str,
    run_id: str,
    today: date,
    query: str,
    params: Callable[[PendingWrite], dict[str, Any]],
    first: str | None = None,
) -> None:
    """Keep what changes, take out what is withdrawn, write the rest with `query`; with
    `first`, records sent for the first time by it instead. Nothing of those exists yet,
    so it creates without looking up (half the cost); the file's transaction holds its
    stream's lock, so no other import of the same records is writing them."""
    kind = writes[0].row.kind
    replaced = [w for w in writes if w.known is not None]
    withdrawn = [w for w in writes if w.row.withdrawn]
    identities: list[Row] = []
    base = {"runId": run_id, "today": today}
    if kind in _NODES:
        if replaced:
            await tx.run("feed_revise_nodes", rows=[_ref(w) for w in replaced], **base)
        if withdrawn:
            identities += await tx.run(
                "feed_withdraw_nodes", rows=[_ref(w) for w in withdrawn], **base
            )
    elif replaced:
        rows = [_ref(w) | {"start": w.known["start_id"]} for w in replaced if w.known]
        identities += await tx.run("feed_remove_links", rows=rows, **base)
    current = [w for w in writes if not w.row.withdrawn]
    if first is not None:
        new = [params(w) for w in current if w.known is None]
        if new:
            await tx.run(first, rows=new, agencyId=agency, **base)
        current = [w for w in current if w.known is not None]
    if current:
        rows = [params(w) for w in current]
        identities += await tx.run(query, rows=rows, agencyId=agency, **base)
    for found in {i for row in identities for i in row["identities"]}:
        tx.defer("identity_rederive", personId=found, maxRecords=MAX_IDENTITY_RECORDS)


def _ref(write: PendingWrite) -> dict[str, Any]:
    row = write.row
    return {"id": write.entity, "key": row.key, "kind": row.kind.value, "withdrawn": row.withdrawn}


def _address(values: Mapping[str, Any], owner: str, agency: str, record: str) -> dict[str, Any]:
    """An address node (one per line and postcode, whoever gives it) and the relationship
    of `owner` (a person's or a household's key) to it."""
    found = dict(values["address"])
    since = found.pop("from_date", None)
    address_id = entity_id("AD", f"{found['line1'].lower()}\x1f{found['postcode']}")
    source = {"source_agency": agency, "source_record_id": record}
    return {
        "id": address_id,
        "props": {**found, "protected": False, **source},
        "rel_id": entity_id("R", f"{owner}\x1f{address_id}"),
        "rel": {"from_date": since, **source},
    }


def _person_params(agency: str, today: date) -> Callable[[PendingWrite], dict[str, Any]]:
    def params(w: PendingWrite) -> dict[str, Any]:
        row, values = w.row, w.row.values
        source = {"source_agency": agency, "source_record_id": row.record_id}
        address = None
        if values["address"] is not None:
            address = _address(values, row.key, agency, row.record_id)
        return {
            "id": w.entity,
            "key": row.key,
            "record_id": row.record_id,
            "props": {**values["props"], **source},
            "known_id": entity_id("RK", row.key),
            "known": {"reference": row.record_id, "from_date": today, **source},
            "address": address,
        }

    return params


def _link_params(w: PendingWrite) -> dict[str, Any]:
    row, values = w.row, w.row.values
    params: dict[str, Any] = {"id": w.entity, "rel": values["rel"], "address": None}
    if row.kind is FeedKind.RELATIONSHIPS:
        params |= {
            "type": values["type"],
            "from": w.person("from_person_record_id"),
            "to": w.person("to_person_record_id"),
        }
        return params
    params["person"] = w.person("person_record_id")
    agency = values["rel"]["source_agency"]
    if row.kind is FeedKind.ADDRESSES:
        address = _address(values, row.key, agency, row.record_id)
        params["address"] = {"id": address["id"], "props": address["props"]}
    elif row.kind is FeedKind.HOUSEHOLDS:
        key = household_key(agency, values["household"])
        source = {"source_agency": agency, "source_record_id": values["household"]}
        area = {}
        if values["address"]:
            params["address"] = _address(values, key, agency, values["household"])
            area = {"area": params["address"]["props"]["area"]}
        params["household"] = {
            "id": entity_id("H", key),
            "props": {**values["household_props"], **area, **source},
        }
    return params


def _subject_params(w: PendingWrite) -> dict[str, Any]:
    """A concern, hazard or case, about a person, a household (a concern) or an address
    (a hazard); a case names its household among its properties."""
    row, values = w.row, w.row.values
    props = dict(values["props"])
    agency = props["source_agency"]
    household = w.named_id("household_record_id")
    address = None
    if values.get("address") is not None:
        address = _address(values, row.key, agency, row.record_id)
    if row.kind is FeedKind.CASES:
        props["household_id"], household = household, None
    subject = w.named_id("person_record_id") or household or (address or {}).get("id")
    start = props.get("raised_on") or props.get("recorded_on") or props.get("opened_on")
    return {
        "id": w.entity,
        "record_id": row.record_id,
        "person": w.named_id("person_record_id"),
        "household": household,
        "address": address and {"id": address["id"], "props": address["props"]},
        "props": props,
        "about_id": entity_id("R", f"{row.key}\x1f{subject}"),
        "raised_id": entity_id("R", f"{row.key}\x1fraised"),
        "rel": {"from_date": start, "source_agency": agency, "source_record_id": row.record_id},
    }


def _writer(
    query: str, params: Callable[[PendingWrite], dict[str, Any]], first: str | None = None
) -> Write:
    async def write(
        tx: WriteTransaction, writes: list[PendingWrite], agency: str, run_id: str, today: date
    ) -> None:
        await _write(tx, writes, agency, run_id, today, query, params, first)

    return write


async def _people(
    tx: WriteTransaction, writes: list[PendingWrite], agency: str, run_id: str, today: date
) -> None:
    params = _person_params(agency, today)
    first = "feed_people_create"
    await _write(tx, writes, agency, run_id, today, "feed_people_write", params, first)


WRITES: dict[FeedKind, Write] = {
    FeedKind.PEOPLE: _people,
    FeedKind.ADDRESSES: _writer("feed_lives_at_write", _link_params, "feed_lives_at_create"),
    FeedKind.HOUSEHOLDS: _writer("feed_member_of_write", _link_params, "feed_member_of_create"),
    FeedKind.KNOWN_TO: _writer("feed_known_to_write", _link_params, "feed_known_to_create"),
    FeedKind.RELATIONSHIPS: _writer(
        "feed_relationships_write", _link_params, "feed_relationships_create"
    ),
    FeedKind.CONCERNS: _writer("feed_concerns_write", _subject_params),
    FeedKind.HAZARDS: _writer("feed_hazards_write", _subject_params),
    FeedKind.CASES: _writer("feed_cases_write", _subject_params),
}


def alert_triggers(writes: list[PendingWrite]) -> list[tuple[Trigger, str | None]]:
    """The new concerns about a person, and new hazards, that these rows record, as Think
    Family triggers (each with the address a hazard is on, if it is on one)."""
    found: list[tuple[Trigger, str | None]] = []
    for write in writes:
        row = write.row
        if row.kind not in (FeedKind.CONCERNS, FeedKind.HAZARDS):
            continue  # people, links and cases raise nothing
        if write.known is not None or row.withdrawn:
            continue  # only what is new is news
        props, person = row.values["props"], write.named_id("person_record_id")
        if row.kind is FeedKind.CONCERNS and person is not None:
            severity = Severity(props.get("severity") or Severity.MEDIUM.value)
            concern = Trigger(
                TriggerKind.CONCERN,
                write.entity,
                person,
                code=props["code"],
                severity=severity,
                recorded_on=props.get("raised_on"),
            )
            found.append((concern, None))
        elif row.kind is FeedKind.HAZARDS:
            address = None
            if row.values.get("address") is not None:
                agency = props["source_agency"]
                address = _address(row.values, row.key, agency, row.record_id)["id"]
            if person or address:
                hazard = Trigger(
                    TriggerKind.HAZARD, write.entity, person, recorded_on=props.get("recorded_on")
                )
                found.append((hazard, address))
    return found
