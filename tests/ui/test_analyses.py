"""The analyses as lists: each flag links to the person by name and carries its evidence."""

from __future__ import annotations

import re

import httpx
import neo4j
import pytest

from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import gql
from tests.ui.conftest import make_user, sign_in

CARERS = "query { youngCarers(first: 100) { total flags { childId childName } } }"


async def test_young_carers_list_the_apis_flags_by_name_with_their_evidence(
    practitioner: httpx.AsyncClient, client: httpx.AsyncClient
) -> None:
    flags = (await gql(client, CARERS)).data["youngCarers"]
    page = await practitioner.get("/analyses/young-carers")
    assert page.status_code == 200 and f"{flags['total']} found" in page.text
    for flag in flags["flags"][:25]:
        assert f'href="/people/{flag["childId"]}">{flag["childName"]}</a>' in page.text
    if flags["flags"]:
        assert "Why (" in page.text


@pytest.mark.parametrize("name", ["toxic-trio", "disadvantage", "clusters", "hubs"])
async def test_every_analysis_has_a_page_that_names_people_not_ids(
    practitioner: httpx.AsyncClient, borough: Borough, name: str
) -> None:
    page = await practitioner.get(f"/analyses/{name}")
    assert page.status_code == 200
    main = page.text.split('id="main-content"', 1)[1]
    assert not re.search(r">\s*P\d{7}\s*<", main), "a person is linked by name, never by id"


async def test_an_unknown_analysis_and_a_partner_agency_are_each_told(
    practitioner: httpx.AsyncClient,
    visitor: httpx.AsyncClient,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
    borough: Borough,
) -> None:
    unknown = await practitioner.get("/analyses/horoscopes")
    assert unknown.status_code == 404 and 'href="/analyses"' in unknown.text
    agency = str(borough.nodes["Agency"][0]["id"])
    user = make_user(session_driver, queries, "ui.an.partner", Role.PARTNER_AGENCY, agency)
    await sign_in(visitor, user)
    refused = await visitor.get("/analyses/young-carers")
    assert refused.status_code == 403
