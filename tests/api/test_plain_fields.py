"""The compiled path for plain fields answers exactly as graphql-core does, only faster."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Annotated, Any

import pytest
import strawberry
from graphql.execution.executor import Executor
from strawberry.extensions import ParserCache
from strawberry.types import ExecutionResult

from graph_service.api.extensions.plain_fields import PlainFieldExecution
from graph_service.security.roles import Role
from tests.api.conftest import ADOPTER, PUPIL, SCHOOL, ClientFor, gql


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Leaf:
    name: str
    colour: Colour
    born: date | None
    tags: list[str]


@strawberry.type
class Branch:
    id: strawberry.ID
    leaves: list[Leaf]
    maybe: Leaf | None
    grid: list[list[int]]
    required: str

    @strawberry.field
    def shout(self) -> str:
        return self.id.upper()


Thing = Annotated[Leaf | Branch, strawberry.union("Thing")]


def _leaf(name: str, colour: Any = Colour.RED) -> Leaf:
    return Leaf(name=name, colour=colour, born=date(2015, 3, 1), tags=[name, "x"])


def _branch(flaw: str = "") -> Branch:
    leaves: list[Any] = [_leaf("a"), _leaf("b", Colour.BLUE)]
    if flaw == "null item":
        leaves.insert(1, None)
    if flaw == "bad enum":
        leaves[1].colour = "green"
    return Branch(
        id=strawberry.ID("b1"),
        leaves=leaves,
        maybe=None,
        grid=[[1, 2], [3]],
        required=None if flaw == "null field" else "yes",
    )  # type: ignore[arg-type]


@strawberry.type
class Query:
    @strawberry.field
    async def branch(self, flaw: str = "") -> Branch:
        return _branch(flaw)

    @strawberry.field
    def branches(self, flaw: str = "") -> list[Branch | None]:
        return [_branch(), _branch(flaw)]

    @strawberry.field
    def things(self) -> list[Thing]:
        return [_leaf("t"), _branch()]


# Compiled selections are kept with their document, so the fast schema caches documents.
FAST = strawberry.Schema(
    query=Query,
    execution_context_class=PlainFieldExecution,
    extensions=[lambda: ParserCache(maxsize=64)],
)
SLOW = strawberry.Schema(query=Query)

QUERIES = {
    "plain": "{ branch { id leaves { name colour born tags } maybe { name } grid required } }",
    "aliases, fragments and typenames": """{ branch { a: id __typename ...F
        leaves { n: name __typename } again: leaves { colour } } }
        fragment F on Branch { required grid leaves { tags } }""",
    "a resolver in the selection": "{ branch { id shout leaves { name } } }",
    "a null in a non-null field": '{ branch(flaw: "null field") { id required } }',
    "a null inside a list of non-null": '{ branch(flaw: "null item") { leaves { name } } }',
    "a value outside its enum": '{ branch(flaw: "bad enum") { leaves { colour } } }',
    "a nullable parent of a broken object": '{ branches(flaw: "null field") { required } }',
    "a union": "{ things { __typename ... on Leaf { name } ... on Branch { id grid } } }",
}


@pytest.fixture
def field_executions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The fields graphql-core executed itself, one by one."""
    executed: list[str] = []
    original = Executor.execute_field

    def counting(self: Executor, parent_type: Any, *args: Any) -> Any:
        executed.append(parent_type.name)
        return original(self, parent_type, *args)

    monkeypatch.setattr(Executor, "execute_field", counting)
    yield executed


def _answer(result: ExecutionResult) -> tuple[Any, list[dict[str, Any]]]:
    return result.data, [error.formatted for error in result.errors or []]


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
async def test_every_query_gets_the_same_data_and_errors_as_graphql_core(query: str) -> None:
    fast, slow = await FAST.execute(query), await SLOW.execute(query)
    assert _answer(fast) == _answer(slow)
    if "flaw" in query:  # the flaws reach the client as graphql-core reports them
        assert fast.errors and fast.errors[0].path and len(fast.errors[0].path) >= 2


async def test_plain_objects_skip_graphql_cores_per_field_work(field_executions: list[str]) -> None:
    await SLOW.execute(QUERIES["plain"])
    slow = len(field_executions)
    field_executions.clear()
    await FAST.execute(QUERIES["plain"])
    assert field_executions == ["Query"] and slow == 1 + 5 + 2 * 4


