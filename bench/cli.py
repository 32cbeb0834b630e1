"""``python -m bench``: run the comparison, print the tables, write the JSON record.

Strategy: load the libraries, refuse to time any driver whose result differs from h11's (the
reason is reported in place of its numbers), time the workloads in rounds, then measure memory
and linearity. The defaults fit ``make bench`` into well under two minutes on a 2-core machine;
``--quick`` is a smoke run of a few seconds.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from bench import linearity, machine, memory, report, results, targets, timing, workloads
from bench.libraries import BASELINE, Library, load


@dataclass(frozen=True)
class Settings:
    """How long and how much to measure."""

    rounds: int
    sample_seconds: float
    memory_connections: int
    linearity_rounds: int


FULL = Settings(rounds=31, sample_seconds=0.05, memory_connections=1000, linearity_rounds=11)
QUICK = Settings(rounds=5, sample_seconds=0.01, memory_connections=200, linearity_rounds=3)


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
        "--check-targets",
        action="store_true",
        help="exit 1 unless every one of h11pc's performance targets is measured and met",
    )
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    """The preset, with any explicit overrides."""
    preset = QUICK if args.quick else FULL
    return Settings(
        rounds=args.rounds or preset.rounds,
        sample_seconds=args.sample_ms / 1e3 if args.sample_ms else preset.sample_seconds,
        memory_connections=preset.memory_connections,
        linearity_rounds=preset.linearity_rounds,
    )


Errors = dict[str, dict[str, str]]
"""Why a library was left out, by section (a workload's name, "memory", "linearity")."""

T = TypeVar("T")
P = ParamSpec("P")


def _attempt(
    failed: dict[str, str],
    library: Library,
    action: Callable[P, T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """``action(*args, **kwargs)``, or None with the reason recorded under *library*'s name."""
    try:
        return action(*args, **kwargs)
    # A candidate under construction may fail in any way; one failure must not hide the other
    # numbers, so it is reported in place of the numbers instead of raised.
    except Exception as error:
        failed[library.name] = f"{type(error).__name__}: {error}"
        return None


def measure_workload(
    workload: workloads.Workload, libraries: Sequence[Library], settings: Settings
) -> tuple[list[results.Row], dict[str, str]]:
    """Rows for the libraries whose driver checks out, and the reasons for those that fail."""
    baseline = next(library for library in libraries if library.name == BASELINE)
    ops: dict[str, timing.Op] = {}
    failed: dict[str, str] = {}
    for library in libraries:
        problem = _attempt(failed, library, workloads.check, workload, library, baseline.module)
        op = None if library.name in failed else workload.driver(library)
        if problem is not None:
            failed[library.name] = problem
        elif op is not None:
            ops[library.name] = op
    times = timing.rounds(ops, settings.rounds, settings.sample_seconds)
    return results.rows(workload, times), failed


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
    errors: Errors = {}
    for workload in chosen:
        print(f"timing {workload.name} ...", flush=True)
        found, failed = measure_workload(workload, libraries, settings)
        all_rows += found
        if failed:
            errors[workload.name] = failed
    means = results.geomeans(all_rows)
    memory_use = {} if args.no_memory else _memory(libraries, settings, errors)
    scaling = {} if args.no_linearity else _linearity(libraries, settings, errors)
    errors = {section: failed for section, failed in errors.items() if failed}
    candidate = libraries[0]
    names = [workload.name for workload in workloads.WORKLOADS]
    found_targets = targets.check(candidate.name, names, all_rows, memory_use, scaling)
    print()
    print(report.heading(libraries, machine.describe()))
    _print(all_rows, means, memory_use, scaling, errors)
    print()
    print(report.target_lines(candidate.name, found_targets))
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
    missed = any(target.met is not True for target in found_targets)
    return 1 if args.check_targets and (missed or errors) else 0


def _memory(
    libraries: Sequence[Library], settings: Settings, errors: Errors
) -> dict[str, dict[str, float]]:
    print("measuring memory ...", flush=True)
    failed = errors.setdefault("memory", {})
    found = {}
    for library in libraries:
        sizes = _attempt(failed, library, _memory_of, library, settings.memory_connections)
        if sizes is not None:
            found[library.name] = sizes
    return found


def _memory_of(library: Library, count: int) -> dict[str, float]:
    return {
        state: memory.per_connection(factory, count)
        for state, factory in memory.factories(library).items()
    }


def _linearity(
    libraries: Sequence[Library], settings: Settings, errors: Errors
) -> dict[str, list[linearity.Scaling]]:
    print("measuring linearity ...", flush=True)
    failed = errors.setdefault("linearity", {})
    found = {}
    for case in linearity.CASES:
        # One untimed run of both sizes finds the libraries that cannot take this input.
        working = [
            library
            for library in libraries
            if _attempt(failed, library, linearity.measure, case, [library], 1, 0.0)
        ]
        found[case.name] = linearity.measure(
            case, working, settings.linearity_rounds, settings.sample_seconds
        )
    return found


def _print(
    all_rows: Sequence[results.Row],
    means: dict[str, dict[str, float | None]],
    memory_use: dict[str, dict[str, float]],
    scaling: dict[str, list[linearity.Scaling]],
    errors: Errors,
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
    for section, failed in errors.items():
        for library, reason in failed.items():
            print(f"\nNOT MEASURED {section} / {library}: {reason}")


def _meta(libraries: Sequence[Library], notes: list[str], settings: Settings) -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": machine.python(),
        "machine": machine.describe(),
        "libraries": {
            library.name: {
                "module": library.module.__name__,
                "version": library.version,
                "build": library.build,
            }
            for library in libraries
        },
        "notes": notes,
        "settings": settings.__dict__,
        "ratio": "reference seconds / library seconds, median over rounds; > 1 is faster",
    }
