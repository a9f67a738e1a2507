"""Read resolvers: each top-level field is one named query, plus batched loaders."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graph_service.allocation.planner import AllocationRequest
from graph_service.analytics.network_rules import family_units
from graph_service.analytics.report import (
    AnalysisResult,
    child_household_params,
    network_facts,
    network_params,
    run_analysis,
    run_network_analysis,
    unit_row,
)
from graph_service.api.allocation import (
    AllocationPlan,
    AllocationQueue,
    CaseComplexity,
    complexity_of,
    suggestions_for,
)
from graph_service.api.analysis_cache import kept
from graph_service.api.analytics import AnalysisReport, FamilyIndicators, NetworkAnalysis
from graph_service.api.audit import AuditEventView, audit_trail
from graph_service.api.context import RequestContext
from graph_service.api.errors import InputError
from graph_service.api.nearest_relative import NearestRelative
from graph_service.api.pagination import Connection, page_window
from graph_service.model.timescales import TimescaleState
from graph_service.services.chronology import chronology
from graph_service.services.households import household
from graph_service.services.nearest_relative import nearest_relative
from graph_service.services.network import borough_network, family_network
from graph_service.services.people import PeopleSearch, search_people
from graph_service.services.reader import Reader
from graph_service.services.records import CaseFilter, ConcernFilter, cases, concerns
from graph_service.views.records import (
    Agency,
    Case,
    ChronologyEvent,
    Concern,
    FamilyNetwork,
    HouseholdView,
    Person,
    TimescaleStateView,
    Worker,
)

__all__ = ["Query"]

Ctx = Info[RequestContext, None]


def _reader(info: Ctx) -> Reader:
    """What the caller may reach: lists filter by it before paging, so need to know never
    empties a page afterwards."""
    disclosure = info.context.disclosure
    return Reader(disclosure.scope_agency, disclosure.break_glass, info.context.today)


@strawberry.type
class Query:
    @strawberry.field(description="One person, with every hazard; null when no such id.")
    async def person(self, info: Ctx, id: strawberry.ID) -> Person | None:
        return await info.context.loaders.person.load(str(id))

    @strawberry.field(description="People by name, tolerant of spelling; ranked, paginated.")
    async def people(
        self,
        info: Ctx,
        search: str,
        date_of_birth: date | None = None,
        age_from: int | None = None,
        age_to: int | None = None,
        postcode: str | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Person]:
        window = page_window(first, after)
        asked = PeopleSearch(search, date_of_birth, age_from, age_to, postcode)
        people, scores = await search_people(
            info.context.gateway, asked, _reader(info), window.offset, window.limit
        )
        for person in people:
            info.context.loaders.person.prime(str(person.id), person)
        return Connection.build(people, window, scores)

    @strawberry.field(description="The network around a person as it stood on a date.")
    async def family_network(
        self, info: Ctx, person_id: strawberry.ID, depth: int = 2, as_of: date | None = None
    ) -> FamilyNetwork | None:
        on = as_of or info.context.today
        return await family_network(info.context.gateway, str(person_id), depth, on)

    @strawberry.field
    async def household(self, info: Ctx, id: strawberry.ID) -> HouseholdView | None:
        return await household(info.context.gateway, str(id))

    @strawberry.field(description="Concerns, filtered; newest first.")
    async def concerns(
        self,
        info: Ctx,
        code: str | None = None,
        status: str | None = None,
        agency_id: strawberry.ID | None = None,
        raised_from: date | None = None,
        raised_to: date | None = None,
        person_id: strawberry.ID | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Concern]:
        window = page_window(first, after)
        asked = ConcernFilter(
            code,
            status,
            str(agency_id) if agency_id else None,
            raised_from,
            raised_to,
            str(person_id) if person_id else None,
        )
        found = await concerns(
            info.context.gateway, asked, _reader(info), window.offset, window.limit
        )
        return Connection.build(found, window)

    @strawberry.field
    async def agencies(
        self, info: Ctx, kind: str | None = None, first: int = 50, after: str | None = None
    ) -> Connection[Agency]:
        window = page_window(first, after)
        rows = await info.context.gateway.read(
            "agencies_list", kind=kind, offset=window.offset, limit=window.limit
        )
        return Connection.build([Agency.of(row["agency"]) for row in rows], window)

    @strawberry.field
    async def workers(
        self,
        info: Ctx,
        team: str | None = None,
        capability: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Worker]:
        window = page_window(first, after)
        rows = await info.context.gateway.read(
            "workers_list",
            team=team,
            capability=capability,
            offset=window.offset,
            limit=window.limit,
        )
        return Connection.build([Worker.of(row["worker"]) for row in rows], window)

    @strawberry.field(
        description="Cases matching every filter given, newest first. With `timescale`, the "
        "children's cases with a statutory timescale in that state on `asOf` (today if not "
        "given), the soonest due first: for example every overdue step."
    )
    async def cases(
        self,
        info: Ctx,
        status: str | None = None,
        kind: str | None = None,
        worker_id: strawberry.ID | None = None,
        unallocated: bool | None = None,
        timescale: TimescaleStateView | None = None,  # type: ignore[valid-type]
        as_of: date | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Case]:
        window = page_window(first, after)
        state = TimescaleState(timescale) if timescale is not None else None
        asked = CaseFilter(
            status, kind, str(worker_id) if worker_id else None, unallocated, state, as_of
        )
        found = await cases(info.context.gateway, asked, _reader(info), window.offset, window.limit)
        return Connection.build(found, window)

    @strawberry.field(description="One case: subjects, worker and how it was allocated.")
    async def case(self, info: Ctx, id: strawberry.ID) -> Case | None:
        rows = await info.context.gateway.read("case_by_id", id=str(id))
        return Case.of(rows[0]["case"]) if rows else None

    @strawberry.field(description="How complex a case is on a date, factor by factor.")
    async def case_complexity(
        self, info: Ctx, case_id: strawberry.ID, as_of: date | None = None
    ) -> CaseComplexity | None:
        return await complexity_of(info, str(case_id), as_of)

    @strawberry.field(
        description="Who should take these cases (or the oldest of the unallocated queue): "
        "one optimal plan for all of them, each suggestion with its reasons and runner-up."
    )
    async def allocation_suggestions(
        self,
        info: Ctx,
        case_ids: list[strawberry.ID] | None = None,
        queue: AllocationQueue | None = None,
        agency_id: strawberry.ID | None = None,
        worker_ids: list[strawberry.ID] | None = None,
        limit: int = 100,
        as_of: date | None = None,
    ) -> AllocationPlan:
        if case_ids is not None and queue is not None:
            raise InputError("caseIds", "give either caseIds or queue, not both")
        if case_ids is None and queue is None:
            raise InputError("caseIds", "give caseIds or queue: which cases to plan")
        request = AllocationRequest(
            on=as_of or info.context.today,
            case_ids=tuple(str(c) for c in case_ids) if case_ids is not None else None,
            queue_limit=limit,
            agency_id=str(agency_id) if agency_id else None,
            worker_ids=tuple(str(w) for w in worker_ids) if worker_ids is not None else None,
        )
        return await suggestions_for(info, request)

    @strawberry.field(description="Children living with the toxic trio, with the evidence.")
    async def toxic_trio(
        self,
        info: Ctx,
        as_of: date | None = None,
        area: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AnalysisReport:
        return await _analysis(info, "toxic-trio", as_of, area, None, first, after)

    @strawberry.field(description="Young carers, explicit and hidden, scored with reasons.")
    async def young_carers(
        self,
        info: Ctx,
        as_of: date | None = None,
        area: str | None = None,
        kind: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AnalysisReport:
        if kind not in (None, "explicit", "hidden"):
            raise InputError("kind", f"{kind!r} is not one of explicit, hidden")
        return await _analysis(info, "young-carers", as_of, area, kind, first, after)

    @strawberry.field(description="Family units with 3 or more headline problems, ranked.")
    async def multiple_disadvantage(
        self,
        info: Ctx,
        as_of: date | None = None,
        area: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> NetworkAnalysis:
        return await _network(info, "disadvantage", as_of, area, first, after)

    @strawberry.field(description="Clusters of linked households carrying many problems.")
    async def disadvantage_clusters(
        self, info: Ctx, as_of: date | None = None, first: int = 50, after: str | None = None
    ) -> NetworkAnalysis:
        return await _network(info, "clusters", as_of, None, first, after)

    @strawberry.field(description="People linking domestic abuse or separate families.")
    async def risk_hubs(
        self, info: Ctx, as_of: date | None = None, first: int = 50, after: str | None = None
    ) -> NetworkAnalysis:
        return await _network(info, "hubs", as_of, None, first, after)

    @strawberry.field(description="One person's family unit: headline problems and evidence.")
    async def family_indicators(
        self, info: Ctx, person_id: strawberry.ID, as_of: date | None = None
    ) -> FamilyIndicators | None:
        on, thresholds = as_of or info.context.today, info.context.settings.analytics
        params = {**network_params(on, thresholds), "personId": str(person_id), "limit": 2000}
        rows = await info.context.gateway.read("analytics_family_of_person", **params)
        if not rows:
            return None
        facts = network_facts(rows[0]["links"], rows[0])
        for unit in family_units(facts, thresholds, require_children=False):
            if str(person_id) in unit.people:
                # Worked out from everyone in the unit (its id names one of them): all are
                # in the audit event, as a complexity score's family is.
                info.context.disclosure.consulted(unit.people)
                return FamilyIndicators.of(unit_row(unit))
        return None

    @strawberry.field(description="MHA 1983 s.26 nearest relative of a patient on a date.")
    async def nearest_relative(
        self, info: Ctx, person_id: strawberry.ID, as_of: date | None = None
    ) -> NearestRelative | None:
        on = as_of or info.context.today
        answer = await nearest_relative(info.context.gateway, str(person_id), on)
        return NearestRelative.of(answer) if answer else None

    @strawberry.field(
        description="Audit events about a person, by a user, in a time range, or break-glass "
        "alerts; newest first. Auditors only; nothing can change or remove an event."
    )
    async def audit_trail(
        self,
        info: Ctx,
        person_id: strawberry.ID | None = None,
        user_id: str | None = None,
        start: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        end: Annotated[datetime | None, strawberry.argument(name="to")] = None,
        alerts_only: bool = False,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[AuditEventView]:
        return await audit_trail(info, person_id, user_id, start, end, alerts_only, first, after)

    @strawberry.field(description="What happened, in date order, each with its source agency.")
    async def chronology(
        self,
        info: Ctx,
        person_id: strawberry.ID | None = None,
        household_id: strawberry.ID | None = None,
        limit: int = 200,
    ) -> list[ChronologyEvent]:
        return await chronology(
            info.context.gateway,
            _reader(info),
            str(person_id) if person_id else None,
            str(household_id) if household_id else None,
            limit,
        )


async def _analysis(
    info: Ctx,
    name: str,
    as_of: date | None,
    area: str | None,
    kind: str | None,
    first: int,
    after: str | None,
) -> AnalysisReport:
    window = page_window(first, after)
    on, gateway = as_of or info.context.today, info.context.gateway
    thresholds = info.context.settings.analytics

    async def compute() -> AnalysisResult:
        params = child_household_params(on, area, thresholds)
        rows = await gateway.read_in_turns("analytics_child_households", **params)
        return await asyncio.to_thread(run_analysis, name, rows, on, thresholds)

    result = await kept(info.context.analyses, gateway, (name, on, area, thresholds), compute)
    if kind is not None:
        result = _only(result, "kind", kind)
    return AnalysisReport.of(result, window.offset, window.first)


async def _network(
    info: Ctx, name: str, as_of: date | None, area: str | None, first: int, after: str | None
) -> NetworkAnalysis:
    window = page_window(first, after)
    on, gateway = as_of or info.context.today, info.context.gateway
    thresholds = info.context.settings.analytics

    async def compute() -> AnalysisResult:
        facts = await borough_network(gateway, on, thresholds)
        return await asyncio.to_thread(run_network_analysis, name, facts, on, thresholds)

    result = await kept(info.context.analyses, gateway, (name, on, thresholds), compute)
    if area is not None:
        result = _only(result, "area", area)
    return NetworkAnalysis.of(result, window.offset, window.first)


def _only(result: AnalysisResult, name: str, value: str) -> AnalysisResult:
    """The rows whose `name` is `value`, leaving the kept result as it was."""
    return dataclasses.replace(result, rows=[r for r in result.rows if r.get(name) == value])
