"""Bolt dates and date-times straight to `datetime.date` and `datetime.datetime`.

The driver builds a `neo4j.time.Date` for every date it receives, in Python (about 10 µs
each, and a family network carries dozens), and the service turns each into a
`datetime.date` anyway. With `plain_dates` the driver builds `datetime.date` itself, in
C (0.3 µs), and sends one as its day number without building the epoch as a
`neo4j.time.Date` each time (a feed's rows carry hundreds of thousands). Dates Python
cannot hold (the driver's ZeroDate) keep the driver's own type.

Date-times are dearer still: about 90 µs each through pytz, so the MASH queue's few
thousand clocks took a quarter of a second to arrive. With `plain_date_times` one with a
UTC offset arrives as an aware `datetime` (to the microsecond, as `to_native` gave), and an
aware `datetime` is sent as its instant and offset; the driver packing one in a ZoneInfo
zone crashed the process. Named-zone and local date-times keep the driver's own way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

__all__ = ["plain_date_times", "plain_dates"]

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def plain_dates() -> bool:
    """Have every driver in this process hydrate dates as `datetime.date`.

    Returns False, changing nothing, if this driver version hydrates dates elsewhere;
    `native` then converts its dates as before.
    """
    try:
        from neo4j._codec.hydration.bolt.v1 import temporal
        from neo4j._codec.packstream import Structure
    except ImportError:
        return False
    drivers_own: Callable[[int], Any] | None = getattr(temporal, "hydrate_date", None)
    if drivers_own is None or getattr(temporal, "dehydrate_date", None) is None:
        return False
    if getattr(drivers_own, "plain", False):
        return True

    def hydrate_date(days: int) -> Any:
        try:
            return date.fromordinal(_EPOCH_ORDINAL + days)
        except (ValueError, OverflowError):
            return drivers_own(days)

    drivers_pack: Callable[[Any], Any] = temporal.dehydrate_date

    def dehydrate_date(value: Any) -> Any:
        if type(value) is not date:
            return drivers_pack(value)
        return Structure(b"D", value.toordinal() - _EPOCH_ORDINAL)

    hydrate_date.plain = True  # type: ignore[attr-defined]
    dehydrate_date.plain = True  # type: ignore[attr-defined]
    temporal.hydrate_date = hydrate_date
    temporal.dehydrate_date = dehydrate_date
    return True


def plain_date_times() -> bool:
    """Have every driver in this process hydrate date-times with a UTC offset as
    `datetime`, and send aware `datetime`s as their instant and offset.

    Returns False, changing nothing, if this driver version packs date-times elsewhere."""
    try:
        from neo4j._codec.hydration.bolt.v2 import temporal
        from neo4j._codec.packstream import Structure
    except ImportError:
        return False
    drivers_own: Callable[..., Any] | None = getattr(temporal, "hydrate_datetime", None)
    drivers_pack: Callable[[Any], Any] | None = getattr(temporal, "dehydrate_datetime", None)
    if drivers_own is None or drivers_pack is None:
        return False
    if getattr(drivers_own, "plain", False):
        return True

    def hydrate_datetime(seconds: int, nanoseconds: int, tz: Any = None) -> Any:
        if not isinstance(tz, int):
            return drivers_own(seconds, nanoseconds, tz)
        try:
            moment = _EPOCH + timedelta(seconds=seconds, microseconds=nanoseconds // 1000)
        except OverflowError:
            return drivers_own(seconds, nanoseconds, tz)
        return moment.astimezone(UTC if tz == 0 else timezone(timedelta(seconds=tz)))

    def dehydrate_datetime(value: Any) -> Any:
        offset = value.utcoffset() if type(value) is datetime else None
        if offset is None or offset.microseconds:
            return drivers_pack(value)
        since = value - _EPOCH
        seconds = since.days * 86_400 + since.seconds
        offset_seconds = offset.days * 86_400 + offset.seconds
        return Structure(b"I", seconds, since.microseconds * 1000, offset_seconds)

    hydrate_datetime.plain = True  # type: ignore[attr-defined]
    temporal.hydrate_datetime = hydrate_datetime
    temporal.dehydrate_datetime = dehydrate_datetime
    return True
