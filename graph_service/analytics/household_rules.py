"""Rules over one household: the toxic trio and young carers (explicit and hidden)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph_service.analytics.households import ConcernFact, HouseholdFacts, HouseholdMember
from graph_service.model.evidence import Fact, PersonRef
from graph_service.model.thresholds import Thresholds

__all__ = [
    "CARE_NEED_CODES",
    "TRIO",
    "ToxicTrioFlag",
    "YoungCarerCandidate",
    "toxic_trio",
    "young_carer_candidates",
]

# Toxic trio elements (DOMAIN.md): domestic abuse, parental mental ill-health, parental
# substance misuse, all current in the child's household at once.
TRIO: dict[str, frozenset[str]] = {
    "domestic abuse": frozenset({"3B", "3C"}),
    "parental mental ill-health": frozenset({"4B"}),
    "parental substance misuse": frozenset({"1B", "2B"}),
}
# A person with one of these needs may be cared for by a child in the household.
CARE_NEED_CODES: dict[str, str] = {
    "4A": "mental ill-health",
    "4B": "mental ill-health",
    "4C": "mental ill-health",
    "1B": "alcohol misuse",
    "1C": "alcohol misuse",
    "2B": "drug misuse",
    "2C": "drug misuse",
    "5A": "learning disability",
    "5B": "learning disability",
    "5C": "learning disability",
    "6A": "physical disability or illness",
    "6B": "physical disability or illness",
    "6C": "physical disability or illness",
    "ACN": "adult social care need",
}


@dataclass
class ToxicTrioFlag:
    child: HouseholdMember
    household_id: str
    area: str | None
    evidence: list[Fact]


def toxic_trio(household: HouseholdFacts, on: date, thresholds: Thresholds) -> list[ToxicTrioFlag]:
    """Each child of a household where all three elements are current, with the concerns."""
    names = household.names()
    found = {
        element: [c for c in household.concerns if c.code in codes]
        for element, codes in TRIO.items()
    }
    if not all(found.values()):
        return []
    evidence = [
        Fact(element, concerns=(c.ref(names),)) for element, items in found.items() for c in items
    ]
    return [
        ToxicTrioFlag(child, household.id, household.area, evidence)
        for child in _children(household, on, thresholds)
    ]


@dataclass
class YoungCarerCandidate:
    child: HouseholdMember
    household_id: str
    area: str | None
    kind: str  # "explicit" or "hidden"
    score: int
    reasons: list[Fact] = field(default_factory=list)
    known_to_young_carers_service: bool = False


def young_carer_candidates(
    household: HouseholdFacts, on: date, thresholds: Thresholds
) -> list[YoungCarerCandidate]:
    names = household.names()
    needs = _care_needs(household)
    children = _children(household, on, thresholds)
    eldest = min(children, key=lambda c: c.date_of_birth or date.max, default=None)
    found = []
    for child in children:
        explicit = _explicit_reasons(household, child, names)
        hidden, score = _hidden_reasons(household, child, needs, eldest, on, thresholds)
        if explicit or hidden:
            found.append(
                YoungCarerCandidate(
                    child,
                    household.id,
                    household.area,
                    "explicit" if explicit else "hidden",
                    score,
                    explicit + hidden,
                    child.young_carers_service,
                )
            )
    return found


def _children(household: HouseholdFacts, on: date, thresholds: Thresholds) -> list[HouseholdMember]:
    return [
        m
        for m in household.members
        if (age := m.age(on)) is not None and age < thresholds.adult_age
    ]


def _care_needs(household: HouseholdFacts) -> dict[str, list[ConcernFact]]:
    needs: dict[str, list[ConcernFact]] = {}
    for concern in household.concerns:
        if concern.code in CARE_NEED_CODES and concern.subject_id in household.names():
            needs.setdefault(concern.subject_id, []).append(concern)
    return needs


def _explicit_reasons(
    household: HouseholdFacts, child: HouseholdMember, names: dict[str, str]
) -> list[Fact]:
    reasons = [
        Fact("young carer code 7A recorded", concerns=(c.ref(names),))
        for c in household.concerns
        if c.subject_id == child.id and c.code == "7A"
    ]
    reasons += [
        Fact("recorded as caring for", people=(PersonRef(other, names.get(other, other)),))
        for other in child.cares_for
    ]
    return reasons


def _hidden_reasons(
    household: HouseholdFacts,
    child: HouseholdMember,
    needs: dict[str, list[ConcernFact]],
    eldest: HouseholdMember | None,
    on: date,
    t: Thresholds,
) -> tuple[list[Fact], int]:
    age = child.age(on)
    others = {pid: concerns for pid, concerns in needs.items() if pid != child.id}
    if age is None or not t.hidden_carer_min_age <= age <= t.hidden_carer_max_age or not others:
        return [], 0
    names = household.names()
    reasons, score = [], t.weight_care_need
    for pid, concerns in others.items():
        kinds = ", ".join(sorted({CARE_NEED_CODES[c.code] for c in concerns}))
        reasons.append(
            Fact(
                f"lives with someone with {kinds}",
                people=(PersonRef(pid, names[pid]),),
                concerns=tuple(c.ref(names) for c in concerns),
                weight=t.weight_care_need,
            )
        )
    if len(others) > 1:
        extra = t.weight_per_extra_person_with_need * (len(others) - 1)
        score += extra
        reasons.append(Fact(f"{len(others)} people in the household have care needs", weight=extra))
    adults = [m for m in household.members if (m.age(on) or 0) >= t.adult_age]
    if adults and all(a.id in needs for a in adults):
        score += t.weight_no_capable_adult
        reasons.append(
            Fact(
                "no adult in the household is free of care needs", weight=t.weight_no_capable_adult
            )
        )
    if eldest is child and len(_children(household, on, t)) > 1:
        score += t.weight_eldest_child
        reasons.append(Fact("eldest child in the household", weight=t.weight_eldest_child))
    attendance = [c for c in household.concerns if c.subject_id == child.id and c.code == "ATT"]
    if attendance:
        score += t.weight_attendance
        reasons.append(
            Fact(
                "school attendance concern",
                concerns=(attendance[0].ref(names),),
                weight=t.weight_attendance,
            )
        )
    return reasons, score
