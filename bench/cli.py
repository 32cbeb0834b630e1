"""``python -m bench``: run the comparison, print the tables, write the JSON record.

Strategy: load the libraries, refuse to time any driver whose result differs from h11's (the
reason is reported in place of its numbers), time the workloads in rounds, then measure memory
and linearity. The defaults fit ``make bench`` into well under two minutes on a 2-core machine;
``--quick`` is a smoke run of a few seconds.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import linearity, memory, report, results, timing, workloads
from bench.libraries import BASELINE, Library, load


@dataclass(frozen=True)
class Settings:
    """How long and how much to measure."""

    rounds: int
    sample_seconds: float
    memory_connections: int
    linearity_repeats: int


FULL = Settings(rounds=31, sample_seconds=0.05, memory_connections=1000, linearity_repeats=7)
QUICK = Settings(rounds=5, sample_seconds=0.01, memory_connections=200, linearity_repeats=3)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; see ``--help``."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    names = [workload.name for workload in workloads.WORKLOADS]
    parser.add_argument("--quick", action="store_true", help="few short rounds: a smoke run")
    parser.add_argument(
        "-w",
        "--workload",
        action="append",
        choices=names,
        metavar="NAME",
        help=f"run only this workload (repeatable): {', '.join(names)}",
    )
    parser.add_argument("--list", action="store_true", help="list the workloads and exit")
    parser.add_argument("--rounds", type=int, help="rounds per workload (overrides the preset)")
    parser.add_argument("--sample-ms", type=float, help="milliseconds per timed sample")
    parser.add_argument("--candidate", default="h11pc", help="module compared with h11")
    parser.add_argument("--no-native", action="store_true", help="leave httptools out")
    parser.add_argument("--no-memory", action="store_true", help="skip per-connection memory")
    parser.add_argument("--no-linearity", action="store_true", help="skip the linearity check")
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("build/bench/results.json"),
        help="where the JSON record goes (default: %(default)s)",
    )
    parser.add_argument(
        "--check-targets", action="store_true", help="exit 1 unless issue 5's targets are met"
    )
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    """The preset, with any explicit overrides."""
    preset = QUICK if args.quick else FULL
    return Settings(
        rounds=args.rounds or preset.rounds,
        sample_seconds=args.sample_ms / 1e3 if args.sample_ms else preset.sample_seconds,
        memory_connections=preset.memory_connections,
        linearity_repeats=preset.linearity_repeats,
    )


def measure_workload(
    workload: workloads.Workload, libraries: Sequence[Library], settings: Settings
) -> tuple[list[results.Row], dict[str, str]]:
    """Rows for the libraries whose driver checks out, and the reasons for those that fail."""
    baseline = next(library for library in libraries if library.name == BASELINE)
    ops: dict[str, timing.Op] = {}
    errors: dict[str, str] = {}
    for library in libraries:
        try:
            problem = workloads.check(workload, library, baseline.module)
            op = workload.driver(library)
        # A candidate under construction may fail in any way; one broken workload must not
        # hide the others' numbers, so the failure is reported instead of raised.
        except Exception as error:
            problem, op = f"{type(error).__name__}: {error}", None
        if problem is not None:
            errors[library.label] = problem
        elif op is not None:
            ops[library.label] = op
    times = timing.rounds(ops, settings.rounds, settings.sample_seconds)
    return results.rows(workload, times), errors


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 on success (1 with ``--check-targets`` and a target missed)."""
    args = parse_args(argv)
    if args.list:
        for workload in workloads.WORKLOADS:
            print(f"{workload.name:20} {workload.summary}")
        return 0
    settings = settings_from(args)
    libraries, notes = load(args.candidate, native=not args.no_native)
    for note in notes:
        print(f"note: {note}", flush=True)
    chosen = workloads.by_name(args.workload) if args.workload else workloads.WORKLOADS
    all_rows: list[results.Row] = []
    errors: dict[str, dict[str, str]] = {}
    for workload in chosen:
        print(f"timing {workload.name} ...", flush=True)
        found, failed = measure_workload(workload, libraries, settings)
        all_rows += found
        if failed:
            errors[workload.name] = failed
    means = results.geomeans(all_rows)
    memory_use = {} if args.no_memory else _memory(libraries, settings)
    scaling = {} if args.no_linearity else _linearity(libraries, settings)
    candidate = libraries[0]
    found_targets = results.targets(candidate.label, all_rows, memory_use, scaling)
    _print(all_rows, means, memory_use, scaling, errors)
    print()
    print(report.target_lines(candidate.label, found_targets, candidate.standin_for is not None))
    document = {
        "meta": _meta(libraries, notes, settings),
        "workloads": {w.name: {"summary": w.summary, "wire_bytes": w.wire_bytes} for w in chosen},
        "rows": all_rows,
        "errors": errors,
        "geomean": means,
        "memory_bytes_per_connection": memory_use,
        "linearity": scaling,
        "targets": found_targets,
    }
    report.write_json(args.output, document)
    print(f"\nwrote {args.output}")
    missed = any(not target.met for target in found_targets)
    return 1 if args.check_targets and (missed or errors) else 0


def _memory(libraries: Sequence[Library], settings: Settings) -> dict[str, dict[str, float]]:
    print("measuring memory ...", flush=True)
    count = settings.memory_connections
    return {
        library.label: {
            state: memory.per_connection(factory, count)
            for state, factory in memory.factories(library).items()
        }
        for library in libraries
    }


def _linearity(
    libraries: Sequence[Library], settings: Settings
) -> dict[str, list[linearity.Scaling]]:
    print("measuring linearity ...", flush=True)
    return {
        case.name: linearity.measure(case, libraries, settings.linearity_repeats)
        for case in linearity.CASES
    }


def _print(
    all_rows: Sequence[results.Row],
    means: dict[str, dict[str, float | None]],
    memory_use: dict[str, dict[str, float]],
    scaling: dict[str, list[linearity.Scaling]],
    errors: dict[str, dict[str, str]],
) -> None:
    print()
    print(report.workload_table(all_rows))
    print()
    print(report.geomean_table(means))
    if memory_use:
        print()
        print(report.memory_table(memory_use, BASELINE))
    if scaling:
        print()
        print(report.linearity_table(scaling))
    for workload, failed in errors.items():
        for library, reason in failed.items():
            print(f"\nNOT TIMED {workload} / {library}: {reason}")


def _meta(libraries: Sequence[Library], notes: list[str], settings: Settings) -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "processor": platform.processor(),
        "libraries": {
            library.label: {
                "module": library.module.__name__,
                "version": library.version,
                "standin_for": library.standin_for,
            }
            for library in libraries
        },
        "notes": notes,
        "settings": settings.__dict__,
        "ratio": "reference seconds / library seconds, median over rounds; > 1 is faster",
    }
