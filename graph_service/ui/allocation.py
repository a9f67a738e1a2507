"""The allocation board for senior practitioners: the unallocated queue with a suggestion
for each family's cases (reasons and runner-up), accepted or overridden with a reason,
and each case's allocation history."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from graph_service.model.errors import DomainError, InvalidRequest
from graph_service.services.allocation import (
    Allocation,
    AllocationRequest,
    allocate_case,
    allocation_board,
    allocation_history,
)
from graph_service.services.cases import case as case_by_id
from graph_service.store.gateway import today
from graph_service.ui.access import Page, page
from graph_service.ui.forms import form_fields

__all__ = ["BOARD_SIZE", "allocate", "allocation_page", "case_history"]

BOARD_SIZE = 20


async def _board(current: Page, status: int = 200, **context: object) -> Response:
    settings = current.request.app.state.settings
    request = AllocationRequest(today(), queue_limit=BOARD_SIZE)
    found = await allocation_board(
        current.gateway,
        current.reader(),
        request,
        settings.complexity,
        settings.allocation,
        current.request.app.state.analyses,
    )
    board = await current.disclosure.vet(found)
    await current.audited("page allocation board")
    names = {str(p.id): p.full_name for p in board.people}
    return await current.render(
        "allocation.html",
        status,
        title="Allocate cases",
        plan=board.plan,
        cases={str(c.id): c for c in board.cases},
        names=names,
        today=request.on,
        **context,
    )


@page("allocationBoardPage")
async def allocation_page(current: Page) -> Response:
    return await _board(current, done=current.request.query_params.get("done"))


@page("allocationBoardPage")
async def allocate(current: Page) -> Response:
    """Accept the suggestion, or choose another worker with a reason: each case of the
    family's group is allocated, checked against the hard rules inside its write."""
    fields = await form_fields(current.request)
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.render(
            "error.html",
            403,
            title="The form had expired",
            message="The form was out of date, so nothing was allocated. Reload the board.",
        )
    cases = [c for c in fields.get("cases", "").split(",") if c]
    suggested = fields.get("suggested") or None
    # Accepting takes the suggestion; choosing someone else takes the list's choice.
    worker = suggested if fields.get("action") == "accept" else fields.get("other") or None
    group = fields.get("group", "")
    errors: dict[str, str] = {}
    if not cases or worker is None:
        errors[f"worker-{group}"] = "Choose a worker for these cases"
    else:
        current.disclosure.authorise("allocateCase")
        found = [await case_by_id(current.gateway, case_id) for case_id in cases]
        subjects = sorted({s for c in found if c is not None for s in c.subject_ids})
        await current.attempted(f"allocate {','.join(cases)}", subjects)
        current.disclosure.consulted(subjects)
        try:
            for case_id in cases:
                chosen = Allocation(
                    case_id, worker, today(), suggested, fields.get("reason") or None
                )
                settings = current.request.app.state.settings
                await allocate_case(
                    current.gateway,
                    current.writer(),
                    chosen,
                    settings.complexity,
                    settings.allocation,
                )
        except DomainError as refused:
            problem = refused.problem if isinstance(refused, InvalidRequest) else refused.message
            key = "reason" if refused.field == "reason" else "worker"
            errors[f"{key}-{group}"] = problem[:1].upper() + problem[1:]
    if errors:
        return await _board(current, 400, errors=errors, posted=fields)
    await current.audited(f"allocate {','.join(cases)}", "write")
    return RedirectResponse(f"/allocation?done={','.join(cases)}", status_code=303)


@page("allocationBoardPage")
async def case_history(current: Page) -> Response:
    case_id = current.request.path_params["id"]
    found = await case_by_id(current.gateway, case_id)
    history = await allocation_history(current.gateway, case_id) if found else []
    shown = await current.disclosure.vet(found)
    await current.audited(f"page allocation history {case_id}")
    if shown is None:
        return await current.no_such("case", case_id, ("/allocation", "Go to the board"))
    return await current.render(
        "case_history.html", title=f"Allocation history: {case_id}", case=shown, history=history
    )
