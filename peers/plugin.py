"""The pytest plugin each peer's suite runs under (``-p peers.plugin``).

Strategy: pytest imports ``-p`` plugins before any conftest, any test module and any plugin
an installed package registers, so importing this module is the earliest point of the run: in
the h11pc modes it calls ``h11pc.compat.install()`` there, after noting whether a real h11 was
loaded before. Every process of the run (the main one and each xdist worker) checks again at
the start and at the end of its session (``peers.guard.problems``: no real h11, and h11pc in
the mode's build, pure or compiled); a finding fails the run and is written down. A compiled
module that cannot be imported fails the import of ``h11pc`` here, and with it the run: the
import system does not fall back on the sources. The main process also writes down each
test's outcome, so ``python -m peers`` reads exact test ids and error messages, not pytest's
output.

Importing this module changes ``sys.modules``: only pytest's ``-p`` should import it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

from peers.guard import (
    H11,
    RECORDS_VARIABLE,
    Recorder,
    mode_from,
    problems,
    real_h11_loaded,
    report_record,
)


def _install(mode: str) -> list[str]:
    """Put h11pc in h11's place (h11pc modes); return the real h11's modules loaded before,
    which the install would hide. (In the baseline the start of the session sees all.)"""
    if mode == H11:
        return []
    found = real_h11_loaded(sys.modules)
    import h11pc.compat

    h11pc.compat.install()
    return found


try:
    MODE = mode_from(os.environ)
except ValueError as error:
    raise pytest.UsageError(str(error)) from error
LOAD_PROBLEMS = _install(MODE)


class Guard:
    """The hooks: h11 checks at both ends of the session, and the outcome of every test."""

    def __init__(self, config: pytest.Config) -> None:
        workerinput = getattr(config, "workerinput", None)
        self.is_worker = workerinput is not None
        process = "main" if workerinput is None else str(workerinput["workerid"])
        self.recorder = Recorder(os.environ.get(RECORDS_VARIABLE), process)
        self.found: list[str] = []

    def check(self, phase: str, found: list[str]) -> None:
        self.found += found
        self.recorder.write({"kind": "guard", "phase": phase, "mode": MODE, "problems": found})

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.check("start", LOAD_PROBLEMS + problems(MODE, sys.modules))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.check("finish", problems(MODE, sys.modules))
        if self.found:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.found:
            terminalreporter.section(f"peers: the run did not use {MODE} alone", red=True)
            for line in dict.fromkeys(self.found):
                terminalreporter.line(line)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # Under xdist the main process sees every worker's reports: it records them once.
        if not self.is_worker:
            self.recorder.write(report_record(report))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not self.is_worker and report.failed:
            self.recorder.write(report_record(report))


def pytest_configure(config: pytest.Config) -> None:
    """Register the hooks once the configuration (and xdist's worker id) is known."""
    config.pluginmanager.register(Guard(config), "peers-guard")
