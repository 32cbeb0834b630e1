"""Which libraries a run compares, loaded by module name.

Strategy: the baseline is h11 (the API every workload is written against); the candidate is
imported by name (h11pc by default) and runs the same drivers. httptools (llhttp) is the
native reference, present when installed. A library that cannot run a workload is reported in
place of its numbers (``bench.cli``), so loading asks no more of the candidate than importing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

BASELINE = "h11"
NATIVE = "httptools"


@dataclass(frozen=True)
class Library:
    """One column of the comparison."""

    name: str
    """The label in tables and JSON."""
    module: ModuleType
    version: str
    native: bool = False
    """True for httptools: it runs the callback drivers, not the h11-API drivers."""
    build: str | None = None
    """The candidate's build, ``"pure"`` or ``"compiled"``; None for the other libraries."""

    @property
    def title(self) -> str:
        """The name, version and build, as a run's heading states them."""
        build = f" ({self.build})" if self.build else ""
        return f"{self.name}{build} {self.version}"


def _version(module: ModuleType) -> str:
    return str(getattr(module, "__version__", "unknown"))


def build_of(module: ModuleType) -> str:
    """``"compiled"`` when the module says it runs compiled code (``compiled``), else ``"pure"``."""
    return "compiled" if getattr(module, "compiled", False) else "pure"


def load(candidate: str = "h11pc", *, native: bool = True) -> tuple[list[Library], list[str]]:
    """The libraries to compare (candidate, h11, httptools) and notes about what is missing.

    The candidate and the baseline must import; httptools is left out, with a note, if it
    cannot be imported.
    """
    module = importlib.import_module(candidate)
    libraries = [Library(candidate, module, _version(module), build=build_of(module))]
    baseline = importlib.import_module(BASELINE)
    libraries.append(Library(BASELINE, baseline, _version(baseline)))
    notes: list[str] = []
    if native:
        try:
            reference = importlib.import_module(NATIVE)
        except ImportError as error:
            notes.append(f"{NATIVE} cannot be imported ({error}): no native reference column")
        else:
            libraries.append(Library(NATIVE, reference, _version(reference), native=True))
    return libraries, notes
