"""Running the rounds: every server once per round, each workload loaded after a warm-up.

Strategy: rounds are interleaved (round 1 runs every server once, then round 2 ...), so a
slow spell of a shared machine falls on all servers alike, and the order rotates from round
to round, so that no server always comes first. Each round starts every server afresh on a
free port, checks it (``bench.e2e.probe``), then loads it with each workload: a short
warm-up whose numbers are dropped, then the measured run; and stops it. A server that fails
(does not start, answers wrongly, answers errors under load, or wrk reports nothing) leaves
the run with its reason recorded: ratios only compare rounds every row took part in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bench.e2e import cpus, probe, server, variants, wrk
from bench.e2e.variants import HOST, Variant
from bench.e2e.workloads import Workload

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """How long and how hard to load."""

    rounds: int
    seconds: int
    warmup_seconds: int
    connections: int


@dataclass(frozen=True)
class Plan:
    """Everything a run needs besides the variants and workloads."""

    settings: Settings
    pinning: cpus.Pinning
    scripts: Path
    """The folder with each workload's wrk script, ``NAME.lua`` (``write_scripts``)."""
    logs: Path
    """Where each server's output goes, one file per variant."""


@dataclass
class Outcome:
    """What a run found."""

    samples: dict[str, dict[str, list[wrk.Result]]] = field(default_factory=dict)
    """Variant name -> workload name -> one result per round."""
    about: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Variant name -> its server's ``/about``."""
    errors: dict[str, str] = field(default_factory=dict)
    """Variant name -> why it has no numbers."""


def write_scripts(workloads: Sequence[Workload], folder: Path) -> None:
    """Write each workload's wrk script into *folder*."""
    folder.mkdir(parents=True, exist_ok=True)
    for workload in workloads:
        (folder / f"{workload.name}.lua").write_text(wrk.script(workload), encoding="utf-8")


def rotated(items: Sequence[T], offset: int) -> list[T]:
    """*items* starting at position *offset* (modulo their number), wrapping around."""
    if not items:
        return []
    start = offset % len(items)
    return [*items[start:], *items[:start]]


def run(
    chosen: Sequence[Variant],
    workloads: Sequence[Workload],
    plan: Plan,
    say: Callable[[str], None],
) -> Outcome:
    """Every round of every variant; *say* is told what is about to run."""
    outcome = Outcome()
    for index in range(plan.settings.rounds):
        live = [variant for variant in chosen if variant.name not in outcome.errors]
        for variant in rotated(live, index):
            say(f"round {index + 1}/{plan.settings.rounds}: {variant.name}")
            try:
                about, results = _round(variant, workloads, plan)
            except (server.ServerError, probe.ProbeError, wrk.WrkError) as error:
                outcome.errors[variant.name] = f"{type(error).__name__}: {error}"
                outcome.samples.pop(variant.name, None)
                continue
            outcome.about[variant.name] = about
            mine = outcome.samples.setdefault(variant.name, {})
            for name, result in results.items():
                mine.setdefault(name, []).append(result)
    return outcome


def _round(
    variant: Variant, workloads: Sequence[Workload], plan: Plan
) -> tuple[dict[str, Any], dict[str, wrk.Result]]:
    port = server.free_port()
    argv = cpus.pinned(variants.command(variant, port), plan.pinning.server)
    log = plan.logs / f"{variant.name.replace(' ', '-')}.log"
    with server.running(argv, port, log, variants.environment(variant)):
        about = probe.check(variant, port, workloads)
        results = {workload.name: _load(workload, port, plan) for workload in workloads}
    return about, results


def _load(workload: Workload, port: int, plan: Plan) -> wrk.Result:
    settings = plan.settings
    url = f"http://{HOST}:{port}{workload.path}"
    script = plan.scripts / f"{workload.name}.lua"

    def load(seconds: int) -> wrk.Result:
        argv = wrk.command(url, script, settings.connections, seconds)
        return wrk.run(cpus.pinned(argv, plan.pinning.load), seconds)

    if settings.warmup_seconds > 0:
        load(settings.warmup_seconds)
    result = load(settings.seconds)
    if result.bad_responses:
        raise wrk.WrkError(f"{workload.name}: {result.bad_responses} responses with status >= 400")
    return result
