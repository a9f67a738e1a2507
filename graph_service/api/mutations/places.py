"""Where people live: addresses, households, joining a household and moving house."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.mutations.payloads import (
    AddressPayload,
    Ctx,
    HouseholdPayload,
    RelationshipPayload,
    RelationshipRecord,
    command,
    user_errors,
)
from graph_service.model.taxonomy import HouseholdKind
from graph_service.services import addresses, households
from graph_service.services.addresses import Move, NewAddress
from graph_service.services.households import Membership, NewHousehold

__all__ = [
    "AddressInput",
    "HouseholdInput",
    "HouseholdMembershipInput",
    "MoveInput",
    "PlaceMutations",
]

HouseholdKindInput = strawberry.enum(HouseholdKind, name="HouseholdKind")


@strawberry.input(
    description="A person joining a household (a birth, a new partner, a child "
    "placed with family), from a date."
)
class HouseholdMembershipInput:
    person_id: strawberry.ID
    household_id: strawberry.ID
    from_date: date
    to_date: date | None = None
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(description="A person moving to a known address on a date.")
class MoveInput:
    person_id: strawberry.ID
    address_id: strawberry.ID
    moved_on: date
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(description="An address not yet on record: a new tenancy, a refuge.")
class AddressInput:
    line1: str
    town: str | None = None
    postcode: str
    area: str | None = strawberry.field(
        default=None,
        description="The area of the borough the analyses filter by: one already on record. "
        "When not given, the area most addresses in the postcode district are in.",
    )
    protected: bool = strawberry.field(
        default=False,
        description="A refuge or other address whose details are withheld unless the "
        "request states a break-glass reason.",
    )
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.input(description="A household not yet on record, at a known address if given.")
class HouseholdInput:
    kind: HouseholdKindInput  # type: ignore[valid-type]
    address_id: strawberry.ID | None = None
    since: date | None = strawberry.field(
        default=None, description="When the household began at the address; today if not given."
    )
    source_agency_id: strawberry.ID
    source_record_id: str


@strawberry.type
class PlaceMutations:
    @strawberry.mutation(
        description="Record an address not yet on record; a move can then name it."
    )
    @user_errors
    async def create_address(
        self, info: Ctx, input: AddressInput, idempotency_key: str | None = None
    ) -> AddressPayload:
        context = info.context
        new = command(NewAddress, input)
        return await addresses.create_address(
            context.gateway, context.writer(), new, idempotency_key
        )

    @strawberry.mutation(
        description="Record a household not yet on record; people then join it with joinHousehold."
    )
    @user_errors
    async def create_household(
        self, info: Ctx, input: HouseholdInput, idempotency_key: str | None = None
    ) -> HouseholdPayload:
        context = info.context
        new = command(NewHousehold, input)
        return await households.create_household(
            context.gateway, context.writer(), new, idempotency_key
        )

    @strawberry.mutation(description="Record a person as a member of a household from a date.")
    @user_errors
    async def join_household(
        self, info: Ctx, input: HouseholdMembershipInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        context = info.context
        joining = command(Membership, input)
        edge = await households.join_household(
            context.gateway, context.writer(), joining, idempotency_key
        )
        return RelationshipRecord(relationship=edge)

    @strawberry.mutation(
        description="Record a move to a known address: the person lives there from movedOn, "
        "and the addresses they lived at end the day before."
    )
    @user_errors
    async def record_move(
        self, info: Ctx, input: MoveInput, idempotency_key: str | None = None
    ) -> RelationshipPayload:
        context = info.context
        move = command(Move, input)
        edge = await addresses.record_move(context.gateway, context.writer(), move, idempotency_key)
        return RelationshipRecord(relationship=edge)
