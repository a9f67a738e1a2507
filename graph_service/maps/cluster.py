"""A multiple-disadvantage cluster as a page: families as groups, their households and
problems, and the links across households that make the cluster."""

from __future__ import annotations

from datetime import date
from typing import Any

from pyvis.network import Network

from graph_service.analytics.network_rules import Cluster, FamilyUnit
from graph_service.maps.page import MapPage
from graph_service.maps.style import CLUSTER_LEGEND, edge_style, household_colours
from graph_service.model.taxonomy import HeadlineProblem

# Households linked across the borough have no genogram order: a force layout settles them
# (then the page freezes physics); readable up to a few hundred nodes.
FORCE_LAYOUT: dict[str, Any] = {
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -60,
            "springLength": 110,
            "avoidOverlap": 0.6,
        },
        "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50},
    },
    "layout": {"improvedLayout": False, "randomSeed": 7},
    "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": True},
    "nodes": {"font": {"size": 14, "multi": False}, "borderWidth": 2},
    "edges": {"smooth": False, "font": {"size": 11, "align": "middle"}},
}

__all__ = ["cluster_map"]


def cluster_map(
    cluster: Cluster, on: date, areas: dict[str, str], units: list[FamilyUnit]
) -> MapPage:
    """Households of one family share a colour; the legend lists each family's problems."""
    unit_of = {h: u for u in units for h in u.households if h in cluster.households}
    families = sorted({u.id: u for u in unit_of.values()}.values(), key=lambda u: u.id)
    colour_of = dict(zip((u.id for u in families), household_colours(len(families)), strict=True))
    net = Network(directed=False)
    for household in cluster.households:
        unit = unit_of.get(household)
        family = f"family {unit.id}" if unit else "no family unit"
        problems = [HeadlineProblem(p).label for p in cluster.problems_by_household[household]]
        area = areas.get(household) or "area not recorded"
        sections = [
            {"name": "Family", "items": [family]},
            {"name": "Area", "items": [area]},
            {"name": "Headline problems", "items": problems or ["none"]},
        ]
        net.add_node(
            household,
            shape="box",
            family=unit.id if unit else None,
            label=f"Household {household}\n{family}\n{len(problems)} problem(s)",
            color=colour_of.get(unit.id, "#ffffff") if unit else "#ffffff",
            info={"heading": f"Household {household}", "sections": sections},
            title="\n".join([f"Household {household} ({area})", family, *problems]),
        )
    style = edge_style("HOUSEHOLD_LINK", None, False) or {}
    for (a, b), reasons in sorted(cluster.pairs.items()):
        net.add_edge(a, b, title="\n".join(map(str, reasons)), label=str(len(reasons)), **style)
    groups = [(f"Family {u.id}: {_problems(u)}", colour_of[u.id]) for u in families]
    return MapPage(
        title=f"Cluster map: {cluster.id}",
        subtitle=f"As at {on.isoformat()}: {len(families)} families in "
        f"{len(cluster.households)} households, linked across families, carrying "
        f"{cluster.problem_count} headline problems",
        nodes=net.nodes,
        edges=net.edges,
        options=FORCE_LAYOUT,
        groups=groups,
        categories=["links"] if net.edges else [],
        group_heading="Families",
        legend=CLUSTER_LEGEND,
    )


def _problems(unit: FamilyUnit) -> str:
    labels = [HeadlineProblem(p).label for p in sorted(unit.problems)]
    return ", ".join(labels) or "no headline problems"
