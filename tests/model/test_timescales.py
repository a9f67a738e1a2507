"""Working Together timescales: working days, bank holidays, and where each step stands."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from graph_service.model.taxonomy import CaseKind
from graph_service.model.timescales import (
    Milestone,
    Timescale,
    TimescaleState,
    add_working_days,
    case_timescales,
    is_working_day,
    milestone_problem,
    working_days_between,
)


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday to Monday
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Christmas, weekend, Boxing Day observed
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # the Coronation bank holiday, 8 May 2023
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # the State Funeral, 19 September 2022
        # 45 working days from Monday 2 November 2026, counted by hand: 20 in November, 18
        # in December (less the 25th and the 28th), then 4 after New Year's Day.
        (date(2026, 11, 2), 45, date(2027, 1, 7)),
        (date(2026, 11, 2), 0, date(2026, 11, 2)),
    ],
)
def test_working_days_skip_weekends_and_englands_bank_holidays(
    start: date, count: int, due: date
) -> None:
    assert add_working_days(start, count) == due
    assert working_days_between(start, due) == count
    assert working_days_between(due, start) == -count


def test_working_days_count_as_a_day_by_day_walk_would() -> None:
    rng = random.Random(4)
    for _ in range(500):
        start = date(2021, 1, 1) + timedelta(days=rng.randint(0, 2500))
        end = start + timedelta(days=rng.randint(0, 900))
        walked = sum(
            is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1)
        )
        assert working_days_between(start, end) == walked == -working_days_between(end, start)
        count, day = rng.randint(0, 80), start
        for _ in range(count):  # the count-th working day, one day at a time
            day += timedelta(days=1)
            while not is_working_day(day):
                day += timedelta(days=1)
        assert add_working_days(start, count) == day


Standing = dict[Timescale, tuple[TimescaleState, date, int | None]]


def _timescales(kind: CaseKind, on: date, closed: date | None = None, **dates: date) -> Standing:
    milestones = {Milestone[name.upper()]: day for name, day in dates.items()}
    found = case_timescales(kind, date(2026, 11, 2), closed, milestones, on)
    assert all(status.basis for status in found)  # each says which rule it follows
    return {s.timescale: (s.state, s.due_on, s.working_days_left) for s in found}


def test_a_referral_runs_the_decision_and_assessment_timescales() -> None:
    referral = CaseKind.CHILD_IN_NEED
    assert _timescales(referral, date(2026, 11, 2)) == {
        Timescale.REFERRAL_DECISION: (TimescaleState.DUE, date(2026, 11, 3), 1),
        Timescale.ASSESSMENT: (TimescaleState.DUE, date(2027, 1, 7), 45),
    }
    late = _timescales(referral, date(2026, 11, 9), decision=date(2026, 11, 5))
    before = _timescales(referral, date(2026, 11, 4), decision=date(2026, 11, 5))
    assert before[Timescale.REFERRAL_DECISION] == (TimescaleState.OVERDUE, date(2026, 11, 3), -1)
    assert _timescales(referral, date(2026, 10, 30)) == {}  # not yet referred
    assert late[Timescale.REFERRAL_DECISION] == (TimescaleState.MET_LATE, date(2026, 11, 3), None)
    assert late[Timescale.ASSESSMENT][0] is TimescaleState.DUE
    overdue = _timescales(referral, date(2027, 1, 11), decision=date(2026, 11, 3))
    assert overdue == {
        Timescale.REFERRAL_DECISION: (TimescaleState.MET, date(2026, 11, 3), None),
        Timescale.ASSESSMENT: (TimescaleState.OVERDUE, date(2027, 1, 7), -2),
    }
    closed = _timescales(referral, date(2027, 1, 11), closed=date(2026, 12, 1))
    assert {state for state, _, _ in closed.values()} == {TimescaleState.CASE_CLOSED}


def test_a_strategy_discussion_starts_the_conference_timescale() -> None:
    cp = _timescales(
        CaseKind.CHILD_PROTECTION,
        date(2026, 11, 30),
        strategy_discussion=date(2026, 11, 6),
        initial_conference=date(2026, 11, 27),
    )
    assert cp[Timescale.INITIAL_CONFERENCE] == (TimescaleState.MET, date(2026, 11, 27), None)
    assert _timescales(CaseKind.EARLY_HELP, date(2026, 11, 30)) == {}  # not a referral


def test_a_step_is_refused_with_the_field_and_the_reason() -> None:
    opened, closed = date(2026, 11, 2), date(2026, 12, 1)
    strategy = {Milestone.STRATEGY_DISCUSSION: date(2026, 11, 6)}
    decided = {Milestone.DECISION: date(2026, 11, 3)}
    kind = CaseKind.CHILD_PROTECTION
    cases = [  # kind, recorded, step, on: (field, reason) or None
        (kind, {}, Milestone.DECISION, date(2026, 11, 3), None),
        (CaseKind.EARLY_HELP, {}, Milestone.DECISION, date(2026, 11, 3), "milestone"),
        (kind, decided, Milestone.DECISION, date(2026, 11, 4), "milestone"),  # already there
        (kind, {}, Milestone.DECISION, date(2026, 11, 1), "on"),  # before it opened
        (kind, {}, Milestone.DECISION, date(2026, 12, 2), "on"),  # after it closed
        (kind, {}, Milestone.INITIAL_CONFERENCE, date(2026, 11, 20), "on"),  # no strategy yet
        (kind, strategy, Milestone.INITIAL_CONFERENCE, date(2026, 11, 5), "on"),  # before it
        (kind, strategy, Milestone.INITIAL_CONFERENCE, date(2026, 11, 20), None),
    ]
    for case_kind, recorded, step, on, field in cases:
        found = milestone_problem(case_kind, opened, closed, recorded, step, on)
        assert (found.field if found else None) == field, (step, on)
        if found is not None:
            reason = "invalid_value" if field == "milestone" else "invalid_date_range"
            assert found.code == reason and found.message
