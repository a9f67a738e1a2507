"""GraphQL views of the household analytics: flags with evidence, thresholds and time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from graph_service.analytics.network_rules import Cluster, FamilyUnit
from graph_service.analytics.network_rules import RiskHub as Hub
from graph_service.analytics.report import AnalysisResult, ChildFlag, Finding
from graph_service.model.taxonomy import HeadlineProblem
from graph_service.views.evidence import Evidence
from graph_service.views.pagination import encode_cursor

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
    def of(cls, flag: ChildFlag) -> AnalysisFlag:
        return cls(
            child_id=strawberry.ID(flag.child_id),
            child_name=flag.child_name,
            age=flag.age,
            household_id=strawberry.ID(flag.household_id),
            area=flag.area,
            kind=flag.kind,
            score=flag.score,
            known_to_young_carers_service=flag.known_to_young_carers_service,
            evidence=Evidence.all_of(flag.evidence),
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
    result: AnalysisResult[Finding], offset: int, first: int
) -> tuple[list[Finding], dict[str, Any]]:
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
    def of(cls, result: AnalysisResult[Finding], offset: int, first: int) -> AnalysisReport:
        page, meta = _page(result, offset, first)
        return cls(**meta, flags=[AnalysisFlag.of(f) for f in page if isinstance(f, ChildFlag)])


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
    at_threshold: bool = strawberry.field(
        description="At least the configured number of headline problems."
    )
    qualifies: bool = strawberry.field(
        description="At the threshold, with a dependent child or an expectant parent: "
        "eligible for whole-family support."
    )
    flagged: bool = strawberry.field(
        description="Whether the family qualifies (as `qualifies`).",
        deprecation_reason="Read `atThreshold` and `qualifies`: a family without children "
        "can reach the threshold but never qualifies.",
    )
    problems: list[str]
    evidence: list[Evidence]

    @classmethod
    def of(cls, unit: FamilyUnit) -> FamilyIndicators:
        return cls(
            id=strawberry.ID(unit.id),
            area=unit.area,
            households=[strawberry.ID(h) for h in unit.households],
            children=[strawberry.ID(c) for c in unit.children],
            expectant_parents=[strawberry.ID(p) for p in unit.expectant],
            people=len(unit.people),
            problem_count=unit.problem_count,
            high_severity=unit.high_severity,
            at_threshold=unit.at_threshold,
            qualifies=unit.qualifies,
            flagged=unit.qualifies,
            problems=[HeadlineProblem(p).label for p in unit.problems],
            evidence=Evidence.all_of([f for facts in unit.problems.values() for f in facts]),
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
    def of(cls, result: AnalysisResult[Finding], offset: int, first: int) -> NetworkAnalysis:
        page, meta = _page(result, offset, first)
        return cls(
            **meta,
            families=[FamilyIndicators.of(u) for u in page if isinstance(u, FamilyUnit)],
            clusters=[
                DisadvantageCluster(
                    id=strawberry.ID(c.id),
                    households=[strawberry.ID(h) for h in c.households],
                    problem_count=c.problem_count,
                    evidence=Evidence.all_of(c.links),
                )
                for c in page
                if isinstance(c, Cluster)
            ],
            hubs=[
                RiskHub(
                    person_id=strawberry.ID(h.person_id),
                    name=h.name,
                    reason=h.reason,
                    households=[strawberry.ID(x) for x in h.households],
                    evidence=Evidence.all_of(h.evidence),
                )
                for h in page
                if isinstance(h, Hub)
            ],
        )
