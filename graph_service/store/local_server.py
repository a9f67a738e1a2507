"""A local Neo4j Community server without Docker.

Neo4j's jars are resolved from Maven Central with the pom beside this module into a
cache directory, then `org.neo4j.server.CommunityEntryPoint` runs on Java 17 with a
`neo4j.conf` we write ourselves, bound to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "POM",
    "LocalNeo4j",
    "LocalServerError",
    "ServerStatus",
    "free_port",
    "new_password",
]

POM = Path(__file__).with_name("neo4j_server") / "pom.xml"
_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_PR_SET_PDEATHSIG = 1  # prctl(2)
_ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# The options Neo4j's own launcher passes to a Java 17 JVM.
_JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)


def new_password() -> str:
    """A random password the admin tool cannot mistake for an option (none starts with -)."""
    return "n" + secrets.token_urlsafe(24)


class LocalServerError(RuntimeError):
    """A problem the user can act on, with a message that says exactly what it is."""


@dataclass(frozen=True, slots=True)
class ServerStatus:
    running: bool
    pid: int | None
    port: int
    home: Path

    def describe(self) -> str:
        if self.running:
            return f"Neo4j is running (pid {self.pid}) on bolt://127.0.0.1:{self.port}"
        return f"Neo4j is not running (home {self.home})"


def free_port() -> int:
    """A loopback port nobody is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _bolt_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


