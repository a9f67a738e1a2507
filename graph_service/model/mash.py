"""The MASH front door: a contact's rating, its agency checks and its decision, the
clocks they run on, and the rules for moving a contact from one state to the next.

Working Together to Safeguard Children 2023: a decision on the type of response within
one working day of the contact. Agency checks run to deadlines set by the rating
(configurable: `GRAPH_SERVICE_MASH_*`).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph_service.model.rules import Problem, ProblemKind
from graph_service.model.taxonomy import AgencyKind, CaseKind
from graph_service.model.working_hours import Clock, ClockKind, WorkingHours

__all__ = [
    "AT_RISK_SHARE",
    "MASH_PARTNERS",
    "ContactState",
    "MashClocks",
    "Outcome",
    "Rag",
    "ReferrerKind",
    "Stage",
    "check_agency_problem",
    "decision_problem",
    "moment_problem",
    "outcome_case_kind",
    "rating_problem",
    "referrer_problem",
]

AT_RISK_SHARE = 0.75  # a clock that has used this share of its time is at risk


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ReferrerKind(StrEnum):
    AGENCY = "agency"
    PROFESSIONAL = "professional"
    PUBLIC = "public"
    ANONYMOUS = "anonymous"

    @property
    def label(self) -> str:
        return {"public": "Member of the public"}.get(self.value, self.value.capitalize())


class ContactState(StrEnum):
    RECEIVED = "received"  # not yet rated
    RATED = "rated"  # rated, checks under way, no decision yet
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Outcome(StrEnum):
    NO_FURTHER_ACTION = "no_further_action"
    INFORMATION_AND_ADVICE = "information_and_advice"
    EARLY_HELP = "early_help"
    CHILD_AND_FAMILY_ASSESSMENT = "child_and_family_assessment"
    STRATEGY_DISCUSSION = "strategy_discussion"
    ADULT_SAFEGUARDING = "adult_safeguarding"
    CARE_ACT_ASSESSMENT = "care_act_assessment"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.NO_FURTHER_ACTION: "No further action",
    Outcome.INFORMATION_AND_ADVICE: "Information and advice, or signposting",
    Outcome.EARLY_HELP: "Early help",
    Outcome.CHILD_AND_FAMILY_ASSESSMENT: "Child and family assessment (s.17)",
    Outcome.STRATEGY_DISCUSSION: "Strategy discussion (s.47)",
    Outcome.ADULT_SAFEGUARDING: "Adult safeguarding enquiry (Care Act s.42)",
    Outcome.CARE_ACT_ASSESSMENT: "Care Act assessment",
}

# The case a decision opens (or links): its statutory timescales continue from there.
_CASE_OF = {
    Outcome.EARLY_HELP: CaseKind.EARLY_HELP,
    Outcome.CHILD_AND_FAMILY_ASSESSMENT: CaseKind.CHILD_IN_NEED,
    Outcome.STRATEGY_DISCUSSION: CaseKind.CHILD_PROTECTION,
    Outcome.ADULT_SAFEGUARDING: CaseKind.ADULT_SAFEGUARDING,
    Outcome.CARE_ACT_ASSESSMENT: CaseKind.CARE_ACT_ASSESSMENT,
}


def outcome_case_kind(outcome: str) -> CaseKind | None:
    """The kind of case an outcome needs; None for one that needs none (a local one)."""
    try:
        return _CASE_OF.get(Outcome(outcome))
    except ValueError:
        return None


class Stage(StrEnum):
    """What a contact's clocks time: the decision, or one agency's check."""

    DECISION = "decision"
    CHECK = "check"


class MashClocks(BaseSettings):
    """Deadlines, in hours (red: real hours; amber, green and the decision: working
    hours, 8 to a working day, 09:00 to 17:00 London time by default)."""

    model_config = SettingsConfigDict(env_prefix="GRAPH_SERVICE_MASH_", frozen=True)

    red_check_hours: float = Field(default=4, gt=0)
    amber_check_working_days: float = Field(default=1, gt=0)
    green_check_working_days: float = Field(default=3, gt=0)
    decision_working_days: float = Field(default=1, gt=0)
    opens: time = time(9)
    closes: time = time(17)
    # Outcomes a borough adds to the national list: code -> label. They open no case.
    local_outcomes: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sound(self) -> Self:
        WorkingHours(self.opens, self.closes)  # raises naming the field
        clash = set(self.local_outcomes) & {o.value for o in Outcome}
        if clash:
            raise ValueError(f"local_outcomes: {sorted(clash)} are national outcomes already")
        return self

    @property
    def hours(self) -> WorkingHours:
        return WorkingHours(self.opens, self.closes)

    def check(self, rag: Rag) -> Clock:
        """The clock an agency check runs on for a contact of this rating."""
        if rag is Rag.RED:
            return _clock(ClockKind.AROUND_THE_CLOCK, self.red_check_hours, self.hours)
        days = self.amber_check_working_days if rag is Rag.AMBER else self.green_check_working_days
        return _clock(ClockKind.WORKING_HOURS, days, self.hours)

    @property
    def decision(self) -> Clock:
        return _clock(ClockKind.WORKING_HOURS, self.decision_working_days, self.hours)

    def outcomes(self) -> dict[str, str]:
        """Every outcome a decision may record, code to label."""
        return {**{o.value: o.label for o in Outcome}, **self.local_outcomes}


@functools.lru_cache(maxsize=64)
def _clock(kind: ClockKind, amount: float, hours: WorkingHours) -> Clock:
    """A clock of `amount` hours around the clock, or working days (built once each)."""
    if kind is ClockKind.AROUND_THE_CLOCK:
        return Clock(kind, timedelta(hours=amount))
    return Clock.working_days(amount, hours)


def moment_problem(
    field: str, at: datetime, received_at: datetime, now: datetime
) -> Problem | None:
    """A step is dated between the contact's receipt and now."""
    if at > now:
        return Problem(field, f"{field} is in the future", ProblemKind.DATE_IN_FUTURE)
    if at < received_at:
        return Problem(
            field, f"{field} is before the contact was received", ProblemKind.INVALID_DATE_RANGE
        )
    return None


