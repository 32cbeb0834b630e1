"""Checking a started server before it is measured: the right answers, the right library.

Strategy: a fast wrong answer must not make a row. Each workload's request is sent once and
its answer compared with what the application answers; then ``/about`` tells which HTTP
library the server's process really runs (``bench.e2e.app.e2e_app.about``), which must be the
one its row is named after: h11pc for the rows run through ``h11pc.compat`` (in hypercorn's
worker process too), h11 for the h11 rows, httptools for uvicorn's httptools row,
h11pc's compiled modules for the compiled rows, and h11pc with the stand-in's connection
(``bench.e2e.nowork``) for the stand-in's rows.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Sequence
from typing import Any

from bench.e2e.variants import HOST, STAND_IN, Variant
from bench.e2e.workloads import Workload

TIMEOUT_SECONDS = 10.0
STAND_IN_CONNECTION = "bench.e2e.nowork.Connection"
"""``h11.Connection`` in a server on the stand-in, as ``/about`` names it."""


class ProbeError(Exception):
    """The server answered wrongly, or runs another library than its row says."""


def check(variant: Variant, port: int, workloads: Sequence[Workload]) -> dict[str, Any]:
    """Check the server of *variant* on *port*; return what its ``/about`` says."""
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT_SECONDS)
    try:
        for workload in workloads:
            status, body = _exchange(
                connection, workload.method, workload.path, workload.request_body
            )
            if status != 200 or body != workload.response_body:
                raise ProbeError(
                    f"{workload.name}: status {status} and {len(body)} body bytes, "
                    f"not 200 and {len(workload.response_body)}"
                )
        status, body = _exchange(connection, "GET", "/about", b"")
    except (OSError, http.client.HTTPException) as error:
        raise ProbeError(f"no answer: {error}") from error
    finally:
        connection.close()
    if status != 200:
        raise ProbeError(f"/about answered with status {status}")
    about: dict[str, Any] = json.loads(body)
    problem = mismatch(variant, about)
    if problem is not None:
        raise ProbeError(problem)
    return about


def _exchange(
    connection: http.client.HTTPConnection, method: str, path: str, body: bytes
) -> tuple[int, bytes]:
    connection.request(method, path, body=body or None)
    response = connection.getresponse()
    return response.status, response.read()


def mismatch(variant: Variant, about: dict[str, Any]) -> str | None:
    """Why *about* (a server's ``/about``) is not what *variant*'s row claims, or None."""
    if variant.library == "httptools":
        if not about["httptools"]:
            return "the server has not loaded httptools"
        return None
    stand_in = variant.library == STAND_IN
    library = "h11pc" if stand_in else variant.library
    connection = about.get("connection")
    if about["h11"] != library or stand_in != (connection == STAND_IN_CONNECTION):
        return (
            f"`import h11` gives {about['h11']!r} in the server, its Connection "
            f"{connection!r}, not {variant.label!r}"
        )
    if variant.compiled and not about["compiled"]:
        return "h11pc's compiled modules are not running in the server (h11pc.compiled is false)"
    if variant.library == "h11pc" and not variant.compiled and about["compiled"]:
        return "the server runs h11pc's compiled modules, not the pure build this row is for"
    return None
