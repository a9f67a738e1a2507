"""Which auto-links may stand together without chaining two people through a third record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from graph_service.linkage.scoring import ScoredPair
from graph_service.model.match_bands import Band, LinkThresholds, band_of

__all__ = ["Banded", "banded"]


@dataclass(frozen=True)
class Banded:
    """Pairs by band after the cluster check. `chained`: auto-link pairs moved to review
    because their group held two records that are not an auto-link to each other."""

    auto_link: list[ScoredPair]
    review: list[ScoredPair]
    chained: frozenset[frozenset[str]]


def banded(pairs: Sequence[ScoredPair], thresholds: LinkThresholds) -> Banded:
    """Each pair in its band. Auto-links stand only where every two records of their group
    are an auto-link to each other: a record that looks like both a father and his son
    does not make them one person, and goes to a reviewer instead."""
    by_band: dict[Band, list[ScoredPair]] = {band: [] for band in Band}
    for pair in pairs:
        by_band[band_of(pair.match_weight, thresholds)].append(pair)
    auto, review = by_band[Band.AUTO_LINK], by_band[Band.REVIEW]
    chained = _not_cliques(auto)
    return Banded(
        auto_link=[p for p in auto if _key(p) not in chained],
        review=review + [p for p in auto if _key(p) in chained],
        chained=frozenset(chained),
    )


def _key(pair: ScoredPair) -> frozenset[str]:
    return frozenset((pair.left_id, pair.right_id))


def _not_cliques(auto: Iterable[ScoredPair]) -> set[frozenset[str]]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from((p.left_id, p.right_id) for p in auto)
    chained: set[frozenset[str]] = set()
    for group in nx.connected_components(graph):
        size = len(group)
        sub = graph.subgraph(group)
        if sub.number_of_edges() != size * (size - 1) // 2:
            chained.update(frozenset(edge) for edge in sub.edges)
    return chained
