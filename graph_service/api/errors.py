"""Errors a client can act on: typed mutation errors and clear query errors."""

from __future__ import annotations

from enum import Enum

import strawberry
from graphql import GraphQLError
from strawberry.exceptions import StrawberryInputCoercionError

from graph_service.model.errors import InvalidRequest
from graph_service.security.audit import AuditUnavailableError
from graph_service.security.policy import AccessDeniedError, BreakGlassError
from graph_service.store.gateway import DatabaseUnavailableError

__all__ = [
    "AuditUnavailableError",
    "DuplicateError",
    "NotFoundError",
    "UserError",
    "ValidationCode",
    "ValidationError",
    "should_mask_error",
]


@strawberry.interface(description="A problem with the request; nothing was written.")
class UserError:
    message: str
    field: str | None


@strawberry.type
class NotFoundError(UserError):
    missing_id: str


@strawberry.enum
class ValidationCode(Enum):
    INVALID_VALUE = "invalid_value"
    INVALID_CODE = "invalid_code"
    INVALID_DATE_RANGE = "invalid_date_range"
    DATE_IN_FUTURE = "date_in_future"
    SELF_RELATIONSHIP = "self_relationship"
    CHILD_AS_PARTNER = "child_as_partner"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"  # kept for clients that match on it
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    ALREADY_ENDED = "already_ended"
    RULE_BROKEN = "rule_broken"
    UNSAFE_MERGE = "unsafe_merge"
    ALREADY_DECIDED = "already_decided"


@strawberry.type
class ValidationError(UserError):
    reason: ValidationCode


@strawberry.type
class DuplicateError(UserError):
    existing_id: str


# A value that is not a valid Date (or out of range) is the client's to fix: say so.
# A GraphQLError inside another is graphql-core's own account of a value that did not
# coerce (an unknown enum value): it quotes only what the client sent.
_SAFE = (
    InvalidRequest,
    DatabaseUnavailableError,
    AccessDeniedError,
    BreakGlassError,
    AuditUnavailableError,
    StrawberryInputCoercionError,
    GraphQLError,
)


def should_mask_error(error: GraphQLError) -> bool:
    """Hide anything unexpected (no stack traces, no Cypher); keep what users can act on."""
    return error.original_error is not None and not isinstance(error.original_error, _SAFE)
