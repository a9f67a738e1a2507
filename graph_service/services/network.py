"""The family network around a person, and the borough's family network for the analyses:
one read each, whoever asks (GraphQL, a map page, the command line)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import strawberry

from graph_service.analytics.network_rules import FamilyNetworkFacts
from graph_service.analytics.report import borough_facts, network_params
from graph_service.model.errors import InvalidRequest
from graph_service.model.thresholds import Thresholds
from graph_service.store.gateway import GraphGateway
from graph_service.store.values import Row
from graph_service.views.records import (
    Concern,
    FamilyNetwork,
    Hazard,
    Household,
    NetworkEdge,
    NetworkNode,
    NetworkNodeKind,
    Person,
)

__all__ = ["MAX_NETWORK_NODES", "borough_network", "build_network", "family_network"]

MAX_NETWORK_NODES = 300


async def family_network(
    gateway: GraphGateway, person_id: str, depth: int, on: date
) -> FamilyNetwork | None:
    """The network as it stood on `on`, `depth` (1 to 3) steps out; None: no such person."""
    if not 1 <= depth <= 3:
        raise InvalidRequest("depth", f"must be 1, 2 or 3, got {depth}")
    rows = await gateway.read(
        "family_network", personId=person_id, depth=depth, asOf=on, maxNodes=MAX_NETWORK_NODES
    )
    return build_network(rows[0], depth, on) if rows else None


async def borough_network(
    gateway: GraphGateway, on: date, thresholds: Thresholds
) -> FamilyNetworkFacts:
    """Every current family link and every person's problems, as the network rules read them.

    Read in chunks that take turns with other requests; the facts are built off the loop."""
    params = network_params(on, thresholds)
    links = await gateway.read_in_turns("analytics_family_links", **params)
    parts = await gateway.read_in_turns("analytics_people_and_concerns", **params)
    return await asyncio.to_thread(borough_facts, links, parts)


def build_network(row: Row, depth: int, on: date) -> FamilyNetwork:
    """The read model of a `family_network` row: people with their hazards (and those of
    anyone else at their addresses), households, nodes and dated, sourced edges."""
    people, nodes, concerns, hazards = [], [], [], []
    edges = [NetworkEdge.of(e) for e in row["edges"]]
    seen: set[str] = set()

    def node(node_id: str, kind: NetworkNodeKind, label: str, restricted: bool = False) -> None:
        if node_id not in seen:
            seen.add(node_id)
            nodes.append(
                NetworkNode(
                    id=strawberry.ID(node_id), kind=kind, label=label, restricted=restricted
                )
            )

    for p in row["people"]:
        detail = {
            "person": p,
            "person_hazards": p["person_hazards"],
            "address_hazards": p["address_hazards"],
        }
        person = Person.of(detail, on)
        people.append(person)
        hazards.extend(person.hazards)
        hazards.extend(Hazard.of(h, on) for h in p.get("resident_hazards") or ())
        node(p["id"], NetworkNodeKind.PERSON, person.full_name)
        for address in p["lives_at"]:
            node(
                address["id"],
                NetworkNodeKind.ADDRESS,
                address.get("line1") or address["id"],
                bool(address.get("protected")),
            )
            edges.append(_link(address["relationship_id"], "LIVES_AT", p["id"], address, address))
        for agency in p["known_to"]:
            node(agency["id"], NetworkNodeKind.AGENCY, agency["name"])
            edges.append(_link(agency["relationship_id"], "KNOWN_TO", p["id"], agency, agency))
        for worker in p["workers"]:
            node(
                worker["id"],
                NetworkNodeKind.WORKER,
                f"{worker['given_name']} {worker['family_name']}",
            )
            edges.append(
                _link(
                    worker["relationship_id"],
                    "INVOLVED_WITH",
                    worker["id"],
                    {"id": p["id"]},
                    worker,
                )
            )
        concerns.extend(_concern_nodes(p["concerns"], p["id"], node, edges))
    households = [Household.of(h) for h in row["households"]]
    for h in row["households"]:
        node(h["id"], NetworkNodeKind.HOUSEHOLD, f"Household {h['id']}")
        concerns.extend(_concern_nodes(h["concerns"], h["id"], node, edges))
    return FamilyNetwork(
        person_id=strawberry.ID(row["start_id"]),
        as_of=on,
        depth=depth,
        people=people,
        households=households,
        nodes=nodes,
        edges=edges,
        concerns=concerns,
        hazards=list({str(h.id): h for h in hazards}.values()),
        truncated=row["truncated"],
    )


def _concern_nodes(
    rows: list[Row], subject: str, node: Any, edges: list[NetworkEdge]
) -> list[Concern]:
    concerns = []
    for row in rows:
        concern = Concern.of({**row, "subject_id": subject})
        node(row["id"], NetworkNodeKind.CONCERN, f"{concern.code} {concern.code_label}")
        edges.append(_link(f"{subject}->{row['id']}", "SUBJECT_OF", subject, row, row))
        concerns.append(concern)
    return concerns


def _link(rel_id: str, rel_type: str, source: str, target: Row, props: Row) -> NetworkEdge:
    return NetworkEdge.of(
        {
            "id": rel_id,
            "type": rel_type,
            "source": source,
            "target": target["id"],
            "from_date": props.get("since") or props.get("raised_on"),
        }
    )
