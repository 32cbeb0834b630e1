"""Which build of h11pc runs: the modules compiled with mypyc, or their Python sources.

Strategy: a compiled install (``H11PC_COMPILE=1 pip install .``) ships each module twice,
as an extension module and as its ``.py`` file; Python's own finder prefers the extension.
With ``H11PC_NO_EXTENSIONS`` set (to anything but ``""`` or ``0``), importing this module
puts :class:`SourceFinder` in front of the import system, so that every h11pc module
imported afterwards loads from its source: no compiled code runs, nor the mypyc runtime
library the compiled modules share (only they load it). ``h11pc/__init__.py`` imports this
module before any other, and neither of the two is ever compiled (see ``setup.py``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path
from types import ModuleType

__all__ = ["NO_EXTENSIONS", "SourceFinder", "is_compiled"]

NO_EXTENSIONS = os.environ.get("H11PC_NO_EXTENSIONS", "0") not in ("", "0")
"""True when the environment asks for the Python sources even where compiled modules are
installed."""

PACKAGE = __name__.rpartition(".")[0]


class SourceFinder:
    """A meta path finder for h11pc's own modules that finds their ``.py`` files only."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """The spec of ``name``'s source file, for a module of this package; else None, and
        the import system asks the next finder."""
        package, _, module = name.rpartition(".")
        if package != PACKAGE:
            return None
        source = Path(__file__).with_name(f"{module}.py")
        return spec_from_file_location(name, source) if source.is_file() else None


def is_compiled(module: ModuleType) -> bool:
    """True when ``module`` was loaded from an extension module (compiled), not source."""
    return (module.__file__ or "").endswith(tuple(EXTENSION_SUFFIXES))


if NO_EXTENSIONS and SourceFinder not in sys.meta_path:
    sys.meta_path.insert(0, SourceFinder)
