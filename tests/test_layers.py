"""The layers hold (import-linter, as `make test` runs it), and an upward import breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from graph_service.config import PROJECT_ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}  # this copy of the package, not the tree's
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(root: Path) -> None:
    """The package and its contracts, to break in a copy."""
    shutil.copytree(
        PROJECT_ROOT / "graph_service",
        root / "graph_service",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root / "pyproject.toml")


def test_the_layers_hold_and_an_upward_import_breaks_them(tmp_path: Path) -> None:
    _copy(tmp_path)
    kept = _lint(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    rules = tmp_path / "graph_service" / "model" / "rules.py"
    rules.write_text(
        rules.read_text(encoding="utf-8") + "\nimport graph_service.services\n", encoding="utf-8"
    )  # a rule reaching up to a use case
    broken = _lint(tmp_path)
    assert broken.returncode != 0
    assert "graph_service.model.rules -> graph_service.services" in broken.stdout


def test_an_entry_point_reaching_past_the_use_cases_breaks_them(tmp_path: Path) -> None:
    _copy(tmp_path)
    resolver = tmp_path / "graph_service" / "api" / "queries" / "analyses.py"
    resolver.write_text(
        resolver.read_text(encoding="utf-8") + "\nimport graph_service.analytics.report\n",
        encoding="utf-8",
    )  # a resolver running a rule itself instead of calling its use case
    broken = _lint(tmp_path)
    assert broken.returncode != 0
    assert "graph_service.api.queries.analyses -> graph_service.analytics.report" in broken.stdout
