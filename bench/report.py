"""Presenting a run: aligned text tables for the terminal, and the JSON record.

Strategy: formatting only; every number is computed in ``bench.results``. Missing values (a
library that cannot run a workload, a ratio without its reference) print as a dash and are
``null`` in JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from bench.libraries import Library
from bench.linearity import Scaling
from bench.results import Row
from bench.targets import Target


def table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the first column left-aligned, the rest right."""
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        padded = [first.ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(cells) for cells in body)])


def _number(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "-" if value is None else f"{value:,.{digits}f}{suffix}"


def workload_table(rows: Sequence[Row]) -> str:
    """The main table: throughput and ratios per workload and library."""
    header = ["workload", "library", "MB/s", "req/s", "vs h11", "vs httptools"]
    body = []
    for row in rows:
        body.append(
            [
                row.workload,
                row.library,
                _number(row.mb_per_s, 1),
                _number(row.requests_per_s, 0),
                _number(row.vs_h11, 2, "x"),
                _number(row.vs_httptools, 3, "x"),
            ]
        )
    return table(header, body)


def geomean_table(means: Mapping[str, Mapping[str, float | None]]) -> str:
    """Geometric means of each library's ratios."""
    body = [
        [library, _number(mean["vs_h11"], 2, "x"), _number(mean["vs_httptools"], 3, "x")]
        for library, mean in means.items()
    ]
    return table(["geometric mean", "vs h11", "vs httptools"], body)


def memory_table(memory: Mapping[str, Mapping[str, float]], baseline: str) -> str:
    """Bytes per idle connection, by state, with the ratio to h11's."""
    states = list(next(iter(memory.values()), {}))
    header = ["memory per connection", *(f"{state} (B)" for state in states), "vs h11"]
    body = []
    for library, sizes in memory.items():
        reference = memory.get(baseline)
        ratios = [sizes[state] / reference[state] for state in states] if reference else []
        ratio = "/".join(f"{value:.2f}x" for value in ratios) or "-"
        body.append([library, *(f"{sizes[state]:,.0f}" for state in states), ratio])
    return table(header, body)


def linearity_table(scaling: Mapping[str, Sequence[Scaling]]) -> str:
    """Cost ratio against size ratio for each case and library."""
    body = [
        [
            case,
            result.library,
            f"{result.seconds[0] * 1e3:,.2f}",
            f"{result.seconds[1] * 1e3:,.2f}",
            f"x{result.size_ratio:.2f}",
            f"x{result.cost_ratio:.2f}",
        ]
        for case, results in scaling.items()
        for result in results
    ]
    header = ["linearity", "library", "small (ms)", "large (ms)", "size", "cost"]
    return table(header, body)


def target_lines(candidate: str, found: Sequence[Target], kind: str = "performance") -> str:
    """The project's targets of this *kind*, one line each."""
    lines = [f"{candidate}'s {kind} targets:"]
    lines += [f"  [{target.verdict}] {target.name}: {target.detail}" for target in found]
    return "\n".join(lines)


def heading(libraries: Sequence[Library], machine: str) -> str:
    """What ran: each library with its version (the candidate's build too), and where."""
    first, *others = (library.title for library in libraries)
    against = f" against {', '.join(others)}" if others else ""
    return f"{first}{against}\n{machine}"


def write_json(path: Path, document: Mapping[str, Any]) -> None:
    """Write *document* (dataclasses allowed inside lists and dicts) as indented JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_plain(document), indent=2) + "\n", encoding="utf-8")


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
