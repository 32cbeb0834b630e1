"""The plugin's checks: which modules are the real h11, and what a report record holds."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import pytest

from peers import guard


def _module(name: str, file: str | None = None) -> ModuleType:
    module = ModuleType(name)
    if file is not None:
        module.__file__ = file
    return module


def _h11pc(*, compiled: bool) -> ModuleType:
    package = _module("h11pc", "/site/h11pc/__init__.py")
    package.compiled = compiled  # type: ignore[attr-defined]
    return package


PURE = _h11pc(compiled=False)
H11PC_IN_PLACE = {
    "h11": PURE,
    "h11._connection": _module("h11pc._connection", "/site/h11pc/_connection.py"),
    "h11pc": PURE,
}


def test_h11pc_under_h11s_names_is_not_the_real_h11() -> None:
    assert guard.real_h11(H11PC_IN_PLACE) == {}
    assert guard.problems(guard.H11PC, H11PC_IN_PLACE) == []


def test_the_real_h11_is_found_whatever_key_holds_it() -> None:
    modules = {
        **H11PC_IN_PLACE,
        "renamed": _module("h11", "/site/h11/__init__.py"),
        "h11._readers_copy": _module("h11._readers", "/site/h11/_readers.py"),
        "h11x": _module("h11x", "/site/h11x.py"),  # a name that only starts like h11's
    }
    assert guard.real_h11(modules) == {
        "renamed": "/site/h11/__init__.py",
        "h11._readers_copy": "/site/h11/_readers.py",
    }
    assert guard.problems(guard.H11PC, modules) == [
        "the real h11 was loaded: h11._readers_copy from /site/h11/_readers.py",
        "the real h11 was loaded: renamed from /site/h11/__init__.py",
    ]


def test_the_baseline_refuses_h11pc_in_h11s_place_only() -> None:
    real = {"h11": _module("h11", "/lib/h11/__init__.py"), "h11pc": _module("h11pc")}
    assert guard.problems(guard.H11, real) == []
    assert guard.problems(guard.H11, H11PC_IN_PLACE) == [
        "h11pc stands in for the real h11 as h11",
        "h11pc stands in for the real h11 as h11._connection",
    ]


def test_each_h11pc_mode_wants_h11pc_in_its_own_build() -> None:
    compiled = {**H11PC_IN_PLACE, "h11pc": _h11pc(compiled=True)}
    assert guard.problems(guard.COMPILED, compiled) == []
    assert guard.problems(guard.H11PC, compiled) == [
        "h11pc's compiled build was loaded (from /site/h11pc/__init__.py), not its pure build"
    ]
    assert guard.problems(guard.COMPILED, H11PC_IN_PLACE) == [
        "h11pc's pure build was loaded (from /site/h11pc/__init__.py), not its compiled build"
    ]
    assert guard.problems(guard.COMPILED, {}) == [
        "h11pc was not loaded: its compiled build was expected"
    ]
    assert guard.problems(guard.H11, {"h11pc": _h11pc(compiled=True)}) == []


def test_the_mode_is_h11pc_unless_the_environment_names_another() -> None:
    assert guard.mode_from({}) == guard.H11PC
    assert guard.mode_from({guard.MODE_VARIABLE: "h11"}) == guard.H11
    assert guard.mode_from({guard.MODE_VARIABLE: "h11pc-compiled"}) == guard.COMPILED
    with pytest.raises(ValueError, match="expected one of"):
        guard.mode_from({guard.MODE_VARIABLE: "h12"})


def test_the_recorder_appends_json_lines_to_its_process_file(tmp_path: Path) -> None:
    recorder = guard.Recorder(str(tmp_path / "records"), "gw1")
    recorder.write({"kind": "guard", "phase": "start"})
    recorder.write({"kind": "guard", "phase": "finish"})
    (path,) = (tmp_path / "records").iterdir()
    assert path.name.startswith("gw1-")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["phase"] for line in lines] == ["start", "finish"]
    assert {line["process"] for line in lines} == {"gw1"}


def test_a_recorder_without_a_directory_writes_nothing(tmp_path: Path) -> None:
    guard.Recorder(None, "main").write({"kind": "guard"})
    guard.Recorder("", "main").write({"kind": "guard"})
    assert list(tmp_path.iterdir()) == []


class _Crash:
    message = "h11pc._errors.LocalProtocolError: a 101 response must say what it switches to"


class _Longrepr:
    reprcrash = _Crash()

    def __str__(self) -> str:
        return "traceback ...\nE   LocalProtocolError"


def _report(
    outcome: Literal["passed", "failed", "skipped"],
    longrepr: Any,
    sections: list[tuple[str, str]] | None = None,
) -> pytest.TestReport:
    return pytest.TestReport(
        "tests/test_x.py::test_y",
        ("tests/test_x.py", 1, "test_y"),
        {},
        outcome,
        longrepr,
        "call",
        sections or [],
    )


def test_a_failure_records_its_crash_message_and_the_end_of_its_text() -> None:
    record = guard.report_record(_report("failed", _Longrepr()))
    assert record["id"] == "tests/test_x.py::test_y"
    assert (record["when"], record["outcome"], record["xfail"]) == ("call", "failed", False)
    assert record["message"] == _Crash.message
    assert record["text"].endswith("E   LocalProtocolError")
    assert "log" not in record


def test_a_failure_keeps_what_the_test_logged() -> None:
    logged = "ERROR uvicorn.error: Exception in ASGI application\nLocalProtocolError: ..."
    report = _report("failed", _Longrepr(), [("Captured log call", logged)])
    assert guard.report_record(report)["log"] == logged


def test_without_a_crash_line_the_message_is_the_end_of_the_report() -> None:
    lines = "\n".join(f"line {n}" for n in range(9))
    record = guard.report_record(_report("failed", lines))
    assert record["message"] == "line 4\nline 5\nline 6\nline 7\nline 8"


def test_a_pass_records_no_message() -> None:
    record = guard.report_record(_report("passed", None))
    assert record["outcome"] == "passed"
    assert "message" not in record
