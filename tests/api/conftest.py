from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import neo4j
import pytest

from graph_service.api.app import create_app
from graph_service.api.extensions import NeedToKnow
from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.graph import async_driver
from tests.conftest import Neo4jConnection, auth_headers


class GraphQLResult:
    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.body: dict[str, Any] = response.json()
        self.data: dict[str, Any] = self.body.get("data") or {}
        self.errors: list[dict[str, Any]] = self.body.get("errors") or []
        self.extensions: dict[str, Any] = self.body.get("extensions") or {}


async def gql(client: httpx.AsyncClient, query: str, **variables: Any) -> GraphQLResult:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    return GraphQLResult(response)


SCHOOL, POLICE = "AG-T-SCHOOL", "AG-T-POLICE"
PUPIL, ADOPTER, BIRTH_PARENT, STRANGER = "P9000001", "P9000002", "P9000003", "P9000004"
REASON = "Section 47 enquiry: child reported missing tonight"
# An adopted pupil known to the school, living at a refuge with an aggressive dog, with a
# birth parent linked only by birth; concerns from the police (one sensitive) and the school.
FIXTURE = """
MERGE (school:Agency {id: 'AG-T-SCHOOL'}) SET school.name = 'Test School', school.kind = 'school'
MERGE (police:Agency {id: 'AG-T-POLICE'}) SET police.name = 'Test Police', police.kind = 'police'
MERGE (pupil:Person {id: 'P9000001'}) SET pupil += {given_name: 'Kit', family_name: 'Pupil',
  full_name: 'Kit Pupil', date_of_birth: date('2015-03-01')}
MERGE (adopter:Person {id: 'P9000002'}) SET adopter += {given_name: 'Ada', family_name: 'Pupil',
  full_name: 'Ada Pupil', date_of_birth: date('1980-03-01')}
MERGE (birth:Person {id: 'P9000003'}) SET birth += {given_name: 'Bo', family_name: 'Original',
  full_name: 'Bo Original', date_of_birth: date('1990-03-01')}
MERGE (stranger:Person {id: 'P9000004'}) SET stranger += {given_name: 'Sam', family_name: 'Else',
  full_name: 'Sam Else', date_of_birth: date('1970-03-01')}
MERGE (pupil)-[:KNOWN_TO {id: 'RT-1', from_date: date('2020-01-01')}]->(school)
MERGE (adopter)-[:PARENT_OF {id: 'RT-2', kind: 'adoptive', parental_responsibility: true,
  from_date: date('2016-01-01')}]->(pupil)
MERGE (birth)-[:PARENT_OF {id: 'RT-3', kind: 'birth', parental_responsibility: false,
  from_date: date('2015-03-01')}]->(pupil)
MERGE (refuge:Address {id: 'A9000001'}) SET refuge += {line1: '1 Refuge Row',
  postcode: 'NB1 1AA', town: 'Northbridge', protected: true}
MERGE (pupil)-[:LIVES_AT {id: 'RT-4', from_date: date('2016-01-01')}]->(refuge)
MERGE (hazard:Hazard {id: 'HZ9000001'}) SET hazard += {kind: 'aggressive_dog',
  description: 'Large dog at the door', recorded_on: date('2026-01-01')}
MERGE (refuge)-[:HAS_HAZARD {id: 'RT-5', from_date: date('2026-01-01')}]->(hazard)
WITH pupil, school, police
UNWIND [['CT-1', '4B', police], ['CT-2', '4B', school], ['CT-3', '8B', police]] AS c
MERGE (concern:Concern {id: c[0]}) SET concern += {code: c[1], status: 'open',
  raised_on: date('2026-10-01'), severity: 'medium', source_agency: c[2].id}
MERGE (pupil)-[:SUBJECT_OF {id: 'RS-' + c[0], from_date: date('2026-10-01')}]->(concern)
WITH pupil, concern, c[2] AS raiser
MERGE (concern)-[:RAISED_BY {id: 'RB-' + concern.id}]->(raiser)
"""
ClientFor = Callable[..., httpx.AsyncClient]


@pytest.fixture
def hook_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every field the NeedToKnow resolve hook sees, as `Type.field`, in order."""
    seen: list[str] = []
    original = NeedToKnow.resolve

    def counting(self: NeedToKnow, _next: Any, root: Any, info: Any, *a: Any, **k: Any) -> Any:
        seen.append(f"{info.parent_type.name}.{info.field_name}")
        return original(self, _next, root, info, *a, **k)

    monkeypatch.setattr(NeedToKnow, "resolve", counting)
    return seen


@pytest.fixture(scope="module")
def fixture_graph(session_driver: neo4j.Driver, borough: Borough) -> Borough:
    session_driver.execute_query(FIXTURE)
    return borough


@pytest.fixture
async def app_for(
    neo4j_connection: Neo4jConnection, fixture_graph: Borough
) -> AsyncIterator[ClientFor]:
    settings = neo4j_connection.settings()
    driver = async_driver(settings)
    app = create_app(settings, driver=driver)

    def client(role: Role, agency: str | None = None, **headers: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            headers={**auth_headers(role, f"{role.value}.user", agency), **headers},
        )

    yield client
    await driver.close()


def last_event(driver: neo4j.Driver) -> dict[str, object]:
    records, _, _ = driver.execute_query(
        "MATCH (e:AuditEvent) RETURN e {.*} AS e ORDER BY e.at DESC LIMIT 1"
    )
    return dict(records[0]["e"])


def last_events(driver: neo4j.Driver, count: int) -> list[dict[str, object]]:
    """The latest `count` audit events, oldest first."""
    records, _, _ = driver.execute_query(
        "MATCH (e:AuditEvent) RETURN e {.*} AS e ORDER BY e.at DESC LIMIT $n", n=count
    )
    return [dict(record["e"]) for record in reversed(records)]


def event_count(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (e:AuditEvent) RETURN count(e) AS n")
    return int(records[0]["n"])
