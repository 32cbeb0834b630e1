"""Which servers and clients an ecosystem run judges, and what each needs from the index.

Strategy: data only. A server names its launcher (:data:`serve.LAUNCHERS`), a client its
driver (:data:`clients.DRIVERS`); ``packages`` are the distributions installed for it and
shown with their versions in the report (``h11pc`` comes from the checkout, never the index).
"""

from __future__ import annotations

from dataclasses import dataclass

CHECKOUT = "h11pc"
"""The distribution installed from the checkout rather than the package index."""


@dataclass(frozen=True, slots=True)
class ServerSpec:
    name: str
    launcher: str
    packages: tuple[str, ...] = ()
    library: str = ""
    """The parsing library whose documented deviations apply to the server."""


@dataclass(frozen=True, slots=True)
class ClientSpec:
    name: str
    driver: str
    """The worker's client argument: a :data:`clients.DRIVERS` key, or ``httpx-h11pc``."""
    packages: tuple[str, ...] = ()
    program: str = ""
    """An executable it runs, which must be on the PATH (curl)."""
    library: str = ""
    """The parsing library whose documented deviations apply to the client."""


SERVERS = (
    ServerSpec("uvicorn (h11)", "uvicorn-h11", ("uvicorn", "h11"), "h11"),
    ServerSpec("uvicorn (httptools)", "uvicorn-httptools", ("uvicorn", "httptools")),
    ServerSpec("uvicorn (h11pc)", "uvicorn-h11pc", ("uvicorn", CHECKOUT), CHECKOUT),
    ServerSpec("hypercorn (h11)", "hypercorn-h11", ("hypercorn", "h11"), "h11"),
    ServerSpec("hypercorn (h11pc)", "hypercorn-h11pc", ("hypercorn", CHECKOUT), CHECKOUT),
    ServerSpec("gunicorn (sync)", "gunicorn", ("gunicorn",)),
    ServerSpec("waitress", "waitress", ("waitress",)),
    ServerSpec("aiohttp web", "aiohttp", ("aiohttp",)),
    ServerSpec("tornado", "tornado", ("tornado",)),
    ServerSpec("twisted.web", "twisted", ("twisted",)),
    ServerSpec("cheroot", "cheroot", ("cheroot",)),
    ServerSpec("werkzeug (dev server)", "werkzeug", ("werkzeug",)),
    ServerSpec("http.server (stdlib)", "http.server"),
    ServerSpec("demo server (h11pc)", "demo", (CHECKOUT,), CHECKOUT),
)

CLIENTS = (
    ClientSpec("httpx (h11)", "httpx", ("httpx", "httpcore", "h11"), library="h11"),
    ClientSpec("httpx (h11pc)", "httpx-h11pc", ("httpx", "httpcore", CHECKOUT), library=CHECKOUT),
    ClientSpec("urllib3", "urllib3", ("urllib3",)),
    ClientSpec("aiohttp client", "aiohttp", ("aiohttp",)),
    ClientSpec("http.client (stdlib)", "http.client"),
    ClientSpec("urllib (stdlib)", "urllib"),
    ClientSpec("curl", "curl", program="curl"),
)


def index_packages() -> list[str]:
    """Every distribution the ecosystem installs from the package index."""
    named = {p for spec in (*SERVERS, *CLIENTS) for p in spec.packages}
    return sorted(named - {CHECKOUT})
