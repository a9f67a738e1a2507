"""Hard rules (who may not take a case) and preferences (who should), each with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from graph_service.allocation.complexity import Complexity
from graph_service.allocation.facts import CaseFacts, WorkerFacts
from graph_service.model.allocation_weights import AllocationPreferences
from graph_service.model.taxonomy import CaseKind, WorkerCapability

__all__ = ["Block", "CaseGroup", "HardRule", "Preference", "blocking_rule", "preference"]

# Needs in the family that a worker's capability answers.
_CAPABILITY_NEEDS: dict[WorkerCapability, frozenset[str]] = {
    WorkerCapability.DOMESTIC_ABUSE: frozenset({"3A", "3B", "3C"}),
    WorkerCapability.LEARNING_DISABILITY: frozenset({"5A", "5B", "5C"}),
    WorkerCapability.FORENSIC: frozenset({"OFF", "24A"}),
}


class HardRule(StrEnum):
    AGENCY = "agency"
    AMHP = "amhp"
    BEST_INTERESTS_ASSESSOR = "best_interests_assessor"
    ASYE = "asye"
    CAPACITY = "capacity"

    @property
    def statement(self) -> str:
        return {
            "agency": "the worker must work for the agency that holds the case",
            "amhp": "a Mental Health Act assessment needs an AMHP",
            "best_interests_assessor": "a Deprivation of Liberty case needs a Best Interests "
            "Assessor",
            "asye": "the most complex cases never go to a worker in their ASYE",
            "capacity": "nobody goes over their caseload limit",
        }[self.value]


@dataclass(frozen=True)
class Block:
    rule: HardRule
    explanation: str


@dataclass
class CaseGroup:
    """Cases allocated together: one family's cases at one agency (siblings stay together).

    The derived facts are cached: a queue asks them once per worker."""

    cases: list[CaseFacts]
    complexities: list[Complexity]

    @property
    def case_ids(self) -> list[str]:
        return [c.id for c in self.cases]

    @cached_property
    def kinds(self) -> frozenset[str]:
        return frozenset(c.kind for c in self.cases)

    @cached_property
    def agencies(self) -> frozenset[str]:
        return frozenset(c.agency_id for c in self.cases if c.agency_id)

    @cached_property
    def subjects(self) -> frozenset[str]:
        return frozenset(s for c in self.cases for s in c.subject_ids)

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(c.code for case in self.cases for c in case.concerns)

    @property
    def caseload(self) -> float:
        return sum(c.caseload_weight for c in self.complexities)

    @cached_property
    def is_high(self) -> bool:
        return any(c.is_high for c in self.complexities)


def blocking_rule(group: CaseGroup, worker: WorkerFacts) -> Block | None:
    """The first hard rule that stops `worker` taking the group's cases, or None."""
    kinds = group.kinds
    amhp = WorkerCapability.AMHP.value in worker.capabilities
    if CaseKind.MENTAL_HEALTH_ACT.value in kinds and not amhp:
        return Block(HardRule.AMHP, f"{worker.name} is not an AMHP")
    mha_only = kinds == {CaseKind.MENTAL_HEALTH_ACT.value}
    if not group.agencies <= worker.agency_ids and not (mha_only and amhp):
        others = ", ".join(sorted(group.agencies - worker.agency_ids))
        return Block(HardRule.AGENCY, f"{worker.name} does not work for {others}")
    bia = WorkerCapability.BEST_INTERESTS_ASSESSOR.value
    if CaseKind.DEPRIVATION_OF_LIBERTY.value in kinds and bia not in worker.capabilities:
        return Block(
            HardRule.BEST_INTERESTS_ASSESSOR, f"{worker.name} is not a Best Interests Assessor"
        )
    if group.is_high and (worker.asye or WorkerCapability.ASYE.value in worker.capabilities):
        return Block(
            HardRule.ASYE, f"{worker.name} is in their ASYE and the case is highly complex"
        )
    return None


@dataclass
class Preference:
    """The cost of one worker for one group (per caseload unit) and why."""

    cost: int
    reasons: list[str] = field(default_factory=list)


def preference(
    group: CaseGroup, worker: WorkerFacts, on: date, prefs: AllocationPreferences
) -> Preference:
    result = Preference(prefs.base_cost)
    subjects = group.subjects
    family_workers = group.cases[0].workers
    people = family_workers.get(worker.id, set())
    if people & subjects:
        result.cost -= prefs.named_worker_bonus
        names = ", ".join(sorted(group.cases[0].name_of(p) for p in people & subjects))
        result.reasons.append(f"continuity: already the named worker of {names}")
    elif people:
        result.cost -= prefs.family_worker_bonus
        names = ", ".join(sorted(group.cases[0].name_of(p) for p in people))
        result.reasons.append(f"continuity: already works with the family ({names})")
    locality = group.cases[0].locality
    if locality and worker.locality and worker.locality != locality:
        result.cost += prefs.other_locality_cost
        result.reasons.append(f"works in {worker.locality}, the family lives in {locality}")
    elif locality and worker.locality == locality:
        result.reasons.append(f"same locality ({locality})")
    codes = group.codes
    for capability, needs in _CAPABILITY_NEEDS.items():
        if capability.value in worker.capabilities and codes & needs:
            result.cost -= prefs.capability_match_bonus
            result.reasons.append(
                f"{capability.label} capability for "
                f"{', '.join(sorted(codes & needs))} in the family"
            )
    years = worker.years_qualified(on)
    if group.is_high and years < prefs.newly_qualified_years:
        result.cost += prefs.newly_qualified_on_complex_cost
        result.reasons.append(f"only {years} year(s) qualified for a highly complex case")
    elif group.is_high and WorkerCapability.ADVANCED_PRACTITIONER.value in worker.capabilities:
        result.cost -= prefs.capability_match_bonus
        result.reasons.append("advanced practitioner for a highly complex case")
    result.cost = max(result.cost, 0)
    return result
