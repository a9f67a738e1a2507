"""The audit trail: who saw or changed whose records, newest first (read only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from graph_service.model.errors import InvalidRequest
from graph_service.security.audit import AuditLog
from graph_service.security.audit_store import AuditStore
from graph_service.views.audit import AuditEventView

__all__ = ["TrailFilter", "audit_trail"]

_PLAIN_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@dataclass(frozen=True)
class TrailFilter:
    """About a person, by a user, in a time range (aware datetimes), or alerts only."""

    person_id: str | None = None
    user_id: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    alerts_only: bool = False


async def audit_trail(
    log: AuditLog, store: AuditStore, asked: TrailFilter, offset: int, limit: int
) -> list[AuditEventView]:
    """Events matching every filter given; this process's newest included."""
    if not (asked.person_id or asked.user_id or asked.start or asked.alerts_only):
        raise InvalidRequest("personId", "give personId, userId, a from/to range or alertsOnly")
    if asked.person_id is not None and not _PLAIN_ID.match(asked.person_id):
        raise InvalidRequest("personId", "is not an id (letters, digits and hyphens)")
    if asked.start and asked.end and asked.start >= asked.end:
        raise InvalidRequest("to", "must be after from")
    for name, moment in (("from", asked.start), ("to", asked.end)):
        if moment is not None and moment.tzinfo is None:
            raise InvalidRequest(name, "needs a time zone (for example 2026-11-23T09:00:00Z)")
    await log.flush()  # this process's newest events, journalled, too
    rows = await store.trail(
        subject=asked.person_id,
        user=asked.user_id,
        start=asked.start,
        end=asked.end,
        alerts_only=asked.alerts_only,
        offset=offset,
        limit=limit,
    )
    return [AuditEventView.of(row) for row in rows]
