"""Mental Health Act 1983 s.26: the patient's nearest relative, with every step shown.

`determine_nearest_relative` applies the statutory list and its rules to facts read from
the family graph (`KinFacts`). Every person considered comes back with the rule that
placed or excluded them and the facts it relied on. Where a fact the rules need is
missing, the answer says so and lists the candidates the gap leaves open, rather than
guessing.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Protocol

from graph_service.model.rules import age_on

__all__ = [
    "Candidate",
    "KinFacts",
    "KinPerson",
    "NearestRelativeAnswer",
    "ParentLink",
    "PartnerLink",
    "Relation",
    "SiblingLink",
    "determine_nearest_relative",
]

COHABITEE_MONTHS = 6
NON_RELATIVE_YEARS = 5


class Relation(IntEnum):
    """s.26(1), in statutory order; the five-year non-relative (s.26(7)) comes last."""

    SPOUSE_OR_CIVIL_PARTNER = 1
    SON_OR_DAUGHTER = 2
    FATHER_OR_MOTHER = 3
    BROTHER_OR_SISTER = 4
    GRANDPARENT = 5
    GRANDCHILD = 6
    UNCLE_OR_AUNT = 7
    NEPHEW_OR_NIECE = 8
    NON_RELATIVE_FIVE_YEARS = 9

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").lower()


@dataclass(frozen=True, slots=True)
class KinPerson:
    id: str
    name: str
    sex: str | None = None
    date_of_birth: date | None = None
    deceased_on: date | None = None
    ordinarily_resident_uk: bool | None = True


@dataclass(frozen=True, slots=True)
class ParentLink:
    parent: str
    child: str
    kind: str  # birth, adoptive, step, foster, special_guardian
    parental_responsibility: bool = False


@dataclass(frozen=True, slots=True)
class PartnerLink:
    other: str
    kind: str  # married, civil_partner, cohabiting, ex
    from_date: date | None
    to_date: date | None = None  # a marriage ended: divorced, or dissolved
    status: str | None = None  # still married, but "separated" or "deserted"


@dataclass(frozen=True, slots=True)
class SiblingLink:
    """Brother and sister as an agency recorded them (school, health visitor), for when
    their parents are not on record: full, half or step."""

    one: str
    other: str
    kind: str


@dataclass
class KinFacts:
    """What the graph says about the patient's family on the date of the assessment."""

    patient: KinPerson
    people: dict[str, KinPerson]
    parent_links: list[ParentLink] = field(default_factory=list)
    partners: list[PartnerLink] = field(default_factory=list)
    carers: set[str] = field(default_factory=set)
    siblings: list[SiblingLink] = field(default_factory=list)
    # Who shares the patient's home, and since when (None: since an unknown date).
    lives_with: dict[str, date | None] = field(default_factory=dict)
    # People whose own residence the graph does not record.
    residence_unknown: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    person: KinPerson
    relation: Relation
    blood: str | None = None  # "whole", "half", or None (unknown or not applicable)
    age: int | None = None
    lives_with_or_cares: bool | None = False
    excluded: bool = False
    rule: str = ""
    facts: list[str] = field(default_factory=list)
    position: int | None = None


@dataclass
class NearestRelativeAnswer:
    patient: KinPerson
    as_of: date
    nearest: Candidate | None
    candidates: list[Candidate]
    gaps: list[str] = field(default_factory=list)
    open_candidates: list[Candidate] = field(default_factory=list)


def determine_nearest_relative(facts: KinFacts, on: date) -> NearestRelativeAnswer:
    # Someone not yet born on the date is nobody's relative on it.
    candidates = [c for c in _relatives(facts, on) if not _born_after(c.person, on)]
    gaps: list[str] = []
    for candidate in candidates:
        _apply_exclusions(candidate, facts, on)
    eligible = [c for c in candidates if not c.excluded]
    eligible.sort(key=_rank)
    for position, candidate in enumerate(eligible, start=1):
        candidate.position = position
        if not candidate.rule:
            candidate.rule = _placement_rule(candidate)
    open_candidates = _unresolved(eligible, facts, gaps)
    nearest = eligible[0] if eligible and not open_candidates else None
    ordered = eligible + [c for c in candidates if c.excluded]
    return NearestRelativeAnswer(facts.patient, on, nearest, ordered, gaps, open_candidates)


