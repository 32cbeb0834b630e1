"""Which build runs: ``h11pc.compiled`` tells the truth, and H11PC_NO_EXTENSIONS is obeyed.

``H11PC_EXPECT_BUILD`` (``pure`` or ``compiled``, set by ``make test`` and ``make
test-compiled``) names the build a run must be testing, so that a compiled run that quietly
imported the sources fails rather than passes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES

import h11pc

# Every module of h11pc but those setup.py never compiles (PYTHON_ONLY).
PYTHON_ONLY = {"h11pc", "h11pc._build", "h11pc._events", "h11pc.compat"}

REPORT = """
import json, sys, h11pc
files = {name: module.__file__ for name, module in sys.modules.items()
         if name.startswith("h11pc.")}
print(json.dumps({"compiled": h11pc.compiled, "files": files}))
"""


def _compiled(path: str) -> bool:
    return path.endswith(tuple(EXTENSION_SUFFIXES))


def _imported() -> dict[str, str]:
    modules = {name: sys.modules[name] for name in list(sys.modules)}
    return {
        name: str(module.__file__)
        for name, module in modules.items()
        if name.startswith("h11pc.") and name not in PYTHON_ONLY
    }


def test_compiled_says_how_every_module_was_loaded() -> None:
    files = _imported()
    assert "h11pc._connection" in files
    assert {name: _compiled(path) for name, path in files.items()} == dict.fromkeys(
        files, h11pc.compiled
    )
    assert not _compiled(str(h11pc.__file__))
    assert not _compiled(str(sys.modules["h11pc._build"].__file__))


def test_the_build_is_the_one_expected() -> None:
    expected = os.environ.get("H11PC_EXPECT_BUILD", "compiled" if h11pc.compiled else "pure")
    assert expected in ("pure", "compiled")
    assert h11pc.compiled is (expected == "compiled")


def test_no_extensions_loads_every_module_from_its_source() -> None:
    environment = {**os.environ, "H11PC_NO_EXTENSIONS": "1"}
    done = subprocess.run(
        [sys.executable, "-bb", "-W", "error", "-c", REPORT],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    assert report["compiled"] is False
    assert "h11pc._connection" in report["files"]
    assert all(path.endswith(".py") for path in report["files"].values())
