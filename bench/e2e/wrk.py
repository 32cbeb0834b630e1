"""Driving ``wrk``, the HTTP load generator, and reading what it prints.

Strategy: each workload becomes a short Lua script that sets wrk's request (method, path,
body; wrk adds the Content-Length); wrk runs with one thread, since it is pinned to one
core, and ``--latency`` so that it prints its latency percentiles. Its text output is the
interface (wrk has no machine-readable one), parsed line by line with the units wrk prints
(``us``, ``ms``, ``s``, ``m``, ``h``); output missing a number the run needs is an error,
never a zero.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.e2e.workloads import Workload

WRK = "wrk"
MISSING = (
    "make bench-e2e needs wrk, the HTTP load generator, on PATH: install it from the system's "
    "packages (Debian and Ubuntu: apt-get install wrk)"
)
UNIT_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
_TIME = r"(\d+(?:\.\d+)?)(us|ms|s|m|h)"
_PERCENTILE = re.compile(rf"^\s*(\d+(?:\.\d+)?)%\s+{_TIME}\s*$", re.MULTILINE)
_REQUESTS = re.compile(rf"^\s*(\d+) requests in {_TIME},", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+(\d+(?:\.\d+)?)\s*$", re.MULTILINE)
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_BAD_STATUS = re.compile(r"Non-2xx or 3xx responses: (\d+)")


class WrkError(Exception):
    """wrk could not run, or printed no result."""


@dataclass(frozen=True)
class Result:
    """One wrk run, as wrk reports it."""

    requests: int
    seconds: float
    requests_per_s: float
    latency_ms: dict[str, float]
    """Percentile (``"50"``, ``"99"`` ...) -> latency in milliseconds."""
    socket_errors: int
    bad_responses: int
    """Responses with a status of 400 or more."""

    @property
    def p99_ms(self) -> float:
        """The 99th percentile of latency."""
        return self.latency_ms["99"]


def available() -> bool:
    """Whether ``wrk`` is on PATH."""
    return shutil.which(WRK) is not None


def version() -> str:
    """wrk's version as ``wrk -v`` states it (e.g. ``4.1.0``, or a distribution's tag)."""
    try:
        done = subprocess.run([WRK, "-v"], capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    words = (done.stdout + done.stderr).split()
    return words[1] if len(words) > 1 and words[0] == WRK else "unknown"


def lua_string(data: bytes) -> str:
    """*data* as a Lua string literal (printable ASCII as is, every other byte escaped)."""
    escaped = "".join(
        chr(byte) if 0x20 <= byte < 0x7F and byte not in b'"\\' else f"\\{byte:03d}"
        for byte in data
    )
    return f'"{escaped}"'


def script(workload: Workload) -> str:
    """The Lua script that makes wrk send *workload*'s request."""
    lines = [f"wrk.method = {lua_string(workload.method.encode('ascii'))}"]
    lines.append(f"wrk.path = {lua_string(workload.path.encode('ascii'))}")
    if workload.request_body:
        lines.append(f"wrk.body = {lua_string(workload.request_body)}")
        lines.append('wrk.headers["Content-Type"] = "application/octet-stream"')
    return "\n".join(lines) + "\n"


def command(url: str, script_path: Path, connections: int, seconds: int) -> list[str]:
    """wrk's argument vector: one thread, *connections* keep-alive connections."""
    return [
        WRK,
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script_path),
        url,
    ]


def run(argv: list[str], seconds: int) -> Result:
    """Run wrk (*argv* as built by ``command``, perhaps pinned) and parse its report."""
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, check=False, timeout=seconds + 30
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise WrkError(f"wrk did not run: {error}") from error
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}: {done.stderr.strip()}")
    return parse(done.stdout)


def parse(output: str) -> Result:
    """The numbers of wrk's report (printed with ``--latency``)."""
    requests = _REQUESTS.search(output)
    rate = _RATE.search(output)
    latency = {
        _percentile_key(match[1]): _milliseconds(match[2], match[3])
        for match in _PERCENTILE.finditer(output)
    }
    if requests is None or rate is None or "99" not in latency:
        raise WrkError(f"wrk printed no complete report:\n{output}")
    if int(requests[1]) == 0:
        raise WrkError(f"no request completed:\n{output}")
    errors = _SOCKET_ERRORS.search(output)
    bad = _BAD_STATUS.search(output)
    return Result(
        requests=int(requests[1]),
        seconds=_milliseconds(requests[2], requests[3]) / 1e3,
        requests_per_s=float(rate[1]),
        latency_ms=latency,
        socket_errors=sum(int(count) for count in errors.groups()) if errors else 0,
        bad_responses=int(bad[1]) if bad else 0,
    )


def _percentile_key(text: str) -> str:
    """``"99.000"`` and ``"99"`` both name the 99th percentile."""
    return f"{float(text):g}"


def _milliseconds(number: str, unit: str) -> float:
    return float(number) * UNIT_MS[unit]
