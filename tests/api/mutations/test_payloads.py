"""A mutation's input becomes its use case's command whole, and a domain error its payload."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import strawberry

from graph_service.api.errors import DuplicateError, NotFoundError, ValidationCode, ValidationError
from graph_service.api.mutations.cases import CaseInput
from graph_service.api.mutations.concerns import ConcernInput, HazardInput
from graph_service.api.mutations.payloads import command, user_error
from graph_service.api.mutations.people import PersonInput
from graph_service.api.mutations.places import (
    AddressInput,
    HouseholdInput,
    HouseholdMembershipInput,
    MoveInput,
)
from graph_service.api.mutations.relationships import RelationshipInput
from graph_service.model.errors import AlreadyRecorded, InvalidRequest, NotFound
from graph_service.model.rules import ProblemKind
from graph_service.services.addresses import Move, NewAddress
from graph_service.services.cases import NewCase
from graph_service.services.concerns import NewConcern
from graph_service.services.hazards import NewHazard
from graph_service.services.households import Membership, NewHousehold
from graph_service.services.people import NewPerson
from graph_service.services.relationships import NewRelationship

PAIRS = [
    (PersonInput, NewPerson, {}),
    (RelationshipInput, NewRelationship, {}),
    (AddressInput, NewAddress, {}),
    (HouseholdInput, NewHousehold, {}),
    (HouseholdMembershipInput, Membership, {}),
    (MoveInput, Move, {}),
    (ConcernInput, NewConcern, {}),
    (HazardInput, NewHazard, {}),
    (CaseInput, NewCase, {"person_ids": ()}),
]


@pytest.mark.parametrize(("given", "kind", "changes"), PAIRS)
def test_every_input_field_reaches_its_command(given: type, kind: type, changes: dict) -> None:
    offered = {field.name for field in dataclasses.fields(given)}
    taken = {field.name for field in dataclasses.fields(kind)}
    assert offered <= taken | changes.keys()


def test_an_input_field_the_command_lacks_is_refused_not_dropped() -> None:
    @strawberry.input
    class Widened:
        person_id: strawberry.ID
        address_id: strawberry.ID
        moved_on: date
        source_agency_id: strawberry.ID
        source_record_id: str
        reason: str = "new field"

    given = Widened(
        person_id=strawberry.ID("P-1"),
        address_id=strawberry.ID("AD-1"),
        moved_on=date(2026, 1, 1),
        source_agency_id=strawberry.ID("AG001"),
        source_record_id="r1",
    )
    with pytest.raises(TypeError, match="reason"):
        command(Move, given)
    with pytest.raises(TypeError, match="reason"):  # an override must be one the command takes
        command(Move, given, reason=None)


def test_each_domain_error_is_its_typed_payload() -> None:
    missing = user_error(NotFound("personId", "P-9"))
    assert isinstance(missing, NotFoundError)
    assert (missing.field, missing.missing_id) == ("personId", "P-9")
    assert missing.message == "personId: no record with id 'P-9'"

    twice = user_error(AlreadyRecorded("line1", "AD-1", "already recorded as AD-1"))
    assert isinstance(twice, DuplicateError) and twice.existing_id == "AD-1"

    wrong = user_error(InvalidRequest("toPersonId", "themselves", ProblemKind.SELF_RELATIONSHIP))
    assert isinstance(wrong, ValidationError)
    assert (wrong.field, wrong.message, wrong.reason) == (
        "toPersonId",
        "themselves",
        ValidationCode.SELF_RELATIONSHIP,
    )
