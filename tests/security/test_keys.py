"""Token keys: configured, or a development secret kept private; never a default in production."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.config import Mode, Settings
from graph_service.security.keys import token_keys
from graph_service.security.roles import Role
from graph_service.security.tokens import verify_token


def test_production_refuses_to_run_without_a_secret(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="GRAPH_SERVICE_TOKEN_SECRET: required in production"):
        token_keys(Settings(mode=Mode.PRODUCTION, state_dir=tmp_path))


def test_development_secret_is_made_once_and_private(tmp_path: Path) -> None:
    first = token_keys(Settings(state_dir=tmp_path))
    assert token_keys(Settings(state_dir=tmp_path)) == first
    mode = stat.S_IMODE((tmp_path / "token-secret").stat().st_mode)
    assert mode == 0o600


def test_token_create_prints_a_token_the_keys_verify(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path)}
    result = CliRunner().invoke(
        app, ["token", "create", "--user", "sam", "--role", "auditor", "--minutes", "5"], env=env
    )
    assert result.exit_code == 0, result.output
    keys = token_keys(Settings(state_dir=tmp_path / "graph-service"))
    assert verify_token(keys, result.output.strip()).role is Role.AUDITOR
    bad = CliRunner().invoke(app, ["token", "create", "--user", "sam", "--role", "king"], env=env)
    assert bad.exit_code == 1 and "--role" in bad.output
