"""Rules every recorded fact must satisfy, as pure functions returning the problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_service.model.taxonomy import PartnerKind

__all__ = [
    "MARRIAGE_MINIMUM_AGE",
    "PARTNER_MINIMUM_AGE",
    "Problem",
    "age_on",
    "date_range_problem",
    "future_date_problem",
    "lifetime_problem",
    "partner_age_problem",
]

# Marriage and Civil Partnership (Minimum Age) Act 2022: 18 in England and Wales.
MARRIAGE_MINIMUM_AGE = 18
# Below the age of consent a "partner" record describes abuse, not a relationship.
PARTNER_MINIMUM_AGE = 16


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str
    code: str  # a ValidationCode value


def age_on(born: date | None, on: date) -> int | None:
    """Completed years on a date; None when the date of birth is unknown or later."""
    if born is None or born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def date_range_problem(
    start: date | None, end: date | None, start_field: str, end_field: str
) -> Problem | None:
    if start is not None and end is not None and end < start:
        return Problem(
            end_field, f"{end_field} {end} is before {start_field} {start}", "invalid_date_range"
        )
    return None


def lifetime_problem(born: date | None, died: date | None, on: date, field: str) -> Problem | None:
    """Nobody joins a household or moves house before they are born or after they died."""
    if born is not None and on < born:
        return Problem(
            field, f"{field} {on} is before the person's date of birth {born}", "invalid_date_range"
        )
    if died is not None and on > died:
        return Problem(
            field, f"{field} {on} is after the person died ({died})", "invalid_date_range"
        )
    return None


def future_date_problem(value: date | None, field: str, today: date) -> Problem | None:
    if value is not None and value > today:
        return Problem(field, f"{field} {value} is in the future", "date_in_future")
    return None


def partner_age_problem(
    kind: PartnerKind, births: dict[str, date | None], since: date
) -> Problem | None:
    """A child cannot be recorded as a partner; nobody under 18 as married."""
    minimum = (
        MARRIAGE_MINIMUM_AGE
        if kind in (PartnerKind.MARRIED, PartnerKind.CIVIL_PARTNER)
        else PARTNER_MINIMUM_AGE
    )
    for person_id, born in births.items():
        age = age_on(born, since)
        if age is not None and age < minimum:
            return Problem(
                "fromDate",
                f"{person_id} was {age} on {since}: a {kind.label.lower()} partner must be "
                f"at least {minimum}; record a safeguarding concern instead",
                "child_as_partner",
            )
    return None
