"""``python -m conformance``: run the cases in-process and live, print and write the reports.

Strategy: the command assembles a run from parts that each stand alone -- the registry, the
case files, the corpora, the in-process adapters, the live targets (servers the user names,
or ones the command starts on loopback itself: the demo server on an h11-API library and the
stdlib's http.server), with ``--ecosystem`` the servers and clients of
:mod:`conformance.ecosystem` -- runs them, and hands one :class:`RunReport` to the writers.
Exit status: 0 after a run, 1 if ``--fail-on`` names an implementation with a MUST failure
no documented deviation explains, 2 for unusable input (a case naming an unknown requirement,
an ecosystem that cannot be set up).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from conformance.adapters import Adapter, H11APIAdapter, all_adapters
from conformance.casefile import CASES_DIR, load_cases
from conformance.demo_server import DemoServer, load_h11_api
from conformance.deviations import Deviations, load_deviations
from conformance.ecosystem.processes import exit_on_sigterm
from conformance.ecosystem.run import DEFAULT_DIR, Plan, run_ecosystem
from conformance.ecosystem.venv import SetupError
from conformance.live import Settings, Target, applies, parse_target, run_live
from conformance.loaders.gunicorn import load_gunicorn
from conformance.loaders.llhttp import load_llhttp
from conformance.model import Basis, Case, Result, Verdict
from conformance.paths import shared_dir
from conformance.progress import Bars
from conformance.registry import load_registry
from conformance.report import RunReport, write_reports
from conformance.report.terminal import print_summary
from conformance.runner import Implementation, run_suite
from conformance.stdlib_server import StdlibServer

DEMO_SUBJECT = "h11pc"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m conformance",
        description="HTTP/1.1 conformance (RFC 9112/9110) for parsers and servers.",
    )
    _subject_options(parser.add_argument_group("what to test"))
    _data_options(parser.add_argument_group("data"))
    _run_options(parser.add_argument_group("running"))
    out = parser.add_argument_group("output")
    out.add_argument(
        "--out", type=Path, help="write summary.txt, report.md, report.json, report.html here"
    )
    out.add_argument(
        "--fail-on",
        action="append",
        default=[],
        metavar="NAME",
        help="exit 1 if NAME has an undocumented MUST failure",
    )
    return parser


def _subject_options(what: argparse._ArgumentGroup) -> None:
    what.add_argument(
        "--impl",
        action="append",
        metavar="NAME",
        help="in-process implementation to run (repeatable; default: all "
        "known: h11pc, h11, httptools); 'none' runs none",
    )
    what.add_argument(
        "--h11-api",
        action="append",
        default=[],
        metavar="MODULE",
        help="also run another library with h11's API, imported by name",
    )
    what.add_argument(
        "--server",
        action="append",
        default=[],
        metavar="[NAME=]URL",
        help="live mode: judge the server at http://HOST:PORT (repeatable)",
    )
    what.add_argument(
        "--demo",
        metavar="MODULE",
        help="start the demo server on an h11-API MODULE and judge it live "
        f"('auto': {DEMO_SUBJECT})",
    )
    what.add_argument(
        "--stdlib-server",
        action="store_true",
        help="start the stdlib's http.server and judge it live",
    )
    what.add_argument(
        "--ecosystem",
        action="store_true",
        help="install the Python HTTP/1.1 servers and clients into a virtualenv of their "
        "own and judge them live (servers: request cases; clients: response cases)",
    )
    what.add_argument(
        "--ecosystem-only",
        action="append",
        default=[],
        metavar="TEXT",
        help="ecosystem: only the servers and clients whose names contain TEXT",
    )
    what.add_argument(
        "--ecosystem-dir",
        type=Path,
        default=DEFAULT_DIR,
        help="ecosystem: where its virtualenv and logs go (build/ecosystem)",
    )


def _data_options(data: argparse._ArgumentGroup) -> None:
    data.add_argument("--cases", type=Path, default=CASES_DIR, help="case directory")
    data.add_argument("--only", metavar="TEXT", help="only cases whose id contains TEXT")
    data.add_argument("--rfc-dir", type=Path, help="directory of the RFC requirement JSON")
    data.add_argument("--llhttp", type=Path, help="llhttp's test/ directory (markdown)")
    data.add_argument("--gunicorn", type=Path, help="gunicorn corpus cases.json")
    data.add_argument("--no-corpora", action="store_true", help="skip the external corpora")


def _run_options(run: argparse._ArgumentGroup) -> None:
    run.add_argument("--splits", type=int, default=3, help="random splits per case (3)")
    run.add_argument("--seed", type=int, default=0, help="seed of the random splits (0)")
    run.add_argument("--timeout", type=float, default=5.0, help="live: seconds per case (5)")
    run.add_argument("--idle", type=float, default=1.0, help="live: silence = waiting (1s)")
    run.add_argument("--connections", type=int, default=8, help="live: at once (8)")
    run.add_argument("--jobs", type=int, default=3, help="ecosystem: subjects at once (3)")
    run.add_argument(
        "--allow-remote",
        action="store_true",
        help="live: allow targets that are not loopback addresses",
    )
    run.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="live: progress bar (default: when stderr is a terminal)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = time.monotonic()
    registry = load_registry(args.rfc_dir)
    cases = [c for c in load_cases(args.cases) if not args.only or args.only in c.id]
    unknown = registry.unknown(r for c in cases for r in c.requirements)
    if unknown and registry.rfc_dir is not None:
        print(f"error: cases name unknown requirements: {', '.join(unknown)}", file=sys.stderr)
        return 2
    deviations = load_deviations()
    notes: list[str] = []
    splits = {"random_splits": args.splits, "seed": args.seed}
    implementations, results = run_suite(_adapters(args), cases, deviations, **splits)
    corpus = _run_corpora(args, _adapters(args), deviations)
    exit_on_sigterm()
    try:
        with Bars(args.progress) as bars:
            live_impls, live_results = _run_live(args, cases, deviations, notes, bars)
    except SetupError as exc:
        print(f"error: the ecosystem cannot be set up: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every process the run started is stopped", file=sys.stderr)
        return 130
    report = RunReport(
        implementations=[*implementations, *live_impls],
        results=[*results, *live_results],
        cases=cases,
        registry=registry,
        corpus=corpus,
        notes=notes,
        seconds=time.monotonic() - started,
        command="python -m conformance " + shlex.join(argv or sys.argv[1:]),
    )
    print_summary(report)
    if args.out is not None:
        for path in write_reports(report, args.out):
            print(f"wrote {path}")
    return _exit_status(report, args.fail_on)


def _adapters(args: argparse.Namespace) -> list[Adapter]:
    adapters = all_adapters() + [H11APIAdapter(name) for name in args.h11_api]
    if not args.impl:
        return adapters
    wanted = set(args.impl) | set(args.h11_api)
    return [a for a in adapters if a.name in wanted]


def _run_corpora(
    args: argparse.Namespace, adapters: list[Adapter], deviations: Deviations
) -> list[Result]:
    if args.no_corpora:
        return []
    llhttp = args.llhttp or shared_dir("corpora", "llhttp")
    gunicorn = args.gunicorn or _shared_file("corpora", "gunicorn", "cases.json")
    cases: list[Case] = []
    if llhttp is not None:
        cases += load_llhttp(llhttp)
    if gunicorn is not None:
        cases += load_gunicorn(gunicorn)
    return run_suite(adapters, cases, deviations, random_splits=args.splits, seed=args.seed)[1]


def _shared_file(*parts: str) -> Path | None:
    directory = shared_dir(*parts[:-1])
    path = directory / parts[-1] if directory is not None else None
    return path if path is not None and path.is_file() else None


def _run_live(
    args: argparse.Namespace,
    cases: list[Case],
    deviations: Deviations,
    notes: list[str],
    bars: Bars,
) -> tuple[list[Implementation], list[Result]]:
    settings = Settings(args.timeout, args.idle, args.connections)
    implementations: list[Implementation] = []
    results: list[Result] = []
    with ExitStack() as stack:
        targets = [_named_target(spec, args.allow_remote) for spec in args.server]
        if args.demo:
            targets.append(stack.enter_context(_demo_server(args.demo, notes)))
        if args.stdlib_server:
            server = stack.enter_context(_started(StdlibServer()))
            targets.append(replace(parse_target(server.url, "http.server (stdlib)"), echoes=True))
        for target in targets:
            advance = bars.task(f"live: {target.name}", sum(map(applies, cases)))
            impl, found = run_live(target, cases, deviations, settings, advance)
            implementations.append(impl)
            results += found
    if args.ecosystem:
        plan = Plan(args.ecosystem_dir, args.jobs, only=tuple(args.ecosystem_only))
        for impl, found in run_ecosystem(cases, deviations, settings, plan, bars):
            implementations.append(impl)
            results += found
    return implementations, results


def _named_target(spec: str, allow_remote: bool) -> Target:
    """``NAME=URL`` or just ``URL``."""
    name, separator, url = spec.partition("=")
    if not separator or "://" in name:
        name, url = "", spec
    return parse_target(url, name or url, allow_remote)


@contextmanager
def _demo_server(module_name: str, notes: list[str]) -> Iterator[Target]:
    name = DEMO_SUBJECT if module_name == "auto" else module_name
    module = load_h11_api(name)
    label = f"demo server ({name})"
    with _started(DemoServer(module)) as server:
        yield replace(parse_target(server.url, label), library=module.__name__, echoes=True)
        if server.errors:
            notes.append(f"{label}: {len(server.errors)} handler errors, e.g. {server.errors[0]}")


_Server = TypeVar("_Server", DemoServer, StdlibServer)


@contextmanager
def _started(server: _Server) -> Iterator[_Server]:
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _exit_status(report: RunReport, fail_on: list[str]) -> int:
    status = 0
    available = {impl.name for impl in report.available}
    for name in fail_on:
        if name not in available:
            print(f"note: --fail-on {name}: not run, nothing to enforce", file=sys.stderr)
            continue
        failing = [
            r.case.id
            for r in report.results
            if r.implementation == name
            and r.verdict is Verdict.FAIL
            and r.case.basis is Basis.MUST
            and not r.deviation
        ]
        if failing:
            print(f"{name}: {len(failing)} undocumented MUST failures", file=sys.stderr)
            status = 1
    return status
