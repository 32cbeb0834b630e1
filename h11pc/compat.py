"""Run code written for h11 on h11pc: ``h11pc.compat.install()`` before it imports ``h11``.

Strategy: ``import h11`` looks in ``sys.modules`` first, so :func:`install` puts h11pc there
under h11's names -- the package and each of its submodules (``h11._connection``,
``h11._headers``, ``h11._events``, ``h11._util``, ``h11._state`` ...), whose public and
private names h11pc keeps where real projects import them from:

* uvicorn: ``from h11._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE``;
* wsproto: ``from h11._headers import Headers``;
* httpx/httpcore and hypercorn: the public names of ``h11``.

Modules that imported ``h11`` before :func:`install` keep the module they got: call it
first (a ``sitecustomize``, the top of a ``main``, a test's ``conftest``).
:func:`uninstall` puts back what was there before.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["install", "installed", "uninstall"]

_SUBMODULES = (
    "_connection",
    "_events",
    "_headers",
    "_readers",
    "_receivebuffer",
    "_state",
    "_util",
    "_version",
    "_writers",
)
_saved: dict[str, ModuleType | None] = {}


def _names() -> list[str]:
    return ["h11", *(f"h11.{name}" for name in _SUBMODULES)]


def install() -> None:
    """Make ``import h11`` (and ``h11._connection`` ...) give h11pc. Idempotent."""
    if installed():
        return
    for name in _names():
        _saved[name] = sys.modules.get(name)
        target = "h11pc" + name[len("h11") :]
        sys.modules[name] = importlib.import_module(target)


def installed() -> bool:
    """Whether ``import h11`` currently gives h11pc."""
    module = sys.modules.get("h11")
    return module is not None and module.__name__ == "h11pc"


def uninstall() -> None:
    """Undo :func:`install`: ``import h11`` gives whatever it gave before."""
    for name, previous in _saved.items():
        if previous is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = previous
    _saved.clear()
