"""Whole-borough analyses kept until the case data changes, and computed once at a time."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import date

import httpx
import neo4j
import pytest

from graph_service.ingest.synthetic import Borough
from graph_service.model.thresholds import Thresholds
from graph_service.services.analysis_cache import AnalysisCache
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import gql
from tests.conftest import Neo4jConnection, app_client


def _counting(
    results: list[str], gate: asyncio.Event | None = None
) -> Callable[[], Awaitable[str]]:
    async def compute() -> str:
        results.append(f"run {len(results) + 1}")
        if gate is not None:
            await gate.wait()
        return results[-1]

    return compute


async def test_requests_at_one_version_share_one_computation() -> None:
    cache, runs, gate = AnalysisCache(), [], asyncio.Event()
    waiting = [
        asyncio.ensure_future(cache.get("trio", "v1", _counting(runs, gate))) for _ in range(5)
    ]
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(*waiting) == ["run 1"] * 5
    assert await cache.get("trio", "v1", _counting(runs)) == "run 1"
    assert await cache.get("trio", "v2", _counting(runs)) == "run 2"  # the data changed
    assert await cache.get("carers", "v2", _counting(runs)) == "run 3"  # another analysis
    assert cache.computed == 3


async def test_nothing_is_kept_without_a_version_or_after_a_failure() -> None:
    cache, runs = AnalysisCache(), []
    assert [await cache.get("trio", None, _counting(runs)) for _ in range(2)] == ["run 1", "run 2"]

    async def failing() -> str:
        raise RuntimeError("database went away")

    waiting = [asyncio.ensure_future(cache.get("trio", "v1", failing)) for _ in range(3)]
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes)  # every waiter hears of it
    assert await cache.get("trio", "v1", _counting(runs)) == "run 3"


async def test_a_client_that_leaves_does_not_cancel_the_work_others_wait_for() -> None:
    cache, runs, gate = AnalysisCache(), [], asyncio.Event()
    leaving = asyncio.ensure_future(cache.get("trio", "v1", _counting(runs, gate)))
    staying = asyncio.ensure_future(cache.get("trio", "v1", _counting(runs)))
    await asyncio.sleep(0)
    leaving.cancel()
    gate.set()
    assert await staying == "run 1" and runs == ["run 1"]


async def test_the_least_recently_used_result_goes_first() -> None:
    cache, runs = AnalysisCache(max_entries=2), []
    for key in ("a", "b", "a", "c"):  # "b" was used least recently when "c" arrived
        await cache.get(key, "v1", _counting(runs))
    assert await cache.get("a", "v1", _counting(runs)) == "run 1"
    assert await cache.get("b", "v1", _counting(runs)) == "run 4"


CARERS = """query($on: Date, $after: String) { youngCarers(asOf: $on, kind: "explicit",
  first: 100, after: $after) { computedAt total flags { childId evidence { text } } } }"""
CONCERN = """mutation($input: ConcernInput!) { recordConcern(input: $input) { __typename
  ... on UserError { message field } } }"""


async def test_an_analysis_is_kept_until_a_write_changes_the_case_data(
    client: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    today = date.today().isoformat()
    first = (await gql(client, CARERS, on=today)).data["youngCarers"]
    again = (await gql(client, CARERS, on=today)).data["youngCarers"]
    assert again["computedAt"] == first["computedAt"], "the same data is not analysed again"
    assert first["total"] < 100, "every flag fits on the page"
    child = _unflagged_child(borough, {f["childId"] for f in first["flags"]})
    concern = {
        "code": "7A",
        "personId": child,
        "raisedOn": today,
        "raisedByAgencyId": borough.nodes["Agency"][0]["id"],
        "sourceRecordId": uuid.uuid4().hex,
    }
    version = _version(session_driver, queries)
    refused = await gql(client, CONCERN, input={**concern, "code": "99Z"})
    assert refused.data["recordConcern"]["field"] == "code"
    assert _version(session_driver, queries) == version, "a refused write changes nothing"
    recorded = await gql(client, CONCERN, input=concern)
    assert recorded.data["recordConcern"]["__typename"] == "Concern", recorded.body
    assert _version(session_driver, queries) != version
    after = (await gql(client, CARERS, on=today)).data["youngCarers"]
    assert after["computedAt"] > first["computedAt"] and after["total"] == first["total"] + 1
    flag = next(f for f in after["flags"] if f["childId"] == child)
    assert any("young carer code 7A recorded" in fact["text"] for fact in flag["evidence"])


def _unflagged_child(borough: Borough, flagged: set[str]) -> str:
    """A child of 10 to 15 living in a household now, not yet flagged as a young carer."""
    today = date.today()
    young = {
        p["id"]
        for p in borough.nodes["Person"]
        if p["props"]["date_of_birth"] is not None
        and 10 <= (today - p["props"]["date_of_birth"]).days // 365 <= 15
    }
    members = [
        m["start"]
        for m in borough.relationships["Person:MEMBER_OF:Household"]
        if m["props"].get("to_date") is None
    ]
    found = next((p for p in members if p in young and p not in flagged), None)
    if found is None:
        pytest.fail("the seeded borough has no unflagged child in a household")
    return found


def _version(driver: neo4j.Driver, queries: QueryLibrary) -> str | None:
    records, _, _ = driver.execute_query(queries["graph_version"])
    return records[0]["version"]  # type: ignore[no-any-return]


async def test_analyses_use_the_thresholds_the_app_was_given(
    neo4j_connection: Neo4jConnection, borough: Borough, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings are loaded once, thresholds included, and carried on each request: the
    environment at request time changes nothing."""
    strict = Thresholds(minimum_disadvantage_problems=9)
    settings = neo4j_connection.settings().model_copy(update={"analytics": strict})
    monkeypatch.setenv("GRAPH_SERVICE_ANALYTICS_MINIMUM_DISADVANTAGE_PROBLEMS", "2")
    async with app_client(settings) as http:
        result = await gql(http, "{ multipleDisadvantage { thresholds { name value } } }")
    used = {t["name"]: t["value"] for t in result.data["multipleDisadvantage"]["thresholds"]}
    assert used["minimum_disadvantage_problems"] == "9"
