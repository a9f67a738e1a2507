"""Cases: the list a practitioner pages through (statutory timescales included, scope
applied before paging), one case, and a case's life: opened, its steps, closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_service.model import rules
from graph_service.model.errors import InvalidRequest, check, check_choice
from graph_service.model.rules import ProblemKind
from graph_service.model.taxonomy import CaseKind, CaseStatus
from graph_service.model.timescales import (
    REFERRAL_KINDS,
    Milestone,
    TimescaleState,
    milestone_problem,
)
from graph_service.services.reader import Reader
from graph_service.services.writing import (
    Kind,
    Ref,
    Writer,
    idempotent,
    lookup,
    new_id,
    provenance,
)
from graph_service.store.gateway import GraphGateway, WriteTransaction
from graph_service.store.values import Row
from graph_service.views.records import Case, timescales_of

__all__ = [
    "MAX_CASE_SUBJECTS",
    "MAX_TIMESCALE_CASES",
    "CaseFilter",
    "NewCase",
    "case",
    "case_props",
    "cases",
    "close_case",
    "open_case",
    "record_milestone",
    "write_case",
]

MAX_TIMESCALE_CASES = 20_000
MAX_CASE_SUBJECTS = 20


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    kind: str | None = None
    worker_id: str | None = None
    unallocated: bool | None = None
    timescale: TimescaleState | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class NewCase:
    kind: CaseKind
    person_ids: tuple[str, ...]
    opened_on: date
    agency_id: str


async def case(gateway: GraphGateway, case_id: str) -> Case | None:
    """Subjects, worker and how it was allocated; None when there is no such case."""
    rows = await gateway.read("case_by_id", id=case_id)
    return Case.of(rows[0]["case"]) if rows else None


async def cases(
    gateway: GraphGateway, asked: CaseFilter, reader: Reader, offset: int, limit: int
) -> list[Case]:
    """Newest first; with a timescale, the children's cases with a step in that state on
    `as_of` (the reader's today if not given), the soonest due first."""
    check_choice("status", asked.status, CaseStatus)
    check_choice("kind", asked.kind, CaseKind)
    if asked.timescale is None and asked.as_of is not None:
        raise InvalidRequest("asOf", "is the date for the timescale filter: give timescale too")
    filters = {
        "status": asked.status,
        "workerId": asked.worker_id,
        "unallocated": asked.unallocated,
        "scopeAgency": reader.scope_agency,
    }
    if asked.timescale is not None:
        on = asked.as_of or reader.today
        found = await _by_timescale(gateway, asked.timescale, on, asked.kind, filters)
        return [Case.of(row) for row in found[offset : offset + limit]]
    rows = await gateway.read("cases_list", kind=asked.kind, offset=offset, limit=limit, **filters)
    return [Case.of(case) for case in rows[0]["cases"]]


async def _by_timescale(
    gateway: GraphGateway,
    state: TimescaleState,
    on: date,
    kind: str | None,
    filters: dict[str, Any],
) -> list[Row]:
    """Working days are counted in Python, so the children's cases are read (at most
    MAX_TIMESCALE_CASES of each kind), then filtered and ordered here."""
    kinds = [k.value for k in REFERRAL_KINDS if kind in (None, k.value)]
    found: list[tuple[date, str, Row]] = []
    for each in sorted(kinds):
        rows = await gateway.read(
            "cases_list", kind=each, offset=0, limit=MAX_TIMESCALE_CASES, **filters
        )
        for row in rows[0]["cases"]:
            due = [t.due_on for t in timescales_of(row, on) if t.state is state]
            if due:
                found.append((min(due), row["id"], row))
    found.sort(key=lambda item: item[:2])
    return [row for _, _, row in found]


async def open_case(
    gateway: GraphGateway, writer: Writer, new: NewCase, key: str | None = None
) -> Case:
    """Open a case about one or more people (at most MAX_CASE_SUBJECTS)."""
    people = list(dict.fromkeys(new.person_ids))
    if not 1 <= len(people) <= MAX_CASE_SUBJECTS:
        raise InvalidRequest("personIds", f"give between 1 and {MAX_CASE_SUBJECTS} people")
    agency, case_id = new.agency_id, new_id("CS")
    props = case_props(new, writer.today, case_id)

    async def work(tx: WriteTransaction) -> str:
        await lookup(
            tx,
            writer,
            Ref(Kind.PERSON, "personIds", people),
            Ref(Kind.AGENCY, "agencyId", [agency]),
        )
        await write_case(tx, case_id, props, new)
        return case_id

    result_id = await idempotent(gateway, writer, key, "openCase", new, work)
    return await written(gateway, result_id)


async def write_case(
    tx: WriteTransaction, case_id: str, props: dict[str, Any], new: NewCase
) -> None:
    """Write an opened case (its `case_props`) about its people, inside a write."""
    await tx.run(
        "case_open",
        id=case_id,
        props=props,
        agencyId=new.agency_id,
        subjects=[
            {"personId": p, "relationshipId": new_id("R")} for p in dict.fromkeys(new.person_ids)
        ],
        relationshipProps={"from_date": new.opened_on, **provenance(new.agency_id, None)},
    )


def case_props(new: NewCase, today: date, record_id: str) -> dict[str, Any]:
    """An open case's properties, checked by the rules; `record_id`, the agency's own."""
    check(rules.future_date_problem(new.opened_on, "openedOn", today))
    return {
        "kind": CaseKind(new.kind).value,
        "status": "open",
        "opened_on": new.opened_on,
        **provenance(new.agency_id, record_id),
    }


async def close_case(gateway: GraphGateway, writer: Writer, case_id: str, closed_on: date) -> Case:
    """Close a case; its allocation ends the same day."""
    check(rules.future_date_problem(closed_on, "closedOn", writer.today))

    async def work(tx: WriteTransaction) -> str:
        found = (await lookup(tx, writer, Ref(Kind.CASE, "id", [case_id])))["cases"][0]
        if found["status"] == "closed":
            raise InvalidRequest(
                "id", f"case {case_id} is already closed", ProblemKind.ALREADY_ENDED
            )
        check(rules.date_range_problem(found.get("opened_on"), closed_on, "openedOn", "closedOn"))
        await tx.run("case_close", id=case_id, closedOn=closed_on, closed="closed")
        return case_id

    await gateway.write(work)
    return await written(gateway, case_id)


async def record_milestone(
    gateway: GraphGateway, writer: Writer, case_id: str, step: Milestone, on: date
) -> Case:
    """Record when a step of a children's case happened, in the order the law sets."""
    check(rules.future_date_problem(on, "on", writer.today))

    async def work(tx: WriteTransaction) -> str:
        found = (await lookup(tx, writer, Ref(Kind.CASE, "caseId", [case_id])))["cases"][0]
        recorded = {m: found.get(m.value) for m in Milestone}
        check(
            milestone_problem(
                CaseKind(found["kind"]),
                found.get("opened_on"),
                found.get("closed_on"),
                recorded,
                step,
                on,
            )
        )
        await tx.run("case_milestone", id=case_id, props={step.value: on})
        return case_id

    await gateway.write(work)
    return await written(gateway, case_id)


async def written(gateway: GraphGateway, case_id: str) -> Case:
    """A case just written in a committed transaction."""
    found = await case(gateway, case_id)
    assert found is not None
    return found
