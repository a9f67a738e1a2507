"""Possible duplicates in the practitioner UI: the queue, a pair side by side with each
field's weight, a confirmation with a reason, the person recorded as both, and an
un-merge that makes the record a person of its own again."""

from __future__ import annotations

import re

import httpx
import neo4j

from graph_service.security.roles import Role
from graph_service.store.queries import QueryLibrary
from tests.api.conftest import gql
from tests.api.test_identities import _person, _surname
from tests.ui.conftest import csrf_of, make_user, sign_in

_REVIEW_LINK = re.compile(r'href="/reviews/(MR-[0-9a-f]+)"')


async def _agency(client: httpx.AsyncClient, kind: str) -> str:
    query = "query($k: String) { agencies(kind: $k) { edges { node { id } } } }"
    result = await gql(client, query, k=kind)
    return str(result.data["agencies"]["edges"][0]["node"]["id"])


async def test_a_reviewer_confirms_a_pair_and_un_merges_it_again(
    client: httpx.AsyncClient, senior: httpx.AsyncClient
) -> None:
    care, police = await _agency(client, "childrens_social_care"), await _agency(client, "police")
    surname = _surname()
    father = await _person(client, care, "Daniel", surname, "1985-06-14", "MALE")
    alias = await _person(client, police, "Danny", surname, "1985-06-14", "MALE")

    queue = await senior.get(f"/reviews?person={father['id']}")
    assert queue.status_code == 200 and "Possible duplicates" in queue.text
    [review_id] = _REVIEW_LINK.findall(queue.text)
    pair = await senior.get(f"/reviews/{review_id}")
    assert pair.status_code == 200 and "Are these one person?" in pair.text
    assert "Danny" in pair.text and "Daniel" in pair.text
    assert re.search(r"Date of birth</th>.*?govuk-tag--green\">\+\d", pair.text, re.S)
    token = csrf_of(pair.text)

    unexplained = await senior.post(
        f"/reviews/{review_id}", data={"csrf": token, "action": "confirm", "reason": " "}
    )
    assert unexplained.status_code == 400 and "Reason must not be blank" in unexplained.text
    reason = "Police confirmed Danny is the alias he uses"
    confirmed = await senior.post(
        f"/reviews/{review_id}", data={"csrf": token, "action": "confirm", "reason": reason}
    )
    assert confirmed.status_code == 303 and confirmed.headers["location"].startswith("/reviews")

    page = await senior.get(f"/people/{alias['id']}")
    assert "Recorded as" in page.text and f"/people/{father['id']}/unmerge" in page.text
    assert page.text.count("<strong>Dan") == 2  # Daniel, and Danny
    form = await senior.get(f"/people/{father['id']}/unmerge?record={alias['id']}")
    unmerged = await senior.post(
        f"/people/{father['id']}/unmerge",
        data={"csrf": csrf_of(form.text), "record": alias["id"], "reason": "A different man"},
    )
    assert unmerged.status_code == 303
    assert unmerged.headers["location"] == f"/people/{father['id']}?unmerged={alias['id']}"
    after = await senior.get(unmerged.headers["location"])
    assert "is a person of its own again" in after.text and "Recorded as" not in after.text


async def test_a_partner_agency_cannot_open_the_review_queue(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    records, _, _ = session_driver.execute_query("MATCH (a:Agency) RETURN a.id AS id LIMIT 1")
    user = make_user(
        session_driver, queries, "ui.partner", Role.PARTNER_AGENCY, agency=records[0]["id"]
    )
    await sign_in(visitor, user)
    refused = await visitor.get("/reviews")
    assert refused.status_code == 403 and "Possible duplicates" not in refused.text
