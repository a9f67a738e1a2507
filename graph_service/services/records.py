"""Lists a practitioner pages through: concerns and cases, filtered within what the reader
may reach, scope applied before paging so a page is never emptied afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from graph_service.model.taxonomy import (
    SENSITIVE_CODES,
    CaseKind,
    CaseStatus,
    ConcernStatus,
    is_concern_code,
)
from graph_service.model.timescales import REFERRAL_KINDS, TimescaleState
from graph_service.services.errors import InvalidRequest
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.store.values import Row
from graph_service.views.records import Case, Concern, timescales_of

__all__ = ["MAX_TIMESCALE_CASES", "CaseFilter", "ConcernFilter", "cases", "concerns"]

MAX_TIMESCALE_CASES = 20_000
_SENSITIVE = sorted(SENSITIVE_CODES)  # the query's parameter, built once


@dataclass(frozen=True)
class ConcernFilter:
    code: str | None = None
    status: str | None = None
    agency_id: str | None = None
    raised_from: date | None = None
    raised_to: date | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    kind: str | None = None
    worker_id: str | None = None
    unallocated: bool | None = None
    timescale: TimescaleState | None = None
    as_of: date | None = None


async def concerns(
    gateway: GraphGateway, asked: ConcernFilter, reader: Reader, offset: int, limit: int
) -> list[Concern]:
    """Newest first. A code filter finds no concern whose code the reader may not see."""
    if asked.code is not None and not is_concern_code(asked.code):
        raise InvalidRequest("code", f"{asked.code!r} is not in the concern taxonomy")
    _check_choice("status", asked.status, ConcernStatus)
    if asked.raised_from and asked.raised_to and asked.raised_from > asked.raised_to:
        raise InvalidRequest("raisedTo", "must not be before raisedFrom")
    rows = await gateway.read(
        "concerns_filtered",
        code=asked.code,
        status=asked.status,
        agencyId=asked.agency_id,
        raisedFrom=asked.raised_from,
        raisedTo=asked.raised_to,
        personId=asked.person_id,
        offset=offset,
        limit=limit,
        scopeAgency=reader.scope_agency,
        sensitiveCodes=_SENSITIVE,
    )
    return [Concern.of(row["concern"]) for row in rows]


async def cases(
    gateway: GraphGateway, asked: CaseFilter, reader: Reader, offset: int, limit: int
) -> list[Case]:
    """Newest first; with a timescale, the children's cases with a step in that state on
    `as_of` (the reader's today if not given), the soonest due first."""
    _check_choice("status", asked.status, CaseStatus)
    _check_choice("kind", asked.kind, CaseKind)
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


def _check_choice(field: str, value: str | None, allowed: type[Enum]) -> None:
    if value is not None and value not in {member.value for member in allowed}:
        choices = ", ".join(sorted(member.value for member in allowed))
        raise InvalidRequest(field, f"{value!r} is not one of {choices}")
