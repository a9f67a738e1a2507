"""What happened to a person or a household, in date order, each event with its source
agency: the events a reader may see count towards the limit (scope before the limit)."""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.model.errors import InvalidRequest
from graph_service.model.relations import relation_with
from graph_service.model.taxonomy import ConcernCode, HazardKind, is_concern_code
from graph_service.security.disclosure import is_person_id
from graph_service.services.people import people_by_id
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.store.values import Row
from graph_service.views.records import ChronologyEvent, ChronologyEventKind, Person

__all__ = ["MAX_EVENTS", "FamilyChronology", "chronology", "family_chronology"]

MAX_EVENTS = 1000


async def chronology(
    gateway: GraphGateway,
    reader: Reader,
    person_id: str | None = None,
    household_id: str | None = None,
    limit: int = 200,
) -> list[ChronologyEvent]:
    """The events of one person or one household (exactly one of them), oldest first."""
    if (person_id is None) == (household_id is None):
        raise InvalidRequest("personId", "give exactly one of personId or householdId")
    if not 1 <= limit <= MAX_EVENTS:
        raise InvalidRequest("limit", f"must be between 1 and {MAX_EVENTS}, got {limit}")
    rows = await gateway.read(
        "chronology",
        personId=person_id,
        householdId=household_id,
        limit=limit,
        scopeAgency=reader.scope_agency,
    )
    return [_event(row) for row in rows]


@dataclass
class FamilyChronology:
    """A person's events and their current households' in one list (oldest first), with
    the people the events are about (each vetted as a person before it is named)."""

    events: list[ChronologyEvent]
    people: list[Person]


async def family_chronology(
    gateway: GraphGateway, reader: Reader, person_id: str, limit: int = MAX_EVENTS
) -> FamilyChronology:
    """The person's own events and those of everyone ever in their current households."""
    own = await chronology(gateway, reader, person_id=person_id, limit=limit)
    links = await gateway.read("person_links", ids=[person_id], asOf=reader.today, open="open")
    households = [h["id"] for h in (links[0]["households"] if links else [])]
    seen = {_key(event) for event in own}
    events = list(own)
    for household in households:
        for event in await chronology(gateway, reader, household_id=household, limit=limit):
            if _key(event) not in seen:
                seen.add(_key(event))
                events.append(event)
    events.sort(key=lambda e: (e.on, e.kind.value, e.person_id or "", e.related_id or ""))
    about = sorted({str(e.person_id) for e in events if is_person_id(e.person_id)})
    people = [p for p in await people_by_id(gateway, about, reader.today) if p is not None]
    return FamilyChronology(events[:limit], people)


def _key(event: ChronologyEvent) -> tuple[object, ...]:
    return (event.on, event.kind, event.person_id, event.related_id)


def _event(row: Row) -> ChronologyEvent:
    return ChronologyEvent(
        on=row["on"],
        kind=ChronologyEventKind(row["kind"]),
        summary=_summary(row),
        person_id=row.get("person_id"),
        related_id=row.get("related_id"),
        source_agency_id=row.get("source_agency"),
        detail=row.get("detail"),
        restricted=bool(row.get("restricted")),
    )


def _summary(row: Row) -> str:
    """The event in words, read from its subject's side ("Parent: Arjun Collins (birth)")."""
    kind, detail = ChronologyEventKind(row["kind"]), row.get("detail") or ""
    if kind in (ChronologyEventKind.CONCERN_RAISED, ChronologyEventKind.CONCERN_CLOSED):
        detail = f"{detail} {ConcernCode(detail).label}" if is_concern_code(detail) else detail
    elif row.get("link"):
        detail = relation_with(
            row["link"], detail or None, bool(row["outgoing"]), row["other_name"]
        )
    elif kind is ChronologyEventKind.HAZARD_RECORDED:
        detail = HazardKind(detail).label if detail in _HAZARD_KINDS else detail
    elif kind is ChronologyEventKind.CASE_ALLOCATED:
        detail = f"{_words(detail)} case to {row.get('other_name') or 'a worker'}"
    elif kind in _CASE_EVENTS:
        detail = f"{_words(detail)} case"
    return f"{_words(kind.value)}: {detail}"


def _words(code: str) -> str:
    return code.replace("_", " ").capitalize()


_HAZARD_KINDS = {kind.value for kind in HazardKind}
_CASE_EVENTS = {
    ChronologyEventKind.CASE_OPENED,
    ChronologyEventKind.CASE_CLOSED,
    ChronologyEventKind.REFERRAL_DECISION,
    ChronologyEventKind.ASSESSMENT_COMPLETED,
    ChronologyEventKind.STRATEGY_DISCUSSION,
    ChronologyEventKind.INITIAL_CONFERENCE,
}
