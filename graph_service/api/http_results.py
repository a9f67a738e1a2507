"""GraphQL over HTTP: the response media type a client asks for, the status code the
specification gives for it, and an error code on every error a client can act on."""

from __future__ import annotations

import re

from graphql import GraphQLEnumType, GraphQLError, GraphQLSchema
from graphql.error import GraphQLSyntaxError
from strawberry.types import ExecutionResult

from graph_service.model.errors import InvalidRequest

__all__ = [
    "GRAPHQL_RESPONSE",
    "annotate_errors",
    "error_code",
    "is_request_error",
    "prefers_graphql_response",
]

GRAPHQL_RESPONSE = "application/graphql-response+json"
_JSON = "application/json"
_ENUM_VALUE = re.compile(r"Value '([^']*)' does not exist in '(\w+)' enum\.?")
_BAD_VALUE = ("Expected value of type", "cannot represent", "Expected type")


def prefers_graphql_response(accept: str) -> bool:
    """Whether the Accept header rates application/graphql-response+json at least as high
    as application/json (a client that names neither gets the legacy application/json)."""
    ratings: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ratings[media.lower()] = max(quality, ratings.get(media.lower(), 0.0))
    ours = ratings.get(GRAPHQL_RESPONSE, 0.0)
    return ours > 0 and ours >= ratings.get(_JSON, 0.0)


def is_request_error(result: ExecutionResult) -> bool:
    """A document that did not parse or validate, or variables that did not coerce: no
    execution began, so the specification wants 400 and no `data` entry."""
    errors = result.errors or []
    return (
        result.data is None
        and bool(errors)
        and all(error.path is None and error.original_error is None for error in errors)
    )


def annotate_errors(errors: list[GraphQLError], schema: GraphQLSchema) -> None:
    """Give each error a code, and an unknown enum value the values that are allowed."""
    for error in errors:
        match = _ENUM_VALUE.search(error.message)
        enum = schema.type_map.get(match.group(2)) if match else None
        if isinstance(enum, GraphQLEnumType) and "Allowed values" not in error.message:
            error.message = f"{error.message} Allowed values: {', '.join(enum.values)}."
        original = error.original_error
        if isinstance(original, InvalidRequest) and not (error.extensions or {}).get("code"):
            # A use case's refusal, said in GraphQL's terms: the client's to fix, by field.
            error.extensions = {**(error.extensions or {}), "field": original.field}
            error.extensions["code"] = "BAD_USER_INPUT"
        if not (error.extensions or {}).get("code"):
            error.extensions = {**(error.extensions or {}), "code": error_code(error)}


def error_code(error: GraphQLError) -> str:
    """The error's own code, or one for its kind (parse, validation, input, unexpected)."""
    own = (error.extensions or {}).get("code")
    if own:
        return str(own)
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$") or any(s in error.message for s in _BAD_VALUE):
        return "BAD_USER_INPUT"
    if error.original_error is None and error.path is None:
        return "GRAPHQL_VALIDATION_FAILED"
    return "INTERNAL_SERVER_ERROR"
