"""Statutory timescales for children's cases (Working Together to Safeguard Children 2023).

Counted in working days: Monday to Friday, less England's bank holidays (substitute days
and one-off holidays included, from the `holidays` package; no network call).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import holidays

from graph_service.model.rules import Problem, ProblemKind
from graph_service.model.taxonomy import CaseKind

__all__ = [
    "REFERRAL_KINDS",
    "Milestone",
    "Timescale",
    "TimescaleState",
    "TimescaleStatus",
    "add_working_days",
    "case_timescales",
    "is_working_day",
    "milestone_problem",
    "working_days_between",
]


class Milestone(StrEnum):
    """A dated step in a children's case; the value is the case property that holds it."""

    DECISION = "decided_on"
    ASSESSMENT_COMPLETED = "assessment_completed_on"
    STRATEGY_DISCUSSION = "strategy_discussion_on"
    INITIAL_CONFERENCE = "initial_conference_on"


@dataclass(frozen=True)
class _Rule:
    working_days: int
    done_by: Milestone
    basis: str


class Timescale(StrEnum):
    REFERRAL_DECISION = "referral_decision"
    ASSESSMENT = "assessment"
    INITIAL_CONFERENCE = "initial_conference"

    @property
    def rule(self) -> _Rule:
        return _RULES[self]


_RULES = {
    Timescale.REFERRAL_DECISION: _Rule(
        1,
        Milestone.DECISION,
        "a decision on the type of response within 1 working day of the referral",
    ),
    Timescale.ASSESSMENT: _Rule(
        45,
        Milestone.ASSESSMENT_COMPLETED,
        "the child and family assessment within 45 working days of the referral",
    ),
    Timescale.INITIAL_CONFERENCE: _Rule(
        15,
        Milestone.INITIAL_CONFERENCE,
        "the initial child protection conference within 15 working days of the strategy "
        "discussion that started the s.47 enquiry",
    ),
}

# Referrals to children's social care: the cases the referral timescales run on.
REFERRAL_KINDS = frozenset({CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION})


class TimescaleState(StrEnum):
    DUE = "due"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    CASE_CLOSED = "case_closed"  # closed before the step was recorded


@dataclass(frozen=True)
class TimescaleStatus:
    timescale: Timescale
    started_on: date
    due_on: date
    done_on: date | None
    state: TimescaleState
    working_days_left: int | None  # until due (negative: overdue); None once done or closed
    basis: str


@functools.cache
def _bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays that fall on a weekday in `year`."""
    found = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(day for day in found if day.weekday() < 5)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


@functools.lru_cache(maxsize=8192)  # a borough's cases share a few hundred dates
def add_working_days(start: date, count: int) -> date:
    """The `count`th working day after `start`."""
    day = start
    while count > 5:  # a whole number of weeks holds 5 weekdays each, less bank holidays
        weeks = (count - 1) // 5  # the last steps are taken a day at a time, onto a working day
        end = day + timedelta(weeks=weeks)
        count -= weeks * 5 - _bank_holidays_after(day, end)
        day = end
    while count > 0:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day


def _bank_holidays_after(start: date, end: date) -> int:
    """Weekday bank holidays after `start`, up to and including `end`."""
    return sum(
        start < day <= end
        for year in range(start.year, end.year + 1)
        for day in _bank_holidays(year)
    )


@functools.lru_cache(maxsize=8192)
def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    weeks, rest = divmod((end - start).days, 7)  # whole weeks: 5 working days each
    tail = (start + timedelta(days=n) for n in range(1, rest + 1))
    return weeks * 5 + sum(day.weekday() < 5 for day in tail) - _bank_holidays_after(start, end)


def case_timescales(
    kind: CaseKind,
    opened_on: date | None,
    closed_on: date | None,
    milestones: Mapping[Milestone, date | None],
    on: date,
) -> list[TimescaleStatus]:
    """Each timescale that applies to the case, and where it stands on `on`: steps taken
    after `on` had not been taken yet."""
    milestones = {m: day for m, day in milestones.items() if day is not None and day <= on}
    starts: dict[Timescale, date] = {}
    if kind in REFERRAL_KINDS and opened_on is not None and opened_on <= on:
        starts[Timescale.REFERRAL_DECISION] = starts[Timescale.ASSESSMENT] = opened_on
    strategy = milestones.get(Milestone.STRATEGY_DISCUSSION)
    if strategy is not None:
        starts[Timescale.INITIAL_CONFERENCE] = strategy
    return [
        _status(t, start, closed_on, milestones.get(t.rule.done_by), on)
        for t, start in starts.items()
    ]


def _status(
    timescale: Timescale, start: date, closed_on: date | None, done: date | None, on: date
) -> TimescaleStatus:
    due = add_working_days(start, timescale.rule.working_days)
    left: int | None = None
    if done is not None:
        state = TimescaleState.MET if done <= due else TimescaleState.MET_LATE
    elif closed_on is not None and closed_on <= on:
        state = TimescaleState.CASE_CLOSED
    else:
        left = working_days_between(on, due)
        state = TimescaleState.OVERDUE if on > due else TimescaleState.DUE
    return TimescaleStatus(timescale, start, due, done, state, left, timescale.rule.basis)


def milestone_problem(
    kind: CaseKind,
    opened_on: date | None,
    closed_on: date | None,
    recorded: Mapping[Milestone, date | None],
    milestone: Milestone,
    on: date,
) -> Problem | None:
    """Why `milestone` cannot be recorded on `on` for this case, if it cannot."""
    step = milestone.name.lower().replace("_", " ")
    if kind not in REFERRAL_KINDS:
        return Problem(
            "milestone",
            f"the {step} is a step of a referral to children's social "
            f"care (child in need or child protection), not of a {kind.value} case",
            ProblemKind.INVALID_VALUE,
        )
    if recorded.get(milestone) is not None:
        return Problem(
            "milestone",
            f"the {step} is already recorded, on {recorded[milestone]}",
            ProblemKind.INVALID_VALUE,
        )
    if opened_on is not None and on < opened_on:
        return Problem(
            "on",
            f"on {on} is before the case opened, on {opened_on}",
            ProblemKind.INVALID_DATE_RANGE,
        )
    if closed_on is not None and on > closed_on:
        return Problem(
            "on",
            f"on {on} is after the case closed, on {closed_on}",
            ProblemKind.INVALID_DATE_RANGE,
        )
    strategy = recorded.get(Milestone.STRATEGY_DISCUSSION)
    if milestone is Milestone.INITIAL_CONFERENCE and (strategy is None or on < strategy):
        return Problem(
            "on",
            "an initial conference follows the strategy discussion"
            + (f", recorded on {strategy}" if strategy else ": record that first"),
            ProblemKind.INVALID_DATE_RANGE,
        )
    return None
