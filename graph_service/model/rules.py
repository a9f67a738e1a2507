"""Rules every recorded fact must satisfy, as pure functions returning the problem."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from graph_service.model.taxonomy import PartnerKind, SiblingKind

__all__ = [
    "MARRIAGE_MINIMUM_AGE",
    "PARTNER_MINIMUM_AGE",
    "Problem",
    "ProblemKind",
    "age_on",
    "date_range_problem",
    "future_date_problem",
    "lifetime_problem",
    "move_problem",
    "parent_age_problem",
    "partner_age_problem",
    "sibling_problem",
]

# Marriage and Civil Partnership (Minimum Age) Act 2022: 18 in England and Wales.
MARRIAGE_MINIMUM_AGE = 18
# Below the age of consent a "partner" record describes abuse, not a relationship.
PARTNER_MINIMUM_AGE = 16


class ProblemKind(StrEnum):
    """What is wrong with a fact; each entry point says it in its own terms."""

    INVALID_VALUE = "invalid_value"
    INVALID_DATE_RANGE = "invalid_date_range"
    DATE_IN_FUTURE = "date_in_future"
    CHILD_AS_PARTNER = "child_as_partner"
    INVALID_CODE = "invalid_code"  # not in the taxonomy, or deprecated
    SELF_RELATIONSHIP = "self_relationship"
    ALREADY_ENDED = "already_ended"  # closed or ended before: nothing left to change
    RULE_BROKEN = "rule_broken"  # a hard rule (allocation) forbids it
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"  # a retry key reused for another request
    ALREADY_RECORDED = "already_recorded"  # the fact is on record already: `existing_id`
    UNSAFE_MERGE = "unsafe_merge"  # two records that must not become one person
    ALREADY_DECIDED = "already_decided"  # a match review confirmed or rejected before


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str
    code: ProblemKind
    existing_id: str | None = None  # with ALREADY_RECORDED: the record that has it


def parent_age_problem(parent_born: date | None, child_born: date | None) -> Problem | None:
    """A parent is born before their child."""
    if parent_born and child_born and parent_born >= child_born:
        return Problem(
            "fromPersonId", "a parent must be born before their child", ProblemKind.INVALID_VALUE
        )
    return None


def move_problem(
    homes: Sequence[Mapping[str, Any]], address: str, moved_on: date
) -> Problem | None:
    """A move comes after every move on record, and to somewhere the person does not
    already live (`homes`: the person's addresses with `address_id`, `from_date`, `id`)."""
    for home in homes:
        since = home["from_date"]
        if home["address_id"] == address and (since is None or since <= moved_on):
            return Problem(
                "addressId",
                f"already lives at {address} (since {since})",
                ProblemKind.ALREADY_RECORDED,
                existing_id=home["id"],
            )
        if since is not None and since >= moved_on:
            return Problem(
                "movedOn",
                f"movedOn {moved_on} is not after the move to "
                f"{home['address_id']} on {since}; end or correct that one first",
                ProblemKind.INVALID_DATE_RANGE,
            )
    return None


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
            end_field,
            f"{end_field} {end} is before {start_field} {start}",
            ProblemKind.INVALID_DATE_RANGE,
        )
    return None


def lifetime_problem(born: date | None, died: date | None, on: date, field: str) -> Problem | None:
    """Nobody joins a household or moves house before they are born or after they died."""
    if born is not None and on < born:
        return Problem(
            field,
            f"{field} {on} is before the person's date of birth {born}",
            ProblemKind.INVALID_DATE_RANGE,
        )
    if died is not None and on > died:
        return Problem(
            field, f"{field} {on} is after the person died ({died})", ProblemKind.INVALID_DATE_RANGE
        )
    return None


def future_date_problem(value: date | None, field: str, today: date) -> Problem | None:
    if value is not None and value > today:
        return Problem(field, f"{field} {value} is in the future", ProblemKind.DATE_IN_FUTURE)
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
                ProblemKind.CHILD_AS_PARTNER,
            )
    return None


def sibling_problem(kind: SiblingKind, mine: set[str], theirs: set[str]) -> Problem | None:
    """Siblings recorded directly agree with the parents on record (birth or adoptive):
    full siblings share two, half siblings one, step-siblings none. With fewer than two
    parents on record for either, only a parent shared too many is a contradiction."""
    shared = len(mine & theirs)
    known = len(mine) >= 2 and len(theirs) >= 2
    said = None
    if kind is SiblingKind.FULL and known and shared < 2:
        said = "half siblings" if shared == 1 else "not siblings by birth: they share no parent"
    elif kind is SiblingKind.HALF and shared >= 2:
        said = "full siblings"
    elif kind is SiblingKind.HALF and known and shared == 0:
        said = "not siblings by birth: they share no parent"
    elif kind is SiblingKind.STEP and shared:
        said = "siblings by birth: they share a parent"
    if said is None:
        return None
    return Problem(
        "siblingKind",
        f"the parents on record make them {said}, not {kind.value} siblings; "
        "correct the parents or the kind",
        ProblemKind.INVALID_VALUE,
    )
