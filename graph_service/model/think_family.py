"""Think Family alerts: when something serious is recorded about one person, the people
whose safety it touches are named, each with the rule that fired and why.

Rules (configurable: `GRAPH_SERVICE_ALERTS_*`):
- serious_on_adult: a high-severity domestic abuse, mental health or substance misuse
  concern, or a new hazard, on an adult: the children in their household, their partners
  and their cohabitees;
- abuse_partner_elsewhere: a domestic abuse concern on someone who is a partner in
  another household: that household's children;
- hazard_at_address: a new hazard: everyone at that address who has a worker (their
  workers are told).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph_service.model.mash import Rag
from graph_service.model.rules import age_on
from graph_service.model.taxonomy import Severity

__all__ = [
    "ADULT_AGE",
    "AlertRule",
    "AlertSettings",
    "AlertState",
    "Household",
    "Neighbour",
    "PlannedAlert",
    "Trigger",
    "TriggerKind",
    "planned_alerts",
    "worth_checking",
]

ADULT_AGE = 18


class AlertRule(StrEnum):
    SERIOUS_ON_ADULT = "serious_on_adult"
    ABUSE_PARTNER_ELSEWHERE = "abuse_partner_elsewhere"
    HAZARD_AT_ADDRESS = "hazard_at_address"


class AlertState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"
    # Not stored: an open red alert unacknowledged after the escalation time.
    ESCALATED = "escalated"


class TriggerKind(StrEnum):
    CONCERN = "concern"
    HAZARD = "hazard"


_CATEGORIES: dict[str, frozenset[str]] = {
    "domestic_abuse": frozenset({"3A", "3B", "3C"}),
    "mental_health": frozenset({"4A", "4B", "4C"}),
    "substance_misuse": frozenset({"1A", "1B", "1C", "2A", "2B", "2C"}),
}


class AlertSettings(BaseSettings):
    """Which rules run, what counts as serious, and when a red alert is escalated."""

    model_config = SettingsConfigDict(env_prefix="GRAPH_SERVICE_ALERTS_", frozen=True)

    rules: frozenset[AlertRule] = frozenset(AlertRule)
    serious_severity: Severity = Severity.HIGH
    serious_categories: frozenset[str] = frozenset(_CATEGORIES)
    escalate_after_working_hours: float = Field(default=4, gt=0)
    # A concern raised, or a hazard recorded, longer ago than this is history, not news:
    # an agency's extract carrying years of concerns raises no alert for the old ones.
    recent_days: int = Field(default=28, ge=0)

    def category_of(self, code: str) -> str | None:
        """The serious category a concern code is in, if this borough counts it."""
        return next(
            (c for c in sorted(self.serious_categories) if code in _CATEGORIES.get(c, ())), None
        )


@dataclass(frozen=True)
class Trigger:
    """What was recorded: a concern (its code and severity) or a hazard."""

    kind: TriggerKind
    id: str
    person_id: str | None  # who it is about (None: a hazard on an address)
    born: date | None = None
    code: str | None = None
    severity: Severity | None = None
    recorded_on: date | None = None  # when it was raised or recorded


@dataclass(frozen=True)
class Household:
    id: str
    members: dict[str, date | None]  # person id -> date of birth


@dataclass(frozen=True)
class Neighbour:
    """Someone the trigger's person is partnered with, and the households they live in."""

    id: str
    households: tuple[Household, ...] = ()


@dataclass(frozen=True)
class PlannedAlert:
    subject_id: str
    rag: Rag
    rules: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


_PARTNER_ELSEWHERE = "a domestic abuse concern about a partner of an adult in their household"


def worth_checking(trigger: Trigger, settings: AlertSettings, on: date) -> bool:
    """Whether any rule could fire for this record: recent, and a hazard, a domestic
    abuse concern or a serious one (who it touches is read only then)."""
    if trigger.recorded_on is not None and (on - trigger.recorded_on).days > settings.recent_days:
        return False
    if trigger.kind is TriggerKind.HAZARD:
        return True
    abuse = trigger.code in _CATEGORIES["domestic_abuse"]
    return abuse or _what(trigger, settings) is not None


def _child(born: date | None, on: date) -> bool:
    age = age_on(born, on)
    return age is not None and age < ADULT_AGE


def planned_alerts(
    trigger: Trigger,
    households: list[Household],
    partners: list[Neighbour],
    residents: dict[str, list[str]],
    settings: AlertSettings,
    on: date,
) -> list[PlannedAlert]:
    """Who is alerted and why; `residents`, those at the address, with their workers."""
    if not worth_checking(trigger, settings, on):
        return []
    found: dict[str, PlannedAlert] = {}
    red = trigger.kind is TriggerKind.HAZARD or trigger.severity is Severity.HIGH

    def alert(person: str, rule: AlertRule, reason: str) -> None:
        if person == trigger.person_id:
            return
        planned = found.setdefault(person, PlannedAlert(person, Rag.RED if red else Rag.AMBER))
        if reason not in planned.reasons:
            planned.rules.append(rule.value)
            planned.reasons.append(reason)

    what = _what(trigger, settings)
    # Someone whose age is not known is taken for an adult: better told than not.
    adult = trigger.person_id is not None and not _child(trigger.born, on)
    if AlertRule.SERIOUS_ON_ADULT in settings.rules and adult and what:
        for household in households:
            for member, born in household.members.items():
                if _child(born, on):
                    reason = f"{what} about an adult in their household"
                else:
                    reason = f"{what} about someone they live with"
                alert(member, AlertRule.SERIOUS_ON_ADULT, reason)
        for partner in partners:
            alert(partner.id, AlertRule.SERIOUS_ON_ADULT, f"{what} about their partner")
    abuse = trigger.code in _CATEGORIES["domestic_abuse"]
    if AlertRule.ABUSE_PARTNER_ELSEWHERE in settings.rules and abuse:
        own = {h.id for h in households}
        for partner in partners:
            for household in partner.households:
                if household.id in own:
                    continue
                for member, born in household.members.items():
                    if _child(born, on):
                        alert(member, AlertRule.ABUSE_PARTNER_ELSEWHERE, _PARTNER_ELSEWHERE)
    if AlertRule.HAZARD_AT_ADDRESS in settings.rules and trigger.kind is TriggerKind.HAZARD:
        for person, workers in residents.items():
            if workers:
                alert(person, AlertRule.HAZARD_AT_ADDRESS, "a new hazard at their address")
    return list(found.values())


def _what(trigger: Trigger, settings: AlertSettings) -> str | None:
    """The serious thing recorded, in words; None when it is not serious enough."""
    if trigger.kind is TriggerKind.HAZARD:
        return "a new hazard"
    category = settings.category_of(trigger.code or "")
    if category is None or trigger.severity != settings.serious_severity:
        return None
    return f"a high-severity {category.replace('_', ' ')} concern"
