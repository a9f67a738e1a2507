"""Rules over the whole family network, with NetworkX: family units and Supporting
Families headline problems, clusters of linked families, and risk hubs.

Every result lists the facts that produced it; community detection is seeded, so a run
is reproducible.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph_service.analytics.households import ConcernFact
from graph_service.model.evidence import Fact, PersonRef
from graph_service.model.taxonomy import ConcernCode, HeadlineProblem
from graph_service.model.thresholds import Thresholds

__all__ = [
    "Cluster",
    "FamilyNetworkFacts",
    "FamilyUnit",
    "Link",
    "RiskHub",
    "disadvantage_clusters",
    "family_units",
    "risk_hubs",
]

# Links that make one family unit; the others only link families to each other.
FAMILY_TYPES = frozenset({"PARENT_OF", "SIBLING_OF", "PARTNER_OF", "CARES_FOR", "MEMBER_OF"})
BETWEEN_FAMILY_TYPES = frozenset({"PAST_PARTNER", "ASSOCIATES_WITH", "FREQUENTS"})
DOMESTIC_ABUSE = frozenset({"3A", "3B", "3C"})


@dataclass(frozen=True, slots=True)
class Link:
    source: str
    target: str
    type: str
    kind: str | None = None


@dataclass
class FamilyNetworkFacts:
    links: list[Link]
    concerns: list[ConcernFact]
    children: set[str]
    names: dict[str, str] = field(default_factory=dict)
    expectant: set[str] = field(default_factory=set)
    areas: dict[str, str] = field(default_factory=dict)  # household id -> area

    def __post_init__(self) -> None:
        for link in self.links:
            if link.type == "MEMBER_OF" and link.kind:
                self.areas[link.target] = link.kind


@dataclass
class FamilyUnit:
    id: str
    people: list[str]
    households: list[str]
    children: list[str]
    expectant: list[str]
    area: str | None
    problems: dict[int, list[Fact]]  # headline problem -> evidence
    high_severity: int
    at_threshold: bool  # at least the configured number of headline problems
    qualifies: bool  # and a dependent child or an expectant parent: eligible for support

    @property
    def problem_count(self) -> int:
        return len(self.problems)


def _headline(code: str) -> HeadlineProblem | None:
    try:
        return ConcernCode(code).headline
    except ValueError:
        return None


def _evidence(what: str, concern: ConcernFact, names: dict[str, str]) -> Fact:
    return Fact(what, concerns=(concern.ref(names),))


def _person(person_id: str, names: dict[str, str]) -> PersonRef:
    return PersonRef(person_id, names.get(person_id, person_id))


def family_units(
    facts: FamilyNetworkFacts, thresholds: Thresholds, require_children: bool = True
) -> list[FamilyUnit]:
    """Connected components of current kinship, partnership, caring and co-residence,
    for units with a dependent child or an expectant parent; flagged at the configured
    number of problems."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from(
        (link.source, link.target) for link in facts.links if link.type in FAMILY_TYPES
    )
    by_subject: dict[str, list[ConcernFact]] = defaultdict(list)
    for concern in facts.concerns:
        by_subject[concern.subject_id].append(concern)
    units = []
    for component in nx.connected_components(graph):
        children = sorted(component & facts.children)
        if require_children and not children and not component & facts.expectant:
            continue
        units.append(_unit(component, children, by_subject, facts, thresholds))
    units.sort(key=lambda u: (-u.problem_count, -u.high_severity, u.id))
    return units


def _unit(
    component: set[str],
    children: list[str],
    by_subject: dict[str, list[ConcernFact]],
    facts: FamilyNetworkFacts,
    thresholds: Thresholds,
) -> FamilyUnit:
    households = sorted(n for n in component if n in facts.areas)
    problems: dict[int, list[Fact]] = defaultdict(list)
    high = 0
    for member in sorted(component):
        for concern in by_subject.get(member, []):
            headline = _headline(concern.code)
            if headline is not None:
                problems[int(headline)].append(_evidence(headline.label, concern, facts.names))
            high += concern.severity == "high"
    areas = Counter(facts.areas[h] for h in households)
    at_threshold = len(problems) >= thresholds.minimum_disadvantage_problems
    return FamilyUnit(
        id=f"FU-{min(children or component - set(households))}",
        people=sorted(component - set(households)),
        households=households,
        children=children,
        expectant=sorted(component & facts.expectant),
        area=areas.most_common(1)[0][0] if areas else None,
        problems=dict(sorted(problems.items())),
        high_severity=high,
        at_threshold=at_threshold,
        qualifies=at_threshold and bool(children or component & facts.expectant),
    )


