"""The audit page: auditors find who saw whose record, and the break-glass alerts."""

from __future__ import annotations

import httpx
import neo4j

from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.ui.conftest import make_user, sign_in


async def test_an_auditor_finds_a_view_of_a_person_and_a_bad_date_is_explained(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    person = str(borough.nodes["Person"][5]["id"])
    await sign_in(visitor, make_user(session_driver, queries, "ui.looker"))
    assert (await visitor.get(f"/people/{person}")).status_code == 200
    await sign_in(visitor, make_user(session_driver, queries, "ui.auditor2", Role.AUDITOR))
    home = await visitor.get("/")
    assert 'href="/audit"' in home.text
    trail = await visitor.get("/audit", params={"person": person})
    assert trail.status_code == 200
    assert f"page person {person}" in trail.text and "ui.looker" in trail.text
    alerts = await visitor.get("/audit", params={"alerts": "yes", "user": "ui.looker"})
    assert "No events match." in alerts.text
    bad = await visitor.get("/audit", params={"from": "yesterday"})
    assert bad.status_code == 400 and "write it like 2026-03-27" in bad.text


async def test_a_practitioner_cannot_read_the_audit_trail(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    await sign_in(visitor, make_user(session_driver, queries, "ui.curious"))
    refused = await visitor.get("/audit", params={"user": "ui.auditor2"})
    assert refused.status_code == 403 and "no access to audit" in refused.text
