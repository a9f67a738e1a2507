"""Scalars with the bounds a case record can have: no date before 1880 or after 2199.

A year-13 `asOf` would otherwise reach date arithmetic (ages, look-back windows) and fail
there; refused at coercion, the client gets a clear error naming the value."""

from __future__ import annotations

import datetime as dt
import re

from strawberry.schema.types.base_scalars import wrap_parser
from strawberry.types.scalar import ScalarDefinition

__all__ = ["EARLIEST", "LATEST", "SCALAR_OVERRIDES"]

EARLIEST, LATEST = dt.date(1880, 1, 1), dt.date(2199, 12, 31)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bounded(value: str) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("a date is written YYYY-MM-DD, for example 2026-12-04")
    day = dt.date.fromisoformat(value)
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"dates run from {EARLIEST.isoformat()} to {LATEST.isoformat()}")
    return day


BoundedDate = ScalarDefinition(
    name="Date",
    description=f"Date (isoformat), from {EARLIEST.isoformat()} to {LATEST.isoformat()}",
    specified_by_url=None,
    serialize=dt.date.isoformat,
    parse_value=wrap_parser(_bounded, "Date"),
    parse_literal=None,
    origin=dt.date,
)
SCALAR_OVERRIDES: dict[object, ScalarDefinition] = {dt.date: BoundedDate}
