"""Who is one person: the review queue of possible duplicates, a pair side by side with the
model's evidence field by field (confirm or reject, with a reason), and un-merging a
record from the person it was linked into."""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import RedirectResponse, Response

from graph_service.model.errors import DomainError
from graph_service.services import identities
from graph_service.ui.access import Page, page
from graph_service.ui.forms import form_fields, said

__all__ = ["QUEUE_SIZE", "decide", "review_page", "review_queue", "unmerge", "unmerge_form"]

QUEUE_SIZE = 50
_FIELD_LABELS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "address": "Address",
}


@page("matchReviewPage")
async def review_queue(current: Page) -> Response:
    person = current.request.query_params.get("person") or None
    found = await identities.review_queue(current.gateway, current.reader(), person, 0, QUEUE_SIZE)
    reviews = await current.disclosure.vet(found)
    await current.audited("page match reviews")
    return await current.render(
        "reviews.html",
        title="Possible duplicates",
        reviews=reviews,
        person=person,
        done=current.request.query_params.get("done"),
    )


@page("matchReviewPage")
async def review_page(current: Page) -> Response:
    return await _review(current, current.request.path_params["id"])


async def _review(current: Page, review_id: str, status: int = 200, **context: object) -> Response:
    found = await identities.match_review(current.gateway, current.reader(), review_id)
    review = await current.disclosure.vet(found)
    await current.audited(f"page match review {review_id}")
    if review is None:
        return await current.no_such("review", review_id, ("/reviews", "Go to the queue"))
    return await current.render(
        "review.html",
        status,
        title="Are these one person?",
        review=review,
        labels=_FIELD_LABELS,
        **context,
    )


@page("matchReviewPage")
async def decide(current: Page) -> Response:
    """Confirm or reject the pair with a reason: checked and written in one transaction;
    a refusal (an unsafe merge) is shown on the review with its reason."""
    review_id = current.request.path_params["id"]
    fields = await form_fields(current.request)
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.expired()
    action = fields.get("action")
    operation = "confirmMatch" if action == "confirm" else "rejectMatch"
    current.disclosure.authorise(operation)
    await current.attempted(f"{operation} {review_id}", [])
    try:
        decided = identities.confirm_match if action == "confirm" else identities.reject_match
        await decided(current.gateway, current.writer(), review_id, fields.get("reason", ""))
    except DomainError as refused:
        field = "reason" if refused.field == "reason" else "decision"
        return await _review(current, review_id, 400, errors={field: said(refused)}, posted=fields)
    await current.audited(f"{operation} {review_id}", "write")
    return RedirectResponse(f"/reviews?done={quote(review_id)}", status_code=303)


@page("matchReviewPage")
async def unmerge_form(current: Page) -> Response:
    record = current.request.query_params.get("record", "")
    return await _unmerge_form(current, record)


async def _unmerge_form(
    current: Page, record: str, status: int = 200, **context: object
) -> Response:
    person_id = current.request.path_params["id"]
    return await current.render(
        "unmerge.html",
        status,
        title="Un-merge a record",
        person_id=person_id,
        record_id=record,
        **context,
    )


@page("matchReviewPage")
async def unmerge(current: Page) -> Response:
    """Take a record out of the person: it is its own person again, with everything its
    agency recorded; then show the person that remains."""
    fields = await form_fields(current.request)
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.expired()
    record = fields.get("record", "")
    current.disclosure.authorise("unmergeRecord")
    await current.attempted(f"unmergeRecord {record}", [record])
    try:
        done = await identities.unmerge_record(
            current.gateway, current.writer(), record, fields.get("reason", "")
        )
    except DomainError as refused:
        field = "reason" if refused.field == "reason" else "record"
        return await _unmerge_form(current, record, 400, errors={field: said(refused)})
    shown = await current.disclosure.vet(done)
    await current.audited(f"unmergeRecord {record}", "write")
    remaining = str(shown.person.id) if shown and shown.person else record
    return RedirectResponse(f"/people/{quote(remaining)}?unmerged={quote(record)}", status_code=303)
