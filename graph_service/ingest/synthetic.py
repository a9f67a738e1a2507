"""A deterministic synthetic borough: the only people this repository ever holds.

`generate_borough(people, seed)` builds households of realistic composition, their
relationships across households, the agencies that know them, concerns whose codes
co-occur as they do nationally, cases and workers, hazards, places and peers, and a
few people recorded twice by different agencies under spelling variants.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from graph_service.ingest.names import (
    AREAS,
    FEMALE_NAMES,
    MALE_NAMES,
    STREET_KINDS,
    STREET_NAMES,
)
from graph_service.ingest.names import family_name as draw_family_name
from graph_service.ingest.recorded_twice import (
    DuplicateProfile,
    birth_as_recorded,
    name_as_recorded,
)
from graph_service.model.names import phonetic_key
from graph_service.model.rules import MARRIAGE_MINIMUM_AGE, PARTNER_MINIMUM_AGE
from graph_service.model.taxonomy import (
    AgencyKind,
    CaseKind,
    ConcernCode,
    HazardKind,
    HouseholdKind,
    PlaceKind,
    WorkerCapability,
    WorkerRole,
)
from graph_service.model.timescales import REFERRAL_KINDS, Milestone, add_working_days
from graph_service.store.values import Row

__all__ = ["REFERENCE_DATE", "Borough", "DuplicateProfile", "generate_borough"]

# Ages and dates are computed against a fixed day so a seed always gives one borough.
REFERENCE_DATE = date(2026, 11, 1)


_HOUSEHOLD_MIX = {
    HouseholdKind.SINGLE_ADULT: 27,
    HouseholdKind.COUPLE_NO_CHILDREN: 24,
    HouseholdKind.COUPLE_WITH_CHILDREN: 20,
    HouseholdKind.LONE_PARENT: 11,
    HouseholdKind.STEP_FAMILY: 5,
    HouseholdKind.MULTIGENERATIONAL: 7,
    HouseholdKind.SHARED: 6,
}
# Latent level of need per household: it makes concerns co-occur as they do nationally.
# Seeded workers carry at most this share of their caseload limit in open cases (counted
# per child), leaving room for the allocation queue.
_SEEDED_CASELOAD_SHARE = 0.6
_RISK_WITH_CHILDREN = (0.77, 0.14, 0.07, 0.02)
_RISK_WITHOUT_CHILDREN = (0.88, 0.08, 0.03, 0.01)
# Probability of each parent-level code by risk level 0-3. Parental mental health
# and domestic abuse are the most common; the toxic trio stays rare.
_PARENT_CODES: tuple[tuple[ConcernCode, tuple[float, float, float, float]], ...] = (
    (ConcernCode.MENTAL_HEALTH_PARENT, (0.004, 0.38, 0.5, 0.7)),
    (ConcernCode.DOMESTIC_ABUSE_PARENT, (0.002, 0.3, 0.42, 0.6)),
    (ConcernCode.DRUGS_PARENT, (0.0, 0.05, 0.12, 0.35)),
    (ConcernCode.ALCOHOL_PARENT, (0.0, 0.05, 0.1, 0.25)),
    (ConcernCode.PHYSICAL_DISABILITY_PARENT, (0.006, 0.05, 0.08, 0.1)),
    (ConcernCode.LEARNING_DISABILITY_PARENT, (0.001, 0.02, 0.04, 0.05)),
    (ConcernCode.PARENTAL_CONFLICT, (0.003, 0.1, 0.2, 0.3)),
    (ConcernCode.WORKLESSNESS, (0.01, 0.12, 0.25, 0.35)),
    (ConcernCode.OFFENDING, (0.002, 0.04, 0.1, 0.25)),
)
_HOUSEHOLD_CODES: tuple[tuple[ConcernCode, tuple[float, float, float, float]], ...] = (
    (ConcernCode.RENT_ARREARS, (0.01, 0.12, 0.2, 0.3)),
    (ConcernCode.DEBT, (0.01, 0.1, 0.18, 0.25)),
    (ConcernCode.HOMELESSNESS, (0.0, 0.02, 0.06, 0.12)),
)
_CHILD_CODES: tuple[tuple[ConcernCode, int, int, tuple[float, float, float, float]], ...] = (
    (ConcernCode.SCHOOL_ATTENDANCE, 5, 17, (0.015, 0.15, 0.28, 0.45)),
    (ConcernCode.NEGLECT, 0, 17, (0.0, 0.04, 0.14, 0.35)),
    (ConcernCode.EMOTIONAL_ABUSE, 0, 17, (0.0, 0.04, 0.12, 0.3)),
    (ConcernCode.EARLY_YEARS_DEVELOPMENT, 0, 4, (0.01, 0.08, 0.15, 0.25)),
    (ConcernCode.PHYSICAL_ABUSE_ADULT_ON_CHILD, 0, 17, (0.0, 0.01, 0.04, 0.1)),
    (ConcernCode.MENTAL_HEALTH_CHILD, 11, 17, (0.01, 0.06, 0.1, 0.15)),
    (ConcernCode.SELF_HARM, 12, 17, (0.002, 0.03, 0.06, 0.1)),
    (ConcernCode.MISSING, 11, 17, (0.001, 0.03, 0.08, 0.15)),
    (ConcernCode.CHILD_CRIMINAL_EXPLOITATION, 12, 17, (0.0005, 0.02, 0.05, 0.1)),
    (ConcernCode.GANGS, 13, 17, (0.0005, 0.01, 0.04, 0.08)),
    (ConcernCode.CHILD_SEXUAL_EXPLOITATION, 12, 17, (0.0, 0.01, 0.03, 0.05)),
    (ConcernCode.ANTI_SOCIAL_BEHAVIOUR, 12, 17, (0.003, 0.04, 0.08, 0.12)),
    (ConcernCode.SCHOOL_EXCLUSION, 8, 17, (0.002, 0.03, 0.06, 0.1)),
    (ConcernCode.LEARNING_DISABILITY_CHILD, 3, 17, (0.01, 0.02, 0.03, 0.03)),
)
_RAISED_BY: dict[ConcernCode, tuple[AgencyKind, ...]] = {
    ConcernCode.DOMESTIC_ABUSE_PARENT: (AgencyKind.POLICE,),
    ConcernCode.MENTAL_HEALTH_PARENT: (AgencyKind.MENTAL_HEALTH_TRUST, AgencyKind.GP_PRACTICE),
    ConcernCode.MENTAL_HEALTH_OTHER: (AgencyKind.MENTAL_HEALTH_TRUST, AgencyKind.GP_PRACTICE),
    ConcernCode.MENTAL_HEALTH_CHILD: (AgencyKind.SCHOOL, AgencyKind.GP_PRACTICE),
    ConcernCode.DRUGS_PARENT: (AgencyKind.POLICE, AgencyKind.GP_PRACTICE),
    ConcernCode.ALCOHOL_PARENT: (AgencyKind.GP_PRACTICE, AgencyKind.POLICE),
    ConcernCode.SCHOOL_ATTENDANCE: (AgencyKind.SCHOOL,),
    ConcernCode.SCHOOL_EXCLUSION: (AgencyKind.SCHOOL,),
    ConcernCode.EARLY_YEARS_DEVELOPMENT: (AgencyKind.HEALTH_VISITING,),
    ConcernCode.RENT_ARREARS: (AgencyKind.HOUSING,),
    ConcernCode.HOMELESSNESS: (AgencyKind.HOUSING,),
    ConcernCode.DEBT: (AgencyKind.VOLUNTARY_SECTOR, AgencyKind.HOUSING),
    ConcernCode.WORKLESSNESS: (AgencyKind.VOLUNTARY_SECTOR,),
    ConcernCode.OFFENDING: (AgencyKind.POLICE, AgencyKind.PROBATION),
    ConcernCode.ANTI_SOCIAL_BEHAVIOUR: (AgencyKind.POLICE, AgencyKind.HOUSING),
    ConcernCode.MISSING: (AgencyKind.POLICE,),
    ConcernCode.GANGS: (AgencyKind.POLICE,),
    ConcernCode.CHILD_CRIMINAL_EXPLOITATION: (AgencyKind.POLICE,),
    ConcernCode.ADULT_CARE_NEED: (AgencyKind.ADULT_SOCIAL_CARE, AgencyKind.GP_PRACTICE),
    ConcernCode.YOUNG_CARER: (AgencyKind.SCHOOL, AgencyKind.YOUNG_CARERS_SERVICE),
    ConcernCode.PHYSICAL_DISABILITY_PARENT: (AgencyKind.GP_PRACTICE,),
    ConcernCode.PHYSICAL_DISABILITY_OTHER: (AgencyKind.GP_PRACTICE,),
}
_DEFAULT_RAISERS = (AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.SCHOOL, AgencyKind.GP_PRACTICE)
_CARE_NEED_CODES = frozenset(
    {
        ConcernCode.MENTAL_HEALTH_PARENT,
        ConcernCode.DRUGS_PARENT,
        ConcernCode.ALCOHOL_PARENT,
        ConcernCode.PHYSICAL_DISABILITY_PARENT,
        ConcernCode.LEARNING_DISABILITY_PARENT,
        ConcernCode.PHYSICAL_DISABILITY_OTHER,
        ConcernCode.MENTAL_HEALTH_OTHER,
        ConcernCode.ADULT_CARE_NEED,
    }
)


@dataclass
class Borough:
    """Rows ready for loading: nodes by label and relationships by load name."""

    seed: int
    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    relationships: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    # The ground truth for record linkage: which records are one person (original,
    # duplicate), what each duplicate got wrong, and true non-matches that look alike.
    duplicate_pairs: list[tuple[str, str]] = field(default_factory=list)
    duplicate_errors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lookalikes: list[tuple[str, str, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {label: len(rows) for label, rows in sorted(self.nodes.items())}

    def agencies_of(self, kind: AgencyKind) -> list[str]:
        return [row["id"] for row in self.nodes["Agency"] if row["props"]["kind"] == kind.value]

    def relationship_counts(self) -> dict[str, int]:
        kinds: dict[str, int] = defaultdict(int)
        for name, rows in self.relationships.items():
            kinds[name.split(":")[1]] += len(rows)
        return dict(sorted(kinds.items()))


@dataclass
class _Member:
    id: str
    sex: str
    age: int
    family_name: str
    codes: set[ConcernCode] = field(default_factory=set)


@dataclass
class _Household:
    id: str
    address_id: str
    area: str
    locality: str
    kind: HouseholdKind
    since: date
    adults: list[_Member] = field(default_factory=list)
    children: list[_Member] = field(default_factory=list)
    risk: int = 0


def generate_borough(people: int, seed: int, duplicates: DuplicateProfile | None = None) -> Borough:
    """A borough of exactly `people` person records (duplicates included)."""
    if people < 10:
        raise ValueError(f"people must be at least 10, got {people}")
    return _BoroughBuilder(people, seed, duplicates or DuplicateProfile()).build()


class _BoroughBuilder:
    def __init__(self, people: int, seed: int, duplicates: DuplicateProfile) -> None:
        self.target = people
        self.profile = duplicates
        self.rng = random.Random(seed)
        self.borough = Borough(seed=seed)
        self.counters: dict[str, int] = defaultdict(int)
        self.people = 0
        self.agencies: dict[AgencyKind, list[str]] = defaultdict(list)
        self.schools_by_area: dict[str, str] = {}
        self.workers_by_team: dict[tuple[AgencyKind, str], list[str]] = defaultdict(list)
        self.worker_room: dict[str, int] = {}
        self.households: list[_Household] = []
        self.singles: dict[str, list[_Member]] = {"male": [], "female": []}
        self.absent_parents: list[tuple[_Household, _Member, list[_Member]]] = []
        self.members: dict[str, _Member] = {}
        self.person_rows: dict[str, Row] = {}
        self.teenagers_by_school: dict[str, list[str]] = defaultdict(list)
        self.deceased_budget = 0

    # -- identifiers and rows --------------------------------------------------

    def _id(self, prefix: str, width: int = 6) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:0{width}d}"

    def _node(self, label: str, row: Row) -> None:
        self.borough.nodes[label].append(row)

    def _rel(self, load: str, start: str, end: str, source: str, **props: Any) -> None:
        rel_id = self._id("R", 8)
        props |= {"source_agency": source, "source_record_id": f"{source}/{rel_id}"}
        self.borough.relationships[load].append(
            {"id": rel_id, "start": start, "end": end, "props": props}
        )

    def _agency(self, kind: AgencyKind) -> str:
        return self.rng.choice(self.agencies[kind])

    def _past(self, max_days: int, min_days: int = 0) -> date:
        return REFERENCE_DATE - timedelta(days=self.rng.randint(min_days, max_days))

    # -- the borough -----------------------------------------------------------

    def build(self) -> Borough:
        self._agencies()
        self._workers()
        self._places()
        # Room is kept for the duplicate records and for deceased absent parents.
        duplicates = max(1, round(self.target * self.profile.rate))
        self.deceased_budget = self.target // 250
        reserved = duplicates + self.deceased_budget
        while self.people < self.target - reserved:
            self._household(self.target - reserved - self.people)
        self._absent_parents()
        for household in self.households:
            self._concerns(household)
        self._cross_household_carers()
        self._peers_and_places()
        self._lookalikes()
        self._duplicates(self.target - self.people)
        self._nothing_before_birth()
        return self.borough

    def _nothing_before_birth(self) -> None:
        """A twin is given their twin's date of birth once their household is built:
        where they lived, and belonged, from before it now starts on it."""
        for load in ("Person:LIVES_AT:Address", "Person:MEMBER_OF:Household"):
            for rel in self.borough.relationships[load]:
                born = self.person_rows[rel["start"]]["props"]["date_of_birth"]
                if born is not None and rel["props"]["from_date"] < born:
                    rel["props"]["from_date"] = born

    def _agencies(self) -> None:
        scale = max(1, self.target // 10_000)
        plan: list[tuple[AgencyKind, int, str]] = [
            (AgencyKind.POLICE, 1, "Northbridge Police Safeguarding Unit"),
            (AgencyKind.MENTAL_HEALTH_TRUST, 1, "Northbridge Mental Health NHS Trust"),
            (AgencyKind.ADULT_SOCIAL_CARE, 1, "Northbridge Adult Social Care"),
            (AgencyKind.CHILDRENS_SOCIAL_CARE, 1, "Northbridge Children's Social Care"),
            (AgencyKind.YOUNG_CARERS_SERVICE, 1, "Northbridge Young Carers"),
            (AgencyKind.HEALTH_VISITING, 1, "Northbridge Health Visiting Service"),
            (AgencyKind.PROBATION, 1, "Probation Service Northbridge"),
            (AgencyKind.HOUSING, 2, "Housing"),
            (AgencyKind.VOLUNTARY_SECTOR, 3, "Community Trust"),
            (AgencyKind.GP_PRACTICE, 2 * scale, "Medical Practice"),
        ]
        for kind, count, name in plan:
            for n in range(count):
                label = name if count == 1 else f"{self.rng.choice(STREET_NAMES)} {name} {n + 1}"
                self._add_agency(kind, label)
        for area, _ in AREAS:
            self.schools_by_area[area] = self._add_agency(AgencyKind.SCHOOL, f"{area} Academy")

    def _add_agency(self, kind: AgencyKind, name: str) -> str:
        agency_id = self._id("AG", 3)
        self._node("Agency", {"id": agency_id, "props": {"name": name, "kind": kind.value}})
        self.agencies[kind].append(agency_id)
        return agency_id

    def _workers(self) -> None:
        teams: list[tuple[AgencyKind, WorkerRole, int, dict[WorkerCapability, float]]] = [
            (
                AgencyKind.CHILDRENS_SOCIAL_CARE,
                WorkerRole.SOCIAL_WORKER,
                self.target // 250,
                {
                    WorkerCapability.DOMESTIC_ABUSE: 0.25,
                    WorkerCapability.LEARNING_DISABILITY: 0.1,
                    WorkerCapability.ADVANCED_PRACTITIONER: 0.1,
                    WorkerCapability.FORENSIC: 0.03,
                    WorkerCapability.PRACTICE_EDUCATOR: 0.08,
                },
            ),
            (
                AgencyKind.ADULT_SOCIAL_CARE,
                WorkerRole.SOCIAL_WORKER,
                self.target // 800,
                {
                    WorkerCapability.AMHP: 0.2,
                    WorkerCapability.BEST_INTERESTS_ASSESSOR: 0.25,
                    WorkerCapability.LEARNING_DISABILITY: 0.2,
                    WorkerCapability.ADVANCED_PRACTITIONER: 0.08,
                },
            ),
            (
                AgencyKind.MENTAL_HEALTH_TRUST,
                WorkerRole.MENTAL_HEALTH_PRACTITIONER,
                self.target // 6000,
                {WorkerCapability.AMHP: 0.5, WorkerCapability.FORENSIC: 0.15},
            ),
            (
                AgencyKind.YOUNG_CARERS_SERVICE,
                WorkerRole.YOUNG_CARERS_WORKER,
                self.target // 20000,
                {},
            ),
        ]
        for agency_kind, role, count, capabilities in teams:
            for n in range(max(4, count)):
                locality = AREAS[n % len(AREAS)][1]
                self._worker(agency_kind, role, locality, capabilities)

    def _worker(
        self,
        agency_kind: AgencyKind,
        role: WorkerRole,
        locality: str,
        capability_odds: dict[WorkerCapability, float],
    ) -> None:
        rng = self.rng
        asye = role == WorkerRole.SOCIAL_WORKER and rng.random() < 0.15
        years = 0 if asye else rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25))
        capabilities = [
            c.value for c, p in capability_odds.items() if not asye and rng.random() < p
        ]
        if asye:
            capabilities.append(WorkerCapability.ASYE.value)
        senior = years >= 6 and rng.random() < 0.3
        limit = 12 if asye else rng.choice((16, 18, 20, 22))
        worker_id = self._id("W", 4)
        team = f"{agency_kind.label} {locality}"
        sex = rng.choice(("male", "female", "female"))
        self._node(
            "Worker",
            {
                "id": worker_id,
                "props": {
                    "given_name": rng.choice(FEMALE_NAMES if sex == "female" else MALE_NAMES),
                    "family_name": draw_family_name(rng),
                    "role": (WorkerRole.SENIOR_PRACTITIONER if senior else role).value,
                    "team": team,
                    "locality": locality,
                    "capabilities": capabilities,
                    "asye": asye,
                    "qualified_on": REFERENCE_DATE
                    - timedelta(days=365 * years + rng.randint(30, 300)),
                    "caseload_limit": limit,
                },
            },
        )
        self.worker_room[worker_id] = int(limit * _SEEDED_CASELOAD_SHARE)
        agency = self.agencies[agency_kind][0]
        self._rel(
            "Worker:EMPLOYED_BY:Agency",
            worker_id,
            agency,
            agency,
            from_date=self._past(365 * (years + 1), 30),
        )
        self.workers_by_team[(agency_kind, locality)].append(worker_id)

    def _places(self) -> None:
        for _ in range(max(6, self.target // 2500)):
            area, _locality = self.rng.choice(AREAS)
            kind = self.rng.choice(list(PlaceKind))
            name = f"{self.rng.choice(STREET_NAMES)} {kind.label.lower()}"
            self._node(
                "Place",
                {
                    "id": self._id("PL", 4),
                    "props": {"name": name, "kind": kind.value, "area": area},
                },
            )

    # -- households ------------------------------------------------------------

    def _household(self, room: int) -> None:
        rng = self.rng
        kind = rng.choices(list(_HOUSEHOLD_MIX), weights=list(_HOUSEHOLD_MIX.values()))[0]
        if room < 6:
            kind = HouseholdKind.SINGLE_ADULT
        area, locality = rng.choice(AREAS)
        address_id = self._address(area)
        household = _Household(
            id=self._id("H"),
            address_id=address_id,
            area=area,
            locality=locality,
            kind=kind,
            since=self._past(365 * 15, 30),
        )
        self._node(
            "Household",
            {"id": household.id, "props": {"kind": kind.value, "area": area, "locality": locality}},
        )
        self._rel(
            "Household:LOCATED_AT:Address",
            household.id,
            address_id,
            self.agencies[AgencyKind.HOUSING][0],
            from_date=household.since,
        )
        getattr(self, f"_compose_{kind.value}")(household)
        self.households.append(household)

    def _address(self, area: str) -> str:
        rng = self.rng
        district = [a for a, _ in AREAS].index(area) + 1
        address_id = self._id("AD")
        postcode = f"NB{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" + (
            rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        )
        street = f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_KINDS)}"
        self._node(
            "Address",
            {
                "id": address_id,
                "props": {
                    "line1": f"{rng.randint(1, 180)} {street}",
                    "town": "Northbridge",
                    "postcode": postcode,
                    "area": area,
                    "protected": rng.random() < 0.002,
                },
            },
        )
        return address_id

    def _person(
        self,
        household: _Household | None,
        sex: str,
        age: int,
        family_name: str,
        *,
        deceased: bool = False,
    ) -> _Member:
        rng = self.rng
        person_id = self._id("P", 7)
        given = self._unused_name(household, MALE_NAMES if sex == "male" else FEMALE_NAMES)
        # Exactly `age` on the reference date: leap days must not make an 18-year-old 17.
        born = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age) - timedelta(
            days=rng.randint(0, 364)
        )
        gp = self._agency(AgencyKind.GP_PRACTICE)
        row = {
            "id": person_id,
            "props": {
                "given_name": given,
                "family_name": family_name,
                "full_name": f"{given} {family_name}",
                "name_phonetic": phonetic_key(given, family_name),
                "sex": sex,
                "date_of_birth": born,
                "ordinarily_resident_uk": rng.random() > 0.01,
                "deceased_on": self._past(365 * 5, 30) if deceased else None,
                "due_date": self._due_date(sex, age, household),
                "source_agency": gp,
                "source_record_id": f"{gp}/{person_id}",
            },
        }
        self._node("Person", row)
        self.person_rows[person_id] = row
        self.people += 1
        member = _Member(person_id, sex, age, family_name)
        self.members[person_id] = member
        if deceased:
            return member
        self._rel(
            "Person:KNOWN_TO:Agency",
            person_id,
            gp,
            gp,
            reference=f"GP-{person_id}",
            from_date=born if age < 30 else self._past(365 * 20, 30),
        )
        if household is not None:
            self._join(household, member)
        return member

    def _unused_name(self, household: _Household | None, names: tuple[str, ...]) -> str:
        """A given name no one in the household has: parents do not give two children one
        name (a father and son of one name are made so on purpose, as lookalikes). The
        next name on the list, not another draw, so the rest of the borough stays as it was."""
        drawn = names.index(self.rng.choice(names))
        taken = (
            {self._given(m) for m in (*household.adults, *household.children)}
            if household
            else set()
        )
        for step in range(len(names)):
            if (name := names[(drawn + step) % len(names)]) not in taken:
                return name
        return names[drawn]

    def _due_date(self, sex: str, age: int, household: _Household | None) -> date | None:
        """Some women of child-bearing age are expecting: an expectant parent makes a
        family eligible for whole-family support even before a child is born."""
        of_age = sex == "female" and 18 <= age <= 42 and household is not None
        if of_age and self.rng.random() < 0.03:
            return REFERENCE_DATE + timedelta(days=self.rng.randint(14, 260))
        return None

    def _join(self, household: _Household, member: _Member) -> None:
        since = max(household.since, self.person_rows[member.id]["props"]["date_of_birth"])
        housing = self.agencies[AgencyKind.HOUSING][0]
        self._rel(
            "Person:LIVES_AT:Address", member.id, household.address_id, housing, from_date=since
        )
        self._rel(
            "Person:MEMBER_OF:Household",
            member.id,
            household.id,
            housing,
            from_date=since,
            role="child" if member.age < 18 else "adult",
        )
        if member.age < 18:
            household.children.append(member)
            self._child_agencies(household, member)
        else:
            household.adults.append(member)

    def _child_agencies(self, household: _Household, child: _Member) -> None:
        if child.age < 5:
            visiting = self.agencies[AgencyKind.HEALTH_VISITING][0]
            self._rel(
                "Person:KNOWN_TO:Agency",
                child.id,
                visiting,
                visiting,
                reference=f"HV-{child.id}",
                from_date=household.since,
            )
        else:
            school = self.schools_by_area[household.area]
            self._rel(
                "Person:KNOWN_TO:Agency",
                child.id,
                school,
                school,
                reference=f"UPN-{child.id}",
                from_date=self._past(365 * 3, 30),
            )
            if child.age >= 12:
                self.teenagers_by_school[school].append(child.id)

    def _partners(
        self, a: _Member, b: _Member, kind: str, since: date, to: date | None = None
    ) -> None:
        # Nobody is a partner before the age the rules allow (16, or 18 to marry): a
        # relationship drawn earlier starts on the younger one's birthday of that age.
        minimum = (
            MARRIAGE_MINIMUM_AGE if kind in ("married", "civil_partner") else PARTNER_MINIMUM_AGE
        )
        for member in (a, b):
            born = self.person_rows[member.id]["props"]["date_of_birth"]
            since = max(since, _years_after(born, minimum))
        if to is not None:
            to = min(max(to, since + timedelta(days=365)), REFERENCE_DATE)
        source = self.agencies[AgencyKind.HOUSING][0]
        self._rel(
            "Person:PARTNER_OF:Person", a.id, b.id, source, kind=kind, from_date=since, to_date=to
        )

    def _parent(self, parent: _Member, child: _Member, kind: str, pr: bool) -> None:
        born = self.person_rows[child.id]["props"]["date_of_birth"]
        source = self.agencies[AgencyKind.HEALTH_VISITING][0]
        since = born if kind == "birth" else self._past(365 * max(child.age, 1), 0)
        self._rel(
            "Person:PARENT_OF:Person",
            parent.id,
            child.id,
            source,
            kind=kind,
            parental_responsibility=pr,
            from_date=since,
        )

    def _couple(self, household: _Household, low: int, high: int) -> tuple[_Member, _Member]:
        rng = self.rng
        family = draw_family_name(rng)
        age = rng.randint(low, high)
        same_sex = rng.random() < 0.03
        first = self._person(household, "female", age, family)
        second_sex = "female" if same_sex else "male"
        second = self._person(household, second_sex, max(18, age + rng.randint(-3, 6)), family)
        kind = rng.choices(("married", "civil_partner", "cohabiting"), (55, 3, 42))[0]
        self._partners(first, second, kind, self._past(365 * max(1, age - 18), 60))
        return first, second

    def _children(
        self,
        household: _Household,
        parents: list[_Member],
        count: int,
        youngest_parent: int,
        family: str,
        pr: dict[str, bool],
    ) -> list[_Member]:
        kids = []
        for _ in range(count):
            age = self.rng.randint(0, min(17, max(0, youngest_parent - 18)))
            child = self._person(household, self.rng.choice(("male", "female")), age, family)
            for parent in parents:
                self._parent(parent, child, "birth", pr.get(parent.id, True))
            kids.append(child)
        return kids

    def _child_count(self) -> int:
        return self.rng.choices((1, 2, 3, 4, 5), (38, 40, 15, 5, 2))[0]

    def _compose_single_adult(self, household: _Household) -> None:
        sex = self.rng.choice(("male", "female"))
        age = self.rng.choices(
            (self.rng.randint(18, 40), self.rng.randint(41, 64), self.rng.randint(65, 95)),
            (35, 35, 30),
        )[0]
        member = self._person(household, sex, age, draw_family_name(self.rng))
        if 20 <= age <= 55:
            self.singles[sex].append(member)

    def _compose_couple_no_children(self, household: _Household) -> None:
        self._couple(household, 20, 88)

    def _compose_couple_with_children(self, household: _Household) -> None:
        mother, father = self._couple(household, 20, 50)
        married = self.rng.random() < 0.6
        pr = {father.id: married or self.rng.random() < 0.95}
        youngest = min(mother.age, father.age)
        self._children(
            household, [mother, father], self._child_count(), youngest, father.family_name, pr
        )

    def _compose_lone_parent(self, household: _Household) -> None:
        rng = self.rng
        sex = "female" if rng.random() < 0.9 else "male"
        parent = self._person(household, sex, rng.randint(18, 52), draw_family_name(rng))
        kids = self._children(
            household,
            [parent],
            self._child_count() if rng.random() < 0.7 else 1,
            parent.age,
            parent.family_name,
            {},
        )
        self.absent_parents.append((household, parent, kids))

    def _compose_step_family(self, household: _Household) -> None:
        rng = self.rng
        mother = self._person(household, "female", rng.randint(24, 50), draw_family_name(rng))
        kids = self._children(
            household, [mother], rng.randint(1, 3), mother.age, mother.family_name, {}
        )
        step = self._person(
            household, "male", mother.age + rng.randint(-3, 6), draw_family_name(rng)
        )
        kind = rng.choice(("married", "cohabiting"))
        self._partners(mother, step, kind, self._past(365 * 6, 200))
        for child in kids:
            self._parent(step, child, "step", False)
        if rng.random() < 0.45:  # a half-sibling: child of the new couple
            self._children(
                household,
                [mother, step],
                1,
                18 + min(2, mother.age - 18),
                step.family_name,
                {step.id: True},
            )
        self.absent_parents.append((household, mother, kids))

    def _compose_multigenerational(self, household: _Household) -> None:
        rng = self.rng
        family = draw_family_name(rng)
        grandmother = self._person(household, "female", rng.randint(58, 88), family)
        elders = [grandmother]
        if rng.random() < 0.5:
            grandfather = self._person(
                household, "male", grandmother.age + rng.randint(0, 4), family
            )
            self._partners(grandmother, grandfather, "married", self._past(365 * 40, 365 * 30))
            elders.append(grandfather)
        parent_age = max(20, grandmother.age - rng.randint(20, 35))
        parent = self._person(household, rng.choice(("female", "male")), parent_age, family)
        for elder in elders:
            self._parent(elder, parent, "birth", True)
        parents = [parent]
        if rng.random() < 0.5:
            partner = self._person(
                household,
                "male" if parent.sex == "female" else "female",
                parent.age + rng.randint(-3, 3),
                draw_family_name(rng),
            )
            self._partners(
                parent, partner, rng.choice(("married", "cohabiting")), self._past(365 * 12, 365)
            )
            parents.append(partner)
        self._children(household, parents, rng.randint(1, 3), parent.age, family, {})

    def _compose_shared(self, household: _Household) -> None:
        for _ in range(self.rng.randint(2, 4)):
            sex = self.rng.choice(("male", "female"))
            self._person(household, sex, self.rng.randint(18, 40), draw_family_name(self.rng))

    def _absent_parents(self) -> None:
        """Link lone parents' children to a birth parent living in another household."""
        rng = self.rng
        for _household, parent, kids in self.absent_parents:
            other_sex = "male" if parent.sex == "female" else "female"
            pool = self.singles[other_sex]
            if (rng.random() < 0.08 or not pool) and self.deceased_budget > 0:
                self.deceased_budget -= 1  # some children's other parent has died
                other = self._person(
                    None, other_sex, parent.age + 2, kids[0].family_name, deceased=True
                )
            elif pool and rng.random() < 0.75:
                other = rng.choice(pool)
            else:
                continue  # the other parent is not recorded
            together = self._past(365 * 18, 365 * 2)
            apart = together + timedelta(days=rng.randint(365, 365 * 8))
            self._partners(parent, other, "ex", together, min(apart, REFERENCE_DATE))
            for child in kids:
                self._parent(other, child, "birth", rng.random() < 0.8)

    # -- needs, concerns, cases, hazards -------------------------------------------

    def _concerns(self, household: _Household) -> None:
        rng = self.rng
        weights = _RISK_WITH_CHILDREN if household.children else _RISK_WITHOUT_CHILDREN
        household.risk = rng.choices((0, 1, 2, 3), weights)[0]
        risk = household.risk
        if household.children:
            self._parent_concerns(household, risk)
            for child in household.children:
                for code, low, high, odds in _CHILD_CODES:
                    if low <= child.age <= high and rng.random() < odds[risk]:
                        self._concern(child.id, "Person", code, risk)
            self._young_carers(household)
            self._cases(household)
        for code, odds in _HOUSEHOLD_CODES:
            if rng.random() < odds[risk]:
                self._concern(household.id, "Household", code, risk)
        self._adult_needs(household)
        if (risk >= 2 and rng.random() < 0.15) or rng.random() < 0.002:
            self._hazard(household)

    def _parent_concerns(self, household: _Household, risk: int) -> None:
        parents = [a for a in household.adults if a.age < 60] or household.adults
        for code, odds in _PARENT_CODES:
            if self.rng.random() < odds[risk]:
                subject = self.rng.choice(parents)
                if code is ConcernCode.DOMESTIC_ABUSE_PARENT and len(household.adults) < 2:
                    code = ConcernCode.DOMESTIC_ABUSE_OTHER
                self._concern(subject.id, "Person", code, risk)
                subject.codes.add(code)

    def _adult_needs(self, household: _Household) -> None:
        rng = self.rng
        for adult in household.adults:
            if (adult.age >= 70 and rng.random() < 0.12) or rng.random() < 0.004:
                self._concern(adult.id, "Person", ConcernCode.ADULT_CARE_NEED, household.risk)
                adult.codes.add(ConcernCode.ADULT_CARE_NEED)
                self._adult_cases(household, adult)
            elif household.children and adult.age >= 55 and rng.random() < 0.05:
                code = rng.choice(
                    (ConcernCode.PHYSICAL_DISABILITY_OTHER, ConcernCode.MENTAL_HEALTH_OTHER)
                )
                self._concern(adult.id, "Person", code, household.risk)
                adult.codes.add(code)
            if ConcernCode.MENTAL_HEALTH_PARENT in adult.codes and rng.random() < 0.1:
                self._case(
                    household, [adult], CaseKind.MENTAL_HEALTH_ACT, AgencyKind.ADULT_SOCIAL_CARE
                )
            partner = next((a for a in household.adults if a is not adult), None)
            if partner and adult.codes & _CARE_NEED_CODES and rng.random() < 0.4:
                self._rel(
                    "Person:CARES_FOR:Person",
                    partner.id,
                    adult.id,
                    self.agencies[AgencyKind.ADULT_SOCIAL_CARE][0],
                    from_date=self._past(365 * 5, 30),
                )

    def _adult_cases(self, household: _Household, adult: _Member) -> None:
        self._case(household, [adult], CaseKind.CARE_ACT_ASSESSMENT, AgencyKind.ADULT_SOCIAL_CARE)
        if adult.age >= 75 and self.rng.random() < 0.15:
            self._case(
                household, [adult], CaseKind.DEPRIVATION_OF_LIBERTY, AgencyKind.ADULT_SOCIAL_CARE
            )

    def _concern(
        self, subject: str, label: str, code: ConcernCode, risk: int, raiser: str | None = None
    ) -> str:
        rng = self.rng
        concern_id = self._id("C", 7)
        raised_on = self._past(365 * 3, 1)
        open_ = rng.random() < 0.55
        raiser = raiser or self._agency(rng.choice(_RAISED_BY.get(code, _DEFAULT_RAISERS)))
        closed_on = (
            None if open_ else min(REFERENCE_DATE, raised_on + timedelta(days=rng.randint(14, 400)))
        )
        self._node(
            "Concern",
            {
                "id": concern_id,
                "props": {
                    "code": code.value,
                    "status": "open" if open_ else "closed",
                    "raised_on": raised_on,
                    "closed_on": closed_on,
                    "severity": ("low", "low", "medium", "high")[risk],
                    "description": f"{code.label} reported by {raiser}",
                    "source_agency": raiser,
                    "source_record_id": f"{raiser}/{concern_id}",
                },
            },
        )
        self._rel(f"{label}:SUBJECT_OF:Concern", subject, concern_id, raiser, from_date=raised_on)
        self._rel("Concern:RAISED_BY:Agency", concern_id, raiser, raiser, from_date=raised_on)
        if label == "Person" and raiser not in self.agencies[AgencyKind.GP_PRACTICE]:
            self._rel(
                "Person:KNOWN_TO:Agency",
                subject,
                raiser,
                raiser,
                reference=f"{raiser}-{subject}",
                from_date=raised_on,
            )
        return concern_id

    def _young_carers(self, household: _Household) -> None:
        rng = self.rng
        cared_for = [a for a in household.adults if a.codes & _CARE_NEED_CODES]
        if not cared_for:
            return
        for child in household.children:
            if child.age < 8 or rng.random() > 0.3:
                continue
            if rng.random() < 0.3:
                self._concern(child.id, "Person", ConcernCode.YOUNG_CARER, household.risk)
                if rng.random() < 0.5:
                    service = self.agencies[AgencyKind.YOUNG_CARERS_SERVICE][0]
                    self._rel(
                        "Person:KNOWN_TO:Agency",
                        child.id,
                        service,
                        service,
                        reference=f"YC-{child.id}",
                        from_date=self._past(700, 10),
                    )
            if rng.random() < 0.25:
                self._rel(
                    "Person:CARES_FOR:Person",
                    child.id,
                    rng.choice(cared_for).id,
                    self.schools_by_area[household.area],
                    from_date=self._past(900, 30),
                )

    def _cases(self, household: _Household) -> None:
        if household.risk == 0:
            return
        kinds = {
            1: (CaseKind.EARLY_HELP, CaseKind.CHILD_IN_NEED),
            2: (CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION),
            3: (CaseKind.CHILD_PROTECTION, CaseKind.LOOKED_AFTER),
        }[household.risk]
        kind = self.rng.choice(kinds)
        self._case(household, household.children, kind, AgencyKind.CHILDRENS_SOCIAL_CARE)

    def _case(
        self,
        household: _Household,
        subjects: list[_Member],
        kind: CaseKind,
        agency_kind: AgencyKind,
    ) -> None:
        """One case per subject; siblings share one worker (continuity)."""
        rng = self.rng
        agency = self.agencies[agency_kind][0]
        opened = self._past(365 * 2, 1)
        status = "open" if rng.random() < 0.7 else "closed"
        closed = (
            None
            if status == "open"
            else min(REFERENCE_DATE, opened + timedelta(days=rng.randint(30, 300)))
        )
        team = [
            w
            for w in self.workers_by_team.get((agency_kind, household.locality), [])
            if status == "closed" or self.worker_room[w] >= len(subjects)
        ]
        worker = rng.choice(team) if team and (status == "closed" or rng.random() < 0.8) else None
        if worker is not None and status == "open":
            self.worker_room[worker] -= len(subjects)
        for subject in subjects:
            case_id = self._id("CS")
            self._node(
                "Case",
                {
                    "id": case_id,
                    "props": {
                        "kind": kind.value,
                        "status": status,
                        "opened_on": opened,
                        "closed_on": closed,
                        "household_id": household.id,
                        "locality": household.locality,
                        "source_agency": agency,
                        "source_record_id": f"{agency}/{case_id}",
                        **_milestones(kind, opened, closed, random.Random(case_id)),
                    },
                },
            )
            self._rel("Person:SUBJECT_OF:Case", subject.id, case_id, agency, from_date=opened)
            if worker is not None:
                self._rel(
                    "Case:ALLOCATED_TO:Worker",
                    case_id,
                    worker,
                    agency,
                    from_date=opened,
                    to_date=closed,
                )
                self._rel(
                    "Worker:INVOLVED_WITH:Person",
                    worker,
                    subject.id,
                    agency,
                    role="allocated worker",
                    from_date=opened,
                    to_date=closed,
                )

    def _hazard(self, household: _Household) -> None:
        rng = self.rng
        on_person = rng.random() < 0.6 and household.adults
        kinds = (
            (HazardKind.VIOLENCE_TO_STAFF, HazardKind.WEAPONS, HazardKind.SEXUAL_HARM_RISK)
            if on_person
            else (
                HazardKind.AGGRESSIVE_DOG,
                HazardKind.DRUG_PARAPHERNALIA,
                HazardKind.INFECTION_RISK,
                HazardKind.DOUBLE_STAFFED_VISITS,
            )
        )
        kind = rng.choice(kinds)
        hazard_id = self._id("HZ")
        recorded = self._past(365 * 2, 1)
        source = self.agencies[AgencyKind.POLICE][0]
        self._node(
            "Hazard",
            {
                "id": hazard_id,
                "props": {
                    "kind": kind.value,
                    "description": f"{kind.label}: visit with care",
                    "recorded_on": recorded,
                    "review_on": recorded + timedelta(days=365),
                    "source_agency": source,
                    "source_record_id": f"{source}/{hazard_id}",
                },
            },
        )
        if on_person:
            subject, label = rng.choice(household.adults).id, "Person"
        else:
            subject, label = household.address_id, "Address"
        self._rel(f"{label}:HAS_HAZARD:Hazard", subject, hazard_id, source, from_date=recorded)

    def _cross_household_carers(self) -> None:
        """Adults who care for someone in another household (an elderly parent, say)."""
        candidates = [m for h in self.households for m in h.adults if 30 <= m.age <= 65]
        source = self.agencies[AgencyKind.ADULT_SOCIAL_CARE][0]
        for household in self.households:
            for adult in household.adults:
                needs = ConcernCode.ADULT_CARE_NEED in adult.codes
                if needs and len(household.adults) == 1 and self.rng.random() < 0.35:
                    carer = self.rng.choice(candidates)
                    self._rel(
                        "Person:CARES_FOR:Person",
                        carer.id,
                        adult.id,
                        source,
                        from_date=self._past(365 * 4, 30),
                    )

    def _peers_and_places(self) -> None:
        rng = self.rng
        exploitation = {
            ConcernCode.MISSING.value,
            ConcernCode.GANGS.value,
            ConcernCode.CHILD_CRIMINAL_EXPLOITATION.value,
            ConcernCode.CHILD_SEXUAL_EXPLOITATION.value,
        }
        exploited = sorted(
            {
                row["start"]
                for row in self.borough.relationships["Person:SUBJECT_OF:Concern"]
                if self._concern_code(row["end"]) in exploitation
            }
        )
        places = [p["id"] for p in self.borough.nodes["Place"]]
        police = self.agencies[AgencyKind.POLICE][0]
        for person in exploited:
            for place in rng.sample(places, k=min(len(places), rng.randint(1, 3))):
                self._rel(
                    "Person:FREQUENTS:Place", person, place, police, from_date=self._past(500, 10)
                )
        for group in (exploited, *self.teenagers_by_school.values()):
            self._peer_links(group, 0.6 if group is exploited else 0.25)

    def _peer_links(self, group: list[str], odds: float) -> None:
        if len(group) < 2:
            return
        police = self.agencies[AgencyKind.POLICE][0]
        for person in group:
            if self.rng.random() < odds:
                peer = self.rng.choice(group)
                if peer != person:
                    self._rel(
                        "Person:ASSOCIATES_WITH:Person",
                        person,
                        peer,
                        police,
                        kind="peer",
                        from_date=self._past(700, 10),
                    )

    def _concern_code(self, concern_id: str) -> str:
        index = int(concern_id[1:]) - 1
        return str(self.borough.nodes["Concern"][index]["props"]["code"])

    def _given(self, member: _Member) -> str:
        return str(self.person_rows[member.id]["props"]["given_name"])

    def _lookalikes(self) -> None:
        """Twins, and fathers who gave a son their own given name: different people who
        look alike to record linkage, kept as ground truth."""
        rng, profile = self.rng, self.profile
        for household in self.households:
            children = sorted(household.children, key=lambda c: c.id)
            siblings = [
                (a, b)
                for a, b in pairwise(children)
                if a.family_name == b.family_name and self._given(a) != self._given(b)
            ]
            if siblings and rng.random() < profile.twins:
                first, second = siblings[0]
                born = self.person_rows[first.id]["props"]["date_of_birth"]
                self.person_rows[second.id]["props"]["date_of_birth"] = born
                self.borough.lookalikes.append((first.id, second.id, "twins"))
            fathers = [a for a in household.adults if a.sex == "male"]
            sons = [
                c
                for c in children
                if c.sex == "male" and fathers and c.family_name == fathers[0].family_name
            ]
            if fathers and sons and rng.random() < profile.namesakes:
                father = self.person_rows[fathers[0].id]["props"]
                son = self.person_rows[sons[0].id]["props"]
                son["given_name"] = father["given_name"]
                son["full_name"] = f"{son['given_name']} {son['family_name']}"
                son["name_phonetic"] = phonetic_key(son["given_name"], son["family_name"])
                self.borough.lookalikes.append((fathers[0].id, sons[0].id, "father and son"))

    def _duplicates(self, count: int) -> None:
        """The same person recorded again by another agency: spelled differently, born on
        another day or on none, perhaps at an older address, with that agency's own
        reference and the concerns it raised against its record."""
        rng = self.rng
        homes = {m.id: h for h in self.households for m in (*h.adults, *h.children)}
        originals = rng.sample(sorted(self.members), k=min(count, len(self.members)))
        for original_id in originals:
            kind = rng.choice((AgencyKind.POLICE, AgencyKind.HOUSING, AgencyKind.VOLUNTARY_SECTOR))
            agency = self._agency(kind)
            person_id, errors = self._recorded_again(original_id, agency)
            moved = self._agency_facts(original_id, person_id, kind, agency, homes.get(original_id))
            if moved:
                errors += (moved,)
            self.borough.duplicate_pairs.append((original_id, person_id))
            self.borough.duplicate_errors[person_id] = errors

    def _recorded_again(self, original_id: str, agency: str) -> tuple[str, tuple[str, ...]]:
        rng, profile = self.rng, self.profile
        original = self.person_rows[original_id]["props"]
        given, family, name_error = name_as_recorded(
            rng, original["given_name"], original["family_name"], profile
        )
        born, birth_error = birth_as_recorded(rng, original["date_of_birth"], profile)
        person_id = self._id("P", 7)
        self._node(
            "Person",
            {
                "id": person_id,
                "props": {
                    **original,
                    "given_name": given,
                    "family_name": family,
                    "full_name": f"{given} {family}",
                    "name_phonetic": phonetic_key(given, family),
                    "date_of_birth": born,
                    "source_agency": agency,
                    "source_record_id": f"{agency}/{person_id}",
                },
            },
        )
        self.person_rows[person_id] = self.borough.nodes["Person"][-1]
        self.people += 1
        self._rel(
            "Person:KNOWN_TO:Agency",
            person_id,
            agency,
            agency,
            reference=f"{agency}-{person_id}",
            from_date=self._past(700, 10),
        )
        return person_id, tuple(e for e in (name_error, birth_error) if e)

    def _agency_facts(
        self,
        original_id: str,
        person_id: str,
        kind: AgencyKind,
        agency: str,
        home: _Household | None,
    ) -> str | None:
        """What the recording agency knows about its record: where it has them living (an
        older or another address, or the same) and the concerns it raised. Says how the
        address differs from where they live now: "moved" (an address they lived at
        before, which the original's record keeps as a past one), "elsewhere", or None."""
        rng = self.rng
        if home is None or rng.random() < self.profile.moved:
            address, since = rng.choice(self.households).address_id, 400
            moved = self._lived_before(original_id, address, home) or "elsewhere"
        else:
            address, since, moved = home.address_id, 30, None
        from_date = self._past(365 * 6, since)
        births = [self.person_rows[original_id]["props"]["date_of_birth"]]
        births.append(self.person_rows[person_id]["props"].get("date_of_birth"))
        from_date = max([from_date, *[born for born in births if born is not None]])
        self._rel("Person:LIVES_AT:Address", person_id, address, agency, from_date=from_date)
        codes = _AGENCY_RECORDS.get(kind, ())
        for _ in range(rng.randint(0, 2) if codes else 0):
            self._concern(person_id, "Person", rng.choice(codes), rng.randint(1, 3), agency)
        return moved

    def _lived_before(self, original_id: str, address: str, home: _Household | None) -> str | None:
        """Whether the person lived at `address` before their home now, as housing
        recorded it on the original's record (a share of moved copies, where there was
        a before: not for someone born at home)."""
        if home is None or self.rng.random() >= self.profile.older_address:
            return None
        born = self.person_rows[original_id]["props"]["date_of_birth"]
        moved_in = max(home.since, born)
        if (moved_in - born).days < 60:
            return None
        left = moved_in - timedelta(days=1)
        arrived = max(born, left - timedelta(days=self.rng.randint(30, 365 * 4)))
        housing = self.agencies[AgencyKind.HOUSING][0]
        self._rel(
            "Person:LIVES_AT:Address",
            original_id,
            address,
            housing,
            from_date=arrived,
            to_date=left,
        )
        return "moved"


