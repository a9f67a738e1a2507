"""Clocks for the MASH front door: deadlines that run around the clock, or only in the
working hours of working days (England's calendar, London's local time).

A span of working days is a span of working hours, a working day being one day's hours:
a contact received at 15:00 on a Friday, with one working day to go, is due at 15:00 on
the Monday; one received on a Saturday is due at the close of Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from graph_service.model.timescales import is_working_day

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
        return _at(datetime(2000, 1, 3), self.closes) - _at(datetime(2000, 1, 3), self.opens)

    def add(self, start: datetime, span: timedelta) -> datetime:
        """The moment `span` of working time has passed after `start` (an aware time)."""
        left, moment = span, start.astimezone(LONDON)
        while True:
            opening, closing = self._window(moment)
            begin = max(moment, opening)
            if is_working_day(moment.date()) and begin < closing:
                if left <= closing - begin:
                    return begin + left
                left -= closing - begin
            moment = _at(moment + timedelta(days=1), time(0))

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end`; negative when `end` is earlier."""
        if end < start:
            return -self.between(end, start)
        total, moment, end = timedelta(0), start.astimezone(LONDON), end.astimezone(LONDON)
        while moment < end:
            opening, closing = self._window(moment)
            if is_working_day(moment.date()):
                total += max(timedelta(0), min(end, closing) - max(moment, opening))
            moment = _at(moment + timedelta(days=1), time(0))
        return total

    def _window(self, moment: datetime) -> tuple[datetime, datetime]:
        return _at(moment, self.opens), _at(moment, self.closes)


def _at(day: datetime, clock: time) -> datetime:
    """That day at that local time, in London."""
    return datetime.combine(day.date(), clock, LONDON)


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
        if self.kind is ClockKind.AROUND_THE_CLOCK:
            return f"{_hours(self.span)} around the clock"
        days = self.span / self.hours.day
        if days == int(days):
            return f"{int(days)} working day{'s' if days != 1 else ''}"
        return f"{_hours(self.span)} of working time"


def _hours(span: timedelta) -> str:
    hours = span / timedelta(hours=1)
    shown = f"{hours:g}"
    return f"{shown} hour{'s' if hours != 1 else ''}"
