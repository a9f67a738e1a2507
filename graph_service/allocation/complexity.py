"""How complex a case is, from its family's graph: every factor listed with its weight."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from graph_service.allocation.facts import CaseFacts
from graph_service.analytics.household_rules import TRIO
from graph_service.model.allocation_weights import ComplexityWeights
from graph_service.model.taxonomy import CaseKind, concern_info

__all__ = ["LEGAL_CONTEXTS", "Complexity", "ComplexityBand", "Factor", "assess_complexity"]

# Case kinds that carry a legal framework of their own, and the weight that prices each.
LEGAL_CONTEXTS: dict[str, str] = {
    CaseKind.CHILD_PROTECTION.value: "child_protection",
    CaseKind.LOOKED_AFTER.value: "looked_after",
    CaseKind.MENTAL_HEALTH_ACT.value: "mental_health_act",
    CaseKind.DEPRIVATION_OF_LIBERTY.value: "deprivation_of_liberty",
}


class ComplexityBand(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class Factor:
    name: str
    count: int
    weight: float
    evidence: list[str] = field(default_factory=list)

    @property
    def contribution(self) -> float:
        return self.count * self.weight


@dataclass(frozen=True)
class Complexity:
    case_id: str
    score: float
    band: ComplexityBand
    caseload_weight: float
    factors: list[Factor]
    # Who it was worked out from: named in the audit event of whoever reads it.
    people: tuple[str, ...] = ()

    @property
    def is_high(self) -> bool:
        return self.band is ComplexityBand.HIGH


def assess_complexity(case: CaseFacts, on: date, weights: ComplexityWeights) -> Complexity:
    factors = [
        _headline_problems(case, weights),
        _toxic_trio(case, weights),
        Factor(
            "agencies involved",
            len(case.agencies),
            weights.per_agency,
            sorted(case.agencies.values()),
        ),
        _children(case, on, weights),
        Factor(
            "hazards",
            len(case.hazards),
            weights.per_hazard,
            sorted(f"{kind.replace('_', ' ')} ({hid})" for hid, kind in case.hazards.items()),
        ),
        *_legal_context(case, weights),
        _recent_concerns(case, on, weights),
    ]
    factors = [f for f in factors if f.count]
    score = round(sum(f.contribution for f in factors), 2)
    band = (
        ComplexityBand.HIGH
        if score >= weights.high_from
        else ComplexityBand.MEDIUM
        if score >= weights.medium_from
        else ComplexityBand.LOW
    )
    caseload = {
        ComplexityBand.LOW: weights.caseload_low,
        ComplexityBand.MEDIUM: weights.caseload_medium,
        ComplexityBand.HIGH: weights.caseload_high,
    }[band]
    return Complexity(case.id, score, band, caseload, factors, case.people)


def _headline_problems(case: CaseFacts, weights: ComplexityWeights) -> Factor:
    problems: dict[str, list[str]] = {}
    for concern in case.concerns:
        info = concern_info(concern.code)
        if info.headline is not None:
            problems.setdefault(info.headline.label, []).append(
                f"{concern.code} {info.label} ({case.name_of(concern.subject_id)})"
            )
    evidence = [f"{problem}: {'; '.join(items)}" for problem, items in sorted(problems.items())]
    return Factor("headline problems", len(problems), weights.per_headline_problem, evidence)


def _toxic_trio(case: CaseFacts, weights: ComplexityWeights) -> Factor:
    found = {
        element: [
            f"{c.code} ({case.name_of(c.subject_id)})" for c in case.concerns if c.code in codes
        ]
        for element, codes in TRIO.items()
    }
    if not all(found.values()):
        return Factor("toxic trio", 0, weights.toxic_trio)
    evidence = [f"{element}: {', '.join(items)}" for element, items in found.items()]
    return Factor("toxic trio", 1, weights.toxic_trio, evidence)


def _children(case: CaseFacts, on: date, weights: ComplexityWeights) -> Factor:
    children = [m for m in case.family if m.is_child(on)]
    return Factor(
        "children in the family", len(children), weights.per_child, [m.name for m in children]
    )


def _legal_context(case: CaseFacts, weights: ComplexityWeights) -> list[Factor]:
    cases = {case.id: case.kind, **case.other_cases}
    found: dict[str, list[str]] = {}
    for case_id, kind in cases.items():
        if kind in LEGAL_CONTEXTS:
            found.setdefault(kind, []).append(case_id)
    return [
        Factor(
            f"legal context: {CaseKind(kind).label.lower()}",
            1,
            getattr(weights, LEGAL_CONTEXTS[kind]),
            sorted(ids),
        )
        for kind, ids in sorted(found.items())
    ]


def _recent_concerns(case: CaseFacts, on: date, weights: ComplexityWeights) -> Factor:
    since = on - timedelta(days=weights.recent_days)
    recent = sorted(
        (c for c in case.concerns if since < c.raised_on <= on), key=lambda c: (c.raised_on, c.id)
    )
    return Factor(
        f"concerns raised in the last {weights.recent_days} days",
        len(recent),
        weights.per_recent_concern,
        [f"{c.code} on {c.raised_on.isoformat()} ({case.name_of(c.subject_id)})" for c in recent],
    )