def rating_problem(rag: str | None, decided: bool, reason: str | None) -> Problem | None:
    """A contact is rated until it is decided; a re-rating says why."""
    if decided:
        return Problem(
            "rag", "the contact is decided: its rating is final", ProblemKind.ALREADY_DECIDED
        )
    if rag is not None and not reason:
        return Problem("reason", "a re-rating needs a reason", ProblemKind.INVALID_VALUE)
    return None


def check_agency_problem(asked: Collection[str], agency_id: str, field: str) -> Problem | None:
    """A response comes from an agency the contact asked."""
    if agency_id not in asked:
        return Problem(
            field, f"agency {agency_id} was not asked for a check", ProblemKind.INVALID_VALUE
        )
    return None


def decision_problem(
    rag: str | None, decided: bool, outcome: str, outcomes: dict[str, str]
) -> Problem | None:
    """One decision, on a rated contact, with an outcome the borough records."""
    if decided:
        return Problem("contactId", "the contact is decided already", ProblemKind.ALREADY_DECIDED)
    if rag is None:
        return Problem(
            "contactId",
            "rate the contact (red, amber or green) before deciding",
            ProblemKind.INVALID_VALUE,
        )
    if outcome not in outcomes:
        return Problem(
            "outcome",
            f"{outcome!r} is not an outcome: one of {', '.join(outcomes)}",
            ProblemKind.INVALID_CODE,
        )
    return None


def referrer_problem(kind: ReferrerKind, agency_id: str | None, name: str | None) -> Problem | None:
    """Who made the contact: an agency names itself, an anonymous caller is not named."""
    if kind is ReferrerKind.AGENCY and not agency_id:
        return Problem(
            "referrerAgencyId",
            "a contact from an agency names the agency",
            ProblemKind.INVALID_VALUE,
        )
    if kind is ReferrerKind.ANONYMOUS and name:
        return Problem(
            "referrerName", "an anonymous contact records no name", ProblemKind.INVALID_VALUE
        )
    if kind in (ReferrerKind.PROFESSIONAL, ReferrerKind.PUBLIC) and not name:
        return Problem(
            "referrerName",
            f"a contact from a {kind.label.lower()} names who made it",
            ProblemKind.INVALID_VALUE,
        )
    return None


# The MASH's core partners, whom a contact's checks ask first (listed first, in this order).
MASH_PARTNERS = (
    AgencyKind.POLICE,
    AgencyKind.GP_PRACTICE,
    AgencyKind.SCHOOL,
    AgencyKind.HOUSING,
    AgencyKind.ADULT_SOCIAL_CARE,
)
