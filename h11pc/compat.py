"""Run code written for h11 on h11pc: ``h11pc.compat.install()`` before it imports ``h11``.

Strategy: ``import h11`` looks in ``sys.modules`` first, so :func:`install` puts h11pc there
under h11's names -- the package and each of its submodules (``h11._connection``,
``h11._headers``, ``h11._events``, ``h11._util``, ``h11._state`` ...), whose public and
private names h11pc keeps where real projects import them from:

* uvicorn: ``from h11._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE``;
* wsproto: ``from h11._headers import Headers``;
* httpx/httpcore and hypercorn: the public names of ``h11``.

Where h11pc's API promises more than h11's, code written for h11 keeps h11's bytes: while
installed, a response built without a ``reason`` has h11's empty one, not the standard
phrase h11pc gives its own users (frameworks and their tests compare what h11 writes). The
choice is process-wide, as ``sys.modules`` is.

Modules that imported ``h11`` before :func:`install` keep the module they got: call it
first (a ``sitecustomize``, the top of a ``main``, a test's ``conftest``), or start a tool
through this module: ``python -m h11pc.compat uvicorn main:app`` installs h11pc, then runs
the ``uvicorn`` command with the arguments that follow. :func:`uninstall` puts back what
was there before.
"""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import entry_points
from types import ModuleType

from h11pc._parts import use_standard_reasons

__all__ = ["install", "installed", "main", "uninstall"]

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
    use_standard_reasons(False)


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
    use_standard_reasons(True)


_USAGE = """\
usage: python -m h11pc.compat COMMAND [ARGUMENT ...]

Run COMMAND -- the console script of an installed tool that imports h11, such as uvicorn
or hypercorn -- with h11pc in h11's place. Example:
    python -m h11pc.compat uvicorn main:app --port 8000
"""


def main(argv: list[str] | None = None) -> int:
    """``python -m h11pc.compat COMMAND ...``: install h11pc, then run COMMAND's console
    script entry point as if COMMAND had been run with the remaining arguments."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(_USAGE)
        return 0 if args else 2
    command, *rest = args
    found = entry_points(group="console_scripts", name=command)
    if not found:
        sys.stderr.write(f"h11pc.compat: no installed command {command!r}\n\n{_USAGE}")
        return 2
    entry = next(iter(found))
    install()
    sys.argv = [command, *rest]
    status = entry.load()()
    return status if isinstance(status, int) else 0


if __name__ == "__mp_main__":
    # A worker process that the command starts through multiprocessing (hypercorn always
    # does; uvicorn with --workers) imports this module under this name rather than running
    # it: it serves on h11pc too.
    from h11pc.compat import install as _install

    _install()

if __name__ == "__main__":
    # Run from the imported module, not this ``__main__`` copy, so that install() keeps its
    # state where the rest of h11pc (and a later uninstall()) looks for it.
    from h11pc.compat import main as _main

    sys.exit(_main())
