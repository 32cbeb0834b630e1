"""The servers ``make bench-e2e`` compares, and the command line that starts each one.

Strategy: a variant is a server (uvicorn, hypercorn), the HTTP library under it and the
interpreter that runs it; everything else about the command is the same for all. h11pc
takes h11's place through ``python -m h11pc.compat SERVER ...``, as a user would do it, and
a compiled build of h11pc is simply h11pc in another interpreter's virtualenv, so its rows
are the h11pc rows again with that interpreter. A run may add each server on the stand-in
that does no HTTP work per request (``bench.e2e.nowork``): the most any library could give
that server, started the same way through ``python -m bench.e2e.nowork SERVER ...``.

Every server runs the asyncio event loop (uvloop is an optional extra of both servers and
would measure the loop rather than the HTTP library), one worker, no access log, and
imports the application from its own folder, with that folder as its working directory: a
``python -m`` started in the repository would import h11pc from the source tree instead of
the virtualenv's build. A row's build is set in the server's environment, whichever
interpreter runs the benchmark: the pure rows' with ``H11PC_NO_EXTENSIONS=1`` (an
interpreter whose h11pc is compiled would run it otherwise) and the checkout this harness
belongs to first on ``PYTHONPATH`` -- an editable install imports the checkout it was
installed from, so a worktree of another revision, run through the same virtualenv, would
measure that one -- the compiled rows' without either.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import bench.e2e.app

HOST = "127.0.0.1"
APP_DIR = Path(bench.e2e.app.__file__).parent
CHECKOUT = APP_DIR.parents[2]
"""The repository this harness belongs to (``bench/e2e/app`` is in it)."""
APP_MODULE = "e2e_app"
NO_EXTENSIONS = "H11PC_NO_EXTENSIONS"
BASELINE = "h11"
"""Each row's ratio is taken against the row of the same server on this library."""
STAND_IN = "nowork"
"""The library name of the rows on ``bench.e2e.nowork``."""
_LABELS = {STAND_IN: "no work (stand-in)"}


@dataclass(frozen=True)
class Variant:
    """One server on one HTTP library, run by one interpreter."""

    server: str
    library: str
    """``h11``, ``h11pc`` (through ``h11pc.compat``), ``httptools`` (uvicorn only) or
    ``nowork`` (the stand-in, ``STAND_IN``)."""
    python: str
    compiled: bool = False
    """True for the rows of a compiled build of h11pc, which must prove that it runs."""

    @property
    def label(self) -> str:
        """The library as tables name it, e.g. ``h11pc compiled``."""
        library = _LABELS.get(self.library, self.library)
        return f"{library} compiled" if self.compiled else library

    @property
    def name(self) -> str:
        """e.g. ``uvicorn on h11pc``."""
        return f"{self.server} on {self.label}"


LIBRARIES = {"uvicorn": ("h11", "h11pc", "httptools"), "hypercorn": ("h11", "h11pc")}
"""The HTTP libraries each server runs on (hypercorn has no httptools protocol)."""


def table(python: str, compiled_python: str | None = None, stand_in: bool = False) -> list[Variant]:
    """The variants of a run: each server on each of its libraries under *python*, on
    h11pc again under *compiled_python* when one is given (listed after the h11pc row), and
    on the stand-in that does no work when *stand_in* (listed last of the server's)."""
    found = []
    for server, libraries in LIBRARIES.items():
        for library in libraries:
            found.append(Variant(server, library, python))
            if library == "h11pc" and compiled_python is not None:
                found.append(Variant(server, library, compiled_python, compiled=True))
        if stand_in:
            found.append(Variant(server, STAND_IN, python))
    return found


def baseline_of(variant: Variant, chosen: Sequence[Variant]) -> Variant | None:
    """The row *variant*'s ratio is taken against: the same server on h11, if chosen."""
    for other in chosen:
        if other.server == variant.server and other.library == BASELINE and not other.compiled:
            return other
    return None


def command(variant: Variant, port: int) -> list[str]:
    """The argument vector that starts *variant* on ``HOST:port`` (run it in ``APP_DIR``)."""
    if variant.library == "h11pc":
        launcher = ["-m", "h11pc.compat", variant.server]
    elif variant.library == STAND_IN:
        launcher = ["-m", "bench.e2e.nowork", variant.server]
    else:
        launcher = ["-m", variant.server]
    if variant.server == "uvicorn":
        options = _uvicorn(variant, port)
    elif variant.server == "hypercorn":
        options = _hypercorn(variant, port)
    else:
        raise ValueError(f"unknown server {variant.server!r}")
    return [variant.python, *launcher, *options]


def environment(variant: Variant, inherited: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment *variant*'s server runs in: *inherited*, with the build of h11pc
    the row is for chosen (see ``h11pc._build``); the stand-in's is the pure build's, whose
    checkout has ``bench``."""
    chosen = {name: value for name, value in inherited.items() if name != NO_EXTENSIONS}
    if variant.library in ("h11pc", STAND_IN) and not variant.compiled:
        chosen[NO_EXTENSIONS] = "1"
        chosen["PYTHONPATH"] = os.pathsep.join(
            filter(None, (str(CHECKOUT), inherited.get("PYTHONPATH")))
        )
    return chosen


def _uvicorn(variant: Variant, port: int) -> list[str]:
    http = "httptools" if variant.library == "httptools" else "h11"
    return [
        f"{APP_MODULE}:app",
        *("--app-dir", str(APP_DIR), "--host", HOST, "--port", str(port)),
        *("--http", http, "--loop", "asyncio", "--lifespan", "on", "--workers", "1"),
        *("--no-access-log", "--log-level", "warning"),
    ]


def _hypercorn(variant: Variant, port: int) -> list[str]:
    if variant.library not in ("h11", "h11pc", STAND_IN):
        raise ValueError(f"hypercorn serves HTTP/1.1 with h11 only, not {variant.library}")
    return [
        f"{APP_DIR / APP_MODULE}.py:app",
        *("--bind", f"{HOST}:{port}", "--worker-class", "asyncio", "--workers", "1"),
        *("--log-level", "WARNING"),
    ]


def by_server(chosen: Sequence[Variant], servers: Sequence[str]) -> list[Variant]:
    """The variants of the named servers only."""
    return [variant for variant in chosen if variant.server in servers]
