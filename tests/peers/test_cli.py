"""``python -m peers`` itself: what it needs to start, and which suites it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from peers import cli, guard, suites

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_starts_without_pytest_installed() -> None:
    # `make peers` runs it in a virtualenv that has pip and nothing else.
    code = "import sys; sys.modules['pytest'] = None; import peers.cli; print('ok')"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_suites_are_chosen_by_name_in_the_canonical_order() -> None:
    assert suites.by_name(None) == suites.by_name([]) == suites.SUITES
    chosen = suites.by_name(["h11", "httpcore"])
    assert [suite.name for suite in chosen] == ["httpcore", "h11"]
    with pytest.raises(ValueError, match="unknown suite"):
        suites.by_name(["h12"])


def test_arguments_after_a_double_dash_go_to_pytest() -> None:
    args = cli.parse_args(["--h11", "-s", "uvicorn", "--", "-k", "chunked"])
    assert (args.h11, args.suite, args.pytest_args) == (True, ["uvicorn"], ["-k", "chunked"])


def test_the_compiled_build_is_a_mode_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    args = cli.parse_args(["--compiled", "-s", "wsproto"])
    assert (args.compiled, args.h11, args.suite) == (True, False, ["wsproto"])
    assert set(cli.RESULTS) == set(cli.DESCRIPTIONS) == set(guard.MODES)
    assert len(set(cli.RESULTS.values())) == len(guard.MODES)
    with pytest.raises(SystemExit):
        cli.parse_args(["--compiled", "--h11"])
    assert "not allowed with argument" in capsys.readouterr().err
