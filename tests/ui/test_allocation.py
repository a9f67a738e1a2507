"""The allocation board: a senior practitioner accepts one suggestion and overrides another
with a reason, and each case's history shows who did it and how."""

from __future__ import annotations

import re

import httpx
import neo4j

from graph_service.store.queries import QueryLibrary
from tests.api.conftest import last_event
from tests.ui.conftest import csrf_of, make_user, sign_in

_GROUP = re.compile(
    r'name="group" value="(\d+)">\s*<input type="hidden" name="cases" value="([^"]*)">\s*'
    r'<input type="hidden" name="suggested" value="([^"]*)">'
)
_RUNNER_UP = re.compile(r'<option value="([^"]+)" selected>')


async def test_accept_one_and_override_another_with_a_reason_and_the_history_says_so(
    senior: httpx.AsyncClient, session_driver: neo4j.Driver
) -> None:
    board = await senior.get("/allocation")
    assert board.status_code == 200 and "Allocate cases" in board.text
    groups = [g for g in _GROUP.findall(board.text) if g[2]]
    assert len(groups) >= 2, "the test borough should queue at least two allocatable groups"
    first, cases, suggested = groups[0]
    token = csrf_of(board.text)

    accepted = await senior.post(
        "/allocation",
        data={
            "csrf": token,
            "group": first,
            "cases": cases,
            "suggested": suggested,
            "action": "accept",
            # A browser also sends the list's choice, whatever the button pressed.
            "other": "W-someone-else",
        },
    )
    assert (
        accepted.status_code == 303 and accepted.headers["location"] == f"/allocation?done={cases}"
    )
    assert last_event(session_driver)["action"] == "write"
    history = await senior.get(f"/cases/{cases.split(',')[0]}/allocations")
    assert "Followed the suggestion" in history.text and "ui.senior" in history.text

    board = await senior.get("/allocation")
    second, other_cases, other_suggested = next(g for g in _GROUP.findall(board.text) if g[2])
    # The runner-up, which the group's form offers first when choosing someone else.
    form = board.text.split(f'name="group" value="{second}"', 1)[1].split("</form>", 1)[0]
    runner_up = _RUNNER_UP.search(form)
    assert runner_up, "each suggestion with a runner-up offers it"
    someone_else = runner_up.group(1)
    fields = {
        "csrf": token,
        "group": second,
        "cases": other_cases,
        "suggested": other_suggested,
        "action": "override",
        "other": someone_else,
    }
    unexplained = await senior.post("/allocation", data=fields)
    assert unexplained.status_code == 400
    assert "There is a problem" in unexplained.text and "Give a reason" in unexplained.text
    reason = "knows the family from an earlier case"
    overridden = await senior.post("/allocation", data={**fields, "reason": reason})
    assert overridden.status_code == 303
    history = await senior.get(f"/cases/{other_cases.split(',')[0]}/allocations")
    assert f"Overrode the suggestion: {reason}" in history.text


async def test_a_forged_form_allocates_nothing(
    senior: httpx.AsyncClient,
) -> None:
    board = await senior.get("/allocation")
    group, cases, suggested = next(g for g in _GROUP.findall(board.text) if g[2])
    forged = await senior.post(
        "/allocation",
        data={
            "csrf": "forged",
            "group": group,
            "cases": cases,
            "suggested": suggested,
            "action": "accept",
        },
    )
    assert forged.status_code == 403
    history = await senior.get(f"/cases/{cases.split(',')[0]}/allocations")
    assert "never been allocated" in history.text


async def test_a_mash_practitioner_is_refused_the_board(
    visitor: httpx.AsyncClient, session_driver: neo4j.Driver, queries: QueryLibrary
) -> None:
    await sign_in(visitor, make_user(session_driver, queries, "ui.mash.alloc"))
    refused = await visitor.get("/allocation")
    assert refused.status_code == 403 and "MASH practitioner role" in refused.text
