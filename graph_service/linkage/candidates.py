"""One arriving record scored against the few records blocking found for it in the graph,
with the whole population's name frequencies: how the service scores a new record before
the write that made it returns, in any worker, without holding everyone in memory."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI

from graph_service.linkage.records import PersonRecord, linkage_row, recorded_apart
from graph_service.linkage.replay import ReplayedPrediction
from graph_service.linkage.scoring import (
    TERM_FREQUENCY_COLUMNS,
    ScoredPair,
    linker_on,
    load_records,
    scored_pair,
)

__all__ = ["CandidateScorer", "name_frequencies"]


def name_frequencies(names: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Each cleaned given and family name's share of the population, as Splink's term
    frequency lookups hold it."""
    counts: dict[str, Counter[str]] = {column: Counter() for column in TERM_FREQUENCY_COLUMNS}
    total = 0
    for given, family in names:
        row = linkage_row(PersonRecord("", given, family))
        total += 1
        for column in TERM_FREQUENCY_COLUMNS:
            if row[column]:
                counts[column][row[column]] += 1
    return {
        column: {value: n / total for value, n in counted.items()}
        for column, counted in counts.items()
    }


class CandidateScorer:
    """Scores arriving records against candidates; thread-safe (one DuckDB, one lock)."""

    def __init__(self, model: dict[str, Any], frequencies: dict[str, dict[str, float]]) -> None:
        self._lock = threading.Lock()
        self._api = DuckDBAPI(connection=duckdb.connect())
        load_records(self._api.duckdb_con, "people", [])
        self._linker = linker_on(self._api, model)
        for column in TERM_FREQUENCY_COLUMNS:
            shares = frequencies.get(column, {})
            table = pa.table({column: list(shares), f"tf_{column}": list(shares.values())})
            registered = self._api.register(table, table_name=f"tf_lookup_{column}")
            self._linker.table_management.register_term_frequency_lookup(registered, column)
        self._prediction = ReplayedPrediction(self._api, self._linker)

    def score(
        self, arriving: PersonRecord, candidates: Sequence[PersonRecord], threshold: float
    ) -> list[ScoredPair]:
        """Each candidate the blocking rules pair with `arriving`, scored at least
        `threshold`, best first; the arriving record is always the pair's left side. Not
        the candidates recorded as related to it."""
        others = [c for c in candidates if c.id != arriving.id and not recorded_apart(arriving, c)]
        if not others:
            return []
        with self._lock:
            load_records(self._api.duckdb_con, "arriving", [arriving])
            load_records(self._api.duckdb_con, "people", others)
            rows = self._prediction.rows(threshold)
        pairs = [_arriving_left(scored_pair(row), arriving.id) for row in rows]
        return sorted(pairs, key=lambda pair: -pair.match_weight)


def _arriving_left(pair: ScoredPair, arriving: str) -> ScoredPair:
    if pair.left_id == arriving:
        return pair
    return ScoredPair(arriving, pair.left_id, pair.match_weight, pair.field_weights)
