"""Finding a person and their page: home (search and my open cases), results, person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from starlette.responses import Response

from graph_service.model.errors import InvalidRequest
from graph_service.model.relations import relation_from
from graph_service.model.think_family import AlertState
from graph_service.security.access import disclosure_for
from graph_service.security.policy import (
    BREAK_GLASS_MIN_REASON,
    BREAK_GLASS_ROLES,
    AccessDeniedError,
    Operation,
    may,
)
from graph_service.services import alerts
from graph_service.services.alerts import AlertFilter
from graph_service.services.cases import CaseFilter, cases
from graph_service.services.people import PeopleSearch, people_by_id
from graph_service.services.person_record import PersonRecord, person_record, search_results
from graph_service.store.gateway import now, today
from graph_service.ui.access import Page, page
from graph_service.ui.forms import form_fields
from graph_service.views.alerts import Alert
from graph_service.views.records import Hazard, Person

__all__ = ["break_glass", "break_glass_form", "home", "person", "search"]

RESULTS = 20
MY_CASES = 50
PERSON_ALERTS = 20


@page(None)
async def home(current: Page) -> Response:
    role = current.session.principal.role
    if not may(role, Operation.READ_PEOPLE):
        return await current.render("home.html", title="Home", finds_people=False)
    current.disclosure.authorise("searchPage")
    worker = current.session.principal.worker_id
    mine = CaseFilter(status="open", worker_id=worker)
    found = await cases(current.gateway, mine, current.reader(), 0, MY_CASES) if worker else []
    subjects = sorted({s for case in found for s in case.subject_ids})
    people = await people_by_id(current.gateway, subjects, today())
    shown, named = await current.disclosure.vet([found, [p for p in people if p]])
    await current.audited("page home")
    return await current.render(
        "home.html",
        title="Find a person",
        finds_people=True,
        cases=shown,
        names={str(p.id): p.full_name for p in named},
        takes_cases=worker is not None,
        values={},
    )


@page("searchPage")
async def search(current: Page) -> Response:
    params = current.request.query_params
    values = {name: params.get(name, "").strip() for name in _SEARCH_FIELDS}
    errors: dict[str, str] = {}
    asked = _search(values, errors)
    results = []
    if asked is not None:
        try:
            results = await search_results(current.gateway, asked, current.reader(), 0, RESULTS)
        except InvalidRequest as wrong:
            errors[_FIELD_OF.get(wrong.field, "name")] = _sentence(wrong.problem)
    shown = await current.disclosure.vet(results)
    await current.audited("page search")
    return await current.render(
        "search.html",
        status=400 if errors else 200,
        title="Search results" if not errors else "Find a person",
        values=values,
        errors=errors,
        results=[r for r in shown if r.person is not None],
        searched=asked is not None,
    )


@page("personPage")
async def person(current: Page) -> Response:
    return await _person_page(current, current.request.path_params["id"])


@page("personPage")
async def break_glass_form(current: Page) -> Response:
    """Why the restricted part of a record is needed: asked before it is shown."""
    person_id = current.request.path_params["id"]
    if current.session.principal.role not in BREAK_GLASS_ROLES:
        raise AccessDeniedError(
            f"breakGlassReason: the {current.session.principal.role.label} role cannot see "
            "restricted records"
        )
    return await current.render(
        "break_glass.html", title="Why do you need the restricted record?", person_id=person_id
    )


@page("personPage")
async def break_glass(current: Page) -> Response:
    """The record with its restricted part, for this one request, the reason audited and
    raised as an alert for review."""
    person_id = current.request.path_params["id"]
    fields = await form_fields(current.request)
    if not current.session.csrf_matches(fields.get("csrf")):
        return await current.render(
            "error.html",
            403,
            title="The form had expired",
            message="The form was out of date, so nothing was shown. Go back and try again.",
        )
    reason = fields.get("reason", "").strip()
    if len(reason) < BREAK_GLASS_MIN_REASON:
        said = f"Give your reason in at least {BREAK_GLASS_MIN_REASON} characters"
        return await current.render(
            "break_glass.html",
            400,
            title="Why do you need the restricted record?",
            person_id=person_id,
            errors={"reason": said},
            reason=reason,
        )
    current.disclosure = disclosure_for(current.request, current.gateway, reason)
    current.disclosure.authorise("personPage")
    return await _person_page(current, person_id)


async def _person_page(current: Page, person_id: str) -> Response:
    settings = current.request.app.state.settings
    found = await person_record(
        current.gateway, current.reader(), person_id, today(), settings.analytics
    )
    record: PersonRecord | None = await current.disclosure.vet(found)
    await current.audited(f"page person {person_id}")
    if record is None or record.person is None:
        return await current.no_such("person", person_id, ("/", "Search for a person"))
    disclosure = current.disclosure
    may_break_glass = current.session.principal.role in BREAK_GLASS_ROLES
    alerted = await _alerts_about(current, str(record.person.id))
    return await current.render(
        "person.html",
        alerts=alerted,
        title=record.person.full_name,
        record=record,
        family=_family(record),
        hazards=_hazards(record),
        restricted=bool(disclosure.withheld) and may_break_glass and not disclosure.break_glass,
        broke_glass=disclosure.break_glass,
        may_analyse=may(current.session.principal.role, Operation.ANALYTICS),
        may_review=may(current.session.principal.role, Operation.IDENTITY_REVIEW),
        may_mash=may(current.session.principal.role, Operation.MASH),
        unmerged=current.request.query_params.get("unmerged"),
    )


async def _alerts_about(current: Page, person_id: str) -> list[Alert]:
    """The Think Family alerts about this person not yet closed, newest first."""
    settings = current.request.app.state.settings
    found = await alerts.alerts(
        current.gateway,
        AlertFilter(person_id=person_id),
        current.reader(),
        settings.alerts,
        settings.mash,
        now(),
        0,
        PERSON_ALERTS,
    )
    shown: list[Alert] = await current.disclosure.vet(found)
    return [a for a in shown if a.state != AlertState.CLOSED.value]


_SEARCH_FIELDS = ("name", "dob-day", "dob-month", "dob-year", "age-from", "age-to", "postcode")
_FIELD_OF = {"search": "name", "dateOfBirth": "dob", "ageFrom": "age-from", "ageTo": "age-to"}


def _sentence(problem: str) -> str:
    return problem[:1].upper() + problem[1:]


def _search(values: dict[str, str], errors: dict[str, str]) -> PeopleSearch | None:
    """The search asked for, or None (with `errors` saying why) when it cannot be run."""
    if not any(values.values()):
        return None
    if not values["name"]:
        errors["name"] = "Enter a name to search for"
    born = _date_of_birth(values, errors)
    ages = {}
    for field in ("age-from", "age-to"):
        if values[field]:
            if not values[field].isdigit():
                errors[field] = f"Age {field[4:]} must be a whole number of years, like 12"
            else:
                ages[field] = int(values[field])
    if errors:
        return None
    return PeopleSearch(
        values["name"], born, ages.get("age-from"), ages.get("age-to"), values["postcode"] or None
    )


def _date_of_birth(values: dict[str, str], errors: dict[str, str]) -> date | None:
    parts = [values["dob-day"], values["dob-month"], values["dob-year"]]
    if not any(parts):
        return None
    try:
        day, month, year = (int(part) for part in parts)
        return date(year, month, day)
    except ValueError:
        errors["dob"] = "Date of birth must be a real date, for example 27 3 2014"
        return None


@dataclass(frozen=True)
class Relative:
    """One relationship of this person's, said from their side, with its dates."""

    person: Person
    relation: str
    since: date | None
    until: date | None


def _family(record: PersonRecord) -> list[Relative]:
    """Every relationship, current first (by kind, then name), then those that ended."""
    me = str(record.person.id) if record.person else ""
    people = {str(p.id): p for p in record.relatives}
    found = []
    for edge in record.relationships:
        other = str(edge.target) if str(edge.source) == me else str(edge.source)
        if other in people:
            said = relation_from(edge.type, edge.kind, str(edge.source) == me)
            found.append(Relative(people[other], said, edge.from_date, edge.to_date))
    return sorted(found, key=lambda r: (r.until is not None, r.relation, r.person.full_name))


def _hazards(record: PersonRecord) -> list[tuple[str, Hazard]]:
    """Every hazard for this person's page: their own and their addresses' first, then
    those of anyone else at their addresses (whose they are said only if shown)."""
    own = list(record.person.hazards) if record.person else []
    seen = {str(h.id) for h in own}
    others = [h for h in (record.family.hazards if record.family else []) if str(h.id) not in seen]
    names = {str(p.id): p.full_name for p in (record.family.people if record.family else [])}
    return [("this person or their address", h) for h in own] + [
        (names.get(h.person_id or "", "not shown here"), h) for h in others
    ]
