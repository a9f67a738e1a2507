"""The GraphQL schema, with the limits a public-sector API needs."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from graph_service.api.errors import should_mask_error
from graph_service.api.extensions import DatabaseOutageStatus, HazardBanner, NeedToKnow
from graph_service.api.extensions.need_to_know import NeedToKnowSchema, exempt_plain_leaves
from graph_service.api.extensions.plain_fields import PlainFieldExecution
from graph_service.api.mutations import Mutation
from graph_service.api.queries import Query
from graph_service.api.scalars import SCALAR_OVERRIDES

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "build_schema"]

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
_DEPTH_RULE = depth_validator(MAX_DEPTH, None, None)
_ALIAS_RULE = alias_validator(MAX_ALIASES)


def build_schema(*, introspection: bool = True) -> strawberry.Schema:
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        # The same rule classes every request, so validation results stay cacheable.
        lambda: AddValidationRules([_DEPTH_RULE, _ALIAS_RULE]),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        # Parsing and validating a document costs more than running it; both caches are
        # shared across requests (keyed by the document), so a factory is fine.
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: MaskErrors(
            should_mask_error=should_mask_error,
            error_message="Unexpected error; it has been logged.",
        ),
        DatabaseOutageStatus,
        HazardBanner,
        # The one enforcement point: role, need to know, masking and the audit event.
        NeedToKnow,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    schema = NeedToKnowSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        scalar_overrides=SCALAR_OVERRIDES,
        execution_context_class=PlainFieldExecution,
    )
    exempt_plain_leaves(schema)
    return schema
