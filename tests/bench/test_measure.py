"""Memory, linearity and the command line, checked on what they compute, never on how fast."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from bench import cli, linearity, memory, messages, timing, workloads
from bench.libraries import Library, load


def test_per_connection_divides_what_the_objects_keep_by_their_number() -> None:
    size = 10_000
    per_object = memory.per_connection(lambda: bytearray(size), 50)
    assert size <= per_object <= size + 200  # plus the bytearray header and allocator rounding


@pytest.mark.parametrize("library", load()[0], ids=lambda library: library.name)
def test_every_library_has_an_idle_connection_of_each_state(library: Library) -> None:
    found = memory.factories(library)
    assert set(found) == set(memory.STATES)
    for factory in found.values():
        assert factory() is not None


def test_linearity_inputs_grow_by_the_stated_factor() -> None:
    for case in linearity.CASES:
        small, large = (sum(map(len, case.pieces(size))) for size in case.sizes)
        assert large / small == pytest.approx(case.sizes[1] / case.sizes[0], rel=0.05)
    bytewise = linearity.CASES[0].pieces(2_000)
    assert {len(piece) for piece in bytewise} == {1}
    assert bytewise[-4:] == tuple(bytes([octet]) for octet in b"\r\n\r\n")


@pytest.mark.parametrize("library", load()[0], ids=lambda library: library.name)
def test_every_library_refuses_the_refused_head_at_both_sizes(library: Library) -> None:
    (case,) = [case for case in linearity.CASES if case.refused]
    for size in case.sizes:
        records = linearity.driver(library, case, case.pieces(size))()
        assert records == ["HttpParserError" if library.native else "RemoteProtocolError"]


def test_linearity_reports_each_library_at_both_sizes() -> None:
    libraries = load()[0]
    case = linearity.Case("tiny", "small chunks", linearity.CASES[1].pieces, (256, 1024))
    found = linearity.measure(case, libraries, rounds=1, sample_seconds=0.001)
    assert [result.library for result in found] == [library.name for library in libraries]
    sizes = [len(messages.chunked_post(size, linearity.SMALL_CHUNK)) for size in case.sizes]
    assert all(result.size_ratio == sizes[1] / sizes[0] for result in found)
    # with one round, the median of per-round ratios is that round's ratio
    assert all(result.cost_ratio == result.seconds[1] / result.seconds[0] for result in found)


def test_a_quick_run_writes_the_tables_and_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out" / "results.json"
    argv = ["--quick", "-w", "server-get", "--rounds", "2", "--sample-ms", "1"]
    assert cli.main([*argv, "--output", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "vs httptools" in printed
    document = json.loads(output.read_text(encoding="utf-8"))
    assert all(label in printed for label in document["meta"]["libraries"])
    assert [row["workload"] for row in document["rows"]] == ["server-get"] * len(
        document["meta"]["libraries"]
    )
    assert all(len(row["round_seconds"]) == 2 for row in document["rows"])
    assert set(document["memory_bytes_per_connection"]) == set(document["meta"]["libraries"])
    assert set(document["linearity"]) == {case.name for case in linearity.CASES}
    assert document["errors"] == {}


def test_the_list_option_names_every_workload(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--list"]) == 0
    assert capsys.readouterr().out.count("\n") == len(workloads.WORKLOADS) == 9


BROKEN_CANDIDATE = '''
"""h11 whose connections cannot read yet: a candidate library under construction."""
from h11 import *
from h11 import Connection as _Connection


class Connection(_Connection):
    def next_event(self):
        raise RuntimeError("reading is not written yet")
'''


def test_a_broken_candidate_is_reported_and_the_others_still_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench_broken_candidate.py").write_text(BROKEN_CANDIDATE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    output = tmp_path / "results.json"
    argv = ["--quick", "--candidate", "bench_broken_candidate", "--rounds", "1", "--sample-ms", "1"]
    assert cli.main([*argv, "-w", "server-get", "--output", str(output)]) == 0
    assert "NOT MEASURED server-get / bench_broken_candidate" in capsys.readouterr().out
    document = json.loads(output.read_text(encoding="utf-8"))
    others = set(document["meta"]["libraries"]) - {"bench_broken_candidate"}
    assert {row["library"] for row in document["rows"]} == others
    for section in ("server-get", "memory", "linearity"):
        assert "not written yet" in document["errors"][section]["bench_broken_candidate"]
    assert "h11" in document["memory_bytes_per_connection"]
    argv += ["-w", "server-get", "--no-memory", "--no-linearity", "--check-targets"]
    assert cli.main([*argv, "--output", str(output)]) == 1


def test_timing_restores_the_garbage_collector_it_paused() -> None:
    calls: list[bool] = []
    assert timing.time_op(lambda: calls.append(gc.isenabled()), 3, pause_gc=True) >= 0
    assert calls == [False] * 3
    assert gc.isenabled()
    gc.disable()
    try:
        timing.time_op(lambda: None, 1)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_library_is_timed_once_per_round() -> None:
    counts = {"a": 0, "b": 0}

    def counter(name: str) -> timing.Op:
        return lambda: counts.__setitem__(name, counts[name] + 1)

    times = timing.rounds({"a": counter("a"), "b": counter("b")}, 4, 0.0)
    assert {name: len(samples) for name, samples in times.items()} == {"a": 4, "b": 4}
    assert counts == {"a": 5, "b": 5}  # one calibration call, then one call per round
