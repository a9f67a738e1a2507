"""Injection attempts in every string argument of every field leave the graph unchanged."""

from __future__ import annotations

import neo4j
import pytest

from graph_service.api.schema import build_schema
from graph_service.security.roles import Role
from tests.api.conftest import ClientFor, gql
from tests.api.schema_walk import minimal_call, textual_arguments

SCHEMA = build_schema()._schema
MASKED = "Unexpected error; it has been logged."
PAYLOADS = [
    "' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "P0000001'}) SET n.given_name = 'pwned' //",
    "*:* OR given_name:* AND $x",
    "\\u0000\\\\'; CALL db.clearQueryCaches() //",
    "<script>alert(1)</script>",
]
ROOTS = {"query": SCHEMA.query_type, "mutation": SCHEMA.mutation_type}
ARGUMENTS = [
    (kind, name, argument)
    for kind, root in ROOTS.items()
    if root is not None
    for name, field in root.fields.items()
    for argument in textual_arguments(field)
]
FINGERPRINT = """
MATCH (n) WHERE NOT n:AuditEvent AND NOT n:AuditHead
WITH labels(n) AS kind, count(n) AS nodes, sum(size(keys(n))) AS properties,
     sum(COUNT { (n)-->() }) AS relationships
RETURN kind, nodes, properties, relationships ORDER BY kind
"""


def _fingerprint(driver: neo4j.Driver) -> list[dict[str, object]]:
    return [record.data() for record in driver.execute_query(FINGERPRINT).records]


def test_every_field_that_takes_text_is_covered() -> None:
    assert len(ARGUMENTS) > 40
    assert {"people", "familyNetwork", "recordConcern", "auditTrail"} <= {a[1] for a in ARGUMENTS}


@pytest.mark.parametrize(("kind", "field", "argument"), ARGUMENTS)
async def test_injected_strings_change_nothing(
    app_for: ClientFor, session_driver: neo4j.Driver, kind: str, field: str, argument: str
) -> None:
    root = ROOTS[kind]
    assert root is not None
    before = _fingerprint(session_driver)
    role = Role.AUDITOR if field == "auditTrail" else Role.SENIOR_PRACTITIONER
    async with app_for(role) as http:
        for payload in PAYLOADS:
            document, variables = minimal_call(field, root.fields[field], kind, (argument, payload))
            result = await gql(http, document, **variables)
            assert result.status < 500 and MASKED not in str(result.errors), (payload, result.body)
    assert _fingerprint(session_driver) == before
