"""Genogram and ecomap conventions as data: node shapes, line styles and the legend."""

from __future__ import annotations

import colorsys
from typing import Any

__all__ = [
    "CLUSTER_LEGEND",
    "EDGE_CATEGORIES",
    "HOUSEHOLD_COLOURS",
    "LEGEND",
    "edge_style",
    "household_colours",
    "person_shape",
]

# Pale, distinguishable fills for households (colour-blind safe-ish Tableau 10, lightened).
HOUSEHOLD_COLOURS = (
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#dbdb8d",
    "#9edae5",
    "#d9d9d9",
)
# Beyond the first ten, hues step by the golden angle, with lightness and saturation
# cycling too: every household on a map keeps a fill of its own, pale enough for dark labels.
_GOLDEN_TURN = 0.381966


def household_colours(count: int) -> list[str]:
    """Fills for `count` households (or families) on one map, no two the same."""
    colours = list(HOUSEHOLD_COLOURS[:count])
    taken, step = set(colours), 0
    while len(colours) < count:
        colour = _pale(step)
        step += 1
        if colour not in taken:  # a hue that comes round again within rounding
            taken.add(colour)
            colours.append(colour)
    return colours


def _pale(step: int) -> str:
    hue = (0.05 + step * _GOLDEN_TURN) % 1.0
    lightness = (0.78, 0.86, 0.72)[(step // 3) % 3]
    saturation = (0.55, 0.75, 0.4)[step % 3]
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


NO_HOUSEHOLD = "#ffffff"
DECEASED = "#bdbdbd"
HAZARD_RED = "#b00020"
INDEX_OUTLINE = "#111111"
ABUSE_RED = "#d32f2f"

EDGE_CATEGORIES: dict[str, str] = {
    "family": "Parent and child",
    "partners": "Partners",
    "care": "Informal care",
    "peers": "Peers",
    "agencies": "Agencies (ecomap)",
    "workers": "Workers",
    "links": "Links between households",
}

_NO_ARROW: dict[str, Any] = {"to": {"enabled": False}}


def person_shape(sex: str | None) -> str:
    """Genogram: male square, female circle, anything else a diamond."""
    return {"male": "square", "female": "dot"}.get(sex or "", "diamond")


def edge_style(rel_type: str, kind: str | None, abuse: bool) -> dict[str, Any] | None:
    """vis-network edge options for one relationship, or None when it is not drawn."""
    if rel_type == "PARTNER_OF":
        dashes: bool | list[int] = {"cohabiting": [8, 6], "ex": [2, 10]}.get(kind or "", False)
        label = "ex" if kind == "ex" else ""
        if abuse:
            label = f"{label} DA".strip()
        return {
            "category": "partners",
            "dashes": dashes,
            "width": 3,
            "arrows": _NO_ARROW,
            "color": ABUSE_RED if abuse else "#424242",
            "label": label,
        }
    if rel_type == "PARENT_OF":
        birth = kind in (None, "birth")
        label = "" if birth else (kind or "").replace("_", " ")
        return {
            "category": "family",
            "dashes": False if birth else [4, 4],
            "width": 1.5,
            "color": "#424242",
            "label": label,
        }
    styles: dict[str, dict[str, Any]] = {
        # Brothers and sisters as an agency recorded them (their parents not on record).
        "SIBLING_OF": {
            "category": "family",
            "dashes": [6, 3],
            "color": "#424242",
            "label": f"{kind} sibling" if kind in ("half", "step") else "sibling",
            "arrows": _NO_ARROW,
        },
        "CARES_FOR": {
            "category": "care",
            "dashes": [10, 4],
            "color": "#2e7d32",
            "label": "cares for",
        },
        "ASSOCIATES_WITH": {
            "category": "peers",
            "dashes": [2, 4],
            "color": "#6a1b9a",
            "label": "peer",
            "arrows": _NO_ARROW,
        },
        "KNOWN_TO": {
            "category": "agencies",
            "dashes": [3, 3],
            "color": "#9e9e9e",
            "arrows": _NO_ARROW,
        },
        "INVOLVED_WITH": {"category": "workers", "dashes": [1, 3], "color": "#1565c0"},
        "HOUSEHOLD_LINK": {
            "category": "links",
            "dashes": [6, 4],
            "color": "#6d4c41",
            "arrows": _NO_ARROW,
            "width": 2,
        },
    }
    return styles.get(rel_type)


# What each symbol means: (symbol class for the CSS swatch, words).
LEGEND: list[tuple[str, str]] = [
    ("shape-square", "Male (square)"),
    ("shape-circle", "Female (circle)"),
    ("shape-diamond", "Sex not recorded or other (diamond)"),
    ("shape-small", "Child under 18 (smaller)"),
    ("shape-deceased", "Deceased (grey, marked †)"),
    ("shape-index", "The person this map is about (thick black outline)"),
    ("shape-hazard", "Hazard to visiting staff (red outline, ⚠ in the label)"),
    ("shape-agency", "Agency (box) or worker (triangle)"),
    ("badge", "[n] after a name: open concerns; hover or click for the details"),
    ("fill", "Fill colour: the household a person lives in (see below)"),
    ("line-solid", "Married or civil partners (solid)"),
    ("line-dashed", "Cohabiting (dashed)"),
    ("line-broken", "Ex-partners (broken, 'ex')"),
    ("line-abuse", "Domestic abuse recorded (red, 'DA')"),
    ("line-parent", "Parent to child (arrow; dashed with the kind if not birth)"),
    ("line-sibling", "Siblings as an agency recorded them (dashed, no arrow; half or step)"),
    ("line-care", "Informal carer (green, 'cares for')"),
    ("line-peer", "Peers (purple dotted)"),
    ("line-agency", "Known to an agency (grey dashed); worker involved (blue dotted)"),
]

CLUSTER_LEGEND: list[tuple[str, str]] = [
    ("shape-agency", "Household (box): its family, area and headline problems"),
    ("fill", "Fill colour: the family unit the household belongs to (see below)"),
    (
        "line-link",
        "Link between households of different families; the number counts the "
        "reasons (partners living apart, ex-partners, peers, shared places or address)",
    ),
]
