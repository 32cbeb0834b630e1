"""An ecosystem run: the Python HTTP/1.1 servers and clients of the catalogue, judged live.

Strategy: prepare the ecosystem's virtualenv (:mod:`.venv`), then run a few jobs at a time,
one per server or client. A server job starts the server on a free loopback port with the
echo application, waits until it listens, sends it every request case (:func:`live.run_live`,
judging what it parsed from its echoes) and stops it. A client job starts the client's worker
and runs every response case through a :class:`~conformance.adapters.client.ClientAdapter`
with the same runner and judge as the in-process parsers. Whatever cannot be installed,
started or asked is listed as not run, with the reason. Every process started belongs to one
:class:`~.processes.Fleet`, stopped when the run ends however it ends.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from conformance.adapters.client import ClientAdapter
from conformance.deviations import Deviations
from conformance.ecosystem import processes, venv
from conformance.ecosystem.catalogue import (
    CHECKOUT,
    CLIENTS,
    SERVERS,
    ClientSpec,
    ServerSpec,
    index_packages,
)
from conformance.ecosystem.clients import DRIVERS, READY
from conformance.live import Settings, Target, applies, run_live
from conformance.model import Case, Result, Role
from conformance.paths import REPO_ROOT
from conformance.progress import Bars
from conformance.runner import Implementation, run_suite

HOST = "127.0.0.1"
DEFAULT_DIR = REPO_ROOT / "build" / "ecosystem"
Outcome = tuple[Implementation, list[Result]]


@dataclass(frozen=True, slots=True)
class Plan:
    directory: Path = DEFAULT_DIR
    """The virtualenv (``venv``) and the servers' and workers' logs (``logs``) go here."""
    jobs: int = 3
    """Servers and clients judged at once."""
    startup: float = 30.0
    """Seconds a server has to start listening."""
    only: tuple[str, ...] = ()
    """Run only the servers and clients whose names contain one of these."""


@dataclass(frozen=True, slots=True)
class _Context:
    environment: venv.Environment
    fleet: processes.Fleet
    cases: list[Case]
    deviations: Deviations
    live: Settings
    plan: Plan
    bars: Bars

    @property
    def logs(self) -> Path:
        return self.plan.directory / "logs"


def run_ecosystem(
    cases: list[Case], deviations: Deviations, live: Settings, plan: Plan, bars: Bars
) -> list[Outcome]:
    """Every server and client of the catalogue (or of ``plan.only``), in catalogue order."""
    environment = venv.prepare(plan.directory / "venv", index_packages())
    jobs: list[Callable[[_Context], Outcome]] = [
        *(
            _guarded(spec.name, "live", _server_job(spec))
            for spec in SERVERS
            if _chosen(spec.name, plan)
        ),
        *(
            _guarded(spec.name, "client", _client_job(spec))
            for spec in CLIENTS
            if _chosen(spec.name, plan)
        ),
    ]
    pool = ThreadPoolExecutor(max_workers=plan.jobs)
    try:
        with processes.Fleet() as fleet:
            context = _Context(environment, fleet, cases, deviations, live, plan, bars)
            futures: list[Future[Outcome]] = [pool.submit(job, context) for job in jobs]
            return [future.result() for future in futures]
    finally:
        # On an interruption the fleet has stopped every process: jobs not yet begun never
        # begin, and those under way fail fast on their stopped subject.
        pool.shutdown(wait=True, cancel_futures=True)


def _guarded(
    name: str, kind: str, job: Callable[[_Context], Outcome]
) -> Callable[[_Context], Outcome]:
    """A job whose own failure (a bug, not the subject's) costs one subject, not the run."""

    def guarded(context: _Context) -> Outcome:
        try:
            return job(context)
        except Exception as exc:
            return Implementation(name, kind, unavailable=f"the run failed: {exc!r}"), []

    return guarded


def _chosen(name: str, plan: Plan) -> bool:
    return not plan.only or any(word in name for word in plan.only)


def _detail(packages: tuple[str, ...], environment: venv.Environment) -> str:
    shown = [
        f"{name} {environment.versions[name]}" for name in packages if name in environment.versions
    ]
    return ", ".join(shown) or f"Python {sys.version.split()[0]}"


# --- servers -------------------------------------------------------------------------------


def _server_job(spec: ServerSpec) -> Callable[[_Context], Outcome]:
    def job(context: _Context) -> Outcome:
        detail = _detail(spec.packages, context.environment)
        unavailable = context.environment.unavailable(spec.packages)
        if unavailable is not None:
            return Implementation(spec.name, "live", detail, unavailable), []
        with _serving(spec, context) as started:
            port, problem = started
            if problem is not None:
                return Implementation(spec.name, "live", detail, problem), []
            target = Target(spec.name, HOST, port, spec.library, echoes=True)
            chosen = [case for case in context.cases if applies(case)]
            advance = context.bars.task(spec.name, len(chosen))
            implementation, results = run_live(
                target, chosen, context.deviations, context.live, advance
            )
        return replace(implementation, detail=detail), results

    return job


@contextmanager
def _serving(spec: ServerSpec, context: _Context) -> Iterator[tuple[int, str | None]]:
    """The server started on a free port: (port, None), or (port, why it did not start)."""
    port = processes.free_port(HOST)
    log = context.logs / f"{spec.launcher}.log"
    argv = [str(context.environment.python), "-m", "conformance.ecosystem.serve"]
    argv += [spec.launcher, str(port), "--workers", str(context.live.connections)]
    child = context.fleet.start(argv, log)
    try:
        problem = processes.wait_listening(child, HOST, port, context.plan.startup, log)
        yield port, None if problem is None else f"did not start: {problem}"
    finally:
        context.fleet.stop(child)


# --- clients -------------------------------------------------------------------------------


def _client_job(spec: ClientSpec) -> Callable[[_Context], Outcome]:
    def job(context: _Context) -> Outcome:
        unavailable = context.environment.unavailable(spec.packages)
        if spec.program and shutil.which(spec.program) is None:
            unavailable = f"{spec.program} is not installed"
        driver = DRIVERS[spec.driver.removesuffix(f"-{CHECKOUT}")]
        worker = None if unavailable else _Worker(spec, context)
        if worker is not None:
            unavailable = worker.start()
        adapter = ClientAdapter(
            spec.name,
            worker,
            driver.exposes,
            version=_client_version(spec, context.environment),
            library=spec.library,
            unavailable=unavailable,
            one_connection_per_request=driver.one_connection_per_request,
            idle=context.live.idle,
            timeout=context.live.timeout,
        )
        chosen = [case for case in context.cases if case.role is Role.RESPONSE]
        advance = context.bars.task(spec.name, 0 if unavailable else len(chosen))
        try:
            [implementation], results = run_suite(
                [adapter], chosen, context.deviations, progress=advance
            )
        finally:
            if worker is not None:
                worker.close()
        return replace(implementation, kind="client"), results

    return job


def _client_version(spec: ClientSpec, environment: venv.Environment) -> str:
    if not spec.program or shutil.which(spec.program) is None:
        return _detail(spec.packages, environment)
    done = subprocess.run(
        [spec.program, "--version"], capture_output=True, text=True, check=False, timeout=10
    )
    return " ".join(done.stdout.split()[:2])


class _Worker:
    """A client's worker process: one JSON order per line in, one reply per line out.

    A worker says it is ready once its client is imported; one that does not answer within
    its time (a client past every timeout it was given) is stopped, its case recorded as a
    crash, and a new worker serves the next case.
    """

    def __init__(self, spec: ClientSpec, context: _Context) -> None:
        self.argv = [str(context.environment.python), "-m", "conformance.ecosystem.clients"]
        self.argv.append(spec.driver)
        self.log = context.logs / f"client-{spec.driver}.log"
        self.fleet = context.fleet
        self.patience = 2 * (context.live.timeout + context.live.idle) + 5
        self.child: subprocess.Popen[bytes] | None = None

    def start(self) -> str | None:
        """``None`` once the worker is ready, else why it is not."""
        self.child = self.fleet.start(self.argv, self.log, pipes=True)
        assert self.child.stdout is not None
        line = _read_line(self.child.stdout.fileno(), self.patience)
        if line and json.loads(line) == READY:
            return None
        self.close()
        return f"the client's worker did not start: {processes.log_tail(self.log)}"

    def __call__(self, order: dict[str, Any]) -> dict[str, Any]:
        if (self.child is None or self.child.poll() is not None) and self.start() is not None:
            return self._crash("the client's worker did not start again")
        assert self.child is not None and self.child.stdin is not None
        assert self.child.stdout is not None
        try:
            self.child.stdin.write(json.dumps(order).encode() + b"\n")
            self.child.stdin.flush()
            line = _read_line(self.child.stdout.fileno(), self.patience)
        except OSError:
            line = b""
        if line:
            reply: dict[str, Any] = json.loads(line)
            return reply
        self.close()
        return self._crash("the client's worker gave no answer")

    def _crash(self, what: str) -> dict[str, Any]:
        why = f"{what}: {processes.log_tail(self.log)}"
        return {"calls": [{"error": why, "crashed": True}], "connections": [], "closed_first": []}

    def close(self) -> None:
        if self.child is not None:
            self.fleet.stop(self.child)
            self.child = None


def _read_line(fd: int, patience: float) -> bytes:
    """One line from ``fd`` (unbuffered), or what came before ``patience`` seconds ran out."""
    deadline = time.monotonic() + patience
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return b""
        chunk = os.read(fd, 65536)
        if not chunk:
            return b""
        data += chunk
    return data
