"""A walk of the schema: every field that carries person data is audited, once per request,
with every person the response names; every mutation is audited as a write."""

from __future__ import annotations

import re
from typing import Any

import neo4j
import pytest

from graph_service.api.schema import build_schema
from graph_service.config import PROJECT_ROOT
from graph_service.ingest.synthetic import Borough
from graph_service.security.disclosure import is_person_id
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import (
    PUPIL,
    STRANGER,
    ClientFor,
    event_count,
    gql,
    last_event,
    last_events,
)
from tests.api.schema_walk import minimal_call, person_bearing_fields

SCHEMA = build_schema()._schema
ONE = "query($id: ID!) { %s }"
# One representative use of every person-bearing query field. A new field that carries
# person data fails test_every_person_bearing_query_field_has_a_sample until added here.
SAMPLES: dict[str, tuple[str, dict[str, Any], Role]] = {
    "person": (
        ONE % "person(id: $id) { id hazards { personId } }",
        {"id": PUPIL},
        Role.MASH_PRACTITIONER,
    ),
    "people": ('{ people(search: "Pupil") { edges { node { id } } } }', {}, Role.MASH_PRACTITIONER),
    "familyNetwork": (
        ONE % "familyNetwork(personId: $id) { people { id } edges { target } }",
        {"id": PUPIL},
        Role.MASH_PRACTITIONER,
    ),
    "household": (
        ONE % "household(id: $id) { members { id } }",
        {"id": "H000001"},
        Role.MASH_PRACTITIONER,
    ),
    "concerns": (
        ONE % "concerns(personId: $id) { edges { node { subjectId } } }",
        {"id": PUPIL},
        Role.MASH_PRACTITIONER,
    ),
    "case": (
        ONE % "case(id: $id) { subjectIds allocation { workerId } }",
        {"id": "a case"},
        Role.MASH_PRACTITIONER,
    ),
    "cases": ("{ cases(first: 20) { edges { node { subjectIds } } } }", {}, Role.MASH_PRACTITIONER),
    "toxicTrio": ("{ toxicTrio { flags { childId } } }", {}, Role.MASH_PRACTITIONER),
    "youngCarers": ("{ youngCarers { flags { childId } } }", {}, Role.MASH_PRACTITIONER),
    "multipleDisadvantage": (
        "{ multipleDisadvantage { families { children } } }",
        {},
        Role.MASH_PRACTITIONER,
    ),
    "disadvantageClusters": (
        "{ disadvantageClusters { clusters { households } } }",
        {},
        Role.MASH_PRACTITIONER,
    ),
    "riskHubs": ("{ riskHubs { hubs { personId } } }", {}, Role.MASH_PRACTITIONER),
    "familyIndicators": (
        ONE % "familyIndicators(personId: $id) { children }",
        {"id": "a child"},
        Role.MASH_PRACTITIONER,
    ),
    "nearestRelative": (
        ONE % "nearestRelative(personId: $id) { candidates { personId } }",
        {"id": "P0000001"},
        Role.MASH_PRACTITIONER,
    ),
    "chronology": (
        ONE % "chronology(personId: $id) { personId relatedId }",
        {"id": PUPIL},
        Role.MASH_PRACTITIONER,
    ),
    "matchReviews": (
        "{ matchReviews(first: 100) { edges { node { left { personId } leftPerson { id } } } } }",
        {"reviewed": True},
        Role.MASH_PRACTITIONER,
    ),
    "linkDecisions": (
        ONE % "linkDecisions(personId: $id) { personId personIds }",
        {"id": PUPIL, "reviewed": True},
        Role.MASH_PRACTITIONER,
    ),
    "contacts": (
        "{ contacts(first: 100) { edges { node { subjectIds } } } }",
        {"contact": True},
        Role.MASH_PRACTITIONER,
    ),
    "contact": (ONE % "contact(id: $id) { subjectIds }", {"contact": True}, Role.MASH_PRACTITIONER),
    "alerts": (
        "{ alerts(first: 100) { edges { node { subjectId causePersonId } } } }",
        {"alert": True},
        Role.MASH_PRACTITIONER,
    ),
    "auditTrail": (
        ONE % "auditTrail(personId: $id) { edges { node { personIds } } }",
        {"id": PUPIL},
        Role.AUDITOR,
    ),
}


