"""The GraphQL schema, with the limits a public-sector API needs."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from graph_service.api.errors import should_mask_error
from graph_service.api.extensions import DatabaseOutageStatus, HazardBanner
from graph_service.api.reads import Query
from graph_service.api.writes import Mutation

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "build_schema"]

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000


def build_schema(*, introspection: bool = True) -> strawberry.Schema:
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(
            should_mask_error=should_mask_error,
            error_message="Unexpected error; it has been logged.",
        ),
        DatabaseOutageStatus,
        HazardBanner,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
