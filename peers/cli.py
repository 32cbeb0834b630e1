"""``python -m peers``: run the peers' test suites with h11pc in h11's place and judge them.

Strategy: prepare every suite first (downloads and virtualenvs, cached under ``build/peers``),
then run them one after another, printing one line per suite as it ends; then every failure
the accepted list (``peers/accepted.toml``) does not cover, with its test id and error. The
exit status is 1 if any failure is not accepted, any accepted entry is stale or any run went
wrong; 2 if a suite could not be prepared. ``--compiled`` runs them on h11pc's compiled build
(``build/peers/results-compiled.json``), judged by the same accepted list, as it behaves as
the pure one does. ``--h11`` runs the same suites on the real h11 0.16.0
(``build/peers/results-h11.json``): an h11pc run then marks each failure with its outcome
there.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from peers import accepted, environment, report, runner
from peers.guard import COMPILED, H11, H11PC
from peers.suites import SUITES, Suite, by_name

DEFAULT_BUILD = Path("build/peers")
DEFAULT_TIMEOUT = 1800.0
DESCRIPTIONS = {
    H11PC: "h11pc as h11",
    COMPILED: "h11pc's compiled build as h11",
    H11: "the real h11 0.16.0",
}
RESULTS = {H11PC: "results.json", COMPILED: "results-compiled.json", H11: "results-h11.json"}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; see ``--help``."""
    parser = argparse.ArgumentParser(
        prog="python -m peers", description=(__doc__ or "").split("\n\n")[0]
    )
    build = parser.add_mutually_exclusive_group()
    build.add_argument(
        "--h11", action="store_true", help="the baseline: run the suites on the real h11 0.16.0"
    )
    build.add_argument(
        "--compiled",
        action="store_true",
        help="run the suites on h11pc's compiled build (a wheel built with H11PC_COMPILE=1)",
    )
    parser.add_argument(
        "-s",
        "--suite",
        action="append",
        choices=[suite.name for suite in SUITES],
        help="run only this suite (repeatable)",
    )
    parser.add_argument(
        "--lock",
        action="store_true",
        help="resolve each suite's test environment afresh, pin it in peers/locks/, and exit",
    )
    parser.add_argument(
        "--build", type=Path, default=DEFAULT_BUILD, help="work directory (%(default)s)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds a suite may run before it is stopped (%(default)s)",
    )
    parser.add_argument(
        "pytest_args", nargs="*", help="after --: more arguments for each suite's pytest"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the process's exit status."""
    args = parse_args(argv)
    suites = by_name(args.suite)
    layout = environment.Layout(args.build.resolve())
    try:
        if args.lock:
            return write_locks(suites, layout)
        entries = accepted.load()
    except (environment.SetupError, ValueError) as error:
        print(f"peers: {error}", file=sys.stderr)
        return 2
    unknown = accepted.unknown_suites(entries, [suite.name for suite in SUITES])
    if unknown:
        print(f"peers: accepted entries name no suite: {unknown}", file=sys.stderr)
        return 2
    return run(suites, layout, entries, args)


def run(
    suites: Sequence[Suite],
    layout: environment.Layout,
    entries: Sequence[accepted.Accepted],
    args: argparse.Namespace,
) -> int:
    """Prepare and run *suites*, print the report, write the JSON; the exit status."""
    mode = H11 if args.h11 else COMPILED if args.compiled else H11PC
    started = time.monotonic()
    print(f"peers: the suites with {DESCRIPTIONS[mode]}")
    try:
        h11pc = environment.compiled(layout) if mode == COMPILED else environment.pure(layout)
        prepared = [runner.prepare(suite, layout, h11pc) for suite in suites]
        if mode == H11:
            runner.baseline_path(layout)
    except environment.SetupError as error:
        print(f"peers: {error}", file=sys.stderr)
        return 2
    setup_seconds = time.monotonic() - started
    print(f"set-up (downloads, virtualenvs) {setup_seconds:.1f} s", flush=True)
    verdicts = []
    for item in prepared:
        suite_run = runner.execute(item, layout, mode, list(args.pytest_args), args.timeout)
        verdict = accepted.judge(
            suite_run, entries, check_stale=mode != H11, complete=not args.pytest_args
        )
        verdicts.append(verdict)
        print(report.summary_line(verdict), flush=True)
    baseline = {} if mode == H11 else report.baseline_outcomes(_results_path(layout, H11))
    for line in report.details(verdicts, baseline):
        print(line)
    record = report.to_json(verdicts, mode, setup_seconds)
    output = _results_path(layout, mode)
    output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    total = time.monotonic() - started
    print(f"\n{'ok' if record['ok'] else 'FAILED'} in {total:.0f} s; record: {output}")
    print(f"logs: {layout.build / 'logs' / mode}/")
    return 0 if record["ok"] else 1


def _results_path(layout: environment.Layout, mode: str) -> Path:
    return layout.build / RESULTS[mode]


def write_locks(suites: Sequence[Suite], layout: environment.Layout) -> int:
    """``--lock``: re-resolve and write each suite's lock file."""
    for suite in suites:
        sdist = environment.fetch(suite, layout)
        path = environment.lock_path(suite)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(environment.lock(suite, sdist), encoding="utf-8")
        print(f"{path}: pinned")
    return 0
