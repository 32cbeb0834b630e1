"""Rows, ratios, targets, tables and the JSON record of an end-to-end run, from given numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import report as bench_report
from bench.e2e import report, results, targets, variants, wrk
from bench.e2e.workloads import WORKLOADS, by_name
from bench.targets import Target

PY = "/venv/bin/python"
GET, POST = by_name(["get-13b", "post-16k"])


def _result(rate: float, p99: float = 5.0, errors: int = 0) -> wrk.Result:
    return wrk.Result(int(rate), 1.0, rate, {"50": 1.0, "99": p99}, errors, 0)


def _samples(rates: dict[str, list[float]], workload: str = "get-13b") -> results.Samples:
    return {
        name: {workload: [_result(rate) for rate in per_round]} for name, per_round in rates.items()
    }


def test_medians_over_rounds_and_ratios_taken_round_by_round() -> None:
    chosen = variants.table(PY)
    samples = {
        "uvicorn on h11": {"get-13b": [_result(100, 9.0), _result(50, 1.0), _result(100, 4.0)]},
        "uvicorn on h11pc": {
            "get-13b": [_result(200, 3.0), _result(150, 2.0), _result(50, 1.0, errors=2)]
        },
    }
    found = results.rows(chosen, [GET], samples)
    h11, h11pc = found
    assert (h11.server, h11.library, h11.vs_h11) == ("uvicorn", "h11", 1.0)
    assert h11.requests_per_s == 100
    assert h11.p99_ms == 4.0
    assert h11pc.requests_per_s == 150
    assert h11pc.vs_h11 == pytest.approx(2.0)  # rounds: 2x, 3x, 0.5x
    assert h11pc.round_vs_h11 == pytest.approx((2.0, 3.0, 0.5))
    assert h11.round_vs_h11 == ()  # h11 against itself: no spread to show
    assert h11pc.round_requests_per_s == (200.0, 150.0, 50.0)
    assert h11pc.round_p99_ms == (3.0, 2.0, 1.0)
    assert h11pc.socket_errors == 2


def test_rows_follow_workloads_then_variants_and_skip_what_has_no_results() -> None:
    chosen = variants.table(PY, "/compiled")
    rates = {variant.name: [100.0] for variant in chosen if variant.name != "uvicorn on httptools"}
    samples = {
        name: {"get-13b": s["get-13b"], "post-16k": s["get-13b"]}
        for name, s in _samples(rates).items()
    }
    found = results.rows(chosen, [GET, POST], samples)
    assert [(row.workload, row.server, row.library) for row in found[:5]] == [
        ("get-13b", "uvicorn", "h11"),
        ("get-13b", "uvicorn", "h11pc"),
        ("get-13b", "uvicorn", "h11pc compiled"),
        ("get-13b", "hypercorn", "h11"),
        ("get-13b", "hypercorn", "h11pc"),
    ]
    assert len(found) == 12


def test_without_the_h11_row_there_is_no_ratio() -> None:
    chosen = variants.table(PY)
    found = results.rows(chosen, [GET], _samples({"hypercorn on h11pc": [10.0]}))
    assert [(row.vs_h11, row.round_vs_h11) for row in found] == [(None, ())]


def test_the_spread_of_a_rows_ratios_names_its_lowest_and_highest_round() -> None:
    assert report.spread([1.18, 0.95, 1.59]) == "0.95-1.59x"
    assert report.spread([1.2]) == "1.20x"
    assert report.spread([]) == "-"


def _judge(rates: dict[str, list[float]]) -> dict[str, Target]:
    chosen = variants.table(PY, "/compiled")
    found = results.rows(chosen, [GET], _samples(rates))
    return {target.name: target for target in targets.check(found)}


UVICORN = "uvicorn on h11pc vs uvicorn on h11, get-13b >= 1.8x"
HYPERCORN = "hypercorn on h11pc vs hypercorn on h11, get-13b >= 1.5x"


def test_targets_met_and_missed() -> None:
    judged = _judge(
        {
            "uvicorn on h11": [100.0],
            "uvicorn on h11pc": [180.0],
            "hypercorn on h11": [100.0],
            "hypercorn on h11pc": [149.0],
        }
    )
    assert (judged[UVICORN].met, judged[UVICORN].detail) == (True, "1.80x")
    assert (judged[HYPERCORN].met, judged[HYPERCORN].detail) == (False, "1.49x")


def test_targets_not_measured_and_the_compiled_rows_judged_too() -> None:
    judged = _judge(
        {
            "uvicorn on h11pc": [180.0],
            "hypercorn on h11": [10.0],
            "hypercorn on h11pc compiled": [40.0],
        }
    )
    assert (judged[UVICORN].met, judged[UVICORN].detail) == (None, "uvicorn on h11 not run")
    assert HYPERCORN not in judged  # only the compiled build of h11pc ran on hypercorn
    compiled = judged["hypercorn on h11pc compiled vs hypercorn on h11, get-13b >= 1.5x"]
    assert (compiled.met, compiled.detail) == (True, "4.00x")
    nothing = {t.name: t for t in targets.check([])}
    assert nothing[UVICORN].met is None and nothing[HYPERCORN].met is None


def _rows() -> list[results.Row]:
    chosen = variants.table(PY)
    rates = {"uvicorn on h11": [1000.0, 1000.0], "uvicorn on h11pc": [2500.5, 2000.0]}
    return results.rows(chosen, [GET], _samples(rates))


META: dict[str, Any] = {
    "date": "2026-12-03 (02:03 UTC)",
    "machine": "Linux x86_64, Some CPU (2 CPUs), CPython 3.11.7",
    "versions": "uvicorn 0.55.0, h11 0.16.0",
    "wrk": "4.1.0",
    "settings": {"rounds": 3, "seconds": 5, "warmup_seconds": 1, "connections": 50},
    "pinning": {"server": 1, "load": 0},
}


def test_the_markdown_block_states_the_machine_and_the_settings() -> None:
    block = report.markdown(META, _rows())
    lines = block.splitlines()
    assert lines[0] == report.BEGIN and lines[-1] == report.END
    assert lines[1] == (
        "A run on 2026-12-03 (02:03 UTC), Linux x86_64, Some CPU (2 CPUs), CPython 3.11.7; "
        "uvicorn 0.55.0, h11 0.16.0; wrk 4.1.0, 50 keep-alive connections, server on core 1, "
        "wrk on core 0; median of 3 rounds of 5 s, each after 1 s of warm-up:"
    )
    assert lines[3:][:4] == [
        "| workload | server | HTTP library | requests/s | p99 (ms) | vs h11 | range over rounds |",
        "|---|---|---|---:|---:|---:|---:|",
        "| get-13b | uvicorn | h11 | 1,000 | 5.00 | 1.00x | - |",
        "| get-13b | uvicorn | h11pc | 2,250 | 5.00 | 2.25x | 2.00-2.50x |",
    ]


def test_unpinned_runs_without_warm_up_say_so() -> None:
    meta = {
        **META,
        "pinning": {"server": None, "load": None},
        "settings": {**META["settings"], "rounds": 1, "warmup_seconds": 0},
    }
    assert report.heading(meta).endswith(
        "not pinned to cores; median of 1 round of 5 s, no warm-up"
    )


def test_the_terminal_table_adds_socket_errors() -> None:
    lines = report.text_table(_rows()).splitlines()
    assert lines[0].split() == [
        "workload",
        "server",
        "HTTP",
        "library",
        "requests/s",
        "p99",
        "(ms)",
        "vs",
        "h11",
        "range",
        "over",
        "rounds",
        "socket",
        "errors",
    ]
    assert lines[3].split() == [
        "get-13b",
        "uvicorn",
        "h11pc",
        "2,250",
        "5.00",
        "2.25x",
        "2.00-2.50x",
        "0",
    ]


def test_the_readme_block_is_replaced_and_nothing_else() -> None:
    text = f"# Title\n\nbefore\n{report.BEGIN}\nold table\n{report.END}\nafter\n"
    new = report.replace_block(text, f"{report.BEGIN}\nnew\n{report.END}")
    assert new == f"# Title\n\nbefore\n{report.BEGIN}\nnew\n{report.END}\nafter\n"
    with pytest.raises(ValueError, match="no generated block"):
        report.replace_block("# no markers\n", "x")


def test_the_readme_has_a_generated_block() -> None:
    readme = Path(__file__).parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert text.count(report.BEGIN) == 1 and text.count(report.END) == 1
    assert text.index(report.BEGIN) > text.index("## Performance")


def test_the_json_record(tmp_path: Path) -> None:
    found = _rows()
    judged = targets.check(found)
    document = report.record(META, WORKLOADS, found, judged, {"hypercorn on h11": "ServerError: x"})
    path = tmp_path / "e2e.json"
    bench_report.write_json(path, document)
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert set(loaded) == {"meta", "workloads", "rows", "errors", "targets"}
    assert loaded["workloads"]["post-16k"] == {
        "summary": "POST of 16 KiB, read whole, answered with its length",
        "method": "POST",
        "path": "/upload",
        "request_body_bytes": 16384,
        "response_body_bytes": 5,
    }
    assert loaded["rows"][1] == {
        "workload": "get-13b",
        "server": "uvicorn",
        "library": "h11pc",
        "requests_per_s": 2250.25,
        "p99_ms": 5.0,
        "vs_h11": pytest.approx(2.25025),
        "round_vs_h11": [pytest.approx(2.5005), 2.0],
        "round_requests_per_s": [2500.5, 2000.0],
        "round_p99_ms": [5.0, 5.0],
        "socket_errors": 0,
    }
    assert loaded["errors"] == {"hypercorn on h11": "ServerError: x"}
    assert loaded["targets"][0] == {"name": UVICORN, "met": True, "detail": "2.25x"}
    assert loaded["meta"] == META
