"""Documented, deliberate deviations: failures an implementation keeps on purpose.

Strategy: a deviation never turns a failure into a pass -- the report still counts it as a
failure -- it attaches the implementation's stated reason, so a reader can tell a known,
argued choice (h11's, or h11pc's for h11 compatibility) from a bug. They live in
``deviations.toml`` beside this module::

    [[deviation]]
    implementation = "h11"
    cases = ["req-obs-fold-accepted"]
    reason = "h11 unfolds obs-fold in requests too, for compatibility with old clients"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEVIATIONS_FILE = Path(__file__).parent / "deviations.toml"


@dataclass(frozen=True, slots=True)
class Deviations:
    entries: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(implementation, case id) -> the reason it deviates."""

    def explain(self, implementation: str, case_id: str) -> str:
        return self.entries.get((implementation, case_id), "")

    def case_ids(self) -> set[str]:
        return {case_id for _impl, case_id in self.entries}


def load_deviations(path: Path = DEVIATIONS_FILE) -> Deviations:
    if not path.exists():
        return Deviations()
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    entries: dict[tuple[str, str], str] = {}
    for item in document.get("deviation", []):
        for case_id in item["cases"]:
            entries[(item["implementation"], case_id)] = item["reason"]
    return Deviations(entries)
