"""h11pc's performance targets judged from given numbers (no clock involved)."""

from __future__ import annotations

import pytest

from bench import linearity, targets
from bench.linearity import Scaling
from bench.results import Row

ALL = ["a", "b", "server-uvicorn"]
CASES = [case.name for case in linearity.CASES]


def _row(workload: str, library: str, vs_h11: float) -> Row:
    return Row(workload, library, 1.0, 1.0, 1.0, vs_h11, None, (1.0,))


def _linear(cost: float) -> dict[str, list[Scaling]]:
    return {name: [Scaling("cand", (1.0, cost), 4.0, cost)] for name in CASES}


def _judge(
    ratios: dict[str, float], memory: float | None = 700.0, cost: float | None = 4.1
) -> dict[str, targets.Target]:
    rows = [_row(workload, "cand", ratio) for workload, ratio in ratios.items()]
    rows.append(_row("a", "h11", 1.0))
    sizes = {} if memory is None else {"cand": {"fresh": memory, "after-one-request": 9e9}}
    scaling = {} if cost is None else _linear(cost)
    found = targets.check("cand", ALL, rows, sizes, scaling)
    return {target.name: target for target in found}


def test_a_run_that_meets_every_target() -> None:
    found = _judge({"a": 4.0, "b": 3.5, "server-uvicorn": 3.5})
    assert all(target.met is True for target in found.values()), found
    assert found["geomean vs h11 >= 3.5x"].detail == "3.66x"  # the cube root of 49
    assert [name for name in found if name.startswith("linear")] == [
        f"linear ({name})" for name in CASES
    ]
    assert "memory (fresh) <= 720 B" in found


def test_each_target_can_be_missed_alone() -> None:
    geomean = _judge({"a": 3.0, "b": 3.0, "server-uvicorn": 3.0})
    assert geomean["geomean vs h11 >= 3.5x"].met is False
    assert geomean["geomean vs h11 >= 3.5x"].detail == "3.00x"
    assert geomean["every workload vs h11 >= 2.5x"].met is True
    floor = _judge({"a": 9.0, "b": 2.4, "server-uvicorn": 9.0})
    assert floor["geomean vs h11 >= 3.5x"].met is True
    assert floor["every workload vs h11 >= 2.5x"].met is False
    assert floor["every workload vs h11 >= 2.5x"].detail == "lowest 2.40x (b)"
    uvicorn = _judge({"a": 9.0, "b": 9.0, "server-uvicorn": 2.9})
    assert uvicorn["server-uvicorn vs h11 >= 3.0x"].met is False
    assert uvicorn["server-uvicorn vs h11 >= 3.0x"].detail == "2.90x"
    assert uvicorn["every workload vs h11 >= 2.5x"].met is True
    assert (
        _judge({"a": 9, "b": 9, "server-uvicorn": 9}, memory=721.0)["memory (fresh) <= 720 B"].met
        is False
    )
    quadratic = _judge({"a": 9, "b": 9, "server-uvicorn": 9}, cost=16.0)  # 4x input, 16x cost
    assert all(quadratic[f"linear ({name})"].met is False for name in CASES)


def test_what_a_run_left_out_is_not_measured_and_not_met() -> None:
    found = _judge({"a": 9.0}, memory=None, cost=None)
    verdicts = {name: target.verdict for name, target in found.items()}
    assert verdicts == {
        "geomean vs h11 >= 3.5x": "not measured",
        "every workload vs h11 >= 2.5x": "not measured",
        "server-uvicorn vs h11 >= 3.0x": "not measured",
        "memory (fresh) <= 720 B": "not measured",
        **{f"linear ({name})": "not measured" for name in CASES},
    }
    assert found["geomean vs h11 >= 3.5x"].detail == "2 of 3 workloads not run"


def test_a_workload_below_the_floor_fails_even_when_others_are_missing() -> None:
    found = _judge({"a": 1.2}, memory=None, cost=None)
    assert found["every workload vs h11 >= 2.5x"].met is False


@pytest.mark.parametrize(
    ("met", "verdict"), [(True, "met"), (False, "NOT met"), (None, "not measured")]
)
def test_verdicts(met: bool | None, verdict: str) -> None:
    assert targets.Target("t", met, "d").verdict == verdict
