"""Think Family alerts: acknowledged (one or up to 500 at once) and closed with a reason."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph_service.api.errors import NotFoundError, ValidationError
from graph_service.api.mutations.payloads import Ctx, user_errors
from graph_service.services import alerts
from graph_service.views.alerts import Alert

__all__ = ["AlertMutations", "AlertsAcknowledged"]


@strawberry.type(description="The alerts acknowledged, each recorded with who, when and the note.")
class AlertsAcknowledged:
    ids: list[strawberry.ID]
    count: int


AcknowledgePayload = Annotated[
    AlertsAcknowledged | NotFoundError | ValidationError, strawberry.union("AcknowledgePayload")
]
AlertPayload = Annotated[Alert | NotFoundError | ValidationError, strawberry.union("AlertPayload")]


@strawberry.type
class AlertMutations:
    @strawberry.mutation(
        description="Acknowledge alerts (1 to 500), all or none: an id that is unknown, "
        "closed or not yours to see acknowledges nothing."
    )
    @user_errors
    async def acknowledge_alerts(
        self, info: Ctx, ids: list[strawberry.ID], note: str | None = None
    ) -> AcknowledgePayload:
        context = info.context
        done = await alerts.acknowledge_alerts(
            context.gateway, context.writer(), [str(i) for i in ids], note, context.now
        )
        return AlertsAcknowledged(ids=[strawberry.ID(i) for i in done], count=len(done))

    @strawberry.mutation(description="Close an alert with a reason. It stays on record.")
    @user_errors
    async def close_alert(self, info: Ctx, id: strawberry.ID, reason: str) -> AlertPayload:
        context = info.context
        settings = context.settings
        await alerts.close_alert(context.gateway, context.writer(), str(id), reason, context.now)
        found = await alerts.alert(
            context.gateway, str(id), settings.alerts, settings.mash, context.now
        )
        assert found is not None
        return found
