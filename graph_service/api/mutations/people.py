"""Recording and correcting people."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.mutations.payloads import Ctx, PersonPayload, command, user_errors
from graph_service.model.taxonomy import Sex
from graph_service.services import identities, people
from graph_service.services.people import KEEP, NewPerson, PersonCorrection

__all__ = ["PeopleMutations", "PersonInput", "PersonUpdateInput"]

SexInput = strawberry.enum(Sex, name="Sex")


@strawberry.input
class PersonInput:
    given_name: str
    family_name: str
    date_of_birth: date | None = None
    sex: SexInput = Sex.UNKNOWN  # type: ignore[valid-type]
    deceased_on: date | None = None
    ordinarily_resident_uk: bool = True
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input
class PersonUpdateInput:
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: date | None = None
    sex: SexInput | None = None  # type: ignore[valid-type]
    deceased_on: date | None = strawberry.field(
        default=strawberry.UNSET,
        description="Left out: unchanged. null: clears a date of death recorded in error.",
    )
    ordinarily_resident_uk: bool | None = None


@strawberry.type
class PeopleMutations:
    @strawberry.mutation(
        description="Record a person known to an agency. They are scored against everyone "
        "already recorded first: `possibleDuplicates` lists who they may be."
    )
    @user_errors
    async def create_person(
        self, info: Ctx, input: PersonInput, idempotency_key: str | None = None
    ) -> PersonPayload:
        context = info.context
        new = command(NewPerson, input)
        return await identities.create_person(
            context.gateway, context.linkage, context.writer(), new, idempotency_key
        )

    @strawberry.mutation(description="Correct a person's recorded details.")
    @user_errors
    async def update_person(
        self, info: Ctx, id: strawberry.ID, input: PersonUpdateInput
    ) -> PersonPayload:
        unset = input.deceased_on is strawberry.UNSET
        change = command(PersonCorrection, input, deceased_on=KEEP if unset else input.deceased_on)
        return await people.update_person(
            info.context.gateway, info.context.writer(), str(id), change
        )