# The concerns an agency records against its own record of someone (its duplicate).
_AGENCY_RECORDS: dict[AgencyKind, tuple[ConcernCode, ...]] = {
    AgencyKind.POLICE: (
        ConcernCode("3B"),
        ConcernCode("3C"),
        ConcernCode("ASB"),
        ConcernCode("OFF"),
    ),
    AgencyKind.HOUSING: (ConcernCode("HML"), ConcernCode("RNT")),
}


def _years_after(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return born.replace(year=born.year + years, day=28)


def _milestones(
    kind: CaseKind, opened: date, closed: date | None, rng: random.Random
) -> dict[str, date]:
    """The dated steps of a referral: mostly on time, some late, the latest not yet taken.
    A generator of its own per case, so the rest of the borough is as it was without them."""
    if kind not in REFERRAL_KINDS:
        return {}
    end = closed or REFERENCE_DATE

    def step(start: date, working_days: int, on_time: float) -> date | None:
        day = (
            add_working_days(start, rng.randint(0, working_days))
            if rng.random() < on_time
            else add_working_days(start, working_days + rng.randint(1, 10))
        )
        return day if day <= end else None

    steps = {Milestone.DECISION: step(opened, 1, 0.9)}
    steps[Milestone.ASSESSMENT_COMPLETED] = step(opened, 45, 0.8)
    decided = steps[Milestone.DECISION]
    if kind is CaseKind.CHILD_PROTECTION and decided is not None:
        strategy = steps[Milestone.STRATEGY_DISCUSSION] = step(decided, 3, 1.0)
        if strategy is not None:
            steps[Milestone.INITIAL_CONFERENCE] = step(strategy, 15, 0.75)
    return {milestone.value: day for milestone, day in steps.items() if day is not None}
