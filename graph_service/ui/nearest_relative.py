"""The nearest relative under the Mental Health Act 1983 s.26, for AMHPs: the answer, every
candidate with the rule that placed or excluded them, what the record lacks, and a warning
when the nearest relative has a hazard or a domestic abuse concern."""

from __future__ import annotations

from datetime import date

from starlette.responses import Response

from graph_service.model.errors import InvalidRequest
from graph_service.services.nearest_relative import NearestRelativeRecord, nearest_relative_record
from graph_service.store.gateway import today
from graph_service.ui.access import Page, page

__all__ = ["nearest_relative_page"]


def _as_of(value: str | None) -> date:
    if not value:
        return today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidRequest(
            "asOf", f"{value!r} is not a date: write it like 2026-03-27 (year, month, day)"
        ) from None


@page("nearestRelativePage")
async def nearest_relative_page(current: Page) -> Response:
    person_id = current.request.path_params["id"]
    on = _as_of(current.request.query_params.get("asOf"))
    found = await nearest_relative_record(current.gateway, current.reader(), person_id, on)
    record: NearestRelativeRecord | None = await current.disclosure.vet(found)
    await current.audited(f"page nearest relative {person_id}")
    if record is None or record.patient is None or record.answer is None:
        return await current.no_such("person", person_id, ("/", "Search for a person"))
    return await current.render(
        "nearest_relative.html",
        title=f"Nearest relative: {record.patient.full_name}",
        record=record,
        on=on,
    )