def _born_after(person: KinPerson, on: date) -> bool:
    return person.date_of_birth is not None and person.date_of_birth > on


# -- who counts as a relative --------------------------------------------------------


def _legal_parents(facts: KinFacts, child: str) -> set[str]:
    """s.26(2) and adoption: adoptive parents replace birth parents; a father who was
    not married to the mother counts only with parental responsibility (recorded here
    as the parental_responsibility flag); step, foster and guardian links never count."""
    links = [link for link in facts.parent_links if link.child == child]
    adoptive = {link.parent for link in links if link.kind == "adoptive"}
    if adoptive:
        return adoptive
    parents = set()
    for link in links:
        if link.kind != "birth":
            continue
        sex = facts.people.get(link.parent, KinPerson(link.parent, "")).sex
        if sex == "female" or link.parental_responsibility:
            parents.add(link.parent)
    return parents


def _legal_children(facts: KinFacts, parent: str) -> set[str]:
    children = {link.child for link in facts.parent_links if link.parent == parent}
    return {child for child in children if parent in _legal_parents(facts, child)}


def _siblings(facts: KinFacts, person: str) -> dict[str, str | None]:
    """Brothers and sisters with their blood: whole, half, or None when the graph
    records too few parents to tell (a sibling recorded directly says which; a step-
    sibling is no relative)."""
    mine = _legal_parents(facts, person)
    found: dict[str, str | None] = {}
    for link in facts.siblings:
        if person in (link.one, link.other) and link.kind in _BLOOD:
            found[link.other if link.one == person else link.one] = _BLOOD[link.kind]
    for parent in mine:
        for sibling in _legal_children(facts, parent) - {person}:
            theirs = _legal_parents(facts, sibling)
            if len(mine & theirs) >= 2:
                found[sibling] = "whole"
            elif len(mine) >= 2 and len(theirs) >= 2:
                found[sibling] = "half"
            else:  # a parent is missing from the record: the sibling record may tell
                found.setdefault(sibling, None)
    return found


def _relatives(facts: KinFacts, on: date) -> list[Candidate]:
    patient = facts.patient.id
    found: dict[str, Candidate] = {}

    def add(person_id: str, relation: Relation, blood: str | None, fact: str) -> None:
        person = facts.people.get(person_id)
        if person is None or person_id == patient:
            return
        current = found.get(person_id)
        if current is None or relation < current.relation:
            found[person_id] = Candidate(person, relation, blood, facts=[fact])

    _spouses(facts, on, add)
    for child in _legal_children(facts, patient):
        add(child, Relation.SON_OR_DAUGHTER, None, "patient's legal child")
        for grandchild in _legal_children(facts, child):
            add(grandchild, Relation.GRANDCHILD, None, f"legal child of {_name(facts, child)}")
    parents = _legal_parents(facts, patient)
    for parent in parents:
        add(parent, Relation.FATHER_OR_MOTHER, None, "patient's legal parent")
        for grandparent in _legal_parents(facts, parent):
            add(grandparent, Relation.GRANDPARENT, None, f"legal parent of {_name(facts, parent)}")
        for uncle, blood in _siblings(facts, parent).items():
            add(
                uncle,
                Relation.UNCLE_OR_AUNT,
                blood,
                f"{blood or 'unknown'}-blood sibling of {_name(facts, parent)}",
            )
    for sibling, blood in _siblings(facts, patient).items():
        add(
            sibling,
            Relation.BROTHER_OR_SISTER,
            blood,
            f"shares {'both' if blood == 'whole' else 'a'} legal parent with the patient"
            if blood
            else "shares a legal parent; the other parents are not recorded",
        )
        for nephew in _legal_children(facts, sibling):
            add(nephew, Relation.NEPHEW_OR_NIECE, blood, f"legal child of {_name(facts, sibling)}")
    _five_year_residents(facts, on, found, add)
    candidates = list(found.values())
    for candidate in candidates:
        candidate.age = age_on(candidate.person.date_of_birth, on)
        candidate.lives_with_or_cares = _lives_with_or_cares(facts, candidate.person.id)
    return candidates


