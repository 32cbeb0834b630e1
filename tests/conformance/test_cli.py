"""``python -m conformance``: a run end to end, its files, and its exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.cli import main
from tests.conformance.conftest import shared

pytest.importorskip("h11")


def test_an_in_process_run_writes_the_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--only", "cl-", "--no-corpora", "--impl", "h11", "--out", str(tmp_path)])
    assert status == 0
    printed = capsys.readouterr().out
    assert "h11 " in printed and "coverage:" in printed
    document = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [i["name"] for i in document["implementations"]] == ["h11"]
    assert document["cases"]
    assert all("cl-" in case["id"] for case in document["cases"])


def test_fail_on_reports_undocumented_must_failures(capsys: pytest.CaptureFixture[str]) -> None:
    # h11 accepts Host values the RFC makes invalid: a MUST failure it does not document.
    assert main(["--only", "host-", "--no-corpora", "--impl", "h11", "--fail-on", "h11"]) == 1
    assert "undocumented MUST failures" in capsys.readouterr().err
    assert main(["--only", "cl-body", "--no-corpora", "--impl", "h11", "--fail-on", "h11"]) == 0


def test_fail_on_an_implementation_that_did_not_run_enforces_nothing() -> None:
    assert main(["--only", "host-", "--no-corpora", "--impl", "none", "--fail-on", "h11pc"]) == 0


def test_a_case_naming_an_unknown_requirement_is_refused(tmp_path: Path) -> None:
    shared("rfc")  # requirement IDs are known from the RFC extract beside the repository
    (tmp_path / "x.toml").write_text(
        '[[case]]\nid = "x"\nrequirements = ["RFC9112-99-p1-s1"]\nbasis = "MUST"\n'
        'input = "GET / HTTP/1.1\\r\\n\\r\\n"\nexpect = "reject"\n',
        encoding="utf-8",
    )
    assert main(["--cases", str(tmp_path), "--no-corpora", "--impl", "none"]) == 2


def test_a_live_run_against_the_servers_it_starts(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--only", "close-request", "--no-corpora", "--impl", "none", "--demo", "h11"]
    assert main([*argv, "--stdlib-server", "--idle", "0.3", "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "demo server (h11)" in printed
    assert "http.server (stdlib)" in printed
