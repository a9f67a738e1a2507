"""Auditors' reading of the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from graph_service.api.context import Ctx
from graph_service.services.audit_trail import TrailFilter, audit_trail
from graph_service.views.audit import AuditEventView
from graph_service.views.pagination import Connection, page_window

__all__ = ["AuditQueries"]


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="Audit events about a person, by a user, in a time range, or break-glass "
        "alerts; newest first. Auditors only; nothing can change or remove an event."
    )
    async def audit_trail(
        self,
        info: Ctx,
        person_id: strawberry.ID | None = None,
        user_id: str | None = None,
        start: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        end: Annotated[datetime | None, strawberry.argument(name="to")] = None,
        alerts_only: bool = False,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[AuditEventView]:
        asked = TrailFilter(str(person_id) if person_id else None, user_id, start, end, alerts_only)
        window = page_window(first, after)
        context = info.context
        found = await audit_trail(
            context.audit, context.audit_store, asked, window.offset, window.limit
        )
        return Connection.build(found, window)
