"""Who is reading, as the store needs to know it: what their reads may reach."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from graph_service.security.disclosure import Disclosure

__all__ = ["Reader"]


def _nobody(person_ids: Iterable[str]) -> None:
    return None


@dataclass(frozen=True)
class Reader:
    """What a read may reach: an agency-scoped reader's agency ('' for one without; None
    when not scoped), whether it broke glass, and the day it asks on.

    `consulted` hears of the people a use case worked from without showing them (a case's
    family behind its complexity score): the entry point's audit event names them too."""

    scope_agency: str | None
    see_protected: bool
    today: date
    consulted: Callable[[Iterable[str]], None] = field(default=_nobody, compare=False)

    @classmethod
    def of(cls, disclosure: Disclosure, today: date) -> Reader:
        """What a request's caller may reach; whom a use case consulted is audited."""
        return cls(disclosure.scope_agency, disclosure.break_glass, today, disclosure.consulted)
