"""The wheel runs on its own: built, installed into a fresh virtual environment without the
source tree, its app factory starts and its schema export matches the checked-in SDL."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from graph_service.config import PROJECT_ROOT

START = """
from pydantic import SecretStr
from graph_service.api.app import create_app
from graph_service.config import Settings
import graph_service
settings = Settings(token_secret=SecretStr("wheel-test-" + "x" * 32))
app = create_app(settings)
assert len(app.state.queries.names()) > 100, app.state.queries.names()
assert "site-packages" in str(settings.queries_dir), settings.queries_dir
print(graph_service.__file__)
"""


def _run(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_installed_wheel_starts_and_exports_the_same_schema(tmp_path: Path) -> None:
    wheels, env, elsewhere = tmp_path / "wheels", tmp_path / "env", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "-w",
        wheels,
        PROJECT_ROOT,
        cwd=tmp_path,
    )
    [wheel] = wheels.glob("graph_service-*.whl")
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", f"{wheel}[api,maps]", cwd=tmp_path)
    where = _run(python, "-c", START, cwd=elsewhere).strip()
    assert where.startswith(str(env)), where  # the installed copy, not the source tree
    exported = elsewhere / "schema.graphql"
    _run(env / "bin" / "graph-service", "schema", "export", "-o", exported, cwd=elsewhere)
    checked_in = (PROJECT_ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert exported.read_text(encoding="utf-8") == checked_in
