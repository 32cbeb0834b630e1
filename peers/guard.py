"""What the plugin checks and writes down, apart from the hooks that do it (``peers.plugin``).

Strategy: pure functions of ``sys.modules`` and of pytest's reports, so they can be tested
without a run; only the standard library, as this runs in the peers' virtualenvs and is
imported by ``python -m peers``, where pytest is not installed.

A module is the real h11's when its own ``__name__`` is ``h11`` or ``h11.*``, whatever key
``sys.modules`` stores it under: h11pc's modules stored under h11's names by
``h11pc.compat.install()`` keep their ``h11pc`` names. Which build of h11pc runs is what
``h11pc.compiled`` says: each h11pc mode names the build it must find (a compiled run that
quietly imported the sources would otherwise pass as the pure one does).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest

MODE_VARIABLE = "H11PC_PEERS_MODE"
RECORDS_VARIABLE = "H11PC_PEERS_RECORDS"
H11PC = "h11pc"
COMPILED = "h11pc-compiled"
H11 = "h11"
MODES = (H11PC, COMPILED, H11)
BUILDS = {H11PC: "pure", COMPILED: "compiled"}
"""The h11pc modes, each with the build of h11pc it runs."""
TEXT_LIMIT = 4000
"""How much of a failure's report (its end) a record keeps."""


def _is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def real_h11(modules: Mapping[str, object]) -> dict[str, str]:
    """The modules of the real h11 among *modules* (``sys.modules``): key -> file."""
    found = {}
    for key, module in list(modules.items()):
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and _is_under(name, H11):
            found[key] = str(getattr(module, "__file__", None))
    return found


def h11pc_as_h11(modules: Mapping[str, object]) -> list[str]:
    """The keys under h11's names (``h11``, ``h11.*``) that hold one of h11pc's modules."""
    return sorted(
        key
        for key, module in list(modules.items())
        if _is_under(key, H11) and _is_under(str(getattr(module, "__name__", "")), H11PC)
    )


def real_h11_loaded(modules: Mapping[str, object]) -> list[str]:
    """One line per module of the real h11 among *modules*."""
    return [
        f"the real h11 was loaded: {key} from {path}"
        for key, path in sorted(real_h11(modules).items())
    ]


def wrong_build(mode: str, modules: Mapping[str, object]) -> list[str]:
    """In an h11pc mode, a line unless *modules* hold h11pc in the mode's build."""
    package = modules.get(H11PC)
    if package is None:
        return [f"h11pc was not loaded: its {BUILDS[mode]} build was expected"]
    compiled = getattr(package, "compiled", False) is True
    if compiled == (mode == COMPILED):
        return []
    built = "compiled" if compiled else "pure"
    where = getattr(package, "__file__", None)
    return [f"h11pc's {built} build was loaded (from {where}), not its {BUILDS[mode]} build"]


def problems(mode: str, modules: Mapping[str, object]) -> list[str]:
    """What in *modules* contradicts *mode*, one line per finding: in an h11pc mode any
    module of the real h11, and h11pc missing or of the other build; in the baseline (h11)
    mode h11pc under one of h11's names."""
    if mode in BUILDS:
        return real_h11_loaded(modules) + wrong_build(mode, modules)
    return [f"h11pc stands in for the real h11 as {key}" for key in h11pc_as_h11(modules)]


def mode_from(environ: Mapping[str, str]) -> str:
    """The mode a run was started in (h11pc unless the environment names another of
    MODES); ValueError for any other value."""
    mode = environ.get(MODE_VARIABLE, H11PC)
    if mode not in MODES:
        raise ValueError(f"{MODE_VARIABLE}={mode!r}: expected one of {MODES}")
    return mode


class Recorder:
    """Appends this process's records, as JSON lines, to a file of its own in *directory*
    (a no-op when no directory was given: the plugin then only guards)."""

    def __init__(self, directory: str | None, process: str) -> None:
        self.path = None if not directory else Path(directory) / f"{process}-{os.getpid()}.jsonl"
        self.process = process

    def write(self, record: dict[str, Any]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps({"process": self.process, **record}) + "\n")


def crash_message(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The exception line(s) of a failed report, or the end of its text."""
    crash = getattr(report.longrepr, "reprcrash", None)
    message = getattr(crash, "message", None)
    if isinstance(message, str) and message:
        return message
    lines = report.longreprtext.strip().splitlines()
    return "\n".join(lines[-5:])


def report_record(report: pytest.TestReport | pytest.CollectReport) -> dict[str, Any]:
    """The record of one report: the test id, the phase, the outcome, and for a failure
    its message, the end of its text and of what it logged."""
    record: dict[str, Any] = {
        "kind": "test",
        "id": report.nodeid,
        "when": getattr(report, "when", "collect"),
        "outcome": report.outcome,
        "xfail": hasattr(report, "wasxfail"),
    }
    if report.failed:
        record["message"] = crash_message(report)
        record["text"] = report.longreprtext[-TEXT_LIMIT:]
        # A server that swallowed an exception fails the test by what it did not send; the
        # exception itself is in what the test logged.
        captured = report.caplog + report.capstderr
        if captured:
            record["log"] = captured[-TEXT_LIMIT:]
    return record