def _spouses(facts: KinFacts, on: date, add: _Adder) -> None:
    has_spouse = _married(facts, on)
    for link in facts.partners:
        if link.kind in ("married", "civil_partner") and _in_force(link, on):
            status = f", {link.status}" if link.status in _APART else ""
            add(
                link.other,
                Relation.SPOUSE_OR_CIVIL_PARTNER,
                None,
                f"{link.kind.replace('_', ' ')} since {link.from_date or 'an unknown date'}"
                + status,
            )
        elif link.kind == "cohabiting" and (link.to_date is None or link.to_date > on):
            _cohabitee(link, on, has_spouse, add)


def _cohabitee(link: PartnerLink, on: date, has_spouse: bool, add: _Adder) -> None:
    """s.26(6): six months' cohabitation as spouses counts as a spouse, unless the
    patient has a spouse from whom they are not separated."""
    six_months_before = _months_before(on, COHABITEE_MONTHS)
    if link.from_date is not None and link.from_date <= six_months_before and not has_spouse:
        add(
            link.other,
            Relation.SPOUSE_OR_CIVIL_PARTNER,
            None,
            f"cohabiting as a couple since {link.from_date} (6 months or more)",
        )


def _five_year_residents(
    facts: KinFacts, on: date, found: dict[str, Candidate], add: _Adder
) -> None:
    """s.26(7): a non-relative who has lived with the patient for 5 years or more."""
    cutoff = _months_before(on, 12 * NON_RELATIVE_YEARS)
    for person_id, since in facts.lives_with.items():
        if person_id not in found and since is not None and since <= cutoff:
            add(
                person_id,
                Relation.NON_RELATIVE_FIVE_YEARS,
                None,
                f"has lived with the patient since {since} (5 years or more)",
            )


def _lives_with_or_cares(facts: KinFacts, person_id: str) -> bool | None:
    if person_id in facts.lives_with or person_id in facts.carers:
        return True
    if person_id in facts.residence_unknown or facts.patient.id in facts.residence_unknown:
        return None
    return False


# -- exclusions and order ------------------------------------------------------------


def _apply_exclusions(candidate: Candidate, facts: KinFacts, on: date) -> None:
    person, relation = candidate.person, candidate.relation
    if person.deceased_on is not None and person.deceased_on <= on:
        _exclude(candidate, f"died on {person.deceased_on}")
    elif relation is Relation.SPOUSE_OR_CIVIL_PARTNER and (apart := _apart(facts, person.id, on)):
        _exclude(candidate, f"s.26(5)(b): spouse or civil partner who {_APART[apart]}")
    elif relation is Relation.NON_RELATIVE_FIVE_YEARS and _married(facts, on):
        _exclude(
            candidate,
            "s.26(7): a non-relative cannot be the nearest relative of a "
            "patient who is married or in a civil partnership and not separated",
        )
    elif facts.patient.ordinarily_resident_uk and person.ordinarily_resident_uk is False:
        _exclude(candidate, "s.26(5)(a): not ordinarily resident in the UK while the patient is")
    elif (
        candidate.age is not None
        and candidate.age < 18
        and relation not in (Relation.SPOUSE_OR_CIVIL_PARTNER, Relation.FATHER_OR_MOTHER)
    ):
        _exclude(
            candidate,
            f"s.26(5)(c): under 18 (aged {candidate.age}) and not the "
            "patient's spouse, civil partner or parent",
        )


