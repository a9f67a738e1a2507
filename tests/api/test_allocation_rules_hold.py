"""Allocation rules that must hold under concurrency and across every path that returns a
case: the caseload limit checked inside the write, dates, explicit reallocation, and the
allocation record readable wherever the case is."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx
import neo4j
import pytest

from graph_service.security.roles import Role
from tests.api.conftest import ClientFor, GraphQLResult, gql
from tests.conftest import wipe_graph

# A team of one: worker W-T-1 may hold one case (each case is a lone child with nothing
# recorded, so each counts 1 in a caseload). Ten open cases of the team's agency.
TEAM = """
MERGE (a:Agency {id: 'AG-T-CSC'}) SET a += {name: 'Test Children', kind: 'childrens_social_care'}
MERGE (w:Worker {id: 'W-T-1'}) SET w += {given_name: 'Wyn', family_name: 'Worker',
  role: 'social_worker', team: 'T', locality: 'North', capabilities: [], asye: false,
  qualified_on: date('2015-01-01'), caseload_limit: $limit}
MERGE (w)-[:EMPLOYED_BY {id: 'RE-T-1', from_date: date('2015-01-01')}]->(a)
WITH a
UNWIND range(1, 10) AS n
MERGE (p:Person {id: 'P95000' + right('0' + n, 2)}) SET p += {given_name: 'Case',
  family_name: 'Child' + n, full_name: 'Case Child' + n, date_of_birth: date('2015-01-01')}
MERGE (c:Case {id: 'CS-T-' + n}) SET c += {kind: 'child_in_need', status: 'open',
  opened_on: date('2026-01-05'), source_agency: a.id}
MERGE (p)-[:SUBJECT_OF {id: 'RS-T-' + n, from_date: date('2026-01-05')}]->(c)
"""
ALLOCATE = """mutation($c: ID!, $w: ID!, $from: Date!, $r: String, $re: String) {
  allocateCase(caseId: $c, workerId: $w, fromDate: $from, reason: $r,
               reallocationReason: $re) {
    __typename ... on Case { id allocation { workerId allocatedBy reallocationReason } }
    ... on UserError { message field } ... on ValidationError { reason } } }"""
ROLE = Role.SENIOR_PRACTITIONER
HELD = """MATCH (:Worker {id: 'W-T-1'})<-[al:ALLOCATED_TO]-(c:Case {status: 'open'})
WHERE al.to_date IS NULL RETURN count(c) AS n"""


def _team(driver: neo4j.Driver, limit: int) -> None:
    wipe_graph(driver)
    driver.execute_query(TEAM, limit=limit)


async def _allocate(
    client: httpx.AsyncClient, case: str, on: str = "2026-11-02", **extra: Any
) -> GraphQLResult:
    return await gql(
        client, ALLOCATE, c=case, w="W-T-1", **{"from": on, "r": "test", "re": None, **extra}
    )


@pytest.mark.parametrize(("limit", "together"), [(1, 2), (3, 10)])
async def test_simultaneous_allocations_never_take_a_worker_over_their_limit(
    app_for: ClientFor, session_driver: neo4j.Driver, limit: int, together: int
) -> None:
    _team(session_driver, limit)
    async with app_for(ROLE) as senior:
        results = await asyncio.gather(
            *(_allocate(senior, f"CS-T-{n}") for n in range(1, together + 1))
        )
    kinds = [r.data["allocateCase"]["__typename"] for r in results]
    assert kinds.count("Case") == limit, [r.body for r in results]
    refused = [
        r.data["allocateCase"] for r in results if r.data["allocateCase"]["__typename"] != "Case"
    ]
    assert all(r["reason"] == "RULE_BROKEN" and r["field"] == "workerId" for r in refused)
    assert session_driver.execute_query(HELD).records[0]["n"] == limit


async def test_an_allocation_date_must_fall_within_the_case(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    _team(session_driver, 5)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    async with app_for(ROLE) as senior:
        early = await _allocate(senior, "CS-T-1", on="2026-01-04")
        future = await _allocate(senior, "CS-T-1", on=tomorrow)
    for refused in (early, future):
        assert refused.data["allocateCase"]["field"] == "fromDate", refused.body
    assert "2026-01-05" in early.data["allocateCase"]["message"]
    assert session_driver.execute_query(HELD).records[0]["n"] == 0


CASE = """query($c: ID!) { case(id: $c) { id allocation { workerId allocatedBy } }
  cases(workerId: "W-T-1") { edges { node { id allocation { workerId allocatedBy } } } } }"""


async def test_a_reallocation_is_explicit_and_every_path_shows_the_allocation(
    app_for: ClientFor, session_driver: neo4j.Driver
) -> None:
    _team(session_driver, 5)
    async with app_for(ROLE) as senior:
        first = await _allocate(senior, "CS-T-1", on="2026-11-01")
        again = await _allocate(senior, "CS-T-1")
        moved = await _allocate(senior, "CS-T-1", re="The worker now covers the school")
        read = await gql(senior, CASE, c="CS-T-1")
        unknown = await gql(senior, CASE, c="CS-none")
    assert first.data["allocateCase"]["allocation"]["workerId"] == "W-T-1"
    refusal = again.data["allocateCase"]
    assert refusal["field"] == "reallocationReason" and "W-T-1" in refusal["message"]
    record = moved.data["allocateCase"]["allocation"]
    assert record["reallocationReason"] == "The worker now covers the school"
    shown = read.data["case"]["allocation"]
    assert shown == {"workerId": "W-T-1", "allocatedBy": f"{ROLE.value}.user"}
    listed = [e["node"] for e in read.data["cases"]["edges"]]
    assert [c["allocation"] for c in listed if c["id"] == "CS-T-1"] == [shown]
    assert unknown.data["case"] is None and not unknown.errors
