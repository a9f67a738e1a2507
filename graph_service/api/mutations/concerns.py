"""Recording and closing concerns; adding and reviewing hazards."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.mutations.payloads import (
    ConcernPayload,
    Ctx,
    HazardPayload,
    command,
    user_errors,
)
from graph_service.model.taxonomy import HazardKind, Severity
from graph_service.services import concerns, hazards
from graph_service.services.alerts import Alerting
from graph_service.services.concerns import NewConcern
from graph_service.services.hazards import NewHazard

__all__ = ["ConcernInput", "ConcernMutations", "HazardInput"]

HazardKindInput = strawberry.enum(HazardKind, name="HazardKind")
SeverityInput = strawberry.enum(Severity, name="Severity")


@strawberry.input
class ConcernInput:
    code: str
    person_id: strawberry.ID | None = None
    household_id: strawberry.ID | None = None
    raised_on: date
    raised_by_agency_id: strawberry.ID
    severity: SeverityInput = Severity.MEDIUM  # type: ignore[valid-type]
    description: str | None = None
    source_record_id: str


@strawberry.input
class HazardInput:
    kind: HazardKindInput  # type: ignore[valid-type]
    description: str
    person_id: strawberry.ID | None = None
    address_id: strawberry.ID | None = None
    recorded_on: date
    review_on: date
    source_agency_id: strawberry.ID


@strawberry.type
class ConcernMutations:
    @strawberry.mutation(
        description="Record a concern about a person or a household. A serious one raises "
        "Think Family alerts in the same write (see alerts)."
    )
    @user_errors
    async def record_concern(
        self, info: Ctx, input: ConcernInput, idempotency_key: str | None = None
    ) -> ConcernPayload:
        context = info.context
        new = command(NewConcern, input)
        alerting = Alerting(context.settings.alerts, context.now)
        return await concerns.record_concern(
            context.gateway, context.writer(), new, idempotency_key, alerting
        )

    @strawberry.mutation(
        description="Close a concern that no longer applies, saying why; from "
        "the day it closes, the analyses no longer count it."
    )
    @user_errors
    async def close_concern(
        self, info: Ctx, id: strawberry.ID, closed_on: date, outcome: str
    ) -> ConcernPayload:
        context = info.context
        return await concerns.close_concern(
            context.gateway, context.writer(), str(id), closed_on, outcome
        )

    @strawberry.mutation(
        description="Add a hazard warning to a person or an address; it raises Think "
        "Family alerts in the same write (see alerts)."
    )
    @user_errors
    async def add_hazard(
        self, info: Ctx, input: HazardInput, idempotency_key: str | None = None
    ) -> HazardPayload:
        context = info.context
        new = command(NewHazard, input)
        alerting = Alerting(context.settings.alerts, context.now)
        return await hazards.add_hazard(
            context.gateway, context.writer(), new, idempotency_key, alerting
        )

    @strawberry.mutation(description="Record a review of a hazard and when it is next due.")
    @user_errors
    async def review_hazard(
        self, info: Ctx, id: strawberry.ID, review_on: date, description: str | None = None
    ) -> HazardPayload:
        context = info.context
        return await hazards.review_hazard(
            context.gateway, context.writer(), str(id), review_on, description
        )
