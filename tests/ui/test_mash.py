"""The MASH front door in a real Chromium: receive a contact, rate it, ask agencies,
record an answer, decide, and see the case open; then acknowledge an alert. Each page
is checked with axe-core, and a refusal is shown next to its field."""

from __future__ import annotations

import neo4j
from playwright.sync_api import Browser

from graph_service.ingest.synthetic import Borough
from graph_service.store.queries import QueryLibrary
from tests.ui.conftest import make_user
from tests.ui.test_browser import Session


def _family(borough: Borough) -> tuple[str, str]:
    """A parent and their child from the borough."""
    link = borough.relationships["Person:PARENT_OF:Person"][0]
    return str(link["start"]), str(link["end"])


def _agency(driver: neo4j.Driver, kind: str) -> tuple[str, str]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Agency {kind: $kind}) RETURN a.id AS id, a.name AS name ORDER BY id LIMIT 1",
        kind=kind,
    )
    return str(records[0]["id"]), str(records[0]["name"])


def test_a_mash_worker_takes_a_contact_from_receipt_to_a_case(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    parent, child = _family(borough)
    police, police_name = _agency(session_driver, "police")
    school, school_name = _agency(session_driver, "school")
    council, _ = _agency(session_driver, "childrens_social_care")
    tab = Session(browser, server)
    tab.sign_in(make_user(session_driver, queries, "ui.mash.worker"))
    tab.page.click("a:has-text('MASH queue')")
    tab.page.wait_for_selector("h1:has-text('MASH queue')")
    assert tab.violations() == []
    tab.page.goto(f"{server}/people/{child}")  # from the child's page, the child filled in
    tab.page.click("a:has-text('Record a contact about')")
    assert tab.page.input_value("#people") == child
    tab.page.fill("#people", f"{child} {parent}")
    tab.page.check("input[name=referrerKind][value=agency]")
    tab.page.select_option("#referrerAgencyId", police)
    tab.page.fill("#summary", "Officers attended a domestic incident; the child was present.")
    tab.page.fill("#concernCodes", "3A")
    tab.page.click("text=Someone not yet recorded")
    tab.page.fill("#newGivenName", "Wren")
    tab.page.fill("#newFamilyName", "Newborn")
    tab.page.fill("#newDateOfBirth", "2026-11-20")
    tab.shot("mash-new-contact")
    assert tab.violations() == []
    tab.page.click("button:has-text('Record the contact')")
    tab.page.wait_for_selector("h1:has-text('Contact received')")
    summary = tab.page.inner_text(".govuk-summary-list")
    assert tab.page.inner_text("#handler") == "ui.mash.worker"
    assert police_name in summary and "Wren Newborn" in summary  # recorded with it

    tab.page.check("input[name=outcome][value=no_further_action]")
    tab.page.fill("#decide-rationale", "Nothing to act on")
    tab.page.click("button:has-text('Record the decision')")  # not rated yet: refused
    assert "rate the contact" in tab.page.inner_text(".govuk-error-summary").lower()
    assert tab.violations() == []
    tab.errors.clear()  # the refusal is a 400

    tab.page.check("input[name=rag][value=amber]")
    tab.page.fill("#rate-rationale", "Child present at an incident; no injuries reported")
    tab.page.click("button:has-text('Record the rating')")
    assert "rating is recorded" in tab.page.inner_text(".govuk-notification-banner")
    assert "Amber" in tab.page.inner_text("#rating")

    first = tab.page.locator("input[name^=check-]").first.get_attribute("name") or ""
    kinds, _, _ = session_driver.execute_query(
        "MATCH (a:Agency {id: $id}) RETURN a.kind AS kind", id=first.removeprefix("check-")
    )
    assert kinds[0]["kind"] == "police"  # the MASH's core partners are offered first
    tab.page.check(f"#check-{police}")
    tab.page.check(f"#check-{school}")
    tab.page.click("button:has-text('Ask them')")
    checks = tab.page.inner_text("table:has(caption:has-text('Agencies asked'))")
    assert police_name in checks and school_name in checks and "1 working day" in checks

    tab.page.select_option("#answer-agencyId", school)
    tab.page.fill("#answer-response", "Attendance 91%; no concerns raised in school")
    tab.page.click("button:has-text('Record the answer')")
    assert "Attendance 91%" in tab.page.inner_text("table:has(caption:has-text('Agencies'))")
    tab.shot("mash-contact-checks")
    assert tab.violations() == []

    tab.page.check("input[name=outcome][value=child_and_family_assessment]")
    tab.page.fill("#decide-rationale", "Second incident this year: assess the family's needs")
    tab.page.select_option("#decide-caseAgencyId", council)
    tab.page.click("button:has-text('Record the decision')")
    decision = tab.page.inner_text("#decision")
    assert "Child and family assessment (s.17)" in decision and "ui.mash.worker" in decision
    case_id = tab.page.inner_text("#case-id")
    tab.shot("mash-contact-decided")
    assert tab.violations() == []

    tab.page.goto(f"{server}/people/{child}")
    assert case_id in tab.page.inner_text("body")  # the case is open on the child's page
    tab.page.goto(f"{server}/mash/dashboard")
    assert tab.page.inner_text("#share-in-time") == "100%"
    tab.shot("mash-dashboard")
    assert tab.violations() == []
    assert tab.errors == []
    assert all(r.startswith(f"{server}/") for r in tab.requests)
    tab.page.close()


def test_alerts_are_acknowledged_in_bulk_from_the_inbox(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    parent, child = _family(borough)
    session_driver.execute_query(
        "MATCH (c:Person {id: $child}) UNWIND range(1, 3) AS n "
        "CREATE (a:Alert {id: 'AL-UI-' + n, subject_id: $child, cause_person_id: $parent, "
        "  trigger_kind: 'concern', concern_code: '3B', rules: ['serious_on_adult'], "
        "  reasons: ['a high-severity domestic abuse concern about an adult in their household'], "
        "  rag: 'red', state: 'open', raised_at: datetime() - duration({days: 7 + n}), "
        "  worker_ids: []})-[:ABOUT]->(c)",
        child=child,
        parent=parent,
    )
    tab = Session(browser, server)
    tab.sign_in(make_user(session_driver, queries, "ui.alerts.worker"))
    tab.page.goto(f"{server}/people/{child}")  # the child's own page says so too
    on_page = tab.page.inner_text("#person-alerts")
    assert on_page.count("domestic abuse concern about an adult in their household") == 3
    assert tab.violations() == []
    tab.page.click("a:has-text('Alerts')")
    tab.page.wait_for_selector("h1:has-text('Alerts')")
    assert tab.page.locator("strong:has-text('Escalated')").count() == 3  # a week old, red
    assert tab.violations() == []
    tab.page.check("#alert-AL-UI-1")
    tab.page.check("#alert-AL-UI-2")
    tab.page.fill("#note", "Spoke to the school")
    tab.page.click("button:has-text('Acknowledge the alerts ticked')")
    assert "2 alerts acknowledged" in tab.page.inner_text(".govuk-notification-banner")
    assert tab.page.locator("#alert-AL-UI-3").count() == 1
    assert tab.page.locator("#alert-AL-UI-1").count() == 0  # no longer open
    tab.page.goto(f"{server}/alerts?state=acknowledged")
    assert tab.page.inner_text("table").count("Spoke to the school") == 2
    tab.shot("alerts-acknowledged")
    assert tab.violations() == []
    assert tab.errors == []
    tab.page.close()
