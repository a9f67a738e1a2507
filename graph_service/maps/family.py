"""A family's network as a genogram-and-ecomap page, built with pyvis from the API's network."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote

from pyvis.network import Network

from graph_service.maps.genogram import LABEL_WIDTH, Genogram, Link, Member, genogram
from graph_service.maps.page import MapPage
from graph_service.maps.style import (
    DECEASED,
    HAZARD_RED,
    INDEX_OUTLINE,
    NO_HOUSEHOLD,
    edge_style,
    household_colours,
    person_shape,
)
from graph_service.views.records import FamilyNetwork, Hazard, NetworkNodeKind, Person

__all__ = ["OPTIONS", "family_map", "hazard_line"]

ABUSE_CODES = frozenset({"3A", "3B", "3C"})
# Positions come from the genogram layout (maps/genogram.py): no physics moves them, and
# labels wrap within LABEL_WIDTH so that, SPACING apart, they never overlap.
OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "randomSeed": 7},
    "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": True},
    "nodes": {
        "font": {"size": 14, "multi": False},
        "borderWidth": 2,
        "widthConstraint": {"maximum": LABEL_WIDTH},
    },
    "edges": {"smooth": False, "font": {"size": 11, "align": "middle"}},
}
FAMILY_LINKS = frozenset({"PARENT_OF", "SIBLING_OF", "PARTNER_OF", "CARES_FOR", "ASSOCIATES_WITH"})


def hazard_line(hazard: Hazard, who: str) -> str:
    review = f"; review due {hazard.review_on.isoformat()}" if hazard.review_on else ""
    overdue = " (REVIEW OVERDUE)" if hazard.review_overdue else ""
    return f"{hazard.kind_label}: {who}. {hazard.description}{review}{overdue}"


def family_map(network: FamilyNetwork, map_url: str | None = "/maps/person/{id}") -> MapPage:
    """`map_url` (with `{id}`) links each person to their own map; None for a file."""
    net = Network(directed=True)
    on = network.as_of
    household_of = _households(network)
    households = sorted(set(household_of.values()))
    colours = dict(zip(households, household_colours(len(households)), strict=True))
    concerns = _concerns_by_subject(network)
    hazards: list[str] = []
    for person in network.people:
        _person_node(
            net,
            person,
            str(network.person_id),
            colours,
            household_of.get(str(person.id)),
            concerns,
            map_url,
        )
        hazards += [hazard_line(h, f"{person.full_name} ({person.id})") for h in person.hazards]
    # Hazards of people not on the map (withheld from this viewer, or living at one of its
    # addresses beyond it): the warning stands, without the person.
    on_map = {str(p.id) for p in network.people}
    hazards += [
        hazard_line(h, "someone not shown on this map")
        for h in network.hazards
        if h.address_id is None and h.person_id not in on_map
    ]
    for node in network.nodes:
        if node.kind in (NetworkNodeKind.AGENCY, NetworkNodeKind.WORKER):
            agency = node.kind is NetworkNodeKind.AGENCY
            net.add_node(
                str(node.id),
                label=node.label,
                shape="box" if agency else "triangle",
                color="#e8eef7" if agency else "#bbdefb",
                size=10,
                title=f"{'Agency' if agency else 'Worker'}: {node.label}",
            )
    abusive = {pid for pid, cs in concerns.items() if any(c[0] in ABUSE_CODES for c in cs)}
    drawn = set(net.get_nodes())
    for edge in network.edges:
        source, target = str(edge.source), str(edge.target)
        abuse = edge.type == "PARTNER_OF" and bool({source, target} & abusive)
        style = edge_style(edge.type, edge.kind, abuse)
        if style is None or source not in drawn or target not in drawn:
            continue
        since = f" since {edge.from_date.isoformat()}" if edge.from_date else ""
        source_agency = edge.provenance.source_agency_id or "unknown source"
        title = f"{edge.type.replace('_', ' ').lower()} {edge.kind or ''}".strip()
        net.add_edge(source, target, title=f"{title}{since}\nsource: {source_agency}", **style)
    labels = _household_labels(network)
    layout = _layout(network, household_of, set(net.get_nodes()))
    for node in net.nodes:
        node["x"], node["y"] = layout.positions.get(node["id"], (0.0, 0.0))
    nodes, edges = net.nodes, net.edges
    groups = [(labels.get(h, "Household"), c) for h, c in colours.items()]
    outlines = [
        {
            "label": labels.get(o.household, "Household"),
            "colour": colours.get(o.household, NO_HOUSEHOLD),
            "x0": o.x0,
            "y0": o.y0,
            "x1": o.x1,
            "y1": o.y1,
        }
        for o in layout.households
    ]
    categories = sorted({e["category"] for e in edges}, key=_CATEGORY_ORDER.index)
    notes = (
        ["The network was cut at its size limit; open a person's map to see further."]
        if network.truncated
        else []
    )
    return MapPage(
        title=f"Family map: {_name(network)}",
        subtitle=f"As at {on.isoformat()}, {network.depth} step(s) out; {len(network.people)} "
        f"people, {len(net.nodes) - len(network.people)} agencies and workers",
        nodes=nodes,
        edges=edges,
        options=OPTIONS,
        hazards=hazards,
        groups=groups,
        categories=categories,
        notes=notes,
        outlines=outlines,
    )


def _layout(network: FamilyNetwork, household_of: dict[str, str], drawn: set[str]) -> Genogram:
    """The genogram's positions: the family in rows, agencies and workers on a ring."""
    people = {str(p.id) for p in network.people}
    members = [Member(str(p.id), p.date_of_birth) for p in network.people]
    links = [
        Link(str(e.source), str(e.target), e.type) for e in network.edges if e.type in FAMILY_LINKS
    ]
    outer: dict[str, list[str]] = defaultdict(list)
    for e in network.edges:
        source, target = str(e.source), str(e.target)
        for node, person in ((source, target), (target, source)):
            if node in drawn and node not in people and person in people:
                outer[node].append(person)
    for node in drawn - people:
        outer.setdefault(node, [])
    return genogram(members, links, str(network.person_id), household_of, outer)


