"""How agencies record someone already on record again, the errors they make, and the
people who only look alike: the synthetic borough's ground truth for record linkage.

Pure functions of a random source: the builder applies what they return."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import date, timedelta

from graph_service.ingest.names import FAMILY_NAMES, NAME_VARIANTS
from graph_service.model.nicknames import NICKNAMES

__all__ = ["DuplicateProfile", "birth_as_recorded", "name_as_recorded"]


@dataclass(frozen=True)
class DuplicateProfile:
    """How often an agency records again someone already on record, and how its copy
    differs. Each group of shares is of the duplicates and adds up to at most 1: names
    (the rest: spelled right), births (the rest: recorded right).
    `moved`: the copy has an older or another address; `older_address`: of those, the
    share at an address the person lived at before (which the original's record keeps as
    a past address). `twins` and `namesakes`: shares of the households that could have
    them that do (true non-matches that look alike)."""

    rate: float = 0.015
    nickname: float = 0.25
    hyphenated: float = 0.10
    swapped: float = 0.07
    misspelled: float = 0.30
    transposed_birth: float = 0.10
    mistyped_birth: float = 0.15
    missing_birth: float = 0.15
    moved: float = 0.5
    older_address: float = 0.6
    twins: float = 0.03
    namesakes: float = 0.05

    def __post_init__(self) -> None:
        for share in fields(self):
            value = getattr(self, share.name)
            if not 0 <= value <= 1:
                raise ValueError(f"{share.name}: a share between 0 and 1, got {value}")
        if self.nickname + self.hyphenated + self.swapped + self.misspelled > 1:
            raise ValueError("nickname, hyphenated, swapped and misspelled: together at most 1")
        if self.transposed_birth + self.mistyped_birth + self.missing_birth > 1:
            raise ValueError("transposed_birth, mistyped_birth and missing_birth: at most 1")


def name_as_recorded(
    rng: random.Random, given: str, family: str, profile: DuplicateProfile
) -> tuple[str, str, str | None]:
    """The name another agency writes down, and what went wrong with it: nickname,
    hyphenated, double_barrelled, swapped, variant, typo, or nothing (None)."""
    roll = rng.random()
    if roll < profile.nickname and given in NICKNAMES:
        return rng.choice(NICKNAMES[given]), family, "nickname"
    roll -= profile.nickname
    if 0 <= roll < profile.hyphenated:
        other = rng.choice([f for f in FAMILY_NAMES if f != family])
        if rng.random() < 0.5:
            return given, f"{family}-{other}", "hyphenated"
        return given, f"{family} {other}", "double_barrelled"
    roll -= profile.hyphenated
    if 0 <= roll < profile.swapped:
        return family, given, "swapped"
    roll -= profile.swapped
    if not 0 <= roll < profile.misspelled:
        return given, family, None
    if given in NAME_VARIANTS and rng.random() < 0.5:
        return rng.choice(NAME_VARIANTS[given]), family, "variant"
    return given, _slip(rng, family), "typo"


def birth_as_recorded(
    rng: random.Random, born: date, profile: DuplicateProfile
) -> tuple[date | None, str | None]:
    """The date of birth another agency writes down (None: not recorded), and how it is
    wrong, if it is: transposed, mistyped or missing."""
    roll = rng.random()
    if roll < profile.transposed_birth and born.day <= 12 and born.day != born.month:
        return born.replace(day=born.month, month=born.day), "transposed"
    roll -= profile.transposed_birth
    if 0 <= roll < profile.mistyped_birth:
        return _mistyped(rng, born), "mistyped"
    roll -= profile.mistyped_birth
    if 0 <= roll < profile.missing_birth:
        return None, "missing"
    return born, None


def _mistyped(rng: random.Random, born: date) -> date:
    """One figure wrong: the day, the month or the year off by one."""
    which = rng.choice(("day", "month", "year"))
    if which == "day":
        return born + timedelta(days=rng.choice((-1, 1)))
    if which == "month":
        month = born.month % 12 + 1
        return born.replace(month=month, day=min(born.day, 28))
    return born.replace(year=born.year + rng.choice((-1, 1)), day=min(born.day, 28))


def _slip(rng: random.Random, name: str) -> str:
    """A typing slip: two neighbouring letters swapped, or (where that changes nothing,
    or for a short name) one letter doubled."""
    if len(name) >= 4 and rng.random() >= 0.3:
        at = rng.randint(1, len(name) - 2)
        swapped = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
        if swapped != name:
            return swapped
    at = rng.randrange(len(name))
    return name[: at + 1] + name[at] + name[at + 1 :]
