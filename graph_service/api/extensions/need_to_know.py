"""The enforcement point for GraphQL: every field's result passes through the Disclosure.

Root fields are checked against the role's permissions before they run (mutations also
against the agency they write as); every result, at every depth, is vetted before the
client sees it; after execution the request's audit event is stored, or the whole
response is refused. A mutation's event is also stored before it runs, or it does not run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import date, datetime
from inspect import isawaitable
from typing import Any

import strawberry
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLResolveInfo,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    get_operation_ast,
    is_leaf_type,
    value_from_ast_untyped,
)
from graphql.execution.middleware import MiddlewareManager
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from graph_service.api.context import RequestContext
from graph_service.api.errors import AuditUnavailableError, should_mask_error
from graph_service.api.http_results import error_code
from graph_service.security.access import record_attempt, record_audit
from graph_service.security.disclosure import Disclosure, is_person_id
from graph_service.store.gateway import DatabaseUnavailableError

__all__ = ["NeedToKnow", "NeedToKnowSchema", "exempt_plain_leaves", "hook_exempt", "screen"]

log = logging.getLogger("graph_service.api.errors")

_EXEMPT = "_need_to_know_exempt"

_ROOTS = frozenset({"Query", "Mutation"})
_SCALARS = frozenset({str, int, float, bool, date, datetime})


def screen(disclosure: Disclosure, parent: object, value: Any) -> Any:
    """A synchronous field's value as the principal may see it."""
    # A vetted parent's plain fields were vetted with it: no second walk per field.
    # (Resolvers that load anything are async, so they are vetted when awaited.)
    if value is None or type(value) in _SCALARS or disclosure.vetted(parent):
        return value
    return disclosure.apply(value)


async def _vetted(result: Awaitable[Any], disclosure: Disclosure) -> Any:
    return await disclosure.vet(await result)


class NeedToKnow(SchemaExtension):
    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo[Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        disclosure: Disclosure = info.context.disclosure
        if info.parent_type.name in _ROOTS:
            disclosure.authorise(info.field_name)
            if info.parent_type.name == "Mutation":
                disclosure.check_provenance(info.field_name, kwargs)
        result = _next(root, info, *args, **kwargs)
        if isawaitable(result):
            return _vetted(result, disclosure)
        return screen(disclosure, root, result)

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        mutation = self.execution_context.operation_type is OperationType.MUTATION
        disclosure: Disclosure = context.disclosure
        fields, people = _requested_writes(self.execution_context) if mutation else ([], [])
        if fields:
            try:
                await record_attempt(
                    context.audit,
                    disclosure,
                    operation=f"mutation {','.join(fields)}",
                    person_ids=people,
                    request_id=context.request_id,
                )
            except AuditUnavailableError as error:
                # Set before execution, the result stands in for it: nothing is written.
                refusal = GraphQLError(
                    str(error), original_error=error, extensions=error.extensions
                )
                self.execution_context.result = ExecutionResult(data=None, errors=[refusal])
                yield
                return
        yield
        try:
            await self._record_outcome(context, disclosure, mutation)
        finally:
            # The result is built: what the request loaded can be freed now, by reference
            # counting. Its context hangs off graphql-core's and strawberry's execution
            # contexts, which are cyclic, so otherwise only the cyclic collector frees it.
            context.loaders.release()
            disclosure.release()

    async def _record_outcome(
        self, context: RequestContext, disclosure: Disclosure, mutation: bool
    ) -> None:
        kind = "mutation" if mutation else "query"
        try:
            await record_audit(
                context.audit,
                disclosure,
                operation=f"{kind} {','.join(disclosure.fields)}",
                action="write" if mutation else "read",
                request_id=context.request_id,
            )
        except AuditUnavailableError as failure:
            # Nothing read leaves without its audit event: the whole result is replaced.
            applied = mutation and context.gateway.writes_committed > 0
            refused = AuditUnavailableError(write_applied=True) if applied else failure
            result = self.execution_context.result
            if result is not None:
                outages = [
                    e
                    for e in result.errors or []
                    if isinstance(e.original_error, DatabaseUnavailableError)
                ]
                result.data = None
                notice = GraphQLError(
                    str(refused), original_error=refused, extensions=refused.extensions
                )
                result.errors = outages or [notice]


def _requested_writes(execution: ExecutionContext) -> tuple[list[str], list[str]]:
    """The mutation's root fields, and the people its arguments name (ids carry their kind)."""
    document = execution.graphql_document
    if document is None:
        return [], []
    operation = get_operation_ast(document, execution.operation_name)
    if operation is None:
        return [], []
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    fields = list(_root_fields(operation.selection_set, fragments))
    arguments = [
        value_from_ast_untyped(argument.value, execution.variables)
        for field in fields
        for argument in field.arguments or ()
    ]
    names = [field.name.value for field in fields if not field.name.value.startswith("__")]
    return list(dict.fromkeys(names)), list(dict.fromkeys(_person_ids(arguments)))


def _root_fields(
    selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            yield from _root_fields(fragments[selection.name.value].selection_set, fragments)


def _person_ids(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _person_ids(item)
    elif is_person_id(value):
        yield str(value)


def exempt_plain_leaves(schema: strawberry.Schema) -> None:
    """Mark fields that only read a scalar or enum off their parent (no resolver of their
    own): the Disclosure passed the parent whole, and a scalar holds nothing to mask, so
    the hook would return it unchanged. About four in five fields a response holds."""
    for named in schema._schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for field in named.fields.values():
            plain = getattr(field.resolve, "_is_default", False)
            if plain and is_leaf_type(get_named_type(field.type)):
                setattr(field.resolve, _EXEMPT, True)


def hook_exempt(resolver: object) -> bool:
    """Whether the resolve hooks skip this resolver (see `exempt_plain_leaves`)."""
    return bool(getattr(resolver, _EXEMPT, False))


class _MarkedFieldsExempt(MiddlewareManager):
    def get_field_resolver(self, field_resolver: Any) -> Any:
        if hook_exempt(field_resolver):
            return field_resolver
        return super().get_field_resolver(field_resolver)


class NeedToKnowSchema(strawberry.Schema):
    """A schema whose resolve hooks skip the fields `exempt_plain_leaves` marked. Should
    strawberry stop calling this method, every field simply goes through the hooks again."""

    def _get_middleware_manager(self, extensions: list[SchemaExtension]) -> MiddlewareManager:
        return _MarkedFieldsExempt(*(ext for ext in extensions if ext._implements_resolve()))

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log what an operator needs and nothing a user typed: the request id, the code and
        where; a traceback only for what nobody expected. Messages are not logged, since
        they can quote arguments (a name searched for, a date of birth)."""
        context = getattr(execution_context, "context", None)
        request = getattr(context, "request_id", "-")
        for error in errors:
            where = (error.extensions or {}).get("field") or ".".join(map(str, error.path or []))
            if should_mask_error(error):
                log.error(
                    "request %s: unexpected %s at %s",
                    request,
                    type(error.original_error).__name__,
                    where or "-",
                    exc_info=error.original_error,
                )
            else:
                log.info("request %s: %s at %s", request, error_code(error), where or "-")
