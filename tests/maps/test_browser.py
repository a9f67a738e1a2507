"""Map pages in a real headless Chromium (Debian's, driven by Playwright), served for real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from graph_service.ingest.synthetic import REFERENCE_DATE, Borough
from graph_service.model.thresholds import Thresholds
from tests.conftest import ARTIFACTS, Neo4jConnection, auth_headers, served
from tests.maps.test_family import map_data

ON = REFERENCE_DATE.isoformat()


@pytest.fixture(scope="module")
def server(neo4j_connection: Neo4jConnection, borough: Borough) -> Iterator[str]:
    # A small borough has few big clusters: lower the bar so there is one to draw.
    loose = Thresholds(cluster_minimum_problems=1)
    with served(neo4j_connection.settings().model_copy(update={"analytics": loose})) as url:
        yield url


class Visit:
    """One page load, recording console errors, page errors and every request made."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.page: Page = browser.new_page(
            viewport={"width": 1400, "height": 900}, extra_http_headers=auth_headers()
        )
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)
        self.page.wait_for_selector("body[data-map-ready=true]", timeout=60_000)

    def drawn(self) -> dict[str, int]:
        return dict(self.page.evaluate("window.familyMap.drawn()"))

    def click_node(self, node_id: str) -> None:
        point: dict[str, float] = self.page.evaluate(
            """id => { const n = window.familyMap.network;
                       const p = n.canvasToDOM(n.getPosition(id));
                       const box = document.getElementById('map').getBoundingClientRect();
                       return {x: p.x + box.left, y: p.y + box.top}; }""",
            node_id,
        )
        self.page.mouse.click(point["x"], point["y"])


def _hazard_person(borough: Borough) -> str:
    return str(borough.relationships["Person:HAS_HAZARD:Hazard"][0]["start"])


def test_family_map_renders_every_node_and_edge_offline_with_banner_and_legend(
    server: str, browser: Browser, borough: Borough
) -> None:
    url = f"{server}/maps/person/{_hazard_person(borough)}?asOf={ON}&depth=3"
    expected = map_data(httpx.get(url, headers=auth_headers()).text)
    visit = Visit(browser, url)
    assert visit.drawn() == {"nodes": len(expected["nodes"]), "edges": len(expected["edges"])}
    banner = visit.page.locator("#hazard-banner")
    assert banner.is_visible() and "Hazards to visiting staff" in banner.inner_text()
    assert visit.page.locator("#legend").is_visible()
    assert "Married or civil partners" in visit.page.locator("#legend").inner_text()
    assert visit.errors == []
    assert visit.requests and all(r.startswith(server + "/") for r in visit.requests)
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "family-map.png"), full_page=True)
    visit.page.close()


def test_filters_hide_a_kind_of_relationship(
    server: str, browser: Browser, borough: Borough
) -> None:
    url = f"{server}/maps/person/{_hazard_person(borough)}?asOf={ON}&depth=3"
    expected = map_data(httpx.get(url, headers=auth_headers()).text)
    agencies = sum(1 for e in expected["edges"] if e["category"] == "agencies")
    visit = Visit(browser, url)
    before = visit.drawn()["edges"]
    visit.page.locator('#filters input[value="agencies"]').uncheck()
    assert visit.drawn()["edges"] == before - agencies
    visit.page.close()


def test_an_injected_name_stays_text(server: str, browser: Browser, borough: Borough) -> None:
    name = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    created = httpx.post(
        f"{server}/graphql",
        headers=auth_headers(),
        json={
            "query": """
        mutation($a: ID!, $n: String!) {
        createPerson(input: {givenName: $n, familyName: "Test", sourceAgencyId: $a,
        sourceRecordId: "xss-browser"}) { ... on Person { id } } }""",
            "variables": {"a": borough.nodes["Agency"][0]["id"], "n": name},
        },
    ).json()
    person = created["data"]["createPerson"]["id"]
    visit = Visit(browser, f"{server}/maps/person/{person}")
    visit.click_node(person)
    heading = visit.page.locator("#details h2")
    assert heading.inner_text() == f"{name} Test"
    assert visit.page.locator("#details img, #details script").count() == 0
    assert visit.page.locator("h1").inner_text() == f"Family map: {name} Test"
    assert visit.dialogs == [] and visit.errors == []
    visit.page.close()


def test_cluster_map_renders(server: str, browser: Browser) -> None:
    query = '{ disadvantageClusters(asOf: "DAY", first: 1) { clusters { id households } } }'
    body = {"query": query.replace("DAY", ON)}
    result: dict[str, Any] = httpx.post(
        f"{server}/graphql", json=body, headers=auth_headers()
    ).json()
    cluster = result["data"]["disadvantageClusters"]["clusters"][0]
    visit = Visit(browser, f"{server}/maps/cluster/{cluster['id']}?asOf={ON}")
    assert visit.drawn()["nodes"] == len(cluster["households"])
    assert visit.errors == [] and all(r.startswith(server + "/") for r in visit.requests)
    visit.page.screenshot(path=str(ARTIFACTS / "cluster-map.png"))
    visit.page.close()


def test_a_map_file_opens_offline_on_its_own(
    browser: Browser, borough: Borough, neo4j_connection: Neo4jConnection, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from graph_service.cli import app

    target = tmp_path / "family.html"
    person = _hazard_person(borough)
    result = CliRunner().invoke(
        app, ["map", person, "-o", str(target), "--as-of", ON], env=neo4j_connection.env()
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "1 hazard" in result.output
    visit = Visit(browser, target.as_uri())
    assert visit.drawn()["nodes"] == len(map_data(target.read_text())["nodes"])
    assert visit.errors == [] and visit.requests == [target.as_uri()]
    assert visit.page.locator("#hazard-banner[role=alert]").is_visible()
    visit.page.close()
    missing = CliRunner().invoke(
        app, ["map", "P-none", "-o", str(target)], env=neo4j_connection.env()
    )
    assert missing.exit_code == 1 and "no person with id P-none" in missing.output
