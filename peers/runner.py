"""Preparing a suite (sdist, sources, virtualenv) and running its pytest under the plugin.

Strategy: pytest runs in the suite's own virtualenv, from the unpacked sdist (h11: from the
prepared public-API tests), in a session of its own so that a time-out, or a server a test
left behind, can be stopped with everything it started. Its output goes to
``build/peers/logs/<mode>/<suite>.log``; the outcomes come from the plugin's records.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from peers import environment, h11tests
from peers.environment import Layout
from peers.guard import H11, MODE_VARIABLE, RECORDS_VARIABLE
from peers.outcomes import SuiteRun, suite_run
from peers.suites import H11 as H11_SUITE
from peers.suites import Suite


@dataclass(frozen=True)
class Prepared:
    """A suite ready to run: the interpreter, where to run it, and pytest's arguments."""

    suite: Suite
    python: Path
    cwd: Path
    arguments: tuple[str, ...]


def prepare(suite: Suite, layout: Layout, h11pc: environment.Install) -> Prepared:
    """Download, verify and unpack *suite*'s sdist and build its virtualenv, with *h11pc*,
    as needed."""
    sdist = environment.fetch(suite, layout)
    source = environment.unpack(suite, layout, sdist)
    python = environment.venv(suite, sdist, h11pc)
    if suite == H11_SUITE:
        target = layout.build / "h11-tests"
        return Prepared(suite, python, target, tuple(h11tests.prepare(source, target)))
    return Prepared(suite, python, source, suite.pytest_args)


def baseline_path(layout: Layout) -> Path:
    """The real h11 0.16.0, installed from its verified sdist, for the baseline mode."""
    return environment.h11_lib(layout, environment.fetch(H11_SUITE, layout))


def execute(
    prepared: Prepared, layout: Layout, mode: str, extra: list[str], timeout: float
) -> SuiteRun:
    """Run *prepared*'s pytest in *mode* (one of ``peers.guard.MODES``); *extra* goes to
    pytest as well."""
    suite = prepared.suite
    records = layout.records(mode, suite)
    shutil.rmtree(records, ignore_errors=True)
    records.mkdir(parents=True)
    paths = [environment.plugin_path(layout)]
    if mode == H11:
        paths.append(baseline_path(layout))
    env = environment.clean_environment(
        {
            "PYTHONPATH": os.pathsep.join(str(path) for path in paths),
            MODE_VARIABLE: mode,
            RECORDS_VARIABLE: str(records),
        }
    )
    command = [str(prepared.python), "-m", "pytest", "-p", "peers.plugin"]
    command += ["-p", "no:cacheprovider", *prepared.arguments, *extra]
    started = time.monotonic()
    exit_code = _run_logged(command, prepared.cwd, env, layout.log(mode, suite), timeout)
    seconds = time.monotonic() - started
    return suite_run(suite.name, suite.version, mode, records, seconds=seconds, exit_code=exit_code)


def _run_logged(
    command: list[str], cwd: Path, env: dict[str, str], log: Path, timeout: float
) -> int | None:
    """Run *command* into *log*; its exit status, or None if it ran past *timeout*. Whatever
    it started and left running is stopped with it (its own session)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        output.write("$ " + " ".join(command) + "\n")
        output.flush()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            exit_code: int | None = process.wait(timeout)
        except subprocess.TimeoutExpired:
            exit_code = None
        _stop_group(process.pid)
        process.wait()
    return exit_code


def _stop_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # nothing left: the usual case
        os.killpg(group, signal.SIGKILL)
