"""What happened to a person or a household, in date order, each event with its source
agency: the events a reader may see count towards the limit (scope before the limit)."""

from __future__ import annotations

from graph_service.model.errors import InvalidRequest
from graph_service.model.taxonomy import ConcernCode, is_concern_code
from graph_service.services.reader import Reader
from graph_service.store.gateway import GraphGateway
from graph_service.store.values import Row
from graph_service.views.records import ChronologyEvent, ChronologyEventKind

__all__ = ["MAX_EVENTS", "chronology"]

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
    kind, detail = ChronologyEventKind(row["kind"]), row.get("detail") or ""
    if kind in (ChronologyEventKind.CONCERN_RAISED, ChronologyEventKind.CONCERN_CLOSED):
        detail = f"{detail} {ConcernCode(detail).label}" if is_concern_code(detail) else detail
    return f"{kind.value.replace('_', ' ').capitalize()}: {detail}"