@dataclass
class Cluster:
    id: str
    households: list[str]
    problem_count: int
    links: list[Fact]
    problems_by_household: dict[str, list[int]]
    # Which households are linked, and why: for drawing the cluster.
    pairs: dict[tuple[str, str], list[Fact]] = field(default_factory=dict)


def disadvantage_clusters(
    facts: FamilyNetworkFacts, thresholds: Thresholds, seed: int = 7
) -> list[Cluster]:
    """Groups of households linked across families (partners past and present living
    apart, peers, shared places) that together carry many problems (Louvain, seeded).
    Kinship is left out on purpose: it makes one family unit, not a cluster."""
    household_of = {link.source: link.target for link in facts.links if link.type == "MEMBER_OF"}
    graph: nx.Graph[str] = nx.Graph()
    reasons: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    names = facts.names
    place_visitors: dict[str, list[str]] = defaultdict(list)
    address_households: dict[str, list[str]] = defaultdict(list)
    for link in facts.links:
        if link.type == "FREQUENTS":
            place_visitors[link.target].append(link.source)
        elif link.type == "LOCATED_AT":
            address_households[link.target].append(link.source)
        elif link.type in BETWEEN_FAMILY_TYPES | {"PARTNER_OF"}:
            kind = link.type.lower().replace("_", " ")
            people = (_person(link.source, names), _person(link.target, names))
            _join(graph, reasons, household_of, link.source, link.target, Fact(kind, people=people))
    for place, visitors in place_visitors.items():
        for a, b in itertools.pairwise(visitors):
            people = (_person(a, names), _person(b, names))
            _join(graph, reasons, household_of, a, b, Fact(f"both frequent {place}", people))
    for address, households in address_households.items():
        for a, b in itertools.pairwise(sorted(households)):
            shared = Fact(f"households sharing address {address}", households=(a, b))
            _join(graph, reasons, {a: a, b: b}, a, b, shared)
    problems = _household_problems(facts, household_of)
    clusters = []
    communities = nx.community.louvain_communities(
        graph, resolution=thresholds.cluster_resolution, seed=seed
    )
    for community in communities:
        members = sorted(community)
        total = sum(len(problems.get(h, ())) for h in members)
        if len(members) >= 2 and total >= thresholds.cluster_minimum_problems:
            links = sorted(
                {
                    r
                    for (a, b), rs in reasons.items()
                    if a in community and b in community
                    for r in rs
                },
                key=str,
            )
            clusters.append(
                Cluster(
                    f"CL-{members[0]}",
                    members,
                    total,
                    links,
                    {h: sorted(problems.get(h, ())) for h in members},
                    {
                        pair: sorted(set(rs), key=str)
                        for pair, rs in reasons.items()
                        if pair[0] in community and pair[1] in community
                    },
                )
            )
    clusters.sort(key=lambda c: (-c.problem_count, c.id))
    return clusters


def _join(
    graph: nx.Graph[str],
    reasons: dict[tuple[str, str], list[Fact]],
    household_of: dict[str, str],
    a: str,
    b: str,
    reason: Fact,
) -> None:
    ha, hb = household_of.get(a), household_of.get(b)
    if ha and hb and ha != hb:
        graph.add_edge(ha, hb)
        reasons[(min(ha, hb), max(ha, hb))].append(reason)


def _household_problems(
    facts: FamilyNetworkFacts, household_of: dict[str, str]
) -> dict[str, set[int]]:
    problems: dict[str, set[int]] = defaultdict(set)
    for concern in facts.concerns:
        household = household_of.get(concern.subject_id, concern.subject_id)
        headline = _headline(concern.code)
        if headline is not None and household in facts.areas:
            problems[household].add(int(headline))
    return problems


