"""Thresholds and weights of the analytics: configuration, not constants in the rules.

Environment variables use the `GRAPH_SERVICE_ANALYTICS_` prefix, for example
`GRAPH_SERVICE_ANALYTICS_HIDDEN_CARER_MIN_AGE=8`.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Thresholds"]


class Thresholds(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPH_SERVICE_ANALYTICS_", frozen=True)

    adult_age: int = Field(default=18, ge=16, le=21)
    hidden_carer_min_age: int = Field(default=5, ge=0, le=17)
    hidden_carer_max_age: int = Field(default=17, ge=0, le=17)
    # Hidden young carer score: one weight per reason, so every score can be explained.
    weight_care_need: int = 2
    weight_no_capable_adult: int = 3
    weight_eldest_child: int = 1
    weight_attendance: int = 2
    weight_per_extra_person_with_need: int = 1
    minimum_disadvantage_problems: int = Field(default=3, ge=1, le=10)
    # Clusters: Louvain resolution (higher: smaller groups) and problems a group must carry.
    cluster_resolution: float = Field(default=8.0, gt=0)
    cluster_minimum_problems: int = Field(default=6, ge=1)
    # Hubs: a person must be the only link between at least this many groups of households.
    hub_minimum_separated_groups: int = Field(default=3, ge=2)
