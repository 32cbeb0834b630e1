"""``python -m bench.e2e``: load each server with wrk, print the tables, write the records.

Strategy: check that wrk is there, choose the variants and workloads, pin the two sides to
their cores, run the rounds (``bench.e2e.measure``), then report: the terminal table, the
targets, ``e2e.json`` and the Markdown block (``e2e.md``, or into the README with
``--readme``). A SIGTERM ends the run like Ctrl-C, so that the servers are stopped either way.
"""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from bench import machine
from bench import report as bench_report
from bench.e2e import cpus, measure, report, results, targets, variants, workloads, wrk
from bench.targets import Target

FULL = measure.Settings(rounds=5, seconds=5, warmup_seconds=1, connections=50)
QUICK = measure.Settings(rounds=1, seconds=1, warmup_seconds=0, connections=50)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; see ``--help``."""
    parser = argparse.ArgumentParser(prog="python -m bench.e2e", description=__doc__)
    names = [workload.name for workload in workloads.WORKLOADS]
    add = parser.add_argument
    add("--quick", action="store_true", help="one short round, no warm-up: a smoke run")
    add("--rounds", type=int, help=f"rounds (default {FULL.rounds})")
    add("-d", "--duration", type=int, help=f"seconds per measured load ({FULL.seconds})")
    add("--warmup", type=int, help=f"seconds of warm-up before each load ({FULL.warmup_seconds})")
    add("-c", "--connections", type=int, help=f"keep-alive connections ({FULL.connections})")
    add("-w", "--workload", action="append", choices=names, help="only this workload (repeatable)")
    servers = list(variants.LIBRARIES)
    add("-s", "--server", action="append", choices=servers, help="only this server (repeatable)")
    # Interpreters made absolute (not resolved: a virtualenv's python is a link out of it):
    # the servers start in another working directory.
    add(
        "--python",
        type=os.path.abspath,
        default=sys.executable,
        help="interpreter of the servers (default: this one)",
    )
    add(
        "--compiled-python",
        type=os.path.abspath,
        metavar="PATH",
        help="also run h11pc's rows under this interpreter, whose virtualenv has a compiled "
        "build of h11pc, uvicorn and hypercorn",
    )
    add(
        "--ceiling",
        action="store_true",
        help="also run each server on a stand-in that does no HTTP work per request "
        "(bench.e2e.nowork): the most any HTTP library could speed it up",
    )
    add("--server-cpu", type=int, default=1, help="the servers' core (default %(default)s)")
    add("--load-cpu", type=int, default=0, help="wrk's core (default %(default)s)")
    add("--out", type=Path, default=Path("build/bench"), help="output folder (%(default)s)")
    add("--readme", type=Path, help="also replace the generated table in this README")
    add(
        "--check-targets",
        action="store_true",
        help="exit 1 unless every end-to-end target is measured and met",
    )
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> measure.Settings:
    """The preset, with any explicit overrides."""
    preset = QUICK if args.quick else FULL
    return measure.Settings(
        rounds=args.rounds or preset.rounds,
        seconds=args.duration or preset.seconds,
        warmup_seconds=preset.warmup_seconds if args.warmup is None else args.warmup,
        connections=args.connections or preset.connections,
    )


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison; 0 on success, 1 with ``--check-targets`` and a target missed, 2
    when wrk is missing, 130 when interrupted."""
    args = parse_args(argv)
    if not wrk.available():
        print(wrk.MISSING, file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    settings = settings_from(args)
    chosen = variants.table(args.python, args.compiled_python, stand_in=args.ceiling)
    if args.server:
        chosen = variants.by_server(chosen, args.server)
    loads = workloads.by_name(args.workload) if args.workload else list(workloads.WORKLOADS)
    pinning, note = cpus.choose(args.server_cpu, args.load_cpu)
    if note:
        print(f"note: {note}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as scripts:
        measure.write_scripts(loads, Path(scripts))
        plan = measure.Plan(settings, pinning, Path(scripts), args.out / "e2e-logs")
        try:
            outcome = measure.run(chosen, loads, plan, lambda line: print(line, flush=True))
        except KeyboardInterrupt:
            print("\ninterrupted: every server it started is stopped", file=sys.stderr)
            return 130
    found = results.rows(chosen, loads, outcome.samples)
    judged = targets.check(found)
    meta = _meta(settings, pinning, outcome, chosen)
    _print(meta, found, judged, outcome.errors)
    document = report.record(meta, loads, found, judged, outcome.errors)
    _write(args, document, report.markdown(meta, found))
    missed = any(target.met is not True for target in judged)
    return 1 if args.check_targets and (missed or outcome.errors) else 0


def _meta(
    settings: measure.Settings,
    pinning: cpus.Pinning,
    outcome: measure.Outcome,
    chosen: Sequence[variants.Variant],
) -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d (%H:%M UTC)"),
        "machine": machine.describe(),
        "versions": report.versions(outcome.about),
        "wrk": wrk.version(),
        "settings": settings.__dict__,
        "pinning": pinning.__dict__,
        "variants": {
            variant.name: {
                "server": variant.server,
                "library": variant.label,
                "python": variant.python,
                "about": outcome.about.get(variant.name),
            }
            for variant in chosen
        },
        "ratio": "median of per-round ratios of requests/s to the same server on h11; "
        "> 1 is faster",
    }


def _print(
    meta: dict[str, Any],
    found: Sequence[results.Row],
    judged: Sequence[Target],
    errors: dict[str, str],
) -> None:
    print()
    print(report.heading(meta))
    print()
    print(report.text_table(found))
    for name, reason in errors.items():
        print(f"\nNOT MEASURED {name}: {reason}")
    print()
    print(bench_report.target_lines("h11pc", judged, "end-to-end"))


def _write(args: argparse.Namespace, document: dict[str, Any], block: str) -> None:
    json_path = args.out / "e2e.json"
    bench_report.write_json(json_path, document)
    (args.out / "e2e.md").write_text(block + "\n", encoding="utf-8")
    print(f"\nwrote {json_path} and {args.out / 'e2e.md'}")
    if args.readme is not None:
        report.update_readme(args.readme, block)
        print(f"updated the generated table in {args.readme}")