class LocalNeo4j:
    """Start, stop and inspect one Neo4j server whose files live under `home`.

    Args:
        home: the server's own directory (config, data, logs, password file).
        cache_dir: where resolved jars are kept; shared by every server.
    """

    def __init__(
        self,
        home: Path,
        cache_dir: Path,
        port: int = 7687,
        heap_size: str = "2g",
        pagecache_size: str = "1g",
    ) -> None:
        self.home = home
        self.cache_dir = cache_dir
        self.port = port
        self.heap_size = heap_size
        self.pagecache_size = pagecache_size

    # -- files -----------------------------------------------------------------

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def password(self) -> str:
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise LocalServerError(
                f"no password file at {self.password_file}: run `graph-service db start` first"
            ) from None

    # -- prerequisites ---------------------------------------------------------

    @staticmethod
    def check_java() -> str:
        java = shutil.which("java")
        if java is None:
            raise LocalServerError("Java is not installed: Neo4j 5.26 needs Java 17 on PATH")
        probe = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
        match = re.search(r'version "(\d+)', probe.stderr + probe.stdout)
        if match is None or int(match.group(1)) < 17:
            found = match.group(1) if match else "unknown"
            raise LocalServerError(f"Neo4j 5.26 needs Java 17 or later; found Java {found}")
        return java

    def classpath(self) -> Path:
        """The directory of Neo4j's jars, resolving them with Maven the first time."""
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:12]
        lib = self.cache_dir / f"neo4j-lib-{digest}"
        if (lib / ".complete").exists():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalServerError(
                "Maven is not installed: it is needed once to fetch Neo4j's jars "
                "from Maven Central (install the `maven` package)"
            )
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="neo4j-lib-", dir=self.cache_dir))
        command = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}",
            "-DincludeScope=runtime",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
            raise LocalServerError("Maven could not resolve Neo4j's jars:\n" + "\n".join(tail))
        (staging / ".complete").touch()
        try:
            staging.rename(lib)
        except OSError:  # another process finished first; theirs is as good
            shutil.rmtree(staging, ignore_errors=True)
        return lib

    # -- lifecycle -------------------------------------------------------------

    def status(self) -> ServerStatus:
        pid = self._live_pid()
        return ServerStatus(running=pid is not None, pid=pid, port=self.port, home=self.home)

    def start(self, timeout: float = 180.0, *, with_parent: bool = False) -> ServerStatus:
        """Start the server and wait until Bolt answers.

        Args:
            with_parent: stop the server when this process dies, however it dies (test runs
                and benchmarks; a run killed half way used to leave its server behind).
        """
        current = self.status()
        if current.running:
            raise LocalServerError(f"{current.describe()}; not starting another")
        java = self.check_java()
        if _port_taken(self.port):
            raise LocalServerError(
                f"port {self.port} on 127.0.0.1 is already in use by another process; "
                "stop it or choose another port with GRAPH_SERVICE_BOLT_PORT"
            )
        lib = self.classpath()
        self._write_config()
        self._ensure_initial_password(java, lib)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        command = [
            java,
            f"-Xms{self.heap_size}",
            f"-Xmx{self.heap_size}",
            *_JVM_OPTIONS,
            "-cp",
            f"{lib}/*",
            _ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
        ]
        with self.log_file.open("ab") as log:
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_stop_with_parent if with_parent else None,
            )
        self.pid_file.write_text(str(process.pid), encoding="utf-8")
        self._wait_until_ready(process, timeout)
        return self.status()

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server; False when none was running."""
        pid = self._live_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._alive(pid):
            time.sleep(0.2)
        if self._alive(pid):
            os.kill(pid, signal.SIGKILL)
            while self._alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    # -- internals -------------------------------------------------------------

    def _write_config(self) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            # Nothing may leave this machine.
            "dbms.usage_report.enabled": "false",
            "server.directories.data": str(self.data_dir),
            "server.directories.logs": str(self.home / "logs"),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.directories.plugins": str(self.home / "plugins"),
            "server.memory.pagecache.size": self.pagecache_size,
            "db.tx_log.rotation.retention_policy": "2 files",
            "db.transaction.timeout": "300s",
            # No keep-alive probes during a request, so the server sends no receive timeout
            # hint and the driver does not wrap every socket read in a timer: on loopback a
            # dead server is seen as a closed connection anyway.
            "server.bolt.connection_keep_alive_for_requests": "OFF",
        }
        text = "# Written by graph-service; edits are overwritten on start.\n" + "".join(
            f"{key}={value}\n" for key, value in settings.items()
        )
        (self.conf_dir / "neo4j.conf").write_text(text, encoding="utf-8")

    def _ensure_initial_password(self, java: str, lib: Path) -> None:
        """Give a new server a random password, readable by this user only."""
        if (self.data_dir / "databases").exists():
            return  # the server has run before; its password is already set
        password = self.password_file.read_text().strip() if self.password_file.exists() else ""
        if not password:
            password = new_password()
            self.home.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(password + "\n")
        self.password_file.chmod(0o600)
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}
        result = subprocess.run(
            [java, "-cp", f"{lib}/*", _ADMIN_TOOL, "dbms", "set-initial-password", password],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise LocalServerError("could not set Neo4j's initial password: " + result.stderr)

    def _wait_until_ready(self, process: subprocess.Popen[bytes], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise LocalServerError(
                    f"Neo4j exited during start (code {process.returncode}); "
                    f"last lines of {self.log_file}:\n{self._log_tail()}"
                )
            if _bolt_answers(self.port) and self._started_logged():
                return
            time.sleep(0.25)
        self.stop()
        raise LocalServerError(f"Neo4j did not answer on Bolt within {timeout:.0f}s")

    def _started_logged(self) -> bool:
        log = self.home / "logs" / "neo4j.log"
        with contextlib.suppress(FileNotFoundError):
            return "Started." in log.read_text(encoding="utf-8", errors="replace")[-4000:]
        return False

    def _log_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(FileNotFoundError):
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
            return "\n".join(text.splitlines()[-lines:])
        return "(no log)"

    def _live_pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if self._alive(pid) and self._is_ours(pid) else None

    @staticmethod
    def _alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return False
        if stat.rsplit(")", 1)[1].split()[0] != "Z":
            return True
        # A zombie: our own child is gone once we reap it (the JVM's other threads may
        # still be exiting, which waitpid reports as 0); another parent's is gone already.
        try:
            reaped, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return reaped == 0

    def _is_ours(self, pid: int) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except FileNotFoundError:
            return False
        return _ENTRY_POINT in cmdline and f"--home-dir={self.home}" in cmdline


def _stop_with_parent() -> None:
    """In the child, before Java starts: the kernel sends it SIGTERM when its parent dies."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
