"""A multiple-disadvantage cluster as a page: households, their problems and the links."""

from __future__ import annotations

from datetime import date

from pyvis.network import Network

from graph_service.analytics.network_rules import Cluster
from graph_service.maps.family import OPTIONS
from graph_service.maps.page import MapPage
from graph_service.maps.style import HOUSEHOLD_COLOURS, edge_style
from graph_service.model.taxonomy import HeadlineProblem

__all__ = ["cluster_map"]


def cluster_map(cluster: Cluster, on: date, areas: dict[str, str]) -> MapPage:
    net = Network(directed=False)
    groups = []
    for i, household in enumerate(cluster.households):
        colour = HOUSEHOLD_COLOURS[i % len(HOUSEHOLD_COLOURS)]
        problems = [HeadlineProblem(p).label for p in cluster.problems_by_household[household]]
        area = areas.get(household) or "area not recorded"
        label = f"Household {household}\n{area}\n{len(problems)} problem(s)"
        sections = [{"name": "Area", "items": [area]},
                    {"name": "Headline problems", "items": problems or ["none"]}]  # fmt: skip
        info = {"heading": f"Household {household}", "sections": sections}
        net.add_node(household, label=label, shape="box", color=colour, info=info,
                     title="\n".join([f"Household {household} ({area})", *problems]))  # fmt: skip
        groups.append((f"Household {household}: {', '.join(problems) or 'no problems'}", colour))
    style = edge_style("HOUSEHOLD_LINK", None, False) or {}
    for (a, b), reasons in sorted(cluster.pairs.items()):
        net.add_edge(a, b, title="\n".join(reasons), label=str(len(reasons)), **style)
    return MapPage(
        title=f"Cluster map: {cluster.id}",
        subtitle=f"As at {on.isoformat()}: {len(cluster.households)} households linked across "
        f"families carrying {cluster.problem_count} headline problems",
        nodes=net.nodes, edges=net.edges, options=OPTIONS, groups=groups,
        categories=["links"] if net.edges else [],
    )  # fmt: skip
