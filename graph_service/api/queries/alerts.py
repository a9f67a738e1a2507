"""Think Family alerts, within what the reader may see."""

from __future__ import annotations

import strawberry

from graph_service.api.context import Ctx
from graph_service.model.think_family import AlertState
from graph_service.services import alerts
from graph_service.services.alerts import AlertFilter
from graph_service.views.alerts import Alert
from graph_service.views.pagination import Connection, page_window

__all__ = ["AlertQueries", "AlertStateFilter"]

AlertStateFilter = strawberry.enum(AlertState, name="AlertState")


@strawberry.type
class AlertQueries:
    @strawberry.field(
        description="Think Family alerts, newest first: in a state (escalated: open red "
        "alerts past their escalation time), told to a worker, or about a person."
    )
    async def alerts(
        self,
        info: Ctx,
        state: AlertStateFilter | None = None,  # type: ignore[valid-type]
        worker_id: strawberry.ID | None = None,
        person_id: strawberry.ID | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Alert]:
        context = info.context
        window = page_window(first, after)
        asked = AlertFilter(
            AlertState(state) if state else None,
            str(worker_id) if worker_id else None,
            str(person_id) if person_id else None,
        )
        settings = context.settings
        found = await alerts.alerts(
            context.gateway,
            asked,
            context.reader(),
            settings.alerts,
            settings.mash,
            context.now,
            window.offset,
            window.limit,
        )
        return Connection.build(found, window)
