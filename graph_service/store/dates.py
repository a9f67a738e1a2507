"""Bolt dates straight to `datetime.date`.

The driver builds a `neo4j.time.Date` for every date it receives, in Python (about 10 µs
each, and a family network carries dozens), and the service turns each into a
`datetime.date` anyway. With `plain_dates` the driver builds `datetime.date` itself, in
C (0.3 µs). Dates Python cannot hold (the driver's ZeroDate) keep the driver's own type.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

__all__ = ["plain_dates"]

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def plain_dates() -> bool:
    """Have every driver in this process hydrate dates as `datetime.date`.

    Returns False, changing nothing, if this driver version hydrates dates elsewhere;
    `native` then converts its dates as before.
    """
    try:
        from neo4j._codec.hydration.bolt.v1 import temporal
    except ImportError:
        return False
    drivers_own: Callable[[int], Any] | None = getattr(temporal, "hydrate_date", None)
    if drivers_own is None:
        return False
    if getattr(drivers_own, "plain", False):
        return True

    def hydrate_date(days: int) -> Any:
        try:
            return date.fromordinal(_EPOCH_ORDINAL + days)
        except (ValueError, OverflowError):
            return drivers_own(days)

    hydrate_date.plain = True  # type: ignore[attr-defined]
    temporal.hydrate_date = hydrate_date
    return True
