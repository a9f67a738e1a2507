"""Queries, one module per part of the domain, merged into one Query type. Each resolver
is a thin adapter: parse the arguments, call the use case, return its view."""

from __future__ import annotations

from strawberry.tools import merge_types

from graph_service.api.queries.alerts import AlertQueries
from graph_service.api.queries.allocation import AllocationQueries
from graph_service.api.queries.analyses import AnalysisQueries
from graph_service.api.queries.audit import AuditQueries
from graph_service.api.queries.families import (
    ChronologyQueries,
    FamilyQueries,
    NearestRelativeQueries,
)
from graph_service.api.queries.identities import IdentityQueries
from graph_service.api.queries.imports import ImportQueries
from graph_service.api.queries.mash import MashQueries
from graph_service.api.queries.people import PeopleQueries
from graph_service.api.queries.records import CaseQueries, ConcernQueries, DirectoryQueries

__all__ = ["Query"]

# In the order the schema has always listed its fields.
Query = merge_types(
    "Query",
    (
        PeopleQueries,
        FamilyQueries,
        ConcernQueries,
        DirectoryQueries,
        CaseQueries,
        AllocationQueries,
        AnalysisQueries,
        NearestRelativeQueries,
        AuditQueries,
        ChronologyQueries,
        IdentityQueries,
        ImportQueries,
        MashQueries,
        AlertQueries,
    ),
)
