"""One code path per use case: GraphQL, the map page and the command line give the same
answer for the same person and date (the family network, the borough's network, the
nearest relative)."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import httpx
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.ingest.synthetic import REFERENCE_DATE, Borough
from tests.api.conftest import gql
from tests.conftest import Neo4jConnection

ON = REFERENCE_DATE.isoformat()
NETWORK = """query($id: ID!, $on: Date) { familyNetwork(personId: $id, depth: 2, asOf: $on) {
  people { id } hazards { id kind } } }"""
NEAREST = """query($id: ID!, $on: Date) { nearestRelative(personId: $id, asOf: $on) {
  nearest { name } candidates { name } } }"""
HUBS = """query($on: Date) { riskHubs(asOf: $on, first: 100) { hubs { personId households } }
  disadvantageClusters(asOf: $on, first: 100) { clusters { households } } }"""
_MAP_DATA = re.compile(r'<script type="application/json" id="map-data">(.*?)</script>', re.S)


def _drawn_people(page: str) -> set[str]:
    data = json.loads(_MAP_DATA.search(page).group(1))  # type: ignore[union-attr]
    return {str(n["id"]) for n in data["nodes"] if str(n["id"]).startswith("P")}


def _positions(page: str) -> dict[str, tuple[float, float]]:
    data = json.loads(_MAP_DATA.search(page).group(1))  # type: ignore[union-attr]
    return {str(n["id"]): (n["x"], n["y"]) for n in data["nodes"]}


async def _cli(connection: Neo4jConnection, *args: str) -> str:
    """The command line as run by a person (in a thread: it runs its own event loop)."""
    env = {**connection.env(), "COLUMNS": "400"}  # rich wraps no name in a wide terminal
    result = await asyncio.to_thread(CliRunner().invoke, app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def _busy_person(borough: Borough) -> str:
    """Someone in a household of four or more: a network worth comparing."""
    sizes: dict[str, int] = {}
    for row in borough.relationships["Person:MEMBER_OF:Household"]:
        sizes[row["end"]] = sizes.get(row["end"], 0) + 1
    household = max(sizes, key=lambda h: (sizes[h], h))
    return next(
        str(r["start"])
        for r in borough.relationships["Person:MEMBER_OF:Household"]
        if r["end"] == household
    )


async def test_the_family_network_is_the_same_through_graphql_the_map_page_and_the_cli(
    client: httpx.AsyncClient,
    borough: Borough,
    neo4j_connection: Neo4jConnection,
    tmp_path: Path,
) -> None:
    person = _busy_person(borough)
    network = (await gql(client, NETWORK, id=person, on=ON)).data["familyNetwork"]
    people = {p["id"] for p in network["people"]}
    page = await client.get(f"/maps/person/{person}?depth=2&asOf={ON}")
    exported = tmp_path / "family.html"
    await _cli(neo4j_connection, "map", person, "-o", str(exported), "--depth", "2", "--as-of", ON)
    assert len(people) >= 4
    assert _drawn_people(page.text) == people
    assert _drawn_people(exported.read_text(encoding="utf-8")) == people
    # The same genogram layout, to the pixel.
    assert _positions(page.text) == _positions(exported.read_text(encoding="utf-8"))


async def test_the_borough_network_is_the_same_through_graphql_and_the_cli(
    client: httpx.AsyncClient, borough: Borough, neo4j_connection: Neo4jConnection
) -> None:
    data = (await gql(client, HUBS, on=ON)).data

    async def rows(kind: str) -> list[dict[str, Any]]:
        printed = await _cli(neo4j_connection, "analyse", kind, "--as-of", ON, "--format", "json")
        return list(json.loads(printed)["results"])

    hubs = [(h["personId"], h["households"]) for h in data["riskHubs"]["hubs"]]
    assert hubs and hubs == [(r["id"], r["households"]) for r in await rows("hubs")]
    clusters = [c["households"] for c in data["disadvantageClusters"]["clusters"]]
    assert clusters == [r["households"] for r in await rows("clusters")]


async def test_the_nearest_relative_is_the_same_through_graphql_and_the_cli(
    client: httpx.AsyncClient, borough: Borough, neo4j_connection: Neo4jConnection
) -> None:
    patient = _busy_person(borough)
    answer = (await gql(client, NEAREST, id=patient, on=ON)).data["nearestRelative"]
    printed = await _cli(neo4j_connection, "nearest-relative", patient, "--as-of", ON)
    nearest = answer["nearest"]["name"] if answer["nearest"] else "cannot be determined"
    assert nearest in printed and answer["candidates"]
    assert all(c["name"] in printed for c in answer["candidates"])


CARERS = """query($on: Date, $area: String) { youngCarers(asOf: $on, area: $area, first: 100) {
  total flags { childId area } } }"""


async def test_an_analysis_in_an_area_is_the_same_through_graphql_and_the_cli(
    client: httpx.AsyncClient, borough: Borough, neo4j_connection: Neo4jConnection
) -> None:
    everywhere = (await gql(client, CARERS, on=ON)).data["youngCarers"]["flags"]
    area = everywhere[0]["area"]
    flagged = (await gql(client, CARERS, on=ON, area=area)).data["youngCarers"]
    printed = await _cli(
        neo4j_connection,
        "analyse",
        "young-carers",
        "--as-of",
        ON,
        "--area",
        area,
        "--format",
        "json",
    )
    rows = json.loads(printed)["results"]
    assert 0 < flagged["total"] < len(everywhere) or flagged["total"] == len(everywhere) == 100
    assert {f["area"] for f in flagged["flags"]} == {area}
    assert [f["childId"] for f in flagged["flags"]] == [r["child_id"] for r in rows][:100]
