"""Servers started and always stopped, and short live runs under wrk.

The live runs load uvicorn on h11 and on h11pc, and hypercorn on the stand-in that does no
work, for a second each (no timing is asserted: only that each row was measured, on the
library it is named after); they are skipped where wrk is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.e2e import cpus, measure, results, server, variants, wrk
from bench.e2e.variants import Variant
from bench.e2e.workloads import by_name

STDLIB_SERVER = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]


@pytest.mark.parametrize("raised", [RuntimeError, KeyboardInterrupt])
def test_a_server_is_stopped_however_the_block_ends(
    tmp_path: Path, raised: type[BaseException]
) -> None:
    port = server.free_port()
    with (
        pytest.raises(raised),
        server.running([*STDLIB_SERVER, str(port)], port, tmp_path / "log") as process,
    ):
        assert server.accepts(port)
        raise raised
    assert process.returncode is not None
    assert not server.accepts(port)


def test_a_server_that_exits_at_once_is_reported_with_its_output(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "import sys; print('cannot serve'); sys.exit(3)"]
    expected = pytest.raises(server.ServerError, match=r"exited with 3(.|\n)*cannot serve")
    with expected, server.running(argv, server.free_port(), tmp_path / "log"):
        raise AssertionError("never reached")


@pytest.mark.skipif(not wrk.available(), reason="wrk is not installed")
def test_a_short_live_run(tmp_path: Path) -> None:
    chosen = variants.table(sys.executable)[:2]  # uvicorn on h11 and on h11pc
    loads = by_name(["get-13b"])
    settings = measure.Settings(rounds=1, seconds=1, warmup_seconds=0, connections=10)
    measure.write_scripts(loads, tmp_path / "scripts")
    plan = measure.Plan(settings, cpus.UNPINNED, tmp_path / "scripts", tmp_path / "logs")
    outcome = measure.run(chosen, loads, plan, lambda line: None)
    assert outcome.errors == {}
    assert {name: about["h11"] for name, about in outcome.about.items()} == {
        "uvicorn on h11": "h11",
        "uvicorn on h11pc": "h11pc",
    }
    found = results.rows(chosen, loads, outcome.samples)
    assert [(row.library, row.workload) for row in found] == [
        ("h11", "get-13b"),
        ("h11pc", "get-13b"),
    ]
    assert all(row.requests_per_s > 0 and row.p99_ms > 0 for row in found)
    assert found[0].vs_h11 == 1.0


@pytest.mark.skipif(not wrk.available(), reason="wrk is not installed")
def test_the_stand_in_serves_in_hypercorns_worker_process(tmp_path: Path) -> None:
    # hypercorn serves from a process it spawns: the stand-in must be installed there too,
    # or the probe (which asks the worker which class is behind h11.Connection) refuses.
    chosen = [Variant("hypercorn", variants.STAND_IN, sys.executable)]
    loads = by_name(["get-13b", "post-16k"])
    settings = measure.Settings(rounds=1, seconds=1, warmup_seconds=0, connections=10)
    measure.write_scripts(loads, tmp_path / "scripts")
    plan = measure.Plan(settings, cpus.UNPINNED, tmp_path / "scripts", tmp_path / "logs")
    outcome = measure.run(chosen, loads, plan, lambda line: None)
    assert outcome.errors == {}
    about = outcome.about["hypercorn on no work (stand-in)"]
    assert (about["h11"], about["connection"]) == ("h11pc", "bench.e2e.nowork.Connection")
    found = results.rows(chosen, loads, outcome.samples)
    assert [row.workload for row in found] == ["get-13b", "post-16k"]
    assert all(row.requests_per_s > 0 and row.socket_errors == 0 for row in found)
