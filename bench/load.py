"""Load from wrk (C, so the load generator barely competes for the CPU it measures):
saturating (each client sends again as soon as it has its answer) or paced (see
paced.lua), each request a different body from a list, read back as one result."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.harness import cpu_probe

__all__ = ["CLIENTS", "drive", "drive_paced", "probed"]

CLIENTS = 8
PACED = Path(__file__).with_name("paced.lua")

_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
local bodies = {}
for line in io.lines("%s") do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f %%.3f %%.3f\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
"""


def drive(url: str, bodies: list[dict[str, object]], seconds: int, token: str) -> dict[str, float]:
    """POST the bodies in turn to `url` (the GraphQL endpoint itself) from CLIENTS
    connections, each sending again as soon as it has its answer: saturation."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = _bodies_file(Path(tmp), bodies)
        script = Path(tmp) / "bench.lua"
        script.write_text(_WRK_SCRIPT % (token, lines), encoding="utf-8")
        return _result(
            ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency", "-s", str(script), url]
        )


def drive_paced(
    url: str, bodies: list[dict[str, object]], seconds: int, token: str, rate: float
) -> dict[str, float]:
    """The same clients sending `rate` requests a second between them, on a schedule;
    latency counts from when a request was due (see paced.lua)."""
    with tempfile.TemporaryDirectory() as tmp:
        lines = _bodies_file(Path(tmp), bodies)
        return _result(
            [
                "wrk",
                f"-t{CLIENTS}",
                f"-c{CLIENTS}",
                f"-d{seconds + 2}s",
                "-s",
                str(PACED),
                url,
                "--",
                token,
                str(lines),
                str(rate),
                str(CLIENTS),
                str(seconds),
            ]
        )


def probed(run: Callable[[], dict[str, float]]) -> tuple[dict[str, float], tuple[float, float]]:
    """A run with the machine's speed measured just before and just after it."""
    before = cpu_probe()
    result = run()
    return result, (before, cpu_probe())


def _bodies_file(directory: Path, bodies: list[dict[str, object]]) -> Path:
    lines = directory / "bodies.jsonl"
    lines.write_text("\n".join(json.dumps(b) for b in bodies) + "\n", encoding="utf-8")
    return lines


def _result(command: list[str]) -> dict[str, float]:
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    requests, errors, _, p50, p95, p99, rate = (float(f) for f in fields)
    return {
        "requests": requests,
        "errors": errors,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "rate": rate,
    }
