"""Schemathesis against the running service: generated queries and mutations, no 5xx and
no unexpected (masked) error."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from graph_service.api.schema import build_schema
from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from tests.conftest import Neo4jConnection, auth_headers, served

HEADERS = auth_headers(Role.SENIOR_PRACTITIONER, "schemathesis")
# Per field: about 200 generated requests in all by default.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
MASKED = "Unexpected error; it has been logged."


@pytest.fixture(scope="module")
def server(neo4j_connection: Neo4jConnection, borough: Borough) -> Iterator[str]:
    unlimited = neo4j_connection.settings().model_copy(
        update={"rate_limit_per_minute": 1e9, "rate_limit_burst": 10**9}
    )
    with served(unlimited) as url:
        yield url


@pytest.fixture(scope="module")
def graphql_schema(server: str) -> schemathesis.graphql.GraphQLSchema:
    httpx.get(f"{server}/health").raise_for_status()
    return schemathesis.graphql.from_url(f"{server}/graphql", headers=HEADERS)


def test_no_generated_request_breaks_the_service(
    graphql_schema: schemathesis.graphql.GraphQLSchema,
) -> None:
    """Every query and mutation field, with generated arguments and selections."""
    operations = [result.ok() for result in graphql_schema.get_all_operations()]
    root = build_schema()._schema
    fields = {
        f"{kind.name}.{name}"
        for kind in (root.query_type, root.mutation_type)
        if kind is not None
        for name in kind.fields
    }
    assert {operation.label for operation in operations} == fields
    failures: list[str] = []
    calls = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            nonlocal calls
            calls += 1
            response = case.call(headers=HEADERS, timeout=60)
            # Input errors (first: 0, depth: -4) are the client's: typed, with a code. A 5xx,
            # or an error the service did not expect (masked), is a defect.
            if response.status_code >= 500 or MASKED in response.text:
                failures.append(f"{response.status_code} for {case.body}: {response.text[:300]}")

        call()
    assert not failures, failures[:5]
    assert calls >= 2 * len(operations)
