"""What a mutation answers: what it wrote, or the typed error of a domain error (nothing
written), and the command a use case takes from a GraphQL input."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, ParamSpec, TypeVar

import strawberry

from graph_service.api.context import Ctx
from graph_service.api.errors import DuplicateError, NotFoundError, ValidationCode, ValidationError
from graph_service.model.errors import AlreadyRecorded, DomainError, InvalidRequest, NotFound
from graph_service.views.records import (
    Address,
    Case,
    Concern,
    Hazard,
    HouseholdView,
    NetworkEdge,
    Person,
)

__all__ = [
    "AddressPayload",
    "CasePayload",
    "ConcernPayload",
    "Ctx",
    "HazardPayload",
    "HouseholdPayload",
    "PersonPayload",
    "RelationshipPayload",
    "RelationshipRecord",
    "command",
    "user_errors",
]

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C")


@strawberry.type(description="A relationship as recorded.")
class RelationshipRecord:
    relationship: NetworkEdge


PersonPayload = Annotated[
    Person | NotFoundError | ValidationError | DuplicateError, strawberry.union("PersonPayload")
]
RelationshipPayload = Annotated[
    RelationshipRecord | NotFoundError | ValidationError | DuplicateError,
    strawberry.union("RelationshipPayload"),
]
ConcernPayload = Annotated[
    Concern | NotFoundError | ValidationError, strawberry.union("ConcernPayload")
]
HazardPayload = Annotated[
    Hazard | NotFoundError | ValidationError, strawberry.union("HazardPayload")
]
AddressPayload = Annotated[
    Address | NotFoundError | ValidationError | DuplicateError, strawberry.union("AddressPayload")
]
HouseholdPayload = Annotated[
    HouseholdView | NotFoundError | ValidationError, strawberry.union("HouseholdPayload")
]
CasePayload = Annotated[Case | NotFoundError | ValidationError, strawberry.union("CasePayload")]


def command(kind: type[C], given: object, **changes: Any) -> C:
    """The use case's command built from the GraphQL input's fields of the same names.

    Every field of the input must reach the command (by name, or in `changes`): an input
    field the command lacks would otherwise be accepted and silently dropped."""
    wanted = {field.name for field in dataclasses.fields(kind)}  # type: ignore[arg-type]
    offered = {field.name for field in dataclasses.fields(given)}  # type: ignore[arg-type]
    if offered - wanted - changes.keys():
        lost = ", ".join(sorted(offered - wanted - changes.keys()))
        raise TypeError(f"{type(given).__name__} has fields {kind.__name__} does not take: {lost}")
    values = {name: getattr(given, name) for name in offered & wanted}
    return kind(**(values | changes))


def user_error(error: DomainError) -> NotFoundError | ValidationError | DuplicateError:
    """A domain error as the mutation's typed payload says it."""
    if isinstance(error, NotFound):
        return NotFoundError(message=error.message, field=error.field, missing_id=error.missing_id)
    if isinstance(error, AlreadyRecorded):
        return DuplicateError(
            message=error.message, field=error.field, existing_id=error.existing_id
        )
    assert isinstance(error, InvalidRequest)
    return ValidationError(
        message=error.problem, field=error.field, reason=ValidationCode[error.kind.name]
    )


def user_errors(handler: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Answer a domain error with its typed payload: nothing was written."""

    @functools.wraps(handler)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await handler(*args, **kwargs)
        except DomainError as error:
            return user_error(error)  # type: ignore[return-value]  # each payload union has it

    return wrapper
