"""Who is reading, as the store needs to know it: what their reads may reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Reader"]


@dataclass(frozen=True)
class Reader:
    """What a read may reach: an agency-scoped reader's agency ('' for one without; None
    when not scoped), whether it broke glass, and the day it asks on."""

    scope_agency: str | None
    see_protected: bool
    today: date
