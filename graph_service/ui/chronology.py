"""A person's chronology: theirs and their household's events in one list, filtered by
kind, agency and dates; printable, and exported as CSV (audited like any view)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from starlette.datastructures import QueryParams
from starlette.responses import Response

from graph_service.services.chronology import family_chronology
from graph_service.ui.access import Page, agency_names, page
from graph_service.views.records import ChronologyEvent, ChronologyEventKind

__all__ = ["chronology_csv", "chronology_page"]

K = ChronologyEventKind
# The filter's groups, in the words a practitioner uses.
GROUPS = {
    "concerns": ("Concerns", {K.CONCERN_RAISED, K.CONCERN_CLOSED}),
    "cases": (
        "Cases and their steps",
        {
            K.CASE_OPENED,
            K.CASE_CLOSED,
            K.CASE_ALLOCATED,
            K.REFERRAL_DECISION,
            K.ASSESSMENT_COMPLETED,
            K.STRATEGY_DISCUSSION,
            K.INITIAL_CONFERENCE,
        },
    ),
    "relationships": ("Relationships", {K.RELATIONSHIP_STARTED, K.RELATIONSHIP_ENDED}),
    "moves": ("Moves", {K.MOVED_IN, K.MOVED_OUT}),
    "hazards": ("Hazards", {K.HAZARD_RECORDED}),
}


@dataclass(frozen=True)
class Filters:
    groups: frozenset[str]
    agency: str | None
    start: date | None
    end: date | None

    def keeps(self, event: ChronologyEvent) -> bool:
        kinds = set().union(*(GROUPS[g][1] for g in self.groups)) if self.groups else None
        return (
            (kinds is None or event.kind in kinds)
            and (self.agency is None or event.source_agency_id == self.agency)
            and (self.start is None or event.on >= self.start)
            and (self.end is None or event.on <= self.end)
        )


def _filters(params: QueryParams, errors: dict[str, str]) -> Filters:
    groups = frozenset(g for g in params.getlist("kind") if g in GROUPS)
    dates = {}
    for name, label in (("from", "From"), ("to", "To")):
        value = params.get(name, "").strip()
        if value:
            try:
                dates[name] = date.fromisoformat(value)
            except ValueError:
                errors[name] = f"{label} must be a date like 2026-03-27 (year, month, day)"
    if "from" in dates and "to" in dates and dates["to"] < dates["from"]:
        errors["to"] = "To must be the same as or after From"
    return Filters(groups, params.get("agency") or None, dates.get("from"), dates.get("to"))


async def _events(current: Page, person_id: str) -> tuple[list[ChronologyEvent], dict[str, str]]:
    found = await family_chronology(current.gateway, current.reader(), person_id)
    shown = await current.disclosure.vet(found)
    names = {str(p.id): p.full_name for p in shown.people}
    return shown.events, names


@page("chronologyPage")
async def chronology_page(current: Page) -> Response:
    person_id = current.request.path_params["id"]
    errors: dict[str, str] = {}
    filters = _filters(current.request.query_params, errors)
    events, names = await _events(current, person_id)
    await current.audited(f"page chronology {person_id}")
    if person_id not in names:
        return await current.no_such("person", person_id, ("/", "Search for a person"))
    agencies = await agency_names(current.request, current.gateway)
    used = sorted({e.source_agency_id for e in events if e.source_agency_id})
    return await current.render(
        "chronology.html",
        400 if errors else 200,
        title=f"Chronology: {names[person_id]}",
        person_id=person_id,
        person_name=names[person_id],
        events=[e for e in events if filters.keeps(e)] if not errors else events,
        total=len(events),
        names=names,
        groups=GROUPS,
        filters=filters,
        agencies=[(a, agencies.get(a, a)) for a in used],
        errors=errors,
        query=str(current.request.query_params),
        params=current.request.query_params,
    )


@page("chronologyPage")
async def chronology_csv(current: Page) -> Response:
    person_id = current.request.path_params["id"]
    errors: dict[str, str] = {}
    filters = _filters(current.request.query_params, errors)
    events, names = await _events(current, person_id)
    await current.audited(f"export chronology {person_id}")
    if person_id not in names or errors:
        return Response("no such person that you may see, or a bad filter", status_code=404)
    agencies = await agency_names(current.request, current.gateway)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "about", "event", "recorded by"])
    for event in (e for e in events if filters.keeps(e)):
        about = names.get(event.person_id or "", "the household")
        source = agencies.get(event.source_agency_id or "", "not recorded")
        writer.writerow([event.on.isoformat(), about, event.summary, source])
    filename = f"chronology-{person_id}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
