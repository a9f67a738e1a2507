"""Training the record linkage model on a synthetic borough (no labels are used) and
measuring a model against the borough's ground truth."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from graph_service.ingest.linkage_truth import person_records, true_matches
from graph_service.ingest.synthetic import generate_borough
from graph_service.linkage.bands import Banded, banded
from graph_service.linkage.scoring import MODEL_FILE, load_model, score_pairs
from graph_service.linkage.training import model_document, train_model
from graph_service.model.match_bands import LinkThresholds

__all__ = [
    "MODEL_FILE",
    "Accuracy",
    "accuracy_of",
    "accuracy_on_synthetic",
    "shipped_model",
    "train_on_synthetic",
]


def shipped_model() -> dict[str, Any]:
    """The model the service ships (linkage/model.json)."""
    return load_model(MODEL_FILE)


def train_on_synthetic(people: int, seed: int, out: Path = MODEL_FILE) -> dict[str, Any]:
    """Train on a generated borough and write the model file; returns its content."""
    borough = generate_borough(people, seed)
    model = train_model(person_records(borough), seed=seed)
    document = model_document(model, {"synthetic_people": people, "seed": seed})
    out.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return document


@dataclass(frozen=True)
class Accuracy:
    """A model's bands against the ground truth: confusion counts of the auto-link band,
    and recall and size of the auto-link and review bands together."""

    records: int
    true_pairs: int
    auto_true: int
    auto_false: int
    review_true: int
    review_pairs: int
    review_records: int

    @property
    def auto_precision(self) -> float:
        return self.auto_true / max(1, self.auto_true + self.auto_false)

    @property
    def auto_recall(self) -> float:
        return self.auto_true / max(1, self.true_pairs)

    @property
    def auto_f1(self) -> float:
        p, r = self.auto_precision, self.auto_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def recall_with_review(self) -> float:
        return (self.auto_true + self.review_true) / max(1, self.true_pairs)

    @property
    def review_share(self) -> float:
        return self.review_records / max(1, self.records)

    def report(self) -> dict[str, float | int]:
        """Every count and measure, named, for a table or a benchmark's record."""
        counts = {f.name: getattr(self, f.name) for f in fields(self)}
        return counts | {
            "auto_precision": round(self.auto_precision, 4),
            "auto_recall": round(self.auto_recall, 4),
            "auto_f1": round(self.auto_f1, 4),
            "recall_with_review": round(self.recall_with_review, 4),
            "review_share": round(self.review_share, 4),
        }


def accuracy_on_synthetic(
    model: dict[str, Any], people: int, seed: int, thresholds: LinkThresholds
) -> Accuracy:
    borough = generate_borough(people, seed)
    records = person_records(borough)
    pairs = score_pairs(model, records, thresholds.review)
    return accuracy_of(banded(pairs, thresholds), true_matches(borough), len(records))


def accuracy_of(bands: Banded, truth: set[frozenset[str]], records: int) -> Accuracy:
    """The bands' confusion counts against the pairs that are truly one person."""
    auto = {frozenset((p.left_id, p.right_id)) for p in bands.auto_link}
    review = {frozenset((p.left_id, p.right_id)) for p in bands.review}
    return Accuracy(
        records=records,
        true_pairs=len(truth),
        auto_true=len(auto & truth),
        auto_false=len(auto - truth),
        review_true=len(review & truth),
        review_pairs=len(review),
        review_records=len({r for pair in review for r in pair}),
    )
