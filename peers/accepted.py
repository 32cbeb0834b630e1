"""The failures the project accepts (``peers/accepted.toml``), and each run judged against them.

Strategy: an entry names one test exactly (suite and pytest id, parameters included) and says
why its failure is right: ``rfc``, the sentence of the RFC h11pc follows where the test
expects otherwise, or ``reason``, anything else (``fails on h11 0.16.0 too: ...``). A failure
with no entry fails ``make peers``; so does an entry whose test no longer fails (stale: the
list must shrink as h11pc changes), checked in the h11pc modes only, as the entries describe
h11pc. One list serves both of h11pc's builds: the compiled build behaves as the pure one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peers.outcomes import FAILED, PASSED, SKIPPED, Result, SuiteRun

ACCEPTED = Path(__file__).resolve().parent / "accepted.toml"
WHY_KEYS = ("rfc", "reason")


@dataclass(frozen=True)
class Accepted:
    """One accepted failure."""

    suite: str
    test: str
    why: str
    """The RFC sentence, or the reason, as the entry states it."""
    kind: str
    """``rfc`` or ``reason``."""


@dataclass(frozen=True)
class Stale:
    """An accepted entry whose test did not fail; *outcome* is ``passed``, ``skipped`` or
    ``not run``."""

    entry: Accepted
    outcome: str


@dataclass(frozen=True)
class Verdict:
    """A suite's run against the accepted list."""

    run: SuiteRun
    unexpected: tuple[Result, ...]
    accepted: tuple[tuple[Result, Accepted], ...]
    stale: tuple[Stale, ...]

    @property
    def ok(self) -> bool:
        return not (self.unexpected or self.stale or self.run.problems)


def parse(text: str) -> tuple[Accepted, ...]:
    """The entries of an accepted list (TOML: ``[[accepted]]`` tables with ``suite``,
    ``test`` and exactly one of ``rfc`` / ``reason``); ValueError names a bad entry."""
    entries = tomllib.loads(text).get("accepted", [])
    if not isinstance(entries, list):
        raise ValueError("accepted: expected an array of tables ([[accepted]])")
    result = []
    seen: set[tuple[str, str]] = set()
    for number, entry in enumerate(entries, 1):
        item = _entry(number, entry)
        if (item.suite, item.test) in seen:
            raise ValueError(f"accepted entry {number}: {item.suite} {item.test} listed twice")
        seen.add((item.suite, item.test))
        result.append(item)
    return tuple(result)


def _entry(number: int, entry: Any) -> Accepted:
    where = f"accepted entry {number}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a table")
    unknown = set(entry) - {"suite", "test", *WHY_KEYS}
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in ("suite", "test"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"{where}: '{key}' must be a non-empty string")
    given = [key for key in WHY_KEYS if key in entry]
    if len(given) != 1 or not isinstance(entry[given[0]], str) or not entry[given[0]].strip():
        raise ValueError(f"{where} ({entry['test']}): give exactly one of 'rfc' or 'reason'")
    kind = given[0]
    return Accepted(entry["suite"], entry["test"], entry[kind].strip(), kind)


def load(path: Path = ACCEPTED) -> tuple[Accepted, ...]:
    """The project's accepted list."""
    return parse(path.read_text(encoding="utf-8"))


def judge(
    run: SuiteRun, entries: Iterable[Accepted], *, check_stale: bool, complete: bool
) -> Verdict:
    """*run* against the entries of its suite. *check_stale*: an entry whose test passed or
    was skipped is stale; *complete* (the whole suite ran): so is one whose test never ran."""
    mine = {entry.test: entry for entry in entries if entry.suite == run.suite}
    outcomes = {test.id: test.outcome for test in run.tests}
    unexpected = tuple(t for t in run.tests if t.outcome == FAILED and t.id not in mine)
    accepted = tuple((t, mine[t.id]) for t in run.tests if t.outcome == FAILED and t.id in mine)
    stale: list[Stale] = []
    if check_stale:
        for test_id, entry in mine.items():
            outcome = outcomes.get(test_id, "not run")
            if outcome in (PASSED, SKIPPED) or (outcome == "not run" and complete):
                stale.append(Stale(entry, outcome))
    return Verdict(run, unexpected, accepted, tuple(stale))


def unknown_suites(entries: Sequence[Accepted], suites: Iterable[str]) -> list[str]:
    """Entries naming a suite that does not exist (a typo would accept nothing)."""
    known = set(suites)
    return [f"{entry.suite} {entry.test}" for entry in entries if entry.suite not in known]
