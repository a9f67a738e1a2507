from __future__ import annotations

import colorsys

from graph_service.maps.style import DECEASED, HOUSEHOLD_COLOURS, NO_HOUSEHOLD, household_colours


def _lightness(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(red, green, blue)[1]


def test_a_small_map_uses_the_palette() -> None:
    assert household_colours(4) == list(HOUSEHOLD_COLOURS[:4])
    assert household_colours(10) == list(HOUSEHOLD_COLOURS)


def test_no_two_households_on_a_large_map_share_a_fill() -> None:
    colours = household_colours(500)
    assert len(set(colours)) == 500
    assert colours[:10] == list(HOUSEHOLD_COLOURS)
    assert NO_HOUSEHOLD not in colours and DECEASED not in colours


def test_every_fill_is_pale_enough_for_dark_labels() -> None:
    assert min(_lightness(colour) for colour in household_colours(500)) >= 0.65
