"""Weights of case complexity and the preferences of allocation: configuration, not constants.

Environment variables use the `GRAPH_SERVICE_COMPLEXITY_` and `GRAPH_SERVICE_ALLOCATION_`
prefixes, for example `GRAPH_SERVICE_COMPLEXITY_PER_HAZARD=3`.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["AllocationPreferences", "ComplexityWeights"]


class ComplexityWeights(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPH_SERVICE_COMPLEXITY_", frozen=True)

    per_headline_problem: float = Field(default=1.0, ge=0)
    toxic_trio: float = Field(default=4.0, ge=0)
    per_agency: float = Field(default=0.5, ge=0)
    per_child: float = Field(default=0.5, ge=0)
    per_hazard: float = Field(default=2.0, ge=0)
    child_protection: float = Field(default=3.0, ge=0)
    looked_after: float = Field(default=2.0, ge=0)
    mental_health_act: float = Field(default=3.0, ge=0)
    deprivation_of_liberty: float = Field(default=2.0, ge=0)
    per_recent_concern: float = Field(default=1.0, ge=0)
    recent_days: int = Field(default=90, ge=1, le=730)
    medium_from: float = Field(default=5.0, gt=0)
    high_from: float = Field(default=10.0, gt=0)
    # What one case counts for in a caseload, by band (a caseload limit counts low cases).
    caseload_low: float = Field(default=1.0, gt=0, le=4)
    caseload_medium: float = Field(default=1.25, gt=0, le=4)
    caseload_high: float = Field(default=1.5, gt=0, le=4)


class AllocationPreferences(BaseSettings):
    """Costs per caseload unit of a suggestion; lower is better, reasons name each term."""

    model_config = SettingsConfigDict(env_prefix="GRAPH_SERVICE_ALLOCATION_", frozen=True)

    base_cost: int = Field(default=100, ge=0)
    named_worker_bonus: int = Field(default=70, ge=0)
    family_worker_bonus: int = Field(default=50, ge=0)
    other_locality_cost: int = Field(default=30, ge=0)
    capability_match_bonus: int = Field(default=15, ge=0)
    newly_qualified_on_complex_cost: int = Field(default=25, ge=0)
    newly_qualified_years: int = Field(default=2, ge=0)
    # Spreading load: each extra case costs this much times the worker's resulting load share.
    load_spread_cost: int = Field(default=40, ge=0)
    candidates_per_case: int = Field(default=15, ge=1, le=500)
    max_queue: int = Field(default=1000, ge=1, le=5000)
