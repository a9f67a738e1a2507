"""What a record linkage match weight means for a pair: link it, ask a person, or leave
it. The thresholds are configuration: `GRAPH_SERVICE_LINKAGE_AUTO_LINK` and
`GRAPH_SERVICE_LINKAGE_REVIEW`, match weights (log2 odds that two records are one person)."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Band", "LinkThresholds", "band_of"]


class Band(StrEnum):
    AUTO_LINK = "auto_link"
    REVIEW = "review"
    NO_LINK = "no_link"


class LinkThresholds(BaseSettings):
    """At or above `auto_link`, a pair is linked without review; at or above `review`, it
    is put to a reviewer; below, no link."""

    model_config = SettingsConfigDict(env_prefix="GRAPH_SERVICE_LINKAGE_", frozen=True)

    auto_link: float = 14.0
    review: float = -2.0

    @model_validator(mode="after")
    def _review_below_auto_link(self) -> Self:
        if self.review > self.auto_link:
            raise ValueError(f"review: {self.review} is above auto_link ({self.auto_link})")
        return self


def band_of(weight: float, thresholds: LinkThresholds) -> Band:
    if weight >= thresholds.auto_link:
        return Band.AUTO_LINK
    if weight >= thresholds.review:
        return Band.REVIEW
    return Band.NO_LINK
