"""The plugin in a real pytest run (a subprocess: it changes ``sys.modules``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import h11pc
from peers import environment, guard

ROOT = Path(__file__).resolve().parents[2]

USES_H11 = """
import h11

def test_uses_h11():
    h11.Connection(h11.CLIENT)
"""
LOADS_THE_REAL_H11 = """
import sys

def test_loads_the_real_h11():
    for name in [key for key in sys.modules if key == "h11" or key.startswith("h11.")]:
        del sys.modules[name]
    import h11
    assert h11.__name__ == "h11"
"""


def _pytest(
    tmp_path: Path, mode: str, test: str, path: Path = ROOT
) -> tuple[int, list[dict[str, Any]]]:
    """Run *test* under the plugin in *mode*, *path* on PYTHONPATH; pytest's status and the
    records."""
    tmp_path.mkdir()
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_it.py").write_text(test)
    records = tmp_path / "records"
    env = {
        **os.environ,
        "PYTHONPATH": str(path),
        guard.MODE_VARIABLE: mode,
        guard.RECORDS_VARIABLE: str(records),
    }
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-p", "peers.plugin", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "-q", "test_it.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for path in records.glob("*.jsonl") for line in path.read_text().splitlines()]
    return done.returncode, [json.loads(line) for line in lines]


def _problems(records: list[dict[str, Any]]) -> list[str]:
    return [
        problem for record in records if record["kind"] == "guard" for problem in record["problems"]
    ]


def _outcomes(records: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(r["when"], r["outcome"]) for r in records if r["kind"] == "test"}


def test_in_the_h11pc_mode_import_h11_gives_h11pc(tmp_path: Path) -> None:
    code, records = _pytest(
        tmp_path / "run", guard.H11PC, USES_H11 + "\n    assert h11.__name__ == 'h11pc'\n"
    )
    assert code == 0
    assert ("call", "passed") in _outcomes(records)
    assert [r["phase"] for r in records if r["kind"] == "guard"] == ["start", "finish"]
    assert _problems(records) == []


def test_a_real_h11_loaded_during_the_run_fails_it(tmp_path: Path) -> None:
    pytest.importorskip("h11")  # the real one, installed beside h11pc for the comparisons
    code, records = _pytest(tmp_path / "run", guard.H11PC, LOADS_THE_REAL_H11)
    assert ("call", "passed") in _outcomes(records)  # the test itself passed ...
    assert code == 1  # ... but the run fails, and says why
    (problem, *_) = _problems(records)
    assert problem.startswith("the real h11 was loaded: h11 from ")


def test_the_baseline_runs_on_the_real_h11_and_refuses_h11pc(tmp_path: Path) -> None:
    pytest.importorskip("h11")
    code, records = _pytest(
        tmp_path / "uses", guard.H11, USES_H11 + "\n    assert h11.__name__ == 'h11'\n"
    )
    assert (code, _problems(records)) == (0, [])
    installs = "import h11pc.compat\n\ndef test_installs():\n    h11pc.compat.install()\n"
    code, records = _pytest(tmp_path / "installs", guard.H11, installs)
    assert code == 1
    assert "h11pc stands in for the real h11 as h11" in _problems(records)


@pytest.mark.parametrize("mode", [guard.H11PC, guard.COMPILED])
def test_a_run_fails_unless_h11pc_is_of_the_build_its_mode_names(tmp_path: Path, mode: str) -> None:
    # The h11pc installed in this interpreter, as in a peer's virtualenv: with the plugin
    # alone on the path (the checkout holds the sources, the pure build).
    plugin = environment.plugin_path(environment.Layout(tmp_path / "build"))
    installed = guard.COMPILED if h11pc.compiled else guard.H11PC
    test = USES_H11 + "\n    assert h11.__name__ == 'h11pc'\n"
    code, records = _pytest(tmp_path / "run", mode, test, plugin)
    assert ("call", "passed") in _outcomes(records)
    if mode == installed:
        assert (code, _problems(records)) == (0, [])
    else:
        assert code == 1
        (problem, *_) = _problems(records)
        assert problem.startswith(f"h11pc's {guard.BUILDS[installed]} build was loaded (from ")
