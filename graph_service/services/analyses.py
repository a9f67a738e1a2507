"""The borough's explainable analyses (toxic trio, young carers, multiple disadvantage,
clusters, risk hubs) and one person's family indicators: one code path whoever asks.

A whole-borough result is kept (`AnalysisCache`) until the case data changes; an area is
applied to the kept result, so every area shares one computation."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping
from datetime import date

from graph_service.analytics.network_rules import family_units
from graph_service.analytics.report import (
    AnalysisResult,
    ChildFlag,
    Finding,
    child_household_params,
    in_area,
    network_facts,
    network_params,
    records,
    run_analysis,
    run_network_analysis,
)
from graph_service.model.errors import InvalidRequest
from graph_service.model.thresholds import Thresholds
from graph_service.services.analysis_cache import AnalysisCache, kept
from graph_service.services.network import borough_network
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.views.analyses import AnalysisFlag, FamilyIndicators

__all__ = [
    "ANALYSES",
    "HOUSEHOLD_ANALYSES",
    "NETWORK_ANALYSES",
    "YOUNG_CARER_KINDS",
    "AnalysisResult",
    "Finding",
    "analysis",
    "family_indicators",
    "household_flags",
    "records",
]

HOUSEHOLD_ANALYSES = ("toxic-trio", "young-carers")
NETWORK_ANALYSES = ("disadvantage", "clusters", "hubs")
ANALYSES = HOUSEHOLD_ANALYSES + NETWORK_ANALYSES
YOUNG_CARER_KINDS = ("explicit", "hidden")
MAX_UNIT_LINKS = 2000


async def analysis(
    gateway: GraphGateway,
    name: str,
    on: date,
    thresholds: Thresholds,
    area: str | None = None,
    kind: str | None = None,
    cache: AnalysisCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnalysisResult[Finding]:
    """One analysis of the borough on a date, in an area if given; young carers of one
    kind (explicit or hidden) if given."""
    if name not in ANALYSES:
        raise InvalidRequest("analysis", f"{name!r} is not one of {', '.join(ANALYSES)}")
    if kind is not None and (name != "young-carers" or kind not in YOUNG_CARER_KINDS):
        raise InvalidRequest("kind", f"{kind!r} is not one of {', '.join(YOUNG_CARER_KINDS)}")
    if name in HOUSEHOLD_ANALYSES:
        result = await _household(gateway, cache, name, on, area, thresholds, progress)
    else:
        result, areas = await _network(gateway, cache, name, on, thresholds)
        result = in_area(result, areas, area) if area is not None else result
    if kind is not None:
        result = dataclasses.replace(
            result, rows=[r for r in result.rows if isinstance(r, ChildFlag) and r.kind == kind]
        )
    return result


async def family_indicators(
    gateway: GraphGateway, reader: Reader, person_id: str, on: date, thresholds: Thresholds
) -> FamilyIndicators | None:
    """The person's family unit: its headline problems and their evidence; None when the
    person is in none."""
    params = {**network_params(on, thresholds), "personId": person_id, "limit": MAX_UNIT_LINKS}
    rows = await gateway.read("analytics_family_of_person", **params)
    if not rows:
        return None
    facts = network_facts(rows[0]["links"], rows[0])
    person_id = rows[0]["person_id"]  # a record linked into someone answers as them
    for unit in family_units(facts, thresholds, require_children=False):
        if person_id in unit.people:
            # Worked out from everyone in the unit (its id names one of them): all are
            # in the audit event, as a complexity score's family is.
            reader.consulted(unit.people)
            return FamilyIndicators.of(unit)
    return None


async def household_flags(
    gateway: GraphGateway, household_ids: list[str], on: date, thresholds: Thresholds
) -> list[AnalysisFlag]:
    """The toxic trio and young carer flags of the children in these households (one
    person's page): the same rules as the borough's lists, read for these alone."""
    if not household_ids:
        return []
    params = {**child_household_params(on, None, thresholds), "householdIds": household_ids}
    rows = await gateway.read("household_facts", **params)
    flags = []
    for name in HOUSEHOLD_ANALYSES:
        result = run_analysis(name, rows, on, thresholds)
        flags += [AnalysisFlag.of(f) for f in result.rows if isinstance(f, ChildFlag)]
    return flags


async def _household(
    gateway: GraphGateway,
    cache: AnalysisCache | None,
    name: str,
    on: date,
    area: str | None,
    thresholds: Thresholds,
    progress: Callable[[int], None] | None,
) -> AnalysisResult[Finding]:
    async def compute() -> AnalysisResult[Finding]:
        params = child_household_params(on, area, thresholds)
        rows = await gateway.read_in_turns("analytics_child_households", **params)
        return await asyncio.to_thread(run_analysis, name, rows, on, thresholds, progress)

    return await kept(cache, gateway, (name, on, area, thresholds), compute)


async def _network(
    gateway: GraphGateway, cache: AnalysisCache | None, name: str, on: date, thresholds: Thresholds
) -> tuple[AnalysisResult[Finding], Mapping[str, str]]:
    async def compute() -> tuple[AnalysisResult[Finding], Mapping[str, str]]:
        facts = await borough_network(gateway, on, thresholds)
        result = await asyncio.to_thread(run_network_analysis, name, facts, on, thresholds)
        return result, facts.areas

    return await kept(cache, gateway, (name, on, thresholds), compute)
