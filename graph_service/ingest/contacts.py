"""A synthetic stream of MASH contacts over the last months, and some open today.

Sources in roughly national proportions (Children in Need census 2023-24: the police
make the most referrals, then schools, then health services); ratings, agency checks
mostly answered on time and some late; decisions, most within a working day. Contacts
are about the borough's children, often with a parent. Everything is relative to `now`,
so the queue and dashboard show something true on the day the borough is seeded.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from graph_service.ingest.synthetic import Borough
from graph_service.model.mash import MashClocks, Outcome, Rag, ReferrerKind
from graph_service.model.rules import age_on
from graph_service.model.working_hours import LONDON, Clock

__all__ = ["CONTACTS_PER_PERSON_DAY", "generate_contacts"]

# About 2 contacts a year per 100 children and young people, counting their adults.
CONTACTS_PER_PERSON_DAY = 1 / 12_000
_SOURCES: list[tuple[str, float]] = [
    ("police", 0.29),
    ("school", 0.21),
    ("health", 0.14),
    ("other_agency", 0.14),
    (ReferrerKind.PROFESSIONAL.value, 0.07),
    (ReferrerKind.PUBLIC.value, 0.08),
    (ReferrerKind.ANONYMOUS.value, 0.07),
]
_HEALTH = ("gp_practice", "health_visiting", "mental_health_trust")
_OTHER = ("housing", "adult_social_care", "probation", "voluntary_sector")
_CHECKED = ("police", "school", "gp_practice", "housing", "adult_social_care")
_OUTCOMES: list[tuple[Outcome, float]] = [
    (Outcome.NO_FURTHER_ACTION, 0.30),
    (Outcome.INFORMATION_AND_ADVICE, 0.20),
    (Outcome.EARLY_HELP, 0.20),
    (Outcome.CHILD_AND_FAMILY_ASSESSMENT, 0.18),
    (Outcome.STRATEGY_DISCUSSION, 0.07),
    (Outcome.ADULT_SAFEGUARDING, 0.05),
]
_CONCERNS = ["3A", "16A", "4B", "2B", "17A", "21", "10A", "1B", "18C", "24A"]
_SUMMARIES = {
    "3A": "Police attended a domestic incident at the home; the child was present.",
    "16A": "The child arrives at school hungry and in unwashed clothes.",
    "4B": "A parent's mental health has deteriorated; the children are caring for them.",
    "2B": "A parent was found under the influence of drugs while caring for the child.",
    "17A": "Neighbours report shouting and the child being belittled at length.",
    "21": "A request for support with housing and money; no safeguarding concern stated.",
    "10A": "The young person was reported missing overnight and returned the next day.",
    "1B": "A parent was drunk at school pick-up.",
    "18C": "The child has an unexplained bruise to the face.",
    "24A": "The young person is seen with older youths and unexplained new possessions.",
}
_NAMES = ["A. Patel", "J. Okafor", "S. Murphy", "L. Chen", "R. Evans", "K. Nowak"]
_STAFF = ["mash.seed.anna", "mash.seed.ben", "mash.seed.chidi"]


def generate_contacts(
    borough: Borough,
    now: datetime,
    seed: int = 1,
    days: int = 90,
    person_ids: Mapping[str, str] | None = None,
    open_today: int | None = None,
) -> list[dict[str, Any]]:
    """Contacts over the `days` before `now`, each a row for `contacts_seed`, and
    `open_today` still open (by default, a day and a half's); people named by
    `person_ids` (the borough's id to the graph's) where they were renamed."""
    rng = random.Random(seed)
    clocks = MashClocks()
    families = _families(borough, now)
    agencies = _agencies(borough)
    if not families or not agencies.get("police"):
        return []
    per_day = max(1.0, len(borough.nodes["Person"]) * CONTACTS_PER_PERSON_DAY)
    count = int(per_day * days)
    start = now - timedelta(days=days)
    rows = []
    for n in range(count):
        received = _received(rng, start, now)
        child, adults = rng.choice(families)
        people = [child, *adults[: rng.choice((0, 1, 1, 2))]]
        people = [(person_ids or {}).get(p, p) for p in people]
        rows.append(_contact(rng, n, received, people, agencies, clocks, now))
    # Today's front door: open contacts, from the last hour to two days back (some past
    # their decision's deadline), whatever the stream left open by chance.
    today = max(4, round(per_day * 1.5)) if open_today is None else open_today
    for n in range(count, count + today):
        received = now - timedelta(hours=rng.uniform(0.2, 48))
        child, adults = rng.choice(families)
        people = [(person_ids or {}).get(p, p) for p in [child, *adults[:1]]]
        rows.append(_contact(rng, n, received, people, agencies, clocks, now, undecided=True))
    return sorted(rows, key=lambda r: r["props"]["received_at"])


def _families(borough: Borough, now: datetime) -> list[tuple[str, list[str]]]:
    """Each child with their parents, children (under 18) only as the subject."""
    born = {p["id"]: p["props"].get("date_of_birth") for p in borough.nodes["Person"]}
    parents: dict[str, list[str]] = defaultdict(list)
    for link in borough.relationships.get("Person:PARENT_OF:Person", []):
        parents[link["end"]].append(link["start"])
    today = now.astimezone(LONDON).date()
    children = [p for p, b in born.items() if _under_18(age_on(b, today))]
    return [(c, sorted(parents.get(c, []))) for c in sorted(children)]


def _under_18(age: int | None) -> bool:
    return age is not None and age < 18


def _agencies(borough: Borough) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for agency in borough.nodes["Agency"]:
        found[agency["props"]["kind"]].append(agency["id"])
    return found


def _received(rng: random.Random, start: datetime, now: datetime) -> datetime:
    """Mostly in office hours; the police's at any hour."""
    span = (now - start).total_seconds()
    moment = start + timedelta(seconds=rng.random() * span)
    local = moment.astimezone(LONDON)
    if rng.random() < 0.8 and local.weekday() < 5:
        local = local.replace(hour=rng.randint(9, 16), minute=rng.randint(0, 59))
    return min(local.astimezone(UTC), now - timedelta(minutes=5))


def _referrer(rng: random.Random, agencies: dict[str, list[str]]) -> dict[str, Any]:
    source = rng.choices([s for s, _ in _SOURCES], [w for _, w in _SOURCES])[0]
    kinds = {"police": ("police",), "school": ("school",), "health": _HEALTH}
    if source in kinds or source == "other_agency":
        pool = [a for k in kinds.get(source, _OTHER) for a in agencies.get(k, [])]
        pool = pool or agencies["police"]
        return {"referrer_kind": "agency", "referrer_agency_id": rng.choice(pool)}
    name = None if source == ReferrerKind.ANONYMOUS.value else rng.choice(_NAMES)
    return {"referrer_kind": source, "referrer_name": name}


def _contact(
    rng: random.Random,
    n: int,
    received: datetime,
    people: list[str],
    agencies: dict[str, list[str]],
    clocks: MashClocks,
    now: datetime,
    undecided: bool = False,
) -> dict[str, Any]:
    code = rng.choice(_CONCERNS)
    referrer = _referrer(rng, agencies)
    handler = rng.choice(_STAFF)
    props: dict[str, Any] = {
        "received_at": received,
        "summary": _SUMMARIES[code],
        "concern_codes": [code],
        "handler": handler,
        "state": "received",
        "recorded_at": received,
        "recorded_by": handler,
        "referrer_name": None,
        "referrer_agency_id": None,
        **referrer,
    }
    row: dict[str, Any] = {
        "id": f"CT-S{n:06d}",
        "props": props,
        "person_ids": people,
        "referrer_agency_id": props["referrer_agency_id"],
        "ratings": [],
        "checks": [],
    }
    rated_at = received + timedelta(minutes=rng.randint(5, 90))
    if rated_at > now:
        return row
    rag = rng.choices(list(Rag), [0.1, 0.45, 0.45])[0]
    row["ratings"] = [
        {"rag": rag.value, "rationale": "Seeded rating", "at": rated_at, "by": handler, "seq": 1}
    ]
    props |= {"rag": rag.value, "rated_at": rated_at, "state": "rated"}
    row["checks"] = _checks(rng, n, rated_at, rag, agencies, clocks, now, handler)
    if not undecided:
        _decide(rng, props, received, clocks, now)
    return row


def _checks(
    rng: random.Random,
    n: int,
    asked_at: datetime,
    rag: Rag,
    agencies: dict[str, list[str]],
    clocks: MashClocks,
    now: datetime,
    handler: str,
) -> list[dict[str, Any]]:
    clock = clocks.check(rag)
    kinds = [k for k in _CHECKED if agencies.get(k)]
    checks = []
    for i, kind in enumerate(rng.sample(kinds, min(len(kinds), rng.randint(2, 4)))):
        share = rng.choices([rng.uniform(0.1, 0.95), rng.uniform(1.05, 2.0), None], [85, 12, 3])[0]
        answered = _after(clock, asked_at, share) if share is not None else None
        check: dict[str, Any] = {
            "id": f"CK-S{n:06d}-{i}",
            "agency_id": agencies[kind][0],
            "requested_at": asked_at,
            "requested_by": handler,
        }
        if answered is not None and answered <= now:
            check |= {
                "responded_at": answered,
                "responded_by": f"{kind}.seed",
                "response": "Known to us; details shared with the MASH.",
            }
        checks.append(check)
    return checks


def _decide(
    rng: random.Random, props: dict[str, Any], received: datetime, clocks: MashClocks, now: datetime
) -> None:
    share = rng.uniform(0.3, 0.98) if rng.random() < 0.88 else rng.uniform(1.05, 3.0)
    decided = _after(clocks.decision, received, share)
    if decided > now:
        return  # still open today
    outcome = rng.choices([o for o, _ in _OUTCOMES], [w for _, w in _OUTCOMES])[0]
    props |= {
        "state": "decided",
        "outcome": outcome.value,
        "decision_rationale": "Seeded decision",
        "decided_at": decided,
        "decided_by": props["handler"],
    }


def _after(clock: Clock, start: datetime, share: float) -> datetime:
    """The moment `share` of the clock's span has run after `start`."""
    partial = Clock(clock.kind, clock.span * share, clock.hours)
    moment: datetime = partial.due(start).astimezone(UTC)
    return moment
