"""Administrators' directory: recording and renaming agencies. And who knows whom: a
person known to an agency, under its reference."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph_service.api.errors import DuplicateError, NotFoundError, ValidationError
from graph_service.api.mutations.payloads import (
    Ctx,
    RelationshipPayload,
    RelationshipRecord,
    command,
    user_errors,
)
from graph_service.services import directory, relationships
from graph_service.services.directory import NewAgency
from graph_service.services.relationships import KnownTo
from graph_service.views.records import Agency

__all__ = ["AgencyInput", "DirectoryMutations", "KnownToInput"]

AgencyPayload = Annotated[
    Agency | NotFoundError | ValidationError | DuplicateError, strawberry.union("AgencyPayload")
]


@strawberry.input
class AgencyInput:
    kind: str = strawberry.field(description="An agency kind, for example police or school.")
    name: str
    code: str = strawberry.field(description="2 to 20 letters, digits or hyphens; unique.")


@strawberry.input
class KnownToInput:
    person_id: strawberry.ID
    agency_id: strawberry.ID
    reference: str = strawberry.field(description="The agency's own reference for them.")
    from_date: date


@strawberry.type
class DirectoryMutations:
    @strawberry.mutation(description="Record an agency (administrators).")
    @user_errors
    async def create_agency(
        self, info: Ctx, input: AgencyInput, idempotency_key: str | None = None
    ) -> AgencyPayload:
        context = info.context
        new = command(NewAgency, input)
        return await directory.create_agency(
            context.gateway, context.writer(), new, idempotency_key
        )

    @strawberry.mutation(description="Rename an agency; its old names are kept.")
    @user_errors
    async def rename_agency(self, info: Ctx, id: strawberry.ID, name: str) -> AgencyPayload:
        context = info.context
        return await directory.rename_agency(context.gateway, context.writer(), str(id), name)

    @strawberry.mutation(
        description="Record that an agency knows a person, under its own reference; "
        "endRelationship ends it."
    )
    @user_errors
    async def record_known_to(
        self, info: Ctx, input: KnownToInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        context = info.context
        known = command(KnownTo, input)
        edge = await relationships.record_known_to(
            context.gateway, context.writer(), known, idempotency_key
        )
        return RelationshipRecord(relationship=edge)