async def test_only_the_objects_holding_a_resolver_take_the_long_way(
    field_executions: list[str],
) -> None:
    await FAST.execute(QUERIES["a resolver in the selection"])
    # Branch is executed field by field (it has `shout`), its leaves are compiled.
    assert field_executions == ["Query", "Branch", "Branch", "Branch"]


async def test_conditions_on_variables_are_honoured_request_by_request() -> None:
    query = """query($all: Boolean!) { branch { id leaves @include(if: $all) { name }
                 grid @skip(if: $all) } }"""
    for everything in (True, False, True):
        fast = await FAST.execute(query, variable_values={"all": everything})
        slow = await SLOW.execute(query, variable_values={"all": everything})
        assert _answer(fast) == _answer(slow)
        assert fast.data and ("leaves" in fast.data["branch"]) is everything


async def test_a_document_is_compiled_once_then_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    original = PlainFieldExecution._compile_object

    def counting(self: PlainFieldExecution, parent_type: Any, details: Any) -> Any:
        compiled.append(parent_type.name)
        return original(self, parent_type, details)

    monkeypatch.setattr(PlainFieldExecution, "_compile_object", counting)
    query = "{ branch { id maybe { name } leaves { name tags } } }"
    await FAST.execute(query)
    assert sorted(compiled) == ["Branch", "Leaf", "Leaf"]  # maybe and leaves select apart
    await FAST.execute(query)
    assert len(compiled) == 3
    conditional = "query($x: Boolean!) { branch { id @include(if: $x) } }"
    for _ in range(2):
        await FAST.execute(conditional, variable_values={"x": True})
    assert len(compiled) == 5  # depends on the variables: compiled per request


# Through the API, over the real graph, the need-to-know screening included.
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 2) {
  asOf depth truncated people { id fullName age hazards { id kind description } }
  households { id } nodes { id kind label __typename } edges { id type source target kind
  fromDate toDate provenance { sourceAgencyId } } concerns { id code withheld }
  hazards { id } } }"""
SEARCH = """query($s: String!) { people(search: $s, first: 20) {
  edges { score cursor node { id fullName dateOfBirth hazards { id } } } } }"""
CONCERNS = """query($id: ID!) { concerns(personId: $id) { edges { node { id code withheld
  raisedOn status } } } }"""


async def _responses(app_for: ClientFor, role: Role, agency: str | None) -> list[Any]:
    async with app_for(role, agency) as client:
        results = [
            await gql(client, NETWORK, id=PUPIL),
            await gql(client, NETWORK, id=ADOPTER),
            await gql(client, SEARCH, s="Kit Pupil"),
            await gql(client, CONCERNS, id=PUPIL),
        ]
    return [result.body for result in results]


@pytest.mark.parametrize(
    ("role", "agency"), [(Role.MASH_PRACTITIONER, None), (Role.PARTNER_AGENCY, SCHOOL)]
)
async def test_responses_through_the_api_match_graphql_core_for_every_role(
    app_for: ClientFor, monkeypatch: pytest.MonkeyPatch, role: Role, agency: str | None
) -> None:
    fast = await _responses(app_for, role, agency)
    with monkeypatch.context() as patched:
        patched.setattr(PlainFieldExecution, "_screening", lambda self: (None, False))
        slow = await _responses(app_for, role, agency)
    assert fast == slow
    assert fast[0]["data"]["familyNetwork"]["people"] and not fast[0].get("errors")


async def test_object_fields_on_the_compiled_path_are_screened(
    app_for: ClientFor, monkeypatch: pytest.MonkeyPatch, hook_calls: list[str]
) -> None:
    screened = hook_calls  # the hook's fields, then what `screen` was given
    monkeypatch.setattr(
        "graph_service.api.extensions.plain_fields.screen",
        lambda disclosure, parent, value: screened.append(type(value).__name__) or value,
    )
    async with app_for(Role.MASH_PRACTITIONER) as client:
        result = await gql(client, NETWORK, id=PUPIL)
    assert result.data["familyNetwork"]["people"]
    # The root field went through the hook; the lists it holds through `screen`.
    assert screened[0] == "Query.familyNetwork" and screened.count("list") >= 6
