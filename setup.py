"""The optional compiled build (``H11PC_COMPILE=1 pip install .``); see the README.

Everything else about the package is declared in ``pyproject.toml``. With H11PC_COMPILE=1,
mypyc compiles the modules of h11pc but those in PYTHON_ONLY: ``__init__`` and ``_build``
stay Python so that they can choose, before any other module loads, between the compiled
modules and their sources (the wheel ships both; see ``H11PC_NO_EXTENSIONS`` in
``h11pc/_build.py``). The grammar stays interpreted: its rules are parsy parsers, built and
combined at run time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from setuptools import setup

PYTHON_ONLY = ("__init__.py", "_build.py", "_events.py", "compat.py")
"""Never compiled: the modules that choose the build; the events -- h11's frozen, slotted
dataclasses, made by the readers without their checking ``__init__``, with
``inspect.signature`` users rely on; a native class allows neither (their constructors'
checks, in ``_parts``, are compiled) -- and ``compat``, run
as ``python -m h11pc.compat``, which needs its code object."""


def compiled_modules() -> list[Any]:
    """h11pc's modules compiled with mypyc when H11PC_COMPILE=1 asks for it; else none.
    (Extensions of setuptools or of distutils, as mypycify makes them.)"""
    if os.environ.get("H11PC_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    modules = sorted(
        str(path) for path in Path("h11pc").glob("*.py") if path.name not in PYTHON_ONLY
    )
    # mypy checks the modules it compiles; what they import (the grammar, whose test-time
    # imports such as hypothesis are not in the build environment) `make lint` checks.
    return mypycify(["--follow-imports=silent", *modules])


setup(ext_modules=compiled_modules())
