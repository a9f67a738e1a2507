"""Training is repeatable: the same borough gives the same model, so a retrained model in
the repository differs from the last only where the data or the settings do."""

from __future__ import annotations

from typing import Any

from graph_service.ingest.linkage_truth import person_records
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.training import train_model


def test_training_twice_on_one_borough_gives_one_model() -> None:
    records = person_records(generate_borough(1500, seed=3))
    first, second = train_model(records, seed=3), train_model(records, seed=3)
    assert first["comparisons"] and first["probability_two_random_records_match"] > 0
    assert _rounded(first) == _rounded(second)


def _rounded(value: Any) -> Any:
    """Floats to 12 significant figures: DuckDB sums in parallel, in no fixed order."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value
