"""The borough's analyses as lists a practitioner filters and pages through: toxic trio,
young carers, multiple disadvantage, clusters (with their maps) and risk hubs; each flag
links to the person's page and carries its evidence."""

from __future__ import annotations

from starlette.responses import Response

from graph_service.model.errors import InvalidRequest
from graph_service.services.analyses import HOUSEHOLD_ANALYSES, analysis
from graph_service.services.people import people_by_id
from graph_service.store.gateway import today
from graph_service.ui.access import Page, page
from graph_service.views.analyses import AnalysisReport, NetworkAnalysis

__all__ = ["ANALYSES", "PAGE_SIZE", "analyses_index", "analysis_page"]

PAGE_SIZE = 25
ANALYSES = {
    "toxic-trio": (
        "Toxic trio",
        "Children living with domestic abuse, parental mental ill "
        "health and substance misuse, all current.",
    ),
    "young-carers": (
        "Young carers",
        "Children caring for someone at home, recorded or hidden, "
        "with the reasons each is flagged.",
    ),
    "disadvantage": (
        "Multiple disadvantage",
        "Family units with three or more Supporting Families headline problems.",
    ),
    "clusters": (
        "Clusters",
        "Linked households that together carry many problems, with a map of each.",
    ),
    "hubs": (
        "Risk hubs",
        "People who link domestic abuse across households, or separate families.",
    ),
}


@page("analysesPage")
async def analyses_index(current: Page) -> Response:
    return await current.render("analyses.html", title="Analyses", analyses=ANALYSES)


@page("analysesPage")
async def analysis_page(current: Page) -> Response:
    name = current.request.path_params["name"]
    if name not in ANALYSES:
        return await current.render(
            "error.html",
            404,
            title="No such analysis",
            message=f"There is no analysis called {name!r}.",
            way_on=("/analyses", "See the analyses there are"),
        )
    params = current.request.query_params
    area = params.get("area", "").strip() or None
    kind = params.get("kind") or None
    try:
        number = max(1, int(params.get("page", "1")))
    except ValueError:
        raise InvalidRequest("page", "must be a whole number, like 2") from None
    settings = current.request.app.state.settings
    result = await analysis(
        current.gateway,
        name,
        today(),
        settings.analytics,
        area,
        kind if name == "young-carers" else None,
        current.request.app.state.analyses,
    )
    offset = (number - 1) * PAGE_SIZE
    shaped = (
        AnalysisReport.of(result, offset, PAGE_SIZE)
        if name in HOUSEHOLD_ANALYSES
        else NetworkAnalysis.of(result, offset, PAGE_SIZE)
    )
    shown = await current.disclosure.vet(shaped)
    children = [str(c) for unit in getattr(shown, "families", []) for c in unit.children]
    people = await current.disclosure.vet(await people_by_id(current.gateway, children, today()))
    await current.audited(f"page analysis {name}")
    title, about = ANALYSES[name]
    return await current.render(
        "analysis.html",
        title=title,
        about=about,
        name=name,
        report=shown,
        area=area or "",
        kind=kind or "",
        number=number,
        pages=max(1, -(-shown.total // PAGE_SIZE)),
        names={str(p.id): p.full_name for p in people},
    )
