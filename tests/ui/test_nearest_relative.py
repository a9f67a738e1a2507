"""The AMHP's nearest relative page: the same answer as the API, explained, with warnings."""

from __future__ import annotations

import html

import httpx
import neo4j

from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import gql
from tests.ui.conftest import make_user, sign_in

NEAREST = """query($id: ID!) { nearestRelative(personId: $id) {
  nearest { personId name } candidates { name rule } } }"""


def _married(borough: Borough) -> str:
    married = next(
        r
        for r in borough.relationships["Person:PARTNER_OF:Person"]
        if r["props"].get("kind") == "married" and r["props"].get("to_date") is None
    )
    return str(married["start"])


async def test_the_page_gives_the_apis_answer_with_every_candidate_and_rule(
    practitioner: httpx.AsyncClient, client: httpx.AsyncClient, borough: Borough
) -> None:
    patient = _married(borough)
    answer = (await gql(client, NEAREST, id=patient)).data["nearestRelative"]
    page = await practitioner.get(f"/people/{patient}/nearest-relative")
    assert page.status_code == 200
    assert f'<h2 class="govuk-panel__title">{answer["nearest"]["name"]}</h2>' in page.text
    text = html.unescape(page.text)
    for candidate in answer["candidates"]:
        assert candidate["name"] in text and candidate["rule"] in text


async def test_a_hazard_of_the_nearest_relative_is_warned_of(
    practitioner: httpx.AsyncClient,
    client: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
) -> None:
    patient = _married(borough)
    nearest = (await gql(client, NEAREST, id=patient)).data["nearestRelative"]["nearest"]
    session_driver.execute_query(
        """MATCH (p:Person {id: $p})
        MERGE (h:Hazard {id: 'HZ-UI-NR'}) SET h.kind = 'weapons', h.description = 'Knife kept',
          h.recorded_on = date('2026-01-02'), h.review_on = date('2027-01-02'),
          h.source_agency = 'AG001'
        MERGE (p)-[r:HAS_HAZARD {id: 'R-UI-NR'}]->(h) SET r.from_date = date('2026-01-02')""",
        p=nearest["personId"],
    )
    page = await practitioner.get(f"/people/{patient}/nearest-relative")
    assert f"Before you contact {nearest['name']}" in page.text and "Weapons" in page.text


async def test_a_bad_date_and_a_partner_agency_are_each_told_plainly(
    practitioner: httpx.AsyncClient,
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    patient = _married(borough)
    bad = await practitioner.get(f"/people/{patient}/nearest-relative", params={"asOf": "3/2/2026"})
    assert bad.status_code == 400 and "write it like 2026-03-27" in bad.text
    await practitioner.post(
        "/sign-out"
    )  # (refused without its token; the next sign-in replaces it)
    agency = str(borough.nodes["Agency"][0]["id"])
    await sign_in(
        visitor, make_user(session_driver, queries, "ui.nr.partner", Role.PARTNER_AGENCY, agency)
    )
    refused = await visitor.get(f"/people/{patient}/nearest-relative")
    assert refused.status_code == 403 and "Partner agency role" in refused.text
