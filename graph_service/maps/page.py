"""A map as a page: data for vis-network, the hazard banner and legend, rendered offline."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis

from graph_service.maps.style import EDGE_CATEGORIES, LEGEND

__all__ = ["ASSETS", "MapPage", "asset_path", "render_page"]

_HERE = Path(__file__).parent
_VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
# Served at /static/maps/<name>; all from the package or pyvis itself, never a CDN.
ASSETS: dict[str, Path] = {
    "vis-network.min.js": _VIS / "vis-network.min.js",
    "vis-network.css": _VIS / "vis-network.css",
    "map.js": _HERE / "static" / "map.js",
    "map.css": _HERE / "static" / "map.css",
}


def asset_path(name: str) -> Path | None:
    return ASSETS.get(name)


@dataclass
class MapPage:
    title: str
    subtitle: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    hazards: list[str] = field(default_factory=list)
    groups: list[tuple[str, str]] = field(default_factory=list)  # (label, colour)
    categories: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    group_heading: str = "Households"
    # Households drawn as outlines around their members: label, colour and box.
    outlines: list[dict[str, Any]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=lambda: list(LEGEND))


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("map.html")


@cache
def _asset_text(name: str) -> str:
    return ASSETS[name].read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def render_page(page: MapPage, inline: bool = False) -> str:
    """The HTML page. `inline` embeds every asset (a file that opens offline on its own,
    with a Content-Security-Policy meta tag allowing only those exact scripts)."""
    data = _script_json(
        {
            "nodes": page.nodes,
            "edges": page.edges,
            "options": page.options,
            "outlines": page.outlines,
        }
    )
    scripts = [_asset_text("vis-network.min.js"), _asset_text("map.js")] if inline else []
    csp = (
        "default-src 'none'; script-src "
        + " ".join(_sha256(s) for s in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    return _template().render(
        page=page,
        data=data,
        inline=inline,
        csp=csp,
        scripts=scripts,
        styles=[_asset_text("vis-network.css"), _asset_text("map.css")] if inline else [],
        legend=page.legend,
        categories=[(c, EDGE_CATEGORIES[c]) for c in page.categories],
    )
