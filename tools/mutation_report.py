"""The verdict of a mutmut run: the score of each module, and the survivors to look at.

Run in the directory mutmut ran in (``make mutation`` does): it reads mutmut's results
(``mutants/**/*.py.meta``) and the mutated sources, and a file of surviving mutants known to
be equivalent -- each keyed by its function and the line it changes, with the reason no test
can tell it from the original. It writes ``summary.txt`` (per module: mutants, killed,
equivalent, survived, score) and ``survivors.txt`` (each survivor not known to be equivalent,
as a diff) to ``--out``, and exits 1 while any such survivor remains.

The score is killed / (mutants - equivalent); a mutant that times out counts as killed.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py): 0 the tests passed (survived); 1 and 3 they failed;
# these, a timeout. Anything else -- no tests, not run, a crash -- is no kill either.
_KILLED = {1, 3}
_TIMEOUT = {-24, 24, 36, 152, 255}
_SURVIVED = 0


@dataclass(frozen=True)
class Mutant:
    module: str  # h11pc._readers
    function: str  # ChunkedReader._whole_chunk
    name: str  # mutmut's name for it
    exit_code: int | None
    was: str  # the lines it changes, stripped, one per line
    now: str
    diff: str

    @property
    def killed(self) -> bool:
        return self.exit_code in _KILLED or self.exit_code in _TIMEOUT


@dataclass(frozen=True)
class Equivalent:
    function: str  # module-qualified: h11pc._readers.ChunkedReader._whole_chunk
    was: str
    now: str
    why: str

    def matches(self, mutant: Mutant) -> bool:
        return (
            self.function == f"{mutant.module}.{mutant.function}"
            and self.was == mutant.was
            and self.now == mutant.now
        )


def _function(mangled: str) -> str:
    """``xǁChunkedReaderǁ_whole_chunk`` or ``x_body_framing`` as a qualified name."""
    if mangled.startswith("xǁ"):
        _, cls, method = mangled.split("ǁ", 2)
        return f"{cls}.{method}"
    return mangled.removeprefix("x_")


def _changed(original: list[str], mutated: list[str]) -> tuple[str, str, str]:
    """What the mutant removed and added (stripped lines), and the diff."""
    diff = list(difflib.unified_diff(original, mutated, lineterm="", n=1))
    was = "\n".join(line[1:].strip() for line in diff[2:] if line.startswith("-"))
    now = "\n".join(line[1:].strip() for line in diff[2:] if line.startswith("+"))
    return was, now, "\n".join(diff[2:])


def mutants_of(meta: Path) -> list[Mutant]:
    """The mutants of one source file, from mutmut's ``.meta`` and ``.spans`` beside it."""
    source = meta.with_suffix("")  # mutants/h11pc/_readers.py
    module = ".".join(source.relative_to("mutants").with_suffix("").parts)
    lines = source.read_text(encoding="utf-8").splitlines()
    spans = json.loads(source.with_name(source.name + ".spans").read_text())["spans"]
    results = json.loads(meta.read_text())["exit_code_by_key"]
    found = []
    for name, exit_code in results.items():
        key = name.removeprefix(module + ".")
        mangled, _, _ = key.rpartition("__mutmut_")
        start, end = spans[key]
        original_start, original_end = spans[f"{mangled}__mutmut_orig"]
        mutated = [line.replace(key, mangled) for line in lines[start:end]]
        original = [
            line.replace(f"{mangled}__mutmut_orig", mangled)
            for line in lines[original_start:original_end]
        ]
        was, now, diff = _changed(original, mutated)
        found.append(Mutant(module, _function(mangled), name, exit_code, was, now, diff))
    return found


def load_equivalents(path: Path) -> list[Equivalent]:
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    return [
        Equivalent(e["function"], e["was"].strip(), e["now"].strip(), e["why"]) for e in entries
    ]


def _score(killed: int, total: int, equivalent: int) -> str:
    judged = total - equivalent
    return f"{100 * killed / judged:.1f}%" if judged else "-"


def report(mutants: list[Mutant], equivalents: list[Equivalent], out: Path) -> int:
    """Write the summary and the survivors; the number of survivors not known equivalent."""
    rows = [f"{'module':<22} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'survived':>8} score"]
    survivors: list[Mutant] = []
    used: set[Equivalent] = set()
    for module in sorted({m.module for m in mutants}):
        mine = [m for m in mutants if m.module == module]
        killed = sum(m.killed for m in mine)
        equivalent = 0
        for mutant in (m for m in mine if not m.killed):
            known = next((e for e in equivalents if e.matches(mutant)), None)
            if known is None:
                survivors.append(mutant)
            else:
                used.add(known)
                equivalent += 1
        alive = len(mine) - killed - equivalent
        score = _score(killed, len(mine), equivalent)
        rows.append(f"{module:<22} {len(mine):>7} {killed:>7} {equivalent:>7} {alive:>8} {score}")
    ran = {m.module + "." for m in mutants}
    stale = [e for e in equivalents if e not in used and e.function.startswith(tuple(ran))]
    rows += [f"stale equivalent (no such survivor): {e.function}: {e.was!r}" for e in stale]
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # Each survivor under the function name an entry of the equivalents file takes.
    (out / "survivors.txt").write_text(
        "".join(
            f"# {m.module}.{m.function} ({m.name}, exit code {m.exit_code})\n{m.diff}\n\n"
            for m in survivors
        ),
        encoding="utf-8",
    )
    print("\n".join(rows))
    print(f"{len(survivors)} survivors to kill or to explain: {out / 'survivors.txt'}")
    return len(survivors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--equivalents", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    # A run limited to some mutants (`mutmut run "h11pc._readers*"`) leaves the others
    # unchecked (no exit code): the report is of those that ran.
    mutants = [
        m
        for meta in sorted(Path("mutants").rglob("*.py.meta"))
        for m in mutants_of(meta)
        if m.exit_code is not None
    ]
    if not mutants:
        print("no mutmut results here: run mutmut first", file=sys.stderr)
        return 2
    return 1 if report(mutants, load_equivalents(args.equivalents), args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
