"""Training the linkage model without labels: u from random pairs, the prior from
near-certain matches, m by expectation maximisation on blocks that leave each field
free to vary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from splink import block_on

from graph_service.linkage.records import PersonRecord
from graph_service.linkage.scoring import MODEL_VERSION, linker_for
from graph_service.linkage.settings import linkage_settings

__all__ = ["model_document", "train_model"]


def train_model(records: Sequence[PersonRecord], seed: int = 1) -> dict[str, Any]:
    """The settings with trained m and u probabilities, ready to save as the model."""
    linker = linker_for(linkage_settings(), records)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("dob", "given_key", "family_sx")], recall=0.5
    )
    training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    training.estimate_parameters_using_expectation_maximisation(
        block_on("dob"), estimate_without_term_frequencies=True
    )
    training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name", "sex"), estimate_without_term_frequencies=True
    )
    model: dict[str, Any] = linker.misc.save_model_to_json()
    # Splink stamps each linker with a random id (for its cached tables' names): without
    # it, training twice on one borough gives one model (to a float's last digits, which
    # DuckDB's parallel sums leave to chance).
    model.pop("linker_uid", None)
    return model


def model_document(model: dict[str, Any], trained_on: dict[str, Any]) -> dict[str, Any]:
    """The model file's content: its version, what it was trained on, Splink's settings."""
    return {"version": MODEL_VERSION, "trained_on": trained_on, "splink": model}
