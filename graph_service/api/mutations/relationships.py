"""Recording and ending relationships between people."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.mutations.payloads import (
    Ctx,
    RelationshipPayload,
    RelationshipRecord,
    command,
    user_errors,
)
from graph_service.model.taxonomy import ParentKind, PartnerKind, PartnerStatus, SiblingKind
from graph_service.services import relationships
from graph_service.services.relationships import NewRelationship, RelationshipType

__all__ = ["RelationshipInput", "RelationshipMutations"]

ParentKindInput = strawberry.enum(ParentKind, name="ParentKind")
PartnerKindInput = strawberry.enum(PartnerKind, name="PartnerKind")
RelationshipTypeInput = strawberry.enum(RelationshipType, name="RelationshipType")
SiblingKindInput = strawberry.enum(SiblingKind, name="SiblingKind")
PartnerStatusInput = strawberry.enum(PartnerStatus, name="PartnerStatus")


@strawberry.input
class RelationshipInput:
    type: RelationshipTypeInput  # type: ignore[valid-type]
    from_person_id: strawberry.ID
    to_person_id: strawberry.ID
    parent_kind: ParentKindInput | None = None  # type: ignore[valid-type]
    partner_kind: PartnerKindInput | None = None  # type: ignore[valid-type]
    parental_responsibility: bool | None = None
    sibling_kind: SiblingKindInput | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="FULL, HALF or STEP: required for SIBLING_OF."
    )
    partner_status: PartnerStatusInput | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description="For a marriage or civil partnership still in force: SEPARATED or "
        "DESERTED (a divorce ends the relationship: toDate).",
    )
    from_date: date
    to_date: date | None = None
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.type
class RelationshipMutations:
    @strawberry.mutation(description="Record a typed, dated, sourced relationship.")
    @user_errors
    async def record_relationship(
        self, info: Ctx, input: RelationshipInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        context = info.context
        new = command(NewRelationship, input)
        edge = await relationships.record_relationship(
            context.gateway, context.writer(), new, idempotency_key
        )
        return RelationshipRecord(relationship=edge)

    @strawberry.mutation(description="End a relationship on a date.")
    @user_errors
    async def end_relationship(
        self,
        info: Ctx,
        person_id: strawberry.ID,
        relationship_id: strawberry.ID,
        end_date: date,
        source_agency_id: strawberry.ID,
    ) -> RelationshipPayload:
        context = info.context
        edge = await relationships.end_relationship(
            context.gateway,
            context.writer(),
            str(person_id),
            str(relationship_id),
            end_date,
            str(source_agency_id),
        )
        return RelationshipRecord(relationship=edge)
