"""Whole journeys in a real Chromium, each with screenshots written as test artefacts:
a partner agency's (its scope only, but the address warning too), a break-glass (without
a reason, then with one), and a senior practitioner's (accept one suggestion)."""

from __future__ import annotations

from typing import Any

import neo4j
from playwright.sync_api import Browser

from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.ui.conftest import make_user
from tests.ui.test_browser import Session


def _lodger_with_a_hazard(borough: Borough, session_driver: neo4j.Driver) -> dict[str, Any]:
    """Someone an agency knows, and a lodger at their address it does not, who has a
    hazard: the agency sees the person and the warning, never the lodger."""
    known = borough.relationships["Person:KNOWN_TO:Agency"][0]
    person, agency = str(known["start"]), str(known["end"])
    session_driver.execute_query(
        """MATCH (p:Person {id: $p})-[l:LIVES_AT]->(a:Address) WHERE l.to_date IS NULL
        WITH p, a LIMIT 1
        MERGE (x:Person {id: 'P-UI-LODGER'})
          SET x.given_name = 'Lodger', x.family_name = 'Unseen', x.full_name = 'Lodger Unseen'
        MERGE (x)-[r:LIVES_AT {id: 'R-UI-LODGER'}]->(a) SET r.from_date = date('2025-01-01')
        MERGE (h:Hazard {id: 'HZ-UI-LODGER'})
          SET h.kind = 'aggressive_dog', h.description = 'Dog loose in the garden',
              h.recorded_on = date('2025-02-01'), h.review_on = date('2027-02-01'),
              h.source_agency = 'AG001'
        MERGE (x)-[k:HAS_HAZARD {id: 'R-UI-LODGER-HZ'}]->(h)
          SET k.from_date = date('2025-02-01')""",
        p=person,
    )
    return {"person": person, "agency": agency}


def test_a_partner_agency_sees_its_scope_and_the_address_warning_but_not_the_lodger(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    case = _lodger_with_a_hazard(borough, session_driver)
    user = make_user(session_driver, queries, "ui.j.partner", Role.PARTNER_AGENCY, case["agency"])
    tab = Session(browser, server)
    tab.sign_in(user)
    tab.page.goto(f"{server}/people/{case['person']}")
    hazards = tab.page.inner_text("section[aria-labelledby=hazards-heading]")
    assert "aggressive dog" in hazards.lower() and "Lodger" not in hazards
    assert "whom you cannot see here" in hazards
    tab.shot("partner-person")
    assert tab.violations() == []
    tab.page.goto(f"{server}/people/P-UI-LODGER")
    assert tab.page.inner_text("h1") == "No such person that you may see"
    assert "Unseen" not in tab.page.content()
    tab.shot("partner-refused")
    assert tab.errors == [] or all("404" in e for e in tab.errors)
    assert all(r.startswith(f"{server}/") for r in tab.requests)
    tab.page.close()


def test_break_glass_without_a_reason_then_with_one(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    person = str(borough.nodes["Person"][7]["id"])
    session_driver.execute_query(
        """MATCH (p:Person {id: $p})
        MERGE (a:Address {id: 'AD-UI-J-REFUGE'})
          SET a.line1 = '9 Haven Close', a.postcode = 'NB9 9ZZ', a.protected = true
        MERGE (p)-[l:LIVES_AT {id: 'R-UI-J-REFUGE'}]->(a) SET l.from_date = date('2026-02-01')""",
        p=person,
    )
    tab = Session(browser, server)
    tab.sign_in(make_user(session_driver, queries, "ui.j.glass"))
    tab.page.goto(f"{server}/people/{person}")
    assert "9 Haven Close" not in tab.page.content()
    tab.page.click("text=See the restricted record, stating why")
    tab.page.click("button:has-text('Show the restricted record')")
    assert "at least 15 characters" in tab.page.inner_text(".govuk-error-summary")
    assert "9 Haven Close" not in tab.page.content()
    tab.shot("break-glass-refused")
    assert tab.violations() == []
    assert [e for e in tab.errors if "400" not in e] == []  # the refusal is a 400
    tab.errors.clear()
    tab.page.fill("#reason", "Strategy discussion today: the police need the current address")
    tab.page.click("button:has-text('Show the restricted record')")
    assert "9 Haven Close" in tab.page.content()
    assert "Your reason has been recorded" in tab.page.inner_text(".govuk-warning-text")
    tab.shot("break-glass-shown")
    assert tab.errors == []
    tab.page.close()


def test_a_senior_practitioner_accepts_a_suggestion_and_sees_who_did_it(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    tab = Session(browser, server)
    tab.sign_in(make_user(session_driver, queries, "ui.j.senior", Role.SENIOR_PRACTITIONER))
    tab.page.goto(f"{server}/allocation")
    tab.shot("allocation-board")
    assert tab.violations() == []
    accept = tab.page.locator("button:has-text('Accept: allocate to')").first
    case_id = accept.locator("xpath=..").locator("input[name=cases]").input_value().split(",")[0]
    accept.click()
    tab.page.wait_for_load_state()
    tab.shot("allocation-accepted")
    assert "Allocated" in tab.page.inner_text(".govuk-notification-banner")
    tab.page.goto(f"{server}/cases/{case_id}/allocations")
    history = tab.page.inner_text("table")
    assert "ui.j.senior" in history and "Followed the suggestion" in history
    tab.shot("allocation-history")
    assert tab.violations() == []
    # Another family's cases to the runner-up instead, with a reason.
    tab.page.goto(f"{server}/allocation")
    form = tab.page.locator("form:has(button:has-text('Accept: allocate to'))").first
    other_case = form.locator("input[name=cases]").input_value().split(",")[0]
    form.locator("summary:has-text('Choose someone else')").click()
    form.locator("textarea[name=reason]").fill("Knows the family from a previous case")
    form.locator("button:has-text('Allocate to this worker')").click()
    tab.page.wait_for_load_state()
    tab.shot("allocation-overridden")
    # The runner-up the form offers first passed the hard rules when it was planned.
    assert "Allocated" in tab.page.inner_text(".govuk-notification-banner")
    tab.page.goto(f"{server}/cases/{other_case}/allocations")
    assert "Overrode the suggestion: Knows the family" in tab.page.inner_text("table")
    assert tab.errors == []
    tab.page.close()


def test_an_amhp_finds_the_nearest_relative_from_the_persons_page(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    married = next(
        r
        for r in borough.relationships["Person:PARTNER_OF:Person"]
        if r["props"].get("kind") == "married" and r["props"].get("to_date") is None
    )
    tab = Session(browser, server)
    tab.sign_in(make_user(session_driver, queries, "ui.j.amhp"))
    tab.page.goto(f"{server}/people/{married['start']}")
    tab.page.click("a:has-text('Nearest relative')")
    tab.page.wait_for_selector("h1:has-text('Nearest relative of')")
    answer = tab.page.locator(".govuk-panel__title, .govuk-inset-text").first.inner_text()
    assert answer.strip()
    assert tab.page.locator("table").inner_text().count("\n") >= 1  # everyone considered
    assert tab.violations() == []
    tab.shot("nearest-relative")
    assert tab.errors == []
    tab.page.close()