def _in_force(link: PartnerLink, on: date) -> bool:
    """A marriage or partnership not yet ended by divorce or dissolution on the date."""
    return link.to_date is None or link.to_date > on


def _married(facts: KinFacts, on: date) -> bool:
    """Married or in a civil partnership, and not separated from them."""
    return any(
        p.kind in ("married", "civil_partner") and _in_force(p, on) and p.status not in _APART
        for p in facts.partners
    )


def _apart(facts: KinFacts, person_id: str, on: date) -> str | None:
    """How a spouse still married to the patient lives apart: permanently separated, or
    deserted (s.26(5)(b)); None if they do not."""
    links = [
        p
        for p in facts.partners
        if p.other == person_id and p.kind in ("married", "civil_partner") and _in_force(p, on)
    ]
    if links and all(p.status in _APART for p in links):
        return str(links[0].status)
    return None


# Still married, but apart (s.26(5)(b)), in the rule's words.
_APART = {"separated": "is permanently separated", "deserted": "has deserted the patient"}
_BLOOD = {"full": "whole", "half": "half"}  # a step-sibling is no relative


def _exclude(candidate: Candidate, rule: str) -> None:
    candidate.excluded = True
    candidate.rule = rule


_BLOOD_ORDER = {"whole": 0, None: 1, "half": 2}


def _rank(candidate: Candidate) -> tuple[int, int, int, date]:
    preferred = 0 if candidate.lives_with_or_cares else 1
    born = candidate.person.date_of_birth or date.max
    return preferred, int(candidate.relation), _BLOOD_ORDER[candidate.blood], born


def _placement_rule(candidate: Candidate) -> str:
    rule = f"s.26(1): {candidate.relation.label}"
    if candidate.lives_with_or_cares:
        rule = "s.26(4): lives with or cares for the patient, so takes precedence; " + rule
    if candidate.blood:
        rule += f"; s.26(3): {candidate.blood} blood"
    return rule + "; s.26(3): the elder before the younger within a class"


_BLOOD_CLASSES = (Relation.BROTHER_OR_SISTER, Relation.UNCLE_OR_AUNT, Relation.NEPHEW_OR_NIECE)


def _unresolved(eligible: list[Candidate], facts: KinFacts, gaps: list[str]) -> list[Candidate]:
    """Candidates the graph cannot order, because a fact the rules need is missing."""
    if not eligible:
        return []
    first, open_ = eligible[0], []
    unknown = [c for c in eligible[1:] if c.lives_with_or_cares is None]
    if not first.lives_with_or_cares and unknown:
        names = ", ".join(c.person.name for c in unknown)
        gaps.append(
            f"residence unknown for {names}: any of them who lives with or cares "
            "for the patient would take precedence (s.26(4))"
        )
        open_ = [first, *unknown]
    for rival in (c for c in eligible[1:] if _rank(c)[:2] == _rank(first)[:2]):
        if first.relation in _BLOOD_CLASSES and None in (first.blood, rival.blood):
            gaps.append(
                f"whole or half blood unknown for {first.person.name} or "
                f"{rival.person.name}: a parent is missing from the record"
            )
        elif first.blood == rival.blood and (
            None in (first.person.date_of_birth, rival.person.date_of_birth)
            or first.person.date_of_birth == rival.person.date_of_birth
        ):
            gaps.append(
                f"cannot tell who is elder of {first.person.name} and "
                f"{rival.person.name}: a date of birth is missing or the same"
            )
        else:
            continue
        open_ += [c for c in (first, rival) if c not in open_]
    return open_


def _months_before(on: date, months: int) -> date:
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    return date(year, month + 1, min(on.day, calendar.monthrange(year, month + 1)[1]))


def _name(facts: KinFacts, person_id: str) -> str:
    person = facts.people.get(person_id)
    return person.name if person else person_id


class _Adder(Protocol):
    def __call__(self, person_id: str, relation: Relation, blood: str | None, fact: str) -> None:
        """Record a candidate (the closest relation found wins)."""