def _household_labels(network: FamilyNetwork) -> dict[str, str]:
    """Each household by its address (names, never ids); a protected one says so."""
    labels = {}
    for household in network.households:
        address = household.address
        if address is None:
            labels[str(household.id)] = "Household with no address recorded"
        elif address.line1 is None:
            labels[str(household.id)] = "Household (address withheld)"
        else:
            labels[str(household.id)] = f"{address.line1}, {address.postcode}"
    return labels


_CATEGORY_ORDER = ["family", "partners", "care", "peers", "agencies", "workers", "links"]


def _name(network: FamilyNetwork) -> str:
    return next(
        (p.full_name for p in network.people if p.id == network.person_id), str(network.person_id)
    )


def _households(network: FamilyNetwork) -> dict[str, str]:
    return {str(e.source): str(e.target) for e in network.edges if e.type == "MEMBER_OF"}


def _concerns_by_subject(network: FamilyNetwork) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for c in network.concerns:
        raised = c.raised_on.isoformat() if c.raised_on else "date unknown"
        found[str(c.subject_id)].append((c.code, f"{c.code} {c.code_label} (raised {raised})"))
    return found


def _person_node(
    net: Network,
    person: Person,
    index_id: str,
    colours: dict[str, str],
    household: str | None,
    concerns: dict[str, list[tuple[str, str]]],
    map_url: str | None,
) -> None:
    pid = str(person.id)
    own = concerns.get(pid, []) + (concerns.get(household, []) if household else [])
    age = "" if person.age is None else f", {person.age}"
    deceased = person.deceased_on is not None
    label = f"{'⚠ ' if person.hazards else ''}{person.full_name}{age}{' †' if deceased else ''}"
    if own:
        label += f" [{len(own)}]"
    child = person.age is not None and person.age < 18
    border = HAZARD_RED if person.hazards else INDEX_OUTLINE if pid == index_id else "#424242"
    fill = DECEASED if deceased else colours.get(household or "", NO_HOUSEHOLD)
    lines = [
        f"{person.full_name}{age}",
        *(f"⚠ {h.kind_label}" for h in person.hazards),
        *(text for _, text in own),
    ]
    about = [
        f"Age {person.age}" if person.age is not None else "Date of birth not recorded",
        f"Household {household}" if household else "No current household",
        f"Died {person.deceased_on.isoformat()}" if person.deceased_on else "",
    ]
    info: dict[str, Any] = {
        "heading": person.full_name,
        "sections": [
            {
                "name": "Hazards",
                "hazard": True,
                "items": [hazard_line(h, person.full_name) for h in person.hazards] or ["none"],
            },
            {"name": "About", "items": [line for line in about if line]},
            {"name": f"Open concerns ({len(own)})", "items": [t for _, t in own] or ["none"]},
        ],
        "mapUrl": map_url.format(id=quote(pid, safe="")) if map_url else None,
    }
    net.add_node(
        pid,
        label=label,
        shape=person_shape(person.sex),
        size=13 if child else 22,
        color={
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": border},
        },
        borderWidth=6 if pid == index_id else 4 if person.hazards else 2,
        font={"color": "#555" if deceased else HAZARD_RED if person.hazards else "#111"},
        title="\n".join(lines),
        info=info,
        kind="person",
    )
