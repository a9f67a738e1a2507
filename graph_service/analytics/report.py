"""Whole-borough runs of the household rules, as rows ready for a table, CSV or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from graph_service.analytics.household_rules import toxic_trio, young_carer_candidates
from graph_service.analytics.households import HouseholdFacts, households_from_rows
from graph_service.analytics.thresholds import Thresholds

__all__ = ["MAX_HOUSEHOLDS", "AnalysisResult", "child_household_params", "run_analysis"]

MAX_HOUSEHOLDS = 200_000
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
    adult_born = on.replace(year=on.year - t.adult_age) if not (on.month == 2 and on.day == 29) \
        else date(on.year - t.adult_age, 2, 28)  # fmt: skip
    return {"asOf": on, "adultBornOnOrBefore": adult_born, "area": area,
            "youngCarersService": YOUNG_CARERS_SERVICE, "limit": MAX_HOUSEHOLDS}  # fmt: skip


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
        {"child_id": f.child.id, "child_name": f.child.name, "age": f.child.age(on),
         "household_id": f.household_id, "area": f.area,
         "evidence": [f"{element}: {item}" for element, items in f.evidence.items()
                      for item in items]}
        for f in toxic_trio(household, on, t)
    ]  # fmt: skip


def _carer_rows(household: HouseholdFacts, on: date, t: Thresholds) -> list[dict[str, Any]]:
    return [
        {"child_id": c.child.id, "child_name": c.child.name, "age": c.child.age(on),
         "household_id": c.household_id, "area": c.area, "kind": c.kind, "score": c.score,
         "known_to_young_carers_service": c.known_to_young_carers_service,
         "evidence": c.reasons}
        for c in young_carer_candidates(household, on, t)
    ]  # fmt: skip
