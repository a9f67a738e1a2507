"""Completing plain fields without graphql-core's per-field machinery.

Most of a network or search response is fields that only read an attribute off their
parent: a thousand of them in a large family network. graphql-core builds a path, a
resolve info and a chain of completion calls for each one. For an object whose selected
fields are all plain (strawberry's basic resolver, no arguments, no @defer or @stream,
no abstract types), this executor compiles the selection into nested functions and
builds the result directly, screening every object-valued field with the same `screen`
the NeedToKnow hook applies. A compiled selection is kept with its (cached) document,
unless @skip or @include make it depend on the request's variables.

Anything unusual (an error, a null in a non-null field, a value that is not what the
schema says) abandons the fast path for that object and starts it again through
graphql-core, so errors and their paths are exactly graphql-core's. Plain resolvers only
read attributes, so running them twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from operator import attrgetter
from typing import Any
from weakref import WeakKeyDictionary

from graphql import (
    DirectiveNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    Node,
    OperationDefinitionNode,
    Undefined,
    Visitor,
    get_named_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    visit,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

from graph_service.api.extensions.need_to_know import NeedToKnow, hook_exempt, screen

__all__ = ["PlainFieldExecution"]

Screen = Callable[[object, Any], Any]
Complete = Callable[[Any, Screen | None], Any]
FieldDetailsList = list[FieldDetails]
Plans = dict[tuple[str, tuple[int, ...]], Complete | None]

_BASIC_RESOLVER = "_get_basic_result"  # strawberry's resolver for a field with none
_SIMPLE_LEAVES = frozenset({str, int, float, bool})
_DOCUMENTS_KEPT = 512  # as many as the parser cache holds

# schema -> (id(operation), screened) -> (operation, its compiled selections, or None
# when they depend on variables); the operation is kept alive with its plans, so that
# its id is not reused while they are cached.
_shared_plans: WeakKeyDictionary[
    GraphQLSchema, dict[tuple[int, bool], tuple[object, Plans | None]]
] = WeakKeyDictionary()


class _NotPlain(Exception):
    """The value needs graphql-core's full completion."""


class PlainFieldExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with a compiled path for objects made of plain fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._screen, self._enabled = self._screening()
        self._plans = self._plans_for(self.operation)

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if self._enabled and position_context is None and return_type.is_type_of is None:
            complete = self._object_plan(return_type, field_details_list)
            if complete is not None:
                try:
                    return complete(result, self._screen)  # type: ignore[no-any-return]
                except Exception:  # noqa: S110 - graphql-core reports it below
                    pass
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _screening(self) -> tuple[Screen | None, bool]:
        """The resolve hook to apply, and whether the fast path can honour the hooks."""
        hooks = self.middleware_manager.middlewares if self.middleware_manager else ()
        if not hooks:
            return None, True
        if len(hooks) == 1 and isinstance(hooks[0], NeedToKnow):
            return partial(screen, self.context_value.disclosure), True
        return None, False

    def _plans_for(self, operation: OperationDefinitionNode) -> Plans:
        by_operation = _shared_plans.setdefault(self.schema, {})
        key = (id(operation), self._screen is not None)
        kept = by_operation.get(key)
        if kept is None:
            if len(by_operation) >= _DOCUMENTS_KEPT:
                by_operation.pop(next(iter(by_operation)))
            conditional = _uses_conditions(operation, self.fragment_definitions.values())
            kept = by_operation[key] = (operation, None if conditional else {})
        # Selections under @skip or @include depend on the variables: this request's own.
        return {} if kept[1] is None else kept[1]

    def _object_plan(
        self, parent_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> Complete | None:
        key = (parent_type.name, tuple(id(details.node) for details in field_details_list))
        if key in self._plans:
            return self._plans[key]
        self._plans[key] = None  # a selection cannot contain itself
        complete = self._compile_object(parent_type, field_details_list)
        self._plans[key] = complete
        return complete

    def _compile_object(
        self, parent_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> Complete | None:
        grouped, new_defers, _ = self.collect_subfields(parent_type, field_details_list)
        if new_defers:
            return None
        fields = []
        for response_name, details in grouped.items():
            compiled = self._compile_field(parent_type, details)
            if compiled is None:
                return None
            fields.append((response_name, *compiled))

        def complete_object(source: Any, screen: Screen | None) -> dict[str, Any]:
            result = {}
            for response_name, read, screened, complete in fields:
                value = read(source)
                if screened and screen is not None:
                    value = screen(source, value)
                result[response_name] = complete(value, screen)
            return result

        return complete_object

    def _compile_field(
        self, parent_type: GraphQLObjectType, details: FieldDetailsList
    ) -> tuple[Callable[[Any], Any], bool, Complete] | None:
        node = details[0].node
        if node.arguments or any(
            d.defer_usage
            or d.fragment_variable_values
            or any(
                directive.name.value not in ("skip", "include")
                for directive in d.node.directives or ()
            )
            for d in details
        ):
            return None
        if node.name.value == "__typename":
            type_name = parent_type.name
            return (lambda _source: type_name), False, _same
        field = self.schema.get_field(parent_type, node.name.value)
        if field is None or getattr(field.resolve, "__name__", "") != _BASIC_RESOLVER:
            return None
        complete = self._compile_value(field.type, details)
        if complete is None:
            return None
        leaf = is_leaf_type(get_named_type(field.type))
        if leaf and self._screen is not None and not hook_exempt(field.resolve):
            return None
        return _reader(field), not leaf, complete

    def _compile_value(
        self, type_: GraphQLOutputType, details: FieldDetailsList
    ) -> Complete | None:
        if is_non_null_type(type_):
            inner = self._compile_value(type_.of_type, details)
            return None if inner is None else partial(_non_null, inner)
        if is_list_type(type_):
            item = self._compile_value(type_.of_type, details)
            return None if item is None else partial(_list, item)
        if is_leaf_type(type_):
            return partial(_leaf, type_.coerce_output_value, self.is_awaitable)
        if is_object_type(type_) and type_.is_type_of is None:
            plan = self._object_plan(type_, details)
            return None if plan is None else partial(_object, plan, self.is_awaitable)
        return None  # interfaces and unions resolve their type through graphql-core


class _ConditionFinder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_directive(self, node: DirectiveNode, *_: object) -> None:
        self.found = self.found or node.name.value in ("skip", "include")


def _uses_conditions(operation: OperationDefinitionNode, fragments: Iterable[Node]) -> bool:
    """Whether @skip or @include appear anywhere the operation can reach."""
    finder = _ConditionFinder()
    for definition in (operation, *fragments):
        visit(definition, finder)
    return finder.found


def _reader(field: GraphQLField) -> Callable[[Any], Any]:
    """What strawberry's basic resolver does, without its three calls per field."""
    definition = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is not None and definition.default_resolver is getattr:
        return attrgetter(definition.python_name)
    resolve = field.resolve
    assert resolve is not None  # checked by the caller
    return lambda source: resolve(source, None)


def _same(value: Any, _screen: Screen | None) -> Any:
    return value


def _non_null(inner: Complete, value: Any, screen: Screen | None) -> Any:
    completed = inner(value, screen)
    if completed is None:
        raise _NotPlain
    return completed


def _list(item: Complete, value: Any, screen: Screen | None) -> Any:
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise _NotPlain
    return [item(each, screen) for each in value]


def _leaf(
    coerce: Callable[[Any], Any],
    is_awaitable: Callable[[Any], bool],
    value: Any,
    _screen: Screen | None,
) -> Any:
    if value is None:
        return None
    if type(value) not in _SIMPLE_LEAVES and (isinstance(value, Exception) or is_awaitable(value)):
        raise _NotPlain
    coerced = coerce(value)
    if coerced is None or coerced is Undefined:
        raise _NotPlain
    return coerced


def _object(
    plan: Complete, is_awaitable: Callable[[Any], bool], value: Any, screen: Screen | None
) -> Any:
    if value is None:
        return None
    if isinstance(value, Exception) or is_awaitable(value):
        raise _NotPlain
    return plan(value, screen)