@dataclass
class RiskHub:
    person_id: str
    name: str
    reason: str
    households: list[str]
    evidence: list[Fact]


def risk_hubs(facts: FamilyNetworkFacts, thresholds: Thresholds) -> list[RiskHub]:
    """Adults linked to domestic abuse in two or more households through past or present
    partners, and people whose position alone connects otherwise separate families."""
    return _abuse_hubs(facts) + _bridges(facts, thresholds)


def _abuse_hubs(facts: FamilyNetworkFacts) -> list[RiskHub]:
    household_of = {link.source: link.target for link in facts.links if link.type == "MEMBER_OF"}
    abused = defaultdict(list)
    for concern in facts.concerns:
        if concern.code in DOMESTIC_ABUSE:
            abused[household_of.get(concern.subject_id, concern.subject_id)].append(concern)
    partners: dict[str, set[str]] = defaultdict(set)
    for link in facts.links:
        if link.type in ("PARTNER_OF", "PAST_PARTNER"):
            partners[link.source].add(link.target)
            partners[link.target].add(link.source)
    hubs = []
    for person, others in sorted(partners.items()):
        homes = sorted({household_of[o] for o in others if household_of.get(o) in abused})
        if len(homes) >= 2:
            evidence = [
                _evidence("domestic abuse", c, facts.names) for h in homes for c in abused[h]
            ]
            hubs.append(
                RiskHub(
                    person,
                    facts.names.get(person, person),
                    f"partner, past or present, in {len(homes)} households with "
                    "domestic abuse concerns",
                    homes,
                    evidence,
                )
            )
    return hubs


def _bridges(facts: FamilyNetworkFacts, thresholds: Thresholds) -> list[RiskHub]:
    """Articulation points of the family graph that separate two or more households,
    found within each connected family network (they are small), so cost stays linear."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from(
        (link.source, link.target)
        for link in facts.links
        if link.type in FAMILY_TYPES | {"PAST_PARTNER"}
    )
    household_of = {link.source: link.target for link in facts.links if link.type == "MEMBER_OF"}
    concerns_by_subject: dict[str, list[ConcernFact]] = defaultdict(list)
    for concern in facts.concerns:
        concerns_by_subject[concern.subject_id].append(concern)
    hubs = []
    for component in nx.connected_components(graph):
        if len(component) < 5:
            continue
        sub = graph.subgraph(component)
        for person in sorted(nx.articulation_points(sub)):
            # Households are nodes too, and a child between two parents' homes is the
            # ordinary shape of a separated family: only adults are reported.
            if person not in facts.areas and person not in facts.children:
                hub = _bridge(
                    sub,
                    person,
                    facts,
                    thresholds.hub_minimum_separated_groups,
                    household_of,
                    concerns_by_subject,
                )
                if hub is not None:
                    hubs.append(hub)
    hubs.sort(key=lambda h: (-len(h.households), h.person_id))
    return hubs


def _bridge(
    graph: nx.Graph[str],
    person: str,
    facts: FamilyNetworkFacts,
    minimum_sides: int,
    household_of: dict[str, str],
    concerns_by_subject: dict[str, list[ConcernFact]],
) -> RiskHub | None:
    trimmed = graph.copy()
    trimmed.remove_node(person)
    sides: list[list[str]] = []
    for part in nx.connected_components(trimmed):
        homes = sorted(n for n in part if n in facts.areas)
        if homes:
            sides.append(homes)
    if len(sides) < minimum_sides:
        return None
    codes: dict[str, set[str]] = defaultdict(set)
    for member in graph.nodes:
        for concern in concerns_by_subject.get(member, ()):
            codes[household_of.get(member, member)].add(concern.code)
    evidence = [
        Fact(
            "; ".join(
                f"{h} ({', '.join(sorted(codes[h])) or 'no current concerns'})" for h in side[:5]
            ),
            households=tuple(side[:5]),
        )
        for side in sides
    ]
    return RiskHub(
        person,
        facts.names.get(person, person),
        f"the only link between {len(sides)} otherwise separate groups of households",
        [h for side in sides for h in side][:20],
        evidence,
    )
