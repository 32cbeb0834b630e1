"""The ecosystem run: its catalogue, the echo applications, its processes, and its jobs.

The jobs run here with this environment's Python (the servers and clients that need nothing
from the package index: http.server, the demo server, http.client), so nothing is installed.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conformance import echo
from conformance.casefile import load_cases
from conformance.deviations import Deviations
from conformance.ecosystem import apps, processes, run
from conformance.ecosystem.catalogue import CLIENTS, SERVERS, index_packages
from conformance.ecosystem.clients import DRIVERS
from conformance.ecosystem.serve import LAUNCHERS
from conformance.ecosystem.venv import Environment
from conformance.live import Settings
from conformance.model import Digest, HeaderView, TargetView, Verdict
from conformance.progress import Bars

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_the_catalogue_names_launchers_and_drivers_that_exist() -> None:
    assert {spec.launcher for spec in SERVERS} == set(LAUNCHERS)
    assert {spec.driver.removesuffix("-h11pc") for spec in CLIENTS} == set(DRIVERS)
    assert len(SERVERS) >= 12 and len(CLIENTS) >= 5
    assert "h11pc" not in index_packages() and "uvicorn" in index_packages()


def test_a_package_that_could_not_be_installed_names_who_needs_it() -> None:
    environment = Environment(Path("python"), missing={"tornado": "no such version"})
    assert environment.unavailable(("tornado",)) == "cannot install tornado: no such version"
    assert environment.unavailable(("uvicorn", "h11")) is None


# --- the echo applications ---------------------------------------------------------------------


def test_the_wsgi_echo_reports_the_environ_and_the_raw_target() -> None:
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/a%20b?x=1",
        "PATH_INFO": "/a b",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "a",
        "CONTENT_LENGTH": "2",
        "CONTENT_TYPE": "",
        "wsgi.input": io.BytesIO(b"hi"),
    }
    started: list[str] = []
    [content] = apps.wsgi_echo(environ, lambda status, headers: started.append(status))
    message, exposes = echo.decode(content)
    assert started == ["200 OK"]
    assert (message.method, message.target, message.version) == (b"POST", b"/a%20b?x=1", b"1.1")
    assert message.headers == ((b"HOST", b"a"), (b"CONTENT_LENGTH", b"2"))
    assert exposes.headers is HeaderView.CGI


def test_the_asgi_echo_reads_the_whole_body() -> None:
    scope = {
        "type": "http",
        "method": "CONNECT",
        "raw_path": b"/x",
        "query_string": b"q",
        "http_version": "1.1",
        "headers": [(b"host", b"a")],
    }
    incoming: list[dict[str, Any]] = [
        {"type": "http.request", "body": b"h", "more_body": True},
        {"type": "http.request", "body": b"i"},
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(apps.asgi_echo(scope, receive, send))
    message, exposes = echo.decode(sent[1]["body"])
    assert sent[0]["status"] == 405  # no tunnels
    assert (message.target, message.headers) == (b"/x?q", ((b"host", b"a"),))
    assert message.body == Digest.of(b"hi")
    assert exposes.target is TargetView.ORIGIN


# --- processes ---------------------------------------------------------------------------------


def test_the_fleet_stops_a_child_and_its_process_group(tmp_path: Path) -> None:
    spawning = [
        sys.executable,
        "-c",
        "import subprocess, sys, time; "
        f"subprocess.Popen({SLEEPER!r}); print('ready', flush=True); time.sleep(60)",
    ]
    with processes.Fleet() as fleet:
        child = fleet.start(spawning, tmp_path / "log", pipes=True)
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        group = child.pid
    assert child.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(group, 0)  # no process of the group is left
    with pytest.raises(RuntimeError, match="stopping"):
        fleet.start(SLEEPER, tmp_path / "log")


def test_a_server_that_exits_is_reported_with_its_log(tmp_path: Path) -> None:
    failing = [sys.executable, "-c", "import sys; sys.exit('no port for you')"]
    with processes.Fleet() as fleet:
        child = fleet.start(failing, tmp_path / "log")
        port = processes.free_port()
        problem = processes.wait_listening(child, "127.0.0.1", port, 10, tmp_path / "log")
    assert problem == "exited with status 1: no port for you"


# --- jobs ----------------------------------------------------------------------------------


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Any]:
    environment = Environment(Path(sys.executable), {"h11pc": "0.1.0"})
    settings = Settings(timeout=3.0, idle=0.3, connections=4)
    chosen = {"cl-body", "te-chunked", "host-missing-http11", "cl-response-two-requests"}
    cases = [case for case in load_cases() if case.id in chosen]
    with processes.Fleet() as fleet, Bars(enabled=False) as bars:
        yield run._Context(
            environment, fleet, cases, Deviations(), settings, run.Plan(tmp_path), bars
        )


@pytest.mark.parametrize("name", ["http.server (stdlib)", "demo server (h11pc)"])
def test_a_server_job_starts_judges_and_stops_its_server(context: Any, name: str) -> None:
    [spec] = [spec for spec in SERVERS if spec.name == name]
    implementation, results = run._server_job(spec)(context)
    assert implementation.unavailable is None
    verdicts = {r.case.id: r.verdict for r in results}
    assert verdicts["cl-body"] is Verdict.PASS
    # http.server hands its handler the chunked coding undecoded: the echo shows it.
    chunked = Verdict.FAIL if spec.launcher == "http.server" else Verdict.PASS
    assert verdicts["te-chunked"] is chunked
    assert (context.plan.directory / "logs" / f"{spec.launcher}.log").exists()


def test_a_client_job_runs_its_worker_and_stops_it(context: Any) -> None:
    [spec] = [spec for spec in CLIENTS if spec.driver == "http.client"]
    implementation, results = run._client_job(spec)(context)
    assert (implementation.kind, implementation.unavailable) == ("client", None)
    assert [(r.case.id, r.verdict) for r in results] == [("cl-response-two-requests", Verdict.PASS)]


def test_what_cannot_be_installed_is_not_run(context: Any) -> None:
    [spec] = [spec for spec in SERVERS if spec.launcher == "tornado"]
    missing = Environment(Path(sys.executable), missing={"tornado": "gone"})
    implementation, results = run._server_job(spec)(replace(context, environment=missing))
    assert implementation.unavailable == "cannot install tornado: gone"
    assert results == []


def test_a_client_that_cannot_be_imported_is_not_run(context: Any) -> None:
    if importlib.util.find_spec("aiohttp") is not None:
        pytest.skip("aiohttp is installed here: this needs a client that is not")
    [spec] = [spec for spec in CLIENTS if spec.driver == "aiohttp"]
    implementation, results = run._client_job(spec)(context)
    assert "the client's worker did not start" in (implementation.unavailable or "")
    assert "No module named 'aiohttp'" in (implementation.unavailable or "")
    assert results == []
