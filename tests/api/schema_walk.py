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

__all__ = ["minimal_call", "person_bearing_fields"]

# Field names in the SDL that hold person ids (as the Disclosure records them).
PERSON_FIELDS = {"personId", "personIds", "childId", "patientId", "subjectId", "subjectIds",
                 "children", "expectantParents", "relatedId", "source", "target"}  # fmt: skip
SCALAR_SAMPLES = {"ID": "NOPE-1", "Date": "2026-01-01", "DateTime": "2026-01-01T00:00:00Z",
                  "Int": 1, "Float": 1.0, "Boolean": False}  # fmt: skip


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


def _value(kind: GraphQLInputType, text: str) -> Any:
    if isinstance(kind, GraphQLNonNull):
        return _value(kind.of_type, text)
    if isinstance(kind, GraphQLList):
        return [_value(kind.of_type, text)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {name: _value(f.type, text) for name, f in kind.fields.items()
                if isinstance(f.type, GraphQLNonNull)}  # fmt: skip
    return text if kind.name == "String" else SCALAR_SAMPLES.get(kind.name, text)


def _selection(kind: GraphQLOutputType) -> str:
    named = get_named_type(kind)
    if isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        return "{ __typename }"
    if isinstance(named, GraphQLObjectType):
        return "{ __typename }"
    return ""


def minimal_call(
    field_name: str, field: GraphQLField, operation: str, text: str = "NOPE-1",
    override: tuple[str, Any] | None = None,
) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """A document calling the field with its required arguments as variables.

    `text` fills every String; `override` sets one argument (by name) to a value."""
    variables, declared, passed = {}, [], []
    for name, argument in field.args.items():
        wanted = override is not None and override[0] == name
        if not isinstance(argument.type, GraphQLNonNull) and not wanted:
            continue
        variables[name] = override[1] if wanted and override else _value(argument.type, text)
        declared.append(f"${name}: {argument.type}")
        passed.append(f"{name}: ${name}")
    head = f"{operation}({', '.join(declared)})" if declared else operation
    call = f"{field_name}({', '.join(passed)})" if passed else field_name
    return f"{head} {{ {call} {_selection(field.type)} }}", variables