def _person_ids(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_person_ids(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_person_ids(v) for v in value)) if value else set()
    return {value} if is_person_id(value) else set()


def test_every_person_bearing_query_field_has_a_sample() -> None:
    assert SCHEMA.query_type is not None
    assert person_bearing_fields(SCHEMA, SCHEMA.query_type) == set(SAMPLES)


def _a_child(driver: neo4j.Driver) -> str:
    records, _, _ = driver.execute_query(
        "MATCH (c:Person)-[:MEMBER_OF]->(:Household) WHERE c.date_of_birth > date('2012-01-01') "
        "RETURN c.id AS id ORDER BY id LIMIT 1"
    )
    return str(records[0]["id"])


def _a_case(driver: neo4j.Driver) -> str:
    records, _, _ = driver.execute_query(
        "MATCH (c:Case)-[:ALLOCATED_TO]->(:Worker) WHERE EXISTS { (:Person)-[:SUBJECT_OF]->(c) } "
        "RETURN c.id AS id ORDER BY id LIMIT 1"
    )
    return str(records[0]["id"])


def _reviewed(driver: neo4j.Driver) -> None:
    """A pair put to review and a decision, both naming the pupil (the linkage scores
    itself are tested in tests/api/test_identities.py)."""
    driver.execute_query(
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}) "
        "MERGE (m:MatchReview {pair_key: 'audit-sample'}) "
        "ON CREATE SET m += {id: 'MR-audit-sample', status: 'pending', band: 'review', "
        "  match_weight: 99.0, field_names: [], field_weights: []} "
        "MERGE (m)-[:CANDIDATE {side: 'left'}]->(a) MERGE (m)-[:CANDIDATE {side: 'right'}]->(b) "
        "MERGE (d:LinkDecision {id: 'LD-audit-sample'}) "
        "ON CREATE SET d += {kind: 'rejected', identity_id: $a, record_ids: [$a, $b], "
        "  decided_by: 'someone', decided_at: datetime(), reason: 'two people'}",
        a=PUPIL,
        b=STRANGER,
    )


def _contacted(driver: neo4j.Driver) -> str:
    """A contact and an alert about the pupil (their rules are tested in tests/services)."""
    driver.execute_query(
        "MATCH (p:Person {id: $pupil}), (s:Person {id: $stranger}) "
        "MERGE (c:Contact {id: 'CT-audit-sample'}) ON CREATE SET c += {state: 'received', "
        "  received_at: datetime(), referrer_kind: 'anonymous', summary: 'worried'} "
        "MERGE (c)-[:ABOUT]->(p) "
        "MERGE (a:Alert {id: 'AL-audit-sample'}) ON CREATE SET a += {state: 'open', "
        "  rag: 'amber', raised_at: datetime(), subject_id: $pupil, cause_person_id: $stranger, "
        "  trigger_kind: 'concern', rules: [], reasons: [], worker_ids: []} "
        "MERGE (a)-[:ABOUT]->(p)",
        pupil=PUPIL,
        stranger=STRANGER,
    )
    return "CT-audit-sample"


@pytest.mark.parametrize("field", list(SAMPLES))  # auditTrail last: it reads the others' events
async def test_each_person_bearing_read_is_audited_once_with_everyone_it_names(
    app_for: ClientFor, session_driver: neo4j.Driver, borough: Borough, field: str
) -> None:
    query, variables, role = SAMPLES[field]
    if variables.get("id") == "a child":
        variables = {"id": _a_child(session_driver)}
    if variables.get("id") == "a case":
        variables = {"id": _a_case(session_driver)}
    if variables.get("contact") or variables.get("alert"):
        contact = _contacted(session_driver)
        variables = {"id": contact} if "$id" in query else {}
    if variables.get("reviewed"):
        _reviewed(session_driver)
        variables = {k: v for k, v in variables.items() if k != "reviewed"}
    before = event_count(session_driver)
    async with app_for(role) as http:
        result = await gql(http, query, **variables)
    assert not result.errors, result.errors
    assert event_count(session_driver) == before + 1
    event = last_event(session_driver)
    assert event["operation"] == f"query {field}" and event["action"] == "read"
    named = _person_ids(result.data)
    assert named <= set(event["person_ids"])  # type: ignore[call-overload]
    if field not in ("toxicTrio", "riskHubs", "disadvantageClusters"):
        assert named, f"the sample for {field} should name someone"


