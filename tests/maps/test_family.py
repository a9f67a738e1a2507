"""Map pages over HTTP: the data they carry, conventions, escaping, errors, offline assets."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from html import unescape
from typing import Any

import httpx
import pytest

from graph_service.ingest.synthetic import REFERENCE_DATE, Borough
from graph_service.maps.page import render_page
from graph_service.maps.style import person_shape
from graph_service.model.thresholds import Thresholds
from tests.api.conftest import gql
from tests.conftest import Neo4jConnection, app_client

ON = REFERENCE_DATE.isoformat()
NETWORK = """query($id: ID!) { familyNetwork(personId: $id, depth: 2, asOf: "%s") {
  people { id sex age hazards { id } } nodes { id kind } edges { type source target kind } } }"""
DRAWN = {"PARENT_OF", "PARTNER_OF", "CARES_FOR", "ASSOCIATES_WITH", "KNOWN_TO", "INVOLVED_WITH"}


def map_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert found, "the page embeds its map data"
    return dict(json.loads(found.group(1)))


def _partnered(borough: Borough) -> str:
    return str(borough.relationships["Person:PARTNER_OF:Person"][0]["start"])


async def test_family_map_carries_the_network_the_api_returns(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    person = _partnered(borough)
    page = await client.get(f"/maps/person/{person}", params={"asOf": ON, "depth": "2"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    data = map_data(page.text)
    network = (await gql(client, NETWORK % ON, id=person)).data["familyNetwork"]
    kinds = {n["id"]: n["kind"] for n in network["nodes"]}
    expected_nodes = {n for n, k in kinds.items() if k in ("PERSON", "AGENCY", "WORKER")}
    assert {n["id"] for n in data["nodes"]} == expected_nodes
    drawn = [
        e
        for e in network["edges"]
        if e["type"] in DRAWN and e["source"] in expected_nodes and e["target"] in expected_nodes
    ]
    assert len(data["edges"]) == len(drawn)
    nodes = {n["id"]: n for n in data["nodes"]}
    for p in network["people"]:
        node = nodes[p["id"]]
        assert node["shape"] == person_shape(p["sex"])
        if p["age"] is not None:
            assert node["size"] == (13 if p["age"] < 18 else 22)
            assert f", {p['age']}" in node["label"]
    assert nodes[person]["borderWidth"] == 6  # the index person is outlined
    partner_edges = [e for e in data["edges"] if e["category"] == "partners"]
    assert partner_edges and all(e["width"] == 3 for e in partner_edges)


async def test_hazards_are_in_the_banner_and_on_the_person(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    hazard = borough.relationships["Person:HAS_HAZARD:Hazard"][0]
    page = await client.get(f"/maps/person/{hazard['start']}", params={"asOf": ON})
    banner = re.search(
        r'<section id="hazard-banner"[^>]*role="alert".*?</section>', page.text, re.S
    )
    assert banner and hazard["start"] in banner.group(0)
    node = next(n for n in map_data(page.text)["nodes"] if n["id"] == hazard["start"])
    assert node["label"].startswith("⚠") and node["info"]["sections"][0]["items"] != ["none"]


async def test_names_from_the_database_stay_text(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    created = await gql(
        client,
        """mutation($a: ID!) { createPerson(input: {
        givenName: "<script>alert(1)</script>", familyName: "</script><b>x</b>",
        sourceAgencyId: $a, sourceRecordId: "xss-map"}) { ... on Person { id } } }""",
        a=borough.nodes["Agency"][0]["id"],
    )
    person = created.data["createPerson"]["id"]
    page = (await client.get(f"/maps/person/{person}")).text
    assert "<script>alert" not in page and "</script><b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, escaped
    assert map_data(page)["nodes"][0]["label"].startswith("<script>alert(1)</script>")


async def test_bad_requests_name_the_parameter(client: httpx.AsyncClient, borough: Borough) -> None:
    person = _partnered(borough)
    depth = await client.get(f"/maps/person/{person}", params={"depth": "7"})
    as_of = await client.get(f"/maps/person/{person}", params={"asOf": "yesterday"})
    missing = await client.get("/maps/person/P-none")
    assert (depth.status_code, as_of.status_code, missing.status_code) == (400, 400, 404)
    assert "depth" in depth.text and "asOf" in as_of.text and "P-none" in missing.text


async def test_pages_and_assets_are_served_locally(
    client: httpx.AsyncClient, borough: Borough
) -> None:
    page = await client.get(f"/maps/person/{_partnered(borough)}")
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text)
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in re.findall(r'(?:src|href)="(/static/maps/[^"]+)"', page.text):
        served = await client.get(asset)
        assert served.status_code == 200 and len(served.content) > 100
    assert (await client.get("/static/maps/nothing.js")).status_code == 404


@pytest.fixture
async def loose_client(
    neo4j_connection: Neo4jConnection, borough: Borough
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose clusters need one problem: a small borough has few big
    clusters, so the bar is lowered to have one to draw."""
    loose = Thresholds(cluster_minimum_problems=1)
    settings = neo4j_connection.settings().model_copy(update={"analytics": loose})
    async with app_client(settings) as http:
        yield http


async def test_cluster_map_draws_the_households_and_their_links(
    loose_client: httpx.AsyncClient, borough: Borough
) -> None:
    client = loose_client
    query = '{ disadvantageClusters(asOf: "DAY", first: 1) { clusters { id households } } }'
    clusters = await gql(client, query.replace("DAY", ON))
    found = clusters.data["disadvantageClusters"]["clusters"]
    assert found, "the seeded borough has at least one cluster"
    page = await client.get(f"/maps/cluster/{found[0]['id']}", params={"asOf": ON})
    data = map_data(page.text)
    assert {n["id"] for n in data["nodes"]} == set(found[0]["households"])
    assert data["edges"] and all(e["title"] for e in data["edges"])
    families = {n["family"] for n in data["nodes"]}
    assert "<h3>Families</h3>" in page.text and page.text.count("Family ") >= len(families)
    assert "Link between households" in page.text and "Married" not in page.text
    # Hazards of the households' members are in the banner, like any map's.
    household = found[0]["households"][0]
    members = await gql(
        client, "query($h: ID!) { household(id: $h) { members { id } } }", h=household
    )
    member = members.data["household"]["members"][0]["id"]
    await gql(
        client,
        """mutation($p: ID!, $a: ID!) { addHazard(input: {kind: WEAPONS,
        description: "Knife kept by the door", personId: $p, recordedOn: "2025-01-01",
        reviewOn: "2027-01-01", sourceAgencyId: $a}) { __typename } }""",
        p=member,
        a=borough.nodes["Agency"][0]["id"],
    )
    again = await client.get(f"/maps/cluster/{found[0]['id']}", params={"asOf": ON})
    banner = re.search(
        r'<section id="hazard-banner"[^>]*role="alert".*?</section>', again.text, re.S
    )
    assert banner and "Knife kept by the door" in banner.group(0) and household in banner.group(0)
    assert (await client.get("/maps/cluster/CL-none")).status_code == 404


def test_a_map_file_inlines_everything_and_allows_only_its_own_scripts() -> None:
    from graph_service.maps.page import MapPage

    html = render_page(MapPage("Family map: test", "", [], [], {}), inline=True)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp
    policy = unescape(csp.group(1))
    assert "default-src 'none'" in policy and policy.count("'sha256-") == 2
    assert "/static/" not in html and not re.search(r"(src|href)=\"https?:", html)
