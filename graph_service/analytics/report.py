"""Whole-borough runs of the household rules, as rows ready for a table, CSV or JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from graph_service.analytics.household_rules import toxic_trio, young_carer_candidates
from graph_service.analytics.households import ConcernFact, HouseholdFacts, households_from_rows
from graph_service.analytics.network_rules import (
    FamilyNetworkFacts,
    FamilyUnit,
    Link,
    disadvantage_clusters,
    family_units,
    risk_hubs,
)
from graph_service.model.taxonomy import HeadlineProblem
from graph_service.model.thresholds import Thresholds

__all__ = [
    "MAX_HOUSEHOLDS",
    "AnalysisResult",
    "borough_facts",
    "child_household_params",
    "in_area",
    "network_facts",
    "network_params",
    "run_analysis",
    "run_network_analysis",
    "unit_row",
]

MAX_HOUSEHOLDS = 200_000
# Items per record of a whole-borough read: each record is decoded in about 30 ms.
ITEMS_PER_RECORD = 5_000
YOUNG_CARERS_SERVICE = "young_carers_service"


@dataclass
class AnalysisResult:
    """Flags with their evidence, when they were computed and with which thresholds."""

    analysis: str
    as_of: date
    computed_at: datetime
    thresholds: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)


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
) -> AnalysisResult:
    """Apply one household rule to every household read by `analytics_child_households`."""
    rule = {"toxic-trio": _trio_rows, "young-carers": _carer_rows}[analysis]
    result = AnalysisResult(analysis, on, datetime.now().astimezone(), thresholds.model_dump())
    for household in households_from_rows(rows):
        result.rows.extend(rule(household, on, thresholds))
        if progress is not None:
            progress(1)
    result.rows.sort(key=lambda r: (-int(r.get("score", 0)), r["household_id"], r["child_id"]))
    return result


def _trio_rows(household: HouseholdFacts, on: date, t: Thresholds) -> list[dict[str, Any]]:
    return [
        {
            "child_id": f.child.id,
            "child_name": f.child.name,
            "age": f.child.age(on),
            "household_id": f.household_id,
            "area": f.area,
            "evidence": f.evidence,
        }
        for f in toxic_trio(household, on, t)
    ]


def _carer_rows(household: HouseholdFacts, on: date, t: Thresholds) -> list[dict[str, Any]]:
    return [
        {
            "child_id": c.child.id,
            "child_name": c.child.name,
            "age": c.child.age(on),
            "household_id": c.household_id,
            "area": c.area,
            "kind": c.kind,
            "score": c.score,
            "known_to_young_carers_service": c.known_to_young_carers_service,
            "evidence": c.reasons,
        }
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
) -> AnalysisResult:
    result = AnalysisResult(analysis, on, datetime.now().astimezone(), t.model_dump())
    if analysis == "disadvantage":
        result.rows = [unit_row(u) for u in family_units(facts, t) if u.flagged]
    elif analysis == "clusters":
        result.rows = [
            {
                "id": c.id,
                "households": c.households,
                "problem_count": c.problem_count,
                "problems_by_household": c.problems_by_household,
                "evidence": c.links,
            }
            for c in disadvantage_clusters(facts, t)
        ]
    else:
        result.rows = [
            {
                "id": h.person_id,
                "name": h.name,
                "reason": h.reason,
                "households": h.households,
                "evidence": h.evidence,
            }
            for h in risk_hubs(facts, t)
        ]
    return result


def in_area(result: AnalysisResult, areas: Mapping[str, str], area: str) -> AnalysisResult:
    """The results in an area: a family unit by its own area, a cluster or a risk hub by
    any of its households (`areas`: household id to area, as `FamilyNetworkFacts` has)."""

    def inside(row: dict[str, Any]) -> bool:
        if "area" in row:
            return bool(row["area"] == area)
        return any(areas.get(household) == area for household in row.get("households", ()))

    return dataclasses.replace(result, rows=[row for row in result.rows if inside(row)])


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
        "flagged": unit.flagged,
        "problems": [HeadlineProblem(p).label for p in unit.problems],
        "evidence": [fact for facts in unit.problems.values() for fact in facts],
    }