@pytest.mark.parametrize("field", sorted(SCHEMA.mutation_type.fields))  # type: ignore[union-attr]
async def test_every_mutation_is_audited_as_a_write_even_when_refused(
    app_for: ClientFor, session_driver: neo4j.Driver, field: str
) -> None:
    assert SCHEMA.mutation_type is not None
    document, variables = minimal_call(field, SCHEMA.mutation_type.fields[field], "mutation")
    before = event_count(session_driver)
    async with app_for(Role.SENIOR_PRACTITIONER) as http:
        result = await gql(http, document, **variables)
    assert result.status == 200, result.body
    assert event_count(session_driver) == before + 2
    attempt, outcome = last_events(session_driver, 2)
    assert (attempt["operation"], attempt["action"], attempt["outcome"]) == (
        f"mutation {field}",
        "write",
        "attempted",
    )  # stored before the write ran
    assert (outcome["operation"], outcome["action"]) == (f"mutation {field}", "write")
    assert outcome["outcome"] != "attempted" and outcome["request_id"] == attempt["request_id"]


async def test_a_write_is_attributed_before_it_runs_to_the_people_its_arguments_name(
    app_for: ClientFor, session_driver: neo4j.Driver, borough: Borough
) -> None:
    first, second = (row["id"] for row in borough.nodes["Person"][:2])
    literal = f'fromPersonId: "{first}"'
    document = (
        "mutation($b: ID!) { recordRelationship(input: {type: PARTNER_OF, "
        f'{literal}, toPersonId: $b, partnerKind: COHABITING, fromDate: "2099-01-01", '
        'sourceAgencyId: "nowhere", sourceRecordId: "r"}) { __typename } }'
    )
    async with app_for(Role.SENIOR_PRACTITIONER) as http:
        result = await gql(http, document, b=second)
    assert result.status == 200, result.body
    attempt, _ = last_events(session_driver, 2)
    assert attempt["outcome"] == "attempted"
    assert attempt["person_ids"] == [first, second]  # a literal and a variable


def test_no_statement_changes_or_removes_an_audit_event() -> None:
    library = QueryLibrary(PROJECT_ROOT / "queries")
    for name in library.names():
        text = library[name]
        if "AuditEvent" not in text:
            continue
        assert not re.search(r"\b(DELETE|REMOVE)\b", text), name
        assert re.findall(r"MERGE \(\w+:(\w+)", text) in ([], ["AuditHead"]), name
        if re.search(r"\bSET\b", text):  # only a node this statement has just created
            assert name == "audit_append", name
            assert re.search(
                r"CREATE \(stored:AuditEvent\)\s+"
                r"SET stored = event, stored\.at = datetime\(event\.at\)\n",
                text,
            )
            others = re.findall(r"\bSET (\w+)", text)
            assert set(others) == {"stored", "head"}, others
    mutations = SCHEMA.mutation_type.fields  # type: ignore[union-attr]
    assert not [field for field in mutations if "audit" in field.lower()]


def test_every_resolver_that_computes_a_field_is_async() -> None:
    """Sync results of a vetted parent are not walked again, so loading must be async."""
    import ast

    sync = []
    package = PROJECT_ROOT / "graph_service"
    for path in [*(package / "api").rglob("*.py"), *(package / "views").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            decorated = isinstance(node, ast.FunctionDef) and any(
                "strawberry" in ast.unparse(d) for d in node.decorator_list
            )
            if decorated:
                sync.append(f"{path.name}:{node.lineno}")  # type: ignore[attr-defined]
    assert sync == []
