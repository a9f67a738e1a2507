"""Banding: thresholds from configuration, and auto-links that would chain two people
through a third record go to a reviewer instead."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph_service.linkage.bands import banded
from graph_service.linkage.scoring import ScoredPair
from graph_service.model.match_bands import Band, LinkThresholds, band_of

BANDS = LinkThresholds(auto_link=14, review=0)


def _pair(left: str, right: str, weight: float) -> ScoredPair:
    return ScoredPair(left, right, weight, {})


@pytest.mark.parametrize(
    ("weight", "band"),
    [(14, Band.AUTO_LINK), (13.99, Band.REVIEW), (0, Band.REVIEW), (-0.01, Band.NO_LINK)],
)
def test_a_weight_falls_in_one_band(weight: float, band: Band) -> None:
    assert band_of(weight, BANDS) is band


def test_thresholds_come_from_the_environment_and_are_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GRAPH_SERVICE_LINKAGE_AUTO_LINK", "20")
    assert LinkThresholds().auto_link == 20
    monkeypatch.setenv("GRAPH_SERVICE_LINKAGE_REVIEW", "25")
    with pytest.raises(ValidationError, match="review"):
        LinkThresholds()


def test_a_record_like_both_father_and_son_does_not_make_them_one_person() -> None:
    pairs = [_pair("dup", "father", 16), _pair("dup", "son", 15), _pair("a", "b", 20)]
    result = banded(pairs, BANDS)
    assert [(p.left_id, p.right_id) for p in result.auto_link] == [("a", "b")]
    assert {frozenset(("dup", "father")), frozenset(("dup", "son"))} == result.chained
    assert {(p.left_id, p.right_id) for p in result.review} == {("dup", "father"), ("dup", "son")}


def test_a_group_whose_every_two_records_link_stands() -> None:
    pairs = [_pair("a", "b", 15), _pair("b", "c", 15), _pair("a", "c", 14), _pair("c", "d", 3)]
    result = banded(pairs, BANDS)
    assert len(result.auto_link) == 3 and not result.chained
    assert [(p.left_id, p.right_id) for p in result.review] == [("c", "d")]
