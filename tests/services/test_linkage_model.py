"""Training writes a versioned model that scores; accuracy counts add up."""

from __future__ import annotations

import json
from pathlib import Path

from graph_service.linkage.scoring import load_model
from graph_service.model.match_bands import LinkThresholds
from graph_service.services.linkage_model import accuracy_on_synthetic, train_on_synthetic


def test_a_model_trained_without_labels_links_a_borough_it_never_saw(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    train_on_synthetic(6000, seed=3, out=out)
    assert json.loads(out.read_text())["trained_on"] == {"synthetic_people": 6000, "seed": 3}
    result = accuracy_on_synthetic(load_model(out), 4000, seed=4, thresholds=LinkThresholds())
    assert result.true_pairs == 60
    assert result.auto_precision >= 0.95 and result.recall_with_review >= 0.7
    assert result.review_records <= 2 * result.review_pairs
    report = result.report()
    assert report["auto_true"] + report["auto_false"] > 0
