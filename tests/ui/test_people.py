"""Finding a person and reading their page, with the same need to know and audit as the API."""

from __future__ import annotations

import re

import httpx
import neo4j

from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import last_event
from tests.ui.conftest import make_user, sign_in

_EXTERNAL = re.compile(r'(?:src|href|action)="(?:https?:)?//', re.I)


def _person(borough: Borough, person_id: str) -> dict[str, object]:
    return next(p for p in borough.nodes["Person"] if p["id"] == person_id)


def _hazard_person(borough: Borough) -> str:
    return str(borough.relationships["Person:HAS_HAZARD:Hazard"][0]["start"])


async def test_a_misspelled_name_finds_the_person_with_age_address_agencies_and_hazard(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    wanted = _hazard_person(borough)
    props = _person(borough, wanted)["props"]
    assert isinstance(props, dict)
    given, family = str(props["given_name"]), str(props["family_name"])
    typo = f"{given} {family[0]}{family[1:].replace(family[1], family[1] * 2, 1)}"
    page = await practitioner.get("/search", params={"name": typo})
    assert page.status_code == 200
    result = page.text.split(f'href="/people/{wanted}"', 1)[1].split("</li>", 1)[0]
    assert f"{given} {family}" in result and "Hazard" in result
    assert "Born " in result and "(age " in result and "Known to: " in result
    assert not re.search(r"\bAG\d{3}\b", result), "agencies are named, never by id"


async def test_a_date_that_is_not_real_is_said_plainly_with_its_format(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    page = await practitioner.get(
        "/search", params={"name": "smith", "dob-day": "31", "dob-month": "2", "dob-year": "2014"}
    )
    assert page.status_code == 400
    assert "There is a problem" in page.text
    assert "Date of birth must be a real date, for example 27 3 2014" in page.text
    assert 'href="#dob-day"' in page.text  # the summary leads to the field


async def test_the_person_page_shows_hazards_first_names_agencies_and_is_audited(
    practitioner: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    wanted = _hazard_person(borough)
    page = await practitioner.get(f"/people/{wanted}")
    assert page.status_code == 200
    main = page.text.split('id="main-content"', 1)[1]
    assert main.index("hazards-heading") < main.index(">Identity<") < main.index(">Concerns<")
    assert "warning" in main.split(">Identity<")[0] and "Review" in main
    hazards, concerns = main.split(">Identity<")[0], main.split(">Concerns<")[1]
    for part in (hazards, concerns.split(">Family indicators<")[0]):
        assert not re.search(r"\bAG\d{3}\b", part), "agencies are named, never by id"
    assert f'href="/maps/person/{wanted}"' in main
    event = last_event(session_driver)
    assert event["operation"] == f"page person {wanted}" and event["user"] == "ui.practitioner"
    assert wanted in str(event["person_ids"])


async def test_every_page_loads_only_the_apps_own_assets(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    for path in ("/", "/search?name=smith", f"/people/{_hazard_person(borough)}"):
        page = await practitioner.get(path)
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self' 'nonce-" in policy
        assert not _EXTERNAL.search(page.text), path
        nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page.text)
        assert inline and all(f'nonce="{nonce}"' in attributes for attributes in inline)
    for asset in ("/assets/govuk-frontend.min.css", "/assets/app.css", "/assets/init.js"):
        assert (await practitioner.get(asset)).status_code == 200


async def test_the_map_link_works_with_the_signed_in_session(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    page = await practitioner.get(
        f"/maps/person/{_hazard_person(borough)}", headers={"accept": "text/html"}
    )
    assert page.status_code == 200 and "Family map" in page.text


async def test_a_partner_agency_sees_only_its_scope_and_is_told_so_without_a_leak(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    known = borough.relationships["Person:KNOWN_TO:Agency"]
    agency = str(known[0]["end"])
    inside = {str(r["start"]) for r in known if r["end"] == agency}
    candidates = [str(p["id"]) for p in borough.nodes["Person"] if p["id"] not in inside][:200]
    with session_driver.session() as session:
        in_scope = session.run(
            queries["agency_scope"], ids=candidates, agencyId=agency, limit=200
        ).single(strict=True)["ids"]
    # Not known to it, and no concern it raised or case it holds is about them either.
    outside = next(p for p in candidates if p not in in_scope)
    user = make_user(session_driver, queries, "ui.partner", Role.PARTNER_AGENCY, agency)
    await sign_in(visitor, user)
    seen = await visitor.get(f"/people/{sorted(inside)[0]}")
    assert seen.status_code == 200
    hidden = await visitor.get(f"/people/{outside}")
    assert hidden.status_code == 404
    assert "No such person that you may see" in hidden.text
    name = _person(borough, outside)["props"]
    assert isinstance(name, dict) and str(name["family_name"]) not in hidden.text
    found = await visitor.get("/search", params={"name": str(name["full_name"])})
    assert f"/people/{outside}" not in found.text


async def test_a_role_without_the_page_is_told_why_and_given_a_way_on(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    await sign_in(visitor, make_user(session_driver, queries, "ui.auditor", Role.AUDITOR))
    home = await visitor.get("/")
    assert home.status_code == 200 and "does not read people" in home.text
    refused = await visitor.get(f"/people/{_hazard_person(borough)}")
    assert refused.status_code == 403
    assert "You cannot see this page" in refused.text and "Auditor role" in refused.text
    assert 'href="/"' in refused.text


def _at_a_refuge(borough: Borough, session_driver: neo4j.Driver) -> str:
    """A person who now lives at a protected address (a refuge)."""
    person = str(borough.nodes["Person"][3]["id"])
    session_driver.execute_query(
        """MATCH (p:Person {id: $p})
        MERGE (a:Address {id: 'AD-UI-REFUGE'})
          SET a.line1 = '1 Sanctuary Row', a.postcode = 'NB1 1AA', a.protected = true
        MERGE (p)-[l:LIVES_AT {id: 'R-UI-REFUGE'}]->(a) SET l.from_date = date('2026-01-01')""",
        p=person,
    )
    return person


async def test_break_glass_asks_why_then_shows_the_restricted_record_once_and_alerts(
    practitioner: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    person = _at_a_refuge(borough, session_driver)
    masked = await practitioner.get(f"/people/{person}")
    assert "1 Sanctuary Row" not in masked.text and "Address withheld (protected)" in masked.text
    assert f'href="/people/{person}/break-glass"' in masked.text
    form = await practitioner.get(f"/people/{person}/break-glass")
    assert form.status_code == 200 and "Why do you need the restricted record?" in form.text
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token
    short = await practitioner.post(
        f"/people/{person}/break-glass", data={"csrf": token.group(1), "reason": "need it"}
    )
    assert short.status_code == 400 and "at least 15 characters" in short.text
    assert "1 Sanctuary Row" not in short.text
    reason = "strategy discussion today: police need the address"
    shown = await practitioner.post(
        f"/people/{person}/break-glass", data={"csrf": token.group(1), "reason": reason}
    )
    assert shown.status_code == 200 and "1 Sanctuary Row" in shown.text
    assert "Your reason has been recorded" in shown.text
    event = last_event(session_driver)
    assert event["break_glass_reason"] == reason and event["alert"] is True
    again = await practitioner.get(f"/people/{person}")  # for that request only
    assert "1 Sanctuary Row" not in again.text
    forged = await practitioner.post(
        f"/people/{person}/break-glass", data={"csrf": "forged", "reason": reason}
    )
    assert forged.status_code == 403 and "1 Sanctuary Row" not in forged.text


async def test_a_role_that_cannot_break_glass_is_refused_the_form(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    person = _at_a_refuge(borough, session_driver)
    agency = str(borough.relationships["Person:KNOWN_TO:Agency"][3]["end"])
    user = make_user(session_driver, queries, "ui.partner.bg", Role.PARTNER_AGENCY, agency)
    await sign_in(visitor, user)
    refused = await visitor.get(f"/people/{person}/break-glass")
    assert refused.status_code == 403 and "cannot see restricted records" in refused.text


async def test_the_person_page_shows_the_flags_of_their_household_with_evidence(
    practitioner: httpx.AsyncClient, client: httpx.AsyncClient, borough: Borough
) -> None:
    from tests.api.conftest import gql

    flags = (
        await gql(client, "query { youngCarers(first: 5) { flags { childId childName kind } } }")
    ).data["youngCarers"]["flags"]
    assert flags, "the test borough has young carers"
    flag = flags[0]
    page = await practitioner.get(f"/people/{flag['childId']}")
    tag = "Young carer" if flag["kind"] == "explicit" else "Possible hidden young carer"
    section = page.text.split("Children flagged in", 1)[1]
    assert f">{flag['childName']}</a>" in section and tag in section and "Why (" in section


async def test_ended_relationships_are_listed_with_their_dates_from_this_persons_side(
    practitioner: httpx.AsyncClient, borough: Borough
) -> None:
    ended = next(
        r for r in borough.relationships["Person:PARTNER_OF:Person"] if r["props"].get("to_date")
    )
    other = _person(borough, str(ended["end"]))["props"]
    assert isinstance(other, dict)
    page = await practitioner.get(f"/people/{ended['start']}")
    row = page.text.split(f'href="/people/{ended["end"]}">{other["full_name"]}</a>', 1)[1]
    row = row.split("</tr>", 1)[0]
    until = ended["props"]["to_date"]
    assert "Partner (ex)" in row and f"{until.day} {until:%B %Y}" in row


async def test_a_birth_parents_link_to_an_adopted_child_needs_break_glass(
    practitioner: httpx.AsyncClient, borough: Borough, session_driver: neo4j.Driver
) -> None:
    birth = next(
        r for r in borough.relationships["Person:PARENT_OF:Person"] if r["props"]["kind"] == "birth"
    )
    parent, child = str(birth["start"]), str(birth["end"])
    adopter = next(
        str(p["id"]) for p in borough.nodes["Person"] if str(p["id"]) not in (parent, child)
    )
    session_driver.execute_query(
        """MATCH (a:Person {id: $a}), (c:Person {id: $c})
        MERGE (a)-[r:PARENT_OF {id: 'R-UI-ADOPT'}]->(c)
          SET r.kind = 'adoptive', r.from_date = date('2020-01-01')""",
        a=adopter,
        c=child,
    )
    page = await practitioner.get(f"/people/{parent}")
    assert f'href="/people/{child}"' not in page.text.split(">Family and relationships<")[1]
    assert "See the restricted record" in page.text


async def test_my_open_cases_are_those_of_my_worker_record_named_by_their_people(
    visitor: httpx.AsyncClient,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    records, _, _ = session_driver.execute_query(queries["worker_with_open_cases"])
    worker = records[0]["id"]
    held, _, _ = session_driver.execute_query(
        """MATCH (w:Worker {id: $w})<-[al:ALLOCATED_TO]-(c:Case {status: 'open'})
        WHERE al.to_date IS NULL
        RETURN collect(c.id) AS cases,
               [(p:Person)-[:SUBJECT_OF]->(c2:Case)-[a2:ALLOCATED_TO]->(w2:Worker {id: $w})
                WHERE c2.status = 'open' AND a2.to_date IS NULL | p.full_name] AS names""",
        w=worker,
    )
    await sign_in(visitor, make_user(session_driver, queries, "ui.worker", worker=worker))
    home = await visitor.get("/")
    assert all(case in home.text for case in held[0]["cases"])
    assert held[0]["names"] and all(name in home.text for name in held[0]["names"])
    await sign_in(visitor, make_user(session_driver, queries, "ui.no.worker"))
    unlinked = await visitor.get("/")
    assert "not linked to a worker record" in unlinked.text
