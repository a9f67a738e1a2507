"""Whole-borough runs of the rules: typed findings (a flagged child, a family unit, a
cluster, a risk hub), and each as a record for a table, CSV or JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from graph_service.analytics.household_rules import toxic_trio, young_carer_candidates
from graph_service.analytics.households import ConcernFact, HouseholdFacts, households_from_rows
from graph_service.analytics.network_rules import (
    Cluster,
    FamilyNetworkFacts,
    FamilyUnit,
    Link,
    RiskHub,
    disadvantage_clusters,
    family_units,
    risk_hubs,
)
from graph_service.model.evidence import Fact
from graph_service.model.taxonomy import HeadlineProblem
from graph_service.model.thresholds import Thresholds

__all__ = [
    "MAX_HOUSEHOLDS",
    "AnalysisResult",
    "ChildFlag",
    "Finding",
    "borough_facts",
    "child_household_params",
    "in_area",
    "network_facts",
    "network_params",
    "record",
    "records",
    "run_analysis",
    "run_network_analysis",
    "unit_row",
]

MAX_HOUSEHOLDS = 200_000
# Items per record of a whole-borough read: each record is decoded in about 30 ms.
ITEMS_PER_RECORD = 5_000
YOUNG_CARERS_SERVICE = "young_carers_service"


@dataclass(frozen=True)
class ChildFlag:
    """A child a household rule flagged, with the facts that raised the flag; a young
    carer also with its kind (explicit or hidden), score and whether the service knows it."""

    child_id: str
    child_name: str
    age: int | None
    household_id: str
    area: str | None
    evidence: list[Fact]
    kind: str | None = None
    score: int | None = None
    known_to_young_carers_service: bool | None = None


Finding = ChildFlag | FamilyUnit | Cluster | RiskHub
RowT = TypeVar("RowT")


@dataclass
class AnalysisResult(Generic[RowT]):
    """Findings with their evidence, when they were computed and with which thresholds."""

    analysis: str
    as_of: date
    computed_at: datetime
    thresholds: dict[str, Any]
    rows: list[RowT] = field(default_factory=list)


def child_household_params(on: date, area: str | None, t: Thresholds) -> dict[str, Any]:
    adult_born = (
        on.replace(year=on.year - t.adult_age)
        if not (on.month == 2 and on.day == 29)
        else date(on.year - t.adult_age, 2, 28)
    )
    return {
        "asOf": on,
        "adultBornOnOrBefore": adult_born,
        "area": area,
        "youngCarersService": YOUNG_CARERS_SERVICE,
        "limit": MAX_HOUSEHOLDS,
    }


def run_analysis(
    analysis: str,
    rows: list[dict[str, Any]],
    on: date,
    thresholds: Thresholds,
    progress: Callable[[int], None] | None = None,
) -> AnalysisResult[Finding]:
    """Apply one household rule to every household read by `analytics_child_households`."""
    rule = {"toxic-trio": _trio_rows, "young-carers": _carer_rows}[analysis]
    flags: list[ChildFlag] = []
    for household in households_from_rows(rows):
        flags.extend(rule(household, on, thresholds))
        if progress is not None:
            progress(1)
    flags.sort(key=lambda f: (-(f.score or 0), f.household_id, f.child_id))
    now = datetime.now().astimezone()
    return AnalysisResult(analysis, on, now, thresholds.model_dump(), list[Finding](flags))


def _trio_rows(household: HouseholdFacts, on: date, t: Thresholds) -> list[ChildFlag]:
    return [
        ChildFlag(f.child.id, f.child.name, f.child.age(on), f.household_id, f.area, f.evidence)
        for f in toxic_trio(household, on, t)
    ]


def _carer_rows(household: HouseholdFacts, on: date, t: Thresholds) -> list[ChildFlag]:
    return [
        ChildFlag(
            c.child.id,
            c.child.name,
            c.child.age(on),
            c.household_id,
            c.area,
            c.reasons,
            kind=c.kind,
            score=c.score,
            known_to_young_carers_service=c.known_to_young_carers_service,
        )
        for c in young_carer_candidates(household, on, t)
    ]


def network_params(on: date, t: Thresholds) -> dict[str, Any]:
    params = child_household_params(on, None, t)
    return {
        **params,
        "ex": "ex",
        "pastPartner": "PAST_PARTNER",
        "none": "",
        "limit": 5_000_000,
        "chunk": ITEMS_PER_RECORD,
    }


def borough_facts(
    link_rows: Iterable[Mapping[str, Any]], part_rows: Iterable[Mapping[str, Any]]
) -> FamilyNetworkFacts:
    """Facts for the network rules from the records of `analytics_family_links` and
    `analytics_people_and_concerns`, each list put back together from its chunks."""
    people: dict[str, list[Any]] = {"children": [], "expectant": [], "concerns": [], "people": []}
    for row in part_rows:
        people[row["part"]].extend(row["items"])
    return network_facts([link for row in link_rows for link in row["links"]], people)


def network_facts(links: list[list[Any]], people: dict[str, Any]) -> FamilyNetworkFacts:
    """Facts for the network rules from the `links` of `analytics_family_links` (or
    `analytics_family_of_person`: [source, target, type, kind] each) and the row of
    `analytics_people_and_concerns` (or `analytics_family_of_person`)."""
    concerns = [
        c for group in people["concerns"] for c in (group if isinstance(group, list) else [group])
    ]
    return FamilyNetworkFacts(
        links=[Link(source, target, type_, kind) for source, target, type_, kind in links],
        concerns=[ConcernFact.of(c) for c in concerns],
        children=set(people["children"]),
        expectant=set(people.get("expectant") or ()),
        names={p["id"]: p.get("full_name") or p["id"] for p in people["people"]},
    )


def run_network_analysis(
    analysis: str, facts: FamilyNetworkFacts, on: date, t: Thresholds
) -> AnalysisResult[Finding]:
    found: list[Finding]
    if analysis == "disadvantage":
        found = [u for u in family_units(facts, t) if u.qualifies]
    elif analysis == "clusters":
        found = list(disadvantage_clusters(facts, t))
    else:
        found = list(risk_hubs(facts, t))
    return AnalysisResult(analysis, on, datetime.now().astimezone(), t.model_dump(), found)


def in_area(
    result: AnalysisResult[Finding], areas: Mapping[str, str], area: str
) -> AnalysisResult[Finding]:
    """The findings in an area: a flag or a family unit by its own area, a cluster or a
    risk hub by any of its households (`areas`: household id to area, as
    `FamilyNetworkFacts` has)."""

    def inside(found: Finding) -> bool:
        if isinstance(found, ChildFlag | FamilyUnit):
            return found.area == area
        return any(areas.get(household) == area for household in found.households)

    return dataclasses.replace(result, rows=[found for found in result.rows if inside(found)])


def record(found: Finding) -> dict[str, Any]:
    """A finding as a record for a table, CSV or JSON."""
    if isinstance(found, FamilyUnit):
        return unit_row(found)
    if isinstance(found, Cluster):
        return {
            "id": found.id,
            "households": found.households,
            "problem_count": found.problem_count,
            "problems_by_household": found.problems_by_household,
            "evidence": found.links,
        }
    if isinstance(found, RiskHub):
        return {
            "id": found.person_id,
            "name": found.name,
            "reason": found.reason,
            "households": found.households,
            "evidence": found.evidence,
        }
    row: dict[str, Any] = {
        "child_id": found.child_id,
        "child_name": found.child_name,
        "age": found.age,
        "household_id": found.household_id,
        "area": found.area,
    }
    if found.kind is not None:  # a young carer; a toxic trio flag has none of these
        row["kind"] = found.kind
        row["score"] = found.score
        row["known_to_young_carers_service"] = found.known_to_young_carers_service
    return row | {"evidence": found.evidence}


def records(rows: Sequence[Finding | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Findings as records; rows that are records already (a plan's) as they are."""
    return [dict(row) if isinstance(row, Mapping) else record(row) for row in rows]


def unit_row(unit: FamilyUnit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "area": unit.area,
        "households": unit.households,
        "children": unit.children,
        "expectant": unit.expectant,
        "people": len(unit.people),
        "problem_count": unit.problem_count,
        "high_severity": unit.high_severity,
        "at_threshold": unit.at_threshold,
        "qualifies": unit.qualifies,
        "problems": [HeadlineProblem(p).label for p in unit.problems],
        "evidence": [fact for facts in unit.problems.values() for fact in facts],
    }
