"""An audit event as auditors read it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

__all__ = ["AuditEventView"]


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
