from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import neo4j
import pytest

from graph_service.config import Settings
from graph_service.store.local_server import LocalNeo4j, LocalServerError, free_port
from tests.conftest import Neo4jConnection, private_server


@pytest.fixture
def own_server(neo4j_connection: Neo4jConnection) -> LocalNeo4j:
    if neo4j_connection.server is None:
        pytest.skip("NEO4J_URI given: the suite did not start a server of its own")
    return neo4j_connection.server


def test_running_server_reports_itself_and_refuses_a_second_start(own_server: LocalNeo4j) -> None:
    status = own_server.status()
    assert status.running and status.pid is not None
    with pytest.raises(LocalServerError, match=r"is running .* not starting another"):
        own_server.start()


def test_config_binds_loopback_only_and_sends_nothing_out(own_server: LocalNeo4j) -> None:
    conf = (own_server.conf_dir / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1\n" in conf
    assert f"server.bolt.listen_address=127.0.0.1:{own_server.port}\n" in conf
    assert "dbms.usage_report.enabled=false\n" in conf
    assert "dbms.security.auth_enabled=true\n" in conf


def test_password_is_generated_and_readable_by_the_user_only(own_server: LocalNeo4j) -> None:
    mode = stat.S_IMODE(own_server.password_file.stat().st_mode)
    assert mode == 0o600
    assert len(own_server.password()) >= 24
    with (
        pytest.raises(neo4j.exceptions.AuthError),
        neo4j.GraphDatabase.driver(own_server.uri, auth=("neo4j", "neo4j")) as driver,
    ):
        driver.verify_connectivity()


def test_port_in_use_is_reported(tmp_path: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        server = LocalNeo4j(tmp_path, Settings().cache_dir, port=port)
        with pytest.raises(LocalServerError, match=f"port {port} on 127.0.0.1 is already in use"):
            server.start()


def test_missing_java_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalServerError, match="Java is not installed"):
        LocalNeo4j(tmp_path, tmp_path).start()


def test_missing_maven_is_reported_when_jars_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    java = Path(LocalNeo4j.check_java())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(java)
    monkeypatch.setenv("PATH", str(bin_dir))
    server = LocalNeo4j(tmp_path / "home", tmp_path / "empty-cache", port=free_port())
    with pytest.raises(LocalServerError, match="Maven is not installed"):
        server.start()


def test_stop_when_nothing_runs_says_so(tmp_path: Path) -> None:
    server = LocalNeo4j(tmp_path, tmp_path, port=free_port())
    assert server.stop() is False
    assert not server.status().running


def test_data_persists_across_restart_and_stop_leaves_no_java(tmp_path: Path) -> None:
    server = private_server(tmp_path / "home")
    server.start(timeout=240)
    try:
        pid = server.status().pid
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", server.password())) as d:
            d.execute_query("CREATE (:Marker {id: 'kept'})")
        server.stop()
        assert pid is not None and not _process_exists(pid)
        server.start(timeout=240)
        with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", server.password())) as d:
            records, _, _ = d.execute_query("MATCH (m:Marker) RETURN m.id AS id")
        assert [r["id"] for r in records] == ["kept"]
    finally:
        server.stop()
    assert not server.status().running
    assert not _java_processes_for(server.home)


def test_a_server_started_with_its_parent_stops_when_the_parent_is_killed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import time
        from pathlib import Path
        from graph_service.config import Settings
        from graph_service.store.local_server import LocalNeo4j
        server = LocalNeo4j(Path({str(home)!r}), Settings().cache_dir, port={free_port()},
                            heap_size="512m", pagecache_size="64m")
        server.start(timeout=240, with_parent=True)
        print("started", flush=True)
        time.sleep(600)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "started"
        assert _java_processes_for(home)
    finally:
        parent.kill()  # SIGKILL: no clean-up of its own runs
        parent.wait()
    deadline = time.monotonic() + 60
    while _java_processes_for(home) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _java_processes_for(home)


def _process_exists(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def _java_processes_for(home: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if f"--home-dir={home}" in cmdline and os.getpid() != int(entry.name):
                found.append(int(entry.name))
    return found


def test_generated_passwords_never_look_like_an_option() -> None:
    from graph_service.store.local_server import new_password

    # token_urlsafe starts with "-" one time in 64: the admin tool took it for a flag.
    assert not any(new_password().startswith("-") for _ in range(2000))
