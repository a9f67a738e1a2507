"""The borough's explainable analyses, and one person's family indicators."""

from __future__ import annotations

from datetime import date

import strawberry

from graph_service.api.context import Ctx
from graph_service.services import analyses
from graph_service.services.analyses import AnalysisResult, Finding
from graph_service.views.analyses import AnalysisReport, FamilyIndicators, NetworkAnalysis
from graph_service.views.pagination import page_window

__all__ = ["AnalysisQueries"]


async def _result(
    info: Ctx, name: str, as_of: date | None, area: str | None, kind: str | None = None
) -> AnalysisResult[Finding]:
    context = info.context
    on, thresholds = as_of or context.today, context.settings.analytics
    return await analyses.analysis(
        context.gateway, name, on, thresholds, area, kind, context.analyses
    )


async def _report(
    info: Ctx,
    name: str,
    as_of: date | None,
    area: str | None,
    first: int,
    after: str | None,
    kind: str | None = None,
) -> AnalysisReport:
    window = page_window(first, after)
    result = await _result(info, name, as_of, area, kind)
    return AnalysisReport.of(result, window.offset, window.first)


async def _network(
    info: Ctx, name: str, as_of: date | None, area: str | None, first: int, after: str | None
) -> NetworkAnalysis:
    window = page_window(first, after)
    result = await _result(info, name, as_of, area)
    return NetworkAnalysis.of(result, window.offset, window.first)


@strawberry.type
class AnalysisQueries:
    @strawberry.field(description="Children living with the toxic trio, with the evidence.")
    async def toxic_trio(
        self,
        info: Ctx,
        as_of: date | None = None,
        area: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AnalysisReport:
        return await _report(info, "toxic-trio", as_of, area, first, after)

    @strawberry.field(description="Young carers, explicit and hidden, scored with reasons.")
    async def young_carers(
        self,
        info: Ctx,
        as_of: date | None = None,
        area: str | None = None,
        kind: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AnalysisReport:
        return await _report(info, "young-carers", as_of, area, first, after, kind)

    @strawberry.field(description="Family units with 3 or more headline problems, ranked.")
    async def multiple_disadvantage(
        self,
        info: Ctx,
        as_of: date | None = None,
        area: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> NetworkAnalysis:
        return await _network(info, "disadvantage", as_of, area, first, after)

    @strawberry.field(description="Clusters of linked households carrying many problems.")
    async def disadvantage_clusters(
        self, info: Ctx, as_of: date | None = None, first: int = 50, after: str | None = None
    ) -> NetworkAnalysis:
        return await _network(info, "clusters", as_of, None, first, after)

    @strawberry.field(description="People linking domestic abuse or separate families.")
    async def risk_hubs(
        self, info: Ctx, as_of: date | None = None, first: int = 50, after: str | None = None
    ) -> NetworkAnalysis:
        return await _network(info, "hubs", as_of, None, first, after)

    @strawberry.field(description="One person's family unit: headline problems and evidence.")
    async def family_indicators(
        self, info: Ctx, person_id: strawberry.ID, as_of: date | None = None
    ) -> FamilyIndicators | None:
        context = info.context
        on, thresholds = as_of or context.today, context.settings.analytics
        return await analyses.family_indicators(
            context.gateway, context.reader(), str(person_id), on, thresholds
        )
