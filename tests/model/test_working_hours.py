"""Clocks checked against hand counts on the 2026 England calendar.

2026: Good Friday 3 April, Easter Monday 6 April; Christmas Day Friday 25 December,
Boxing Day observed Monday 28 December. British Summer Time began 29 March, ended
25 October. Working hours 09:00 to 17:00 London time.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_service.model.timescales import is_working_day
from graph_service.model.working_hours import LONDON, Clock, ClockKind, WorkingHours

HOURS = WorkingHours()
ONE_DAY = Clock.working_days(1)
RED = Clock(ClockKind.AROUND_THE_CLOCK, timedelta(hours=4))


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        (at(12, 2, 10), at(12, 3, 10), "Wednesday to Thursday, same time"),
        (at(12, 4, 15), at(12, 7, 15), "Friday 15:00: 2 hours Friday, 6 hours Monday"),
        (at(12, 5, 11), at(12, 7, 17), "Saturday: the clock starts Monday 09:00"),
        (at(12, 3, 18, 30), at(12, 4, 17), "after hours: the clock starts next morning"),
        (at(12, 3, 7), at(12, 3, 17), "before opening: the clock starts that morning"),
        (at(12, 24, 12), at(12, 29, 12), "Christmas Eve: Christmas, weekend, Boxing Day off"),
        (at(4, 2, 16), at(4, 7, 16), "Thursday before Easter: 1 hour, then Tuesday 7 hours"),
    ],
)
def test_one_working_day_matches_a_hand_count(received: datetime, due: datetime, why: str) -> None:
    assert ONE_DAY.due(received) == due, why


def test_three_working_days_span_a_bank_holiday_weekend() -> None:
    green = Clock.working_days(3)
    # Wednesday 1 April 14:00: Wed 3h, Thu 8h, Fri Good Friday, weekend, Mon Easter
    # Monday, Tue 8h, Wed 5h: 14:00 on Wednesday 8 April.
    assert green.due(at(4, 1, 14)) == at(4, 8, 14)


def test_red_runs_around_the_clock_over_a_weekend_night() -> None:
    assert RED.due(at(12, 5, 22)) == at(12, 6, 2)  # Saturday 22:00 to Sunday 02:00


def test_red_counts_real_hours_across_the_clock_change() -> None:
    # 25 October 2026, 00:30 BST; the clocks go back at 02:00: four real hours later
    # it is 03:30 GMT, though the wall clock moved only three.
    start = datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
    due = RED.due(start)
    assert due.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=4)
    assert due.astimezone(LONDON).time() == time(3, 30)


def test_working_time_between_counts_only_open_hours() -> None:
    assert HOURS.between(at(12, 4, 15), at(12, 7, 10)) == timedelta(hours=3)
    assert HOURS.between(at(12, 5, 8), at(12, 6, 20)) == timedelta(0)  # a weekend
    assert HOURS.between(at(12, 7, 10), at(12, 4, 15)) == -timedelta(hours=3)


def test_used_share_of_the_span_is_what_flags_at_risk() -> None:
    received = at(12, 4, 15)  # due Monday 15:00
    assert ONE_DAY.used(received, at(12, 7, 12)) == pytest.approx(5 / 8)
    assert ONE_DAY.used(received, at(12, 7, 13)) == pytest.approx(6 / 8)
    assert ONE_DAY.used(received, at(12, 8, 9)) > 1  # past due


def test_clocks_describe_themselves() -> None:
    assert RED.describe() == "4 hours around the clock"
    assert Clock.working_days(3).describe() == "3 working days"
    assert Clock(ClockKind.WORKING_HOURS, timedelta(hours=4)).describe() == (
        "4 hours of working time"
    )


def test_a_working_day_must_close_after_it_opens() -> None:
    with pytest.raises(ValueError, match="closes"):
        WorkingHours(opens=time(17), closes=time(9))


def _counted_day_by_day(start: datetime, end: datetime) -> timedelta:
    """Working time the slow, obvious way: each day's open hours that fall in the span."""
    total, day = timedelta(0), start.astimezone(LONDON).date()
    while day <= end.astimezone(LONDON).date():
        if is_working_day(day):
            opening = datetime.combine(day, time(9), LONDON)
            closing = datetime.combine(day, time(17), LONDON)
            total += max(timedelta(0), min(end, closing) - max(start, opening))
        day += timedelta(days=1)
    return total


@given(
    st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 1, 31)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=40)),
)
def test_working_time_between_agrees_with_a_day_by_day_count(
    start: datetime, span: timedelta
) -> None:
    begin = start.replace(tzinfo=UTC)
    assert HOURS.between(begin, begin + span) == _counted_day_by_day(begin, begin + span)


@given(
    st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 1, 31)),
    st.integers(min_value=0, max_value=8 * 60 * 15),
)
def test_adding_working_time_is_undone_by_counting_it(start: datetime, minutes: int) -> None:
    begin = start.replace(tzinfo=UTC)
    due = HOURS.add(begin, timedelta(minutes=minutes))
    assert HOURS.between(begin, due) == timedelta(minutes=minutes)
