"""Walking the GraphQL schema: which root fields carry person data, and minimal calls."""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)

__all__ = ["minimal_call", "person_bearing_fields", "textual_arguments"]

# Field names in the SDL that hold person ids (as the Disclosure records them).
PERSON_FIELDS = {
    "personId",
    "personIds",
    "childId",
    "patientId",
    "subjectId",
    "subjectIds",
    "children",
    "expectantParents",
    "relatedId",
    "source",
    "target",
}
SCALAR_SAMPLES = {
    "ID": "NOPE-1",
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00Z",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
}


def person_bearing_fields(schema: GraphQLSchema, root: GraphQLObjectType) -> set[str]:
    memo: dict[str, bool] = {}

    def bearing(kind: GraphQLOutputType, seen: frozenset[str]) -> bool:
        named = get_named_type(kind)
        if named.name in memo or named.name in seen:
            return memo.get(named.name, False)
        inner = seen | {named.name}
        if isinstance(named, GraphQLUnionType):
            found = any(bearing(member, inner) for member in named.types)
        elif isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            found = named.name == "Person" or any(
                name in PERSON_FIELDS or bearing(f.type, inner) for name, f in named.fields.items()
            )
        else:
            found = False
        memo[named.name] = found
        return found

    return {name for name, field in root.fields.items() if bearing(field.type, frozenset())}


def _value(kind: GraphQLInputType, text: str, every: bool) -> Any:
    if isinstance(kind, GraphQLNonNull):
        return _value(kind.of_type, text, every)
    if isinstance(kind, GraphQLList):
        return [_value(kind.of_type, text, every)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: _value(f.type, text, every)
            for name, f in kind.fields.items()
            if every or isinstance(f.type, GraphQLNonNull)
        }
    if kind.name == "String" or (every and kind.name == "ID"):
        return text
    return SCALAR_SAMPLES.get(kind.name, text)


def textual_arguments(field: GraphQLField) -> list[str]:
    """Arguments that take text: String or ID, or an input object holding some."""
    return [
        name
        for name, argument in field.args.items()
        if get_named_type(argument.type).name in ("String", "ID")
        or isinstance(get_named_type(argument.type), GraphQLInputObjectType)
    ]


def _selection(kind: GraphQLOutputType) -> str:
    named = get_named_type(kind)
    if isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        return "{ __typename }"
    if isinstance(named, GraphQLObjectType):
        return "{ __typename }"
    return ""


def minimal_call(
    field_name: str, field: GraphQLField, operation: str, inject: tuple[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """A document calling the field with its required arguments as variables.

    `inject` = (argument, text) puts the text in that argument: in every String and ID of it,
    when it is an input object."""
    variables, declared, passed = {}, [], []
    for name, argument in field.args.items():
        chosen = inject is not None and inject[0] == name
        if not isinstance(argument.type, GraphQLNonNull) and not chosen:
            continue
        text = inject[1] if inject is not None and chosen else "NOPE-1"
        variables[name] = _value(argument.type, text, chosen)
        declared.append(f"${name}: {argument.type}")
        passed.append(f"{name}: ${name}")
    head = f"{operation}({', '.join(declared)})" if declared else operation
    call = f"{field_name}({', '.join(passed)})" if passed else field_name
    return f"{head} {{ {call} {_selection(field.type)} }}", variables
