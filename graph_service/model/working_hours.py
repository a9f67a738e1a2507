"""Clocks for the MASH front door: deadlines that run around the clock, or only in the
working hours of working days (England's calendar, London's local time).

A span of working days is a span of working hours, a working day being one day's hours:
a contact received at 15:00 on a Friday, with one working day to go, is due at 15:00 on
the Monday; one received on a Saturday is due at the close of Monday.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from graph_service.model.timescales import is_working_day, working_days_between

__all__ = ["LONDON", "Clock", "ClockKind", "WorkingHours", "utc"]

LONDON = ZoneInfo("Europe/London")


def utc(moment: datetime) -> datetime:
    """A moment as stored: in UTC. A time given without an offset is London's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class WorkingHours:
    """The hours of a working day, in local time."""

    opens: time = time(9)
    closes: time = time(17)

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError(f"closes: {self.closes} is not after opens ({self.opens})")

    @property
    def day(self) -> timedelta:
        """One working day's hours."""
        return _window(date(2000, 1, 3), self.opens, self.closes)[2]

    def add(self, start: datetime, span: timedelta) -> datetime:
        """The moment `span` of working time has passed after `start` (an aware time)."""
        left, moment = span, start.astimezone(LONDON)
        day = moment.date()
        while True:
            if is_working_day(day):
                opening, closing, _ = _window(day, self.opens, self.closes)
                begin = max(moment, opening)
                if begin < closing:
                    if left <= closing - begin:
                        return begin + left
                    left -= closing - begin
            day += timedelta(days=1)
            moment = datetime.combine(day, time(0), LONDON)

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end`; negative when `end` is earlier. The days
        between the first and the last count whole, from the calendar's count."""
        if end < start:
            return -self.between(end, start)
        first, last = start.astimezone(LONDON), end.astimezone(LONDON)
        if first.date() == last.date():
            return self._open_within(first, last)
        whole = working_days_between(first.date(), last.date() - timedelta(days=1))
        start_of_last = datetime.combine(last.date(), time(0), LONDON)
        end_of_first = datetime.combine(first.date(), time.max, LONDON)
        return (
            self._open_within(first, end_of_first)
            + whole * self.day
            + self._open_within(start_of_last, last)
        )

    def _open_within(self, start: datetime, end: datetime) -> timedelta:
        """Working time between two moments of one day."""
        day = start.date()
        if not is_working_day(day):
            return timedelta(0)
        opening, closing, _ = _window(day, self.opens, self.closes)
        return max(timedelta(0), min(end, closing) - max(start, opening))


@functools.lru_cache(maxsize=4096)  # a queue's clocks share a few weeks of days
def _window(day: date, opens: time, closes: time) -> tuple[datetime, datetime, timedelta]:
    """A day's opening and closing in London, and the hours between."""
    opening = datetime.combine(day, opens, LONDON)
    closing = datetime.combine(day, closes, LONDON)
    return opening, closing, closing - opening


class ClockKind(StrEnum):
    AROUND_THE_CLOCK = "around_the_clock"
    WORKING_HOURS = "working_hours"


@dataclass(frozen=True)
class Clock:
    """A deadline's rule: so much time after a start, counted one way or the other."""

    kind: ClockKind
    span: timedelta
    hours: WorkingHours = WorkingHours()

    @classmethod
    def working_days(cls, days: float, hours: WorkingHours = WorkingHours()) -> Clock:
        return cls(ClockKind.WORKING_HOURS, hours.day * days, hours)

    def due(self, start: datetime) -> datetime:
        if self.kind is ClockKind.AROUND_THE_CLOCK:
            return (start.astimezone(UTC) + self.span).astimezone(LONDON)  # real hours
        return self.hours.add(start, self.span)

    def elapsed(self, start: datetime, now: datetime) -> timedelta:
        """Time counted from `start` to `now`, this clock's way."""
        if self.kind is ClockKind.AROUND_THE_CLOCK:
            return now.astimezone(UTC) - start.astimezone(UTC)
        return self.hours.between(start, now)

    def used(self, start: datetime, now: datetime) -> float:
        """The share of the span used by `now` (above 1 once overdue)."""
        return self.elapsed(start, now) / self.span if self.span else 1.0

    def describe(self) -> str:
        return _describe(self)


@functools.lru_cache(maxsize=64)
def _describe(clock: Clock) -> str:
    """A clock's rule in words (a queue asks it of every clock it shows)."""
    if clock.kind is ClockKind.AROUND_THE_CLOCK:
        return f"{_hours(clock.span)} around the clock"
    days = clock.span / clock.hours.day
    if days == int(days):
        return f"{int(days)} working day{'s' if days != 1 else ''}"
    return f"{_hours(clock.span)} of working time"


def _hours(span: timedelta) -> str:
    hours = span / timedelta(hours=1)
    shown = f"{hours:g}"
    return f"{shown} hour{'s' if hours != 1 else ''}"
