"""`auditTrail`: who saw or changed whose records, for auditors (read only, newest first)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import strawberry

from graph_service.api.errors import InputError
from graph_service.api.pagination import Connection, page_window

__all__ = ["AuditEventView", "audit_trail"]

_PLAIN_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


@strawberry.type(name="AuditEvent", description="One request that touched person data.")
class AuditEventView:
    id: strawberry.ID
    sequence: int
    at: datetime
    user: str
    role: str
    agency: str | None
    operation: str = strawberry.field(description="The fields or page the request used.")
    action: str = strawberry.field(description="read or write.")
    outcome: str = strawberry.field(
        description="allowed, withheld, denied or failed; attempted for a write's event stored "
        "before it ran (its outcome follows with the same requestId)."
    )
    person_ids: list[strawberry.ID]
    withheld: int = strawberry.field(description="Records masked or withheld from the user.")
    purpose: str | None
    break_glass_reason: str | None
    alert: bool = strawberry.field(description="Break-glass access, for review.")
    request_id: str

    @classmethod
    def of(cls, row: dict[str, Any]) -> AuditEventView:
        return cls(
            id=strawberry.ID(row["id"]),
            sequence=row["sequence"],
            at=row["at"],
            user=row["user"],
            role=row["role"],
            agency=row.get("agency"),
            operation=row["operation"],
            action=row["action"],
            outcome=row["outcome"],
            person_ids=[strawberry.ID(p) for p in row.get("person_ids") or []],
            withheld=row.get("withheld", 0),
            purpose=row.get("purpose"),
            break_glass_reason=row.get("break_glass_reason"),
            alert=bool(row.get("alert")),
            request_id=row["request_id"],
        )


async def audit_trail(
    info: strawberry.Info,
    person_id: strawberry.ID | None,
    user_id: str | None,
    start: datetime | None,
    end: datetime | None,
    alerts_only: bool,
    first: int,
    after: str | None,
) -> Connection[AuditEventView]:
    if person_id is None and user_id is None and start is None and not alerts_only:
        raise InputError("personId", "give personId, userId, a from/to range or alertsOnly")
    if person_id is not None and not _PLAIN_ID.match(str(person_id)):
        raise InputError("personId", "is not an id (letters, digits and hyphens)")
    if start and end and start >= end:
        raise InputError("to", "must be after from")
    for name, moment in (("from", start), ("to", end)):
        if moment is not None and moment.tzinfo is None:
            raise InputError(name, "needs a time zone (for example 2026-11-23T09:00:00Z)")
    window = page_window(first, after)
    await info.context.audit.flush()  # this process's newest events, journalled, too
    rows = await info.context.audit_store.trail(
        subject=str(person_id) if person_id else None,
        user=user_id,
        start=start,
        end=end,
        alerts_only=alerts_only,
        offset=window.offset,
        limit=window.limit,
    )
    return Connection.build([AuditEventView.of(row) for row in rows], window)
