"""GraphQL views of the household analytics: flags with evidence, thresholds and time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from graph_service.analytics.report import AnalysisResult
from graph_service.api.pagination import encode_cursor
from graph_service.views.evidence import Evidence

__all__ = [
    "AnalysisFlag",
    "AnalysisPage",
    "AnalysisReport",
    "DisadvantageCluster",
    "FamilyIndicators",
    "NetworkAnalysis",
    "RiskHub",
    "Threshold",
]


@strawberry.type(description="A child flagged by a rule, with every fact that raised the flag.")
class AnalysisFlag:
    child_id: strawberry.ID
    child_name: str
    age: int | None
    household_id: strawberry.ID
    area: str | None
    kind: str | None = None
    score: int | None = None
    known_to_young_carers_service: bool | None = None
    evidence: list[Evidence] = strawberry.field(default_factory=list)

    @classmethod
    def of(cls, row: dict[str, Any]) -> AnalysisFlag:
        return cls(
            child_id=strawberry.ID(row["child_id"]),
            child_name=row["child_name"],
            age=row["age"],
            household_id=strawberry.ID(row["household_id"]),
            area=row["area"],
            kind=row.get("kind"),
            score=row.get("score"),
            known_to_young_carers_service=row.get("known_to_young_carers_service"),
            evidence=Evidence.all_of(row["evidence"]),
        )


@strawberry.type
class Threshold:
    name: str
    value: str


@strawberry.type(description="When and how an analysis was computed, and where a page ends.")
class AnalysisPage:
    analysis: str
    as_of: date
    computed_at: datetime
    thresholds: list[Threshold]
    total: int
    has_next_page: bool
    end_cursor: str | None


def _page(
    result: AnalysisResult, offset: int, first: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    page = result.rows[offset : offset + first]
    return page, {
        "analysis": result.analysis,
        "as_of": result.as_of,
        "computed_at": result.computed_at,
        "thresholds": [Threshold(name=k, value=str(v)) for k, v in result.thresholds.items()],
        "total": len(result.rows),
        "has_next_page": offset + first < len(result.rows),
        "end_cursor": encode_cursor(offset + len(page)) if page else None,
    }


@strawberry.type(description="One page of a household analysis, with its evidence.")
class AnalysisReport(AnalysisPage):
    flags: list[AnalysisFlag]

    @classmethod
    def of(cls, result: AnalysisResult, offset: int, first: int) -> AnalysisReport:
        page, meta = _page(result, offset, first)
        return cls(**meta, flags=[AnalysisFlag.of(r) for r in page])


@strawberry.type(description="A family unit's Supporting Families headline problems, explained.")
class FamilyIndicators:
    id: strawberry.ID
    area: str | None
    households: list[strawberry.ID]
    children: list[strawberry.ID]
    expectant_parents: list[strawberry.ID]
    people: int
    problem_count: int
    high_severity: int
    flagged: bool = strawberry.field(description="At least the configured number of problems.")
    problems: list[str]
    evidence: list[Evidence]

    @classmethod
    def of(cls, row: dict[str, Any]) -> FamilyIndicators:
        return cls(
            id=strawberry.ID(row["id"]),
            area=row["area"],
            households=[strawberry.ID(h) for h in row["households"]],
            children=[strawberry.ID(c) for c in row["children"]],
            expectant_parents=[strawberry.ID(p) for p in row["expectant"]],
            people=row["people"],
            problem_count=row["problem_count"],
            high_severity=row["high_severity"],
            flagged=row["flagged"],
            problems=row["problems"],
            evidence=Evidence.all_of(row["evidence"]),
        )


@strawberry.type(description="Linked households that together carry many problems.")
class DisadvantageCluster:
    id: strawberry.ID
    households: list[strawberry.ID]
    problem_count: int
    evidence: list[Evidence]


@strawberry.type(description="A person linking domestic abuse, or separate families.")
class RiskHub:
    person_id: strawberry.ID
    name: str
    reason: str
    households: list[strawberry.ID]
    evidence: list[Evidence]


@strawberry.type(description="One page of a network analysis, with its evidence.")
class NetworkAnalysis(AnalysisPage):
    families: list[FamilyIndicators]
    clusters: list[DisadvantageCluster]
    hubs: list[RiskHub]

    @classmethod
    def of(cls, result: AnalysisResult, offset: int, first: int) -> NetworkAnalysis:
        page, meta = _page(result, offset, first)
        kind = result.analysis
        return cls(
            **meta,
            families=[FamilyIndicators.of(r) for r in page] if kind == "disadvantage" else [],
            clusters=[
                DisadvantageCluster(
                    id=strawberry.ID(r["id"]),
                    households=r["households"],
                    problem_count=r["problem_count"],
                    evidence=Evidence.all_of(r["evidence"]),
                )
                for r in page
            ]
            if kind == "clusters"
            else [],
            hubs=[
                RiskHub(
                    person_id=strawberry.ID(r["id"]),
                    name=r["name"],
                    reason=r["reason"],
                    households=r["households"],
                    evidence=Evidence.all_of(r["evidence"]),
                )
                for r in page
            ]
            if kind == "hubs"
            else [],
        )
