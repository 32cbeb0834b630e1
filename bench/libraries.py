"""Which libraries a run compares, loaded by module name.

Strategy: the baseline is h11 (the API every workload is written against); the candidate is
imported lazily by name (h11pc by default). While the candidate does not exist yet, or does not
offer ``Connection``, h11 runs under the candidate's column as a clearly labelled stand-in: its
ratio against h11 then shows the noise of the run instead of a speed-up. httptools (llhttp) is
the native reference, present when installed.
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
    """The label in tables and JSON (the candidate keeps its name even as a stand-in)."""
    module: ModuleType
    version: str
    native: bool = False
    """True for httptools: it runs the callback drivers, not the h11-API drivers."""
    standin_for: str | None = None
    """Set when h11 runs in place of a candidate that is missing; names the candidate."""

    @property
    def label(self) -> str:
        """The name, marked when h11 stands in for it."""
        if self.standin_for is None:
            return self.name
        return f"{self.name} [h11 stand-in]"


def _version(module: ModuleType) -> str:
    return str(getattr(module, "__version__", "unknown"))


def _import(name: str) -> tuple[ModuleType | None, str]:
    """The module, or None and why it cannot be used."""
    try:
        module = importlib.import_module(name)
    except ImportError as error:
        return None, f"{name} cannot be imported ({error})"
    return module, ""


def load(candidate: str = "h11pc", *, native: bool = True) -> tuple[list[Library], list[str]]:
    """The libraries to compare (candidate, h11, httptools) and notes about substitutions.

    The baseline must import: without h11 there is nothing to measure against.
    """
    baseline = importlib.import_module(BASELINE)
    notes: list[str] = []
    libraries = []
    module, why = _import(candidate)
    if module is not None and not hasattr(module, "Connection"):
        module, why = None, f"{candidate} has no Connection yet"
    if module is None:
        notes.append(f"{why}: h11 runs in its place, labelled as a stand-in")
        libraries.append(Library(candidate, baseline, _version(baseline), standin_for=candidate))
    else:
        libraries.append(Library(candidate, module, _version(module)))
    libraries.append(Library(BASELINE, baseline, _version(baseline)))
    if native:
        module, why = _import(NATIVE)
        if module is None:
            notes.append(f"{why}: no native reference column")
        else:
            libraries.append(Library(NATIVE, module, _version(module), native=True))
    return libraries, notes
