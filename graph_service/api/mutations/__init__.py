"""Mutations, one module per part of the domain, merged into one Mutation type. Each is
a thin adapter: build the use case's command, call it, answer its domain error typed."""

from __future__ import annotations

from strawberry.tools import merge_types

from graph_service.api.mutations.alerts import AlertMutations
from graph_service.api.mutations.cases import CaseMutations
from graph_service.api.mutations.concerns import ConcernMutations
from graph_service.api.mutations.directory import DirectoryMutations
from graph_service.api.mutations.identities import IdentityMutations
from graph_service.api.mutations.mash import MashMutations
from graph_service.api.mutations.people import PeopleMutations
from graph_service.api.mutations.places import PlaceMutations
from graph_service.api.mutations.relationships import RelationshipMutations

__all__ = ["Mutation"]

Mutation = merge_types(
    "Mutation",
    (
        PeopleMutations,
        RelationshipMutations,
        PlaceMutations,
        ConcernMutations,
        CaseMutations,
        IdentityMutations,
        DirectoryMutations,
        MashMutations,
        AlertMutations,
    ),
)
