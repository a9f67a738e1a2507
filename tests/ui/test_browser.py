"""The practitioner UI in a real Chromium (Debian's, driven by Playwright), served for real:
a MASH worker's journey by keyboard and mouse, every page checked by axe-core (WCAG 2.2 AA),
reflowing at 320 CSS pixels, with no console errors and nothing fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest
from playwright.sync_api import Browser, Page

from graph_service.ingest.synthetic import Borough
from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.conftest import ARTIFACTS
from tests.ui.conftest import PASSWORD, make_user

AXE = Path(__file__).with_name("axe") / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Session:
    """One browser tab, recording console errors and every request it makes."""

    def __init__(self, browser: Browser, server: str, width: int = 1280) -> None:
        self.server = server
        self.page: Page = browser.new_page(viewport={"width": width, "height": 720})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}")
        )

    def sign_in(self, user: str) -> None:
        self.page.goto(f"{self.server}/")
        self.page.fill("#user", user)
        self.page.fill("#password", PASSWORD)
        self.page.click("button:has-text('Sign in')")
        self.page.wait_for_selector("h1:has-text('Find a person')")

    def violations(self) -> list[dict[str, Any]]:
        """What axe-core finds against WCAG 2.2 AA on the page as it stands."""
        assert AXE.exists(), "axe-core is not installed: run make install"
        # Evaluated over the DevTools protocol: the page's CSP rightly refuses to run it.
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        found: list[dict[str, Any]] = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.length,"
            " target: v.nodes[0].target})))",
            WCAG,
        )
        return found

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"ui-{name}.png"), full_page=True)


def _hazard_person(borough: Borough) -> dict[str, Any]:
    wanted = borough.relationships["Person:HAS_HAZARD:Hazard"][0]["start"]
    return next(p for p in borough.nodes["Person"] if p["id"] == wanted)


def _a_review(driver: neo4j.Driver, borough: Borough) -> str:
    """A pair of the borough's people put to review, with a weight for each field."""
    a, b = (p["id"] for p in borough.nodes["Person"][:2])
    driver.execute_query(
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}) "
        "MERGE (m:MatchReview {pair_key: 'browser-sample'}) "
        "ON CREATE SET m += {id: 'MR-browser-sample', status: 'pending', band: 'review', "
        "  match_weight: 3.5, field_names: ['given_name', 'family_name', 'date_of_birth', "
        "  'sex', 'address'], field_weights: [2.5, -1.0, 0.0, 0.8, 1.2]} "
        "MERGE (m)-[:CANDIDATE {side: 'left'}]->(a) MERGE (m)-[:CANDIDATE {side: 'right'}]->(b)",
        a=a,
        b=b,
    )
    return "/reviews/MR-browser-sample"


def test_a_mash_worker_finds_a_misspelled_person_their_hazards_and_map(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    user = make_user(session_driver, queries, "ui.journey")
    tab = Session(browser, server)
    tab.page.goto(f"{server}/")
    assert tab.page.url.startswith(f"{server}/sign-in")
    assert tab.violations() == []
    tab.sign_in(user)
    assert tab.violations() == []
    wanted = _hazard_person(borough)
    given, family = wanted["props"]["given_name"], wanted["props"]["family_name"]
    tab.page.fill("#name", f"{given} {family[:-1]}{family[-1] * 2}")  # one letter too many
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_selector("#results-heading")
    assert tab.violations() == []
    tab.shot("search-results")
    tab.page.click(f"a[href='/people/{wanted['id']}']")
    tab.page.wait_for_selector("#hazards-heading")
    assert "warning" in tab.page.inner_text("#hazards-heading")
    assert tab.violations() == []
    tab.shot("person")
    assert tab.page.locator("h2:has-text('Family indicators')").is_visible()
    tab.page.click("a:has-text('Family map')")
    tab.page.wait_for_selector("body[data-map-ready=true]", timeout=60_000)
    tab.shot("family-map-genogram")
    tab.page.go_back()
    tab.page.click("a:has-text('Chronology')")
    tab.page.wait_for_selector("h1:has-text('Chronology')")
    assert tab.violations() == []
    tab.shot("chronology")
    assert tab.errors == []
    assert tab.requests and all(r.startswith(f"{server}/") for r in tab.requests)
    tab.page.close()


def test_the_keyboard_reaches_the_content_first_and_the_focus_is_visible(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    tab = Session(browser, server)
    tab.sign_in(make_user(session_driver, queries, "ui.keys"))
    tab.page.keyboard.press("Tab")
    skip = tab.page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    outline = tab.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    shadow = tab.page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none" or shadow != "none", "the focused link must show it has focus"
    tab.page.keyboard.press("Enter")
    tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("document.activeElement.id") == "name"  # the search, next
    tab.page.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?name=smith",
        "person",
        "chronology",
        "nearest-relative",
        "/allocation",
        "/analyses",
        "/analyses/young-carers",
        "/analyses/disadvantage",
        "/analyses/toxic-trio",
        "/analyses/clusters",
        "/analyses/hubs",
        "/reviews",
        "review",
        "/signed-out?why=idle",
        "/people/P-NOBODY",
    ],
)
def test_pages_reflow_at_320_css_pixels_without_sideways_scrolling(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
    path: str,
) -> None:
    tab = Session(browser, server, width=320)
    tab.sign_in(make_user(session_driver, queries, "ui.narrow", Role.SENIOR_PRACTITIONER))
    person = f"/people/{_hazard_person(borough)['id']}"
    named = {"person": person, "review": _a_review(session_driver, borough)}
    target = named.get(path, f"{person}/{path}" if "/" not in path else path)
    expected = 404 if "NOBODY" in path else 200
    answer = tab.page.goto(f"{server}{target}")
    assert answer is not None and answer.status == expected
    overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{target} scrolls sideways by {overflow} px at 320 px"
    assert tab.violations() == []
    tab.page.close()


def test_the_audit_page_for_an_auditor_has_no_accessibility_violations(
    server: str,
    browser: Browser,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    tab = Session(browser, server)
    tab.page.goto(f"{server}/")
    tab.page.fill("#user", make_user(session_driver, queries, "ui.axe.auditor", Role.AUDITOR))
    tab.page.fill("#password", PASSWORD)
    tab.page.click("button:has-text('Sign in')")
    tab.page.goto(f"{server}/audit?user=ui.journey")
    assert tab.page.inner_text("h1") == "Audit trail"
    assert tab.violations() == []
    tab.page.close()


def test_every_page_but_the_map_works_without_javascript(
    server: str,
    browser: Browser,
    borough: Borough,
    session_driver: neo4j.Driver,
    queries: QueryLibrary,
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 720}
    )
    page = context.new_page()
    page.goto(f"{server}/")
    page.fill("#user", make_user(session_driver, queries, "ui.nojs", Role.SENIOR_PRACTITIONER))
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    wanted = _hazard_person(borough)
    page.fill("#name", f"{wanted['props']['given_name']} {wanted['props']['family_name']}")
    page.click("button:has-text('Search')")
    page.click(f"a[href='/people/{wanted['id']}']")
    assert "warning" in page.inner_text("#hazards-heading")
    page.click("a:has-text('Chronology')")
    page.check("#kind-hazards")
    page.click("button:has-text('Filter')")
    assert "Hazard recorded" in page.inner_text("table")
    page.goto(f"{server}/allocation")
    page.locator("button:has-text('Accept: allocate to')").first.click()
    assert "Allocated" in page.inner_text(".govuk-notification-banner")
    context.close()
