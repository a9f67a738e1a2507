"""One disadvantage cluster, as its map shows it: linked households, the family units in
them, their areas and every hazard at them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from graph_service.analytics.network_rules import (
    Cluster,
    FamilyNetworkFacts,
    FamilyUnit,
    disadvantage_clusters,
    family_units,
)
from graph_service.model.evidence import people_in
from graph_service.model.thresholds import Thresholds
from graph_service.services.analysis_cache import AnalysisCache, kept
from graph_service.services.network import borough_network
from graph_service.store.gateway import GraphGateway
from graph_service.views.records import Hazard

__all__ = ["ClusterView", "cluster"]


@dataclass(frozen=True)
class _Clusters:
    """A borough's clusters on a day, with the family units and areas their maps show."""

    clusters: list[Cluster]
    units: list[FamilyUnit]
    areas: dict[str, str]

    @classmethod
    def of(cls, facts: FamilyNetworkFacts, thresholds: Thresholds) -> _Clusters:
        units = family_units(facts, thresholds, require_children=False)
        return cls(disadvantage_clusters(facts, thresholds), units, dict(facts.areas))


@dataclass(frozen=True)
class ClusterView:
    """`members`: everyone in the clusters' family units (shown); `linked`: the people the
    links between its homes name (consulted); `hazards`: each with whose it is."""

    cluster: Cluster
    units: list[FamilyUnit]
    areas: dict[str, str]
    members: list[str]
    linked: set[str]
    hazards: list[tuple[Hazard, str]]


async def cluster(
    gateway: GraphGateway,
    cache: AnalysisCache,
    cluster_id: str,
    on: date,
    thresholds: Thresholds,
    today: date,
) -> ClusterView | None:
    """None when there is no such cluster on that day."""

    async def compute() -> _Clusters:
        facts = await borough_network(gateway, on, thresholds)
        return await asyncio.to_thread(_Clusters.of, facts, thresholds)

    borough = await kept(cache, gateway, ("cluster-map", on, thresholds), compute)
    found = next((c for c in borough.clusters if c.id == cluster_id), None)
    if found is None:
        return None
    homes = set(found.households)
    rows = await gateway.read(
        "map_household_hazards", householdIds=found.households, asOf=on, limit=len(homes)
    )
    hazards = [
        (Hazard.of(hazard, today), f"{hazard['person']}, household {row['household_id']}")
        for row in rows
        for hazard in (h for per in row["hazards"] for h in per)
    ]
    units = borough.units
    members = {p for unit in units if set(unit.households) & homes for p in unit.people}
    return ClusterView(
        found, units, borough.areas, sorted(members), set(people_in(found.links)), hazards
    )
