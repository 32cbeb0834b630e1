"""The three requests ``make bench-e2e`` loads each server with, and the answers they must get.

Strategy: plain data shared by the load generator's script (``bench.e2e.wrk``) and the check
made before each server is measured (``bench.e2e.probe``); the bodies come from the
application itself, so the check and the application cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.e2e.app.e2e_app import LARGE_BODY, SMALL_BODY, UPLOAD_SIZE


@dataclass(frozen=True)
class Workload:
    """One kind of request, sent over and over on keep-alive connections."""

    name: str
    summary: str
    method: str
    path: str
    request_body: bytes
    response_body: bytes
    """What the application answers; a server that answers otherwise is not measured."""


WORKLOADS = (
    Workload("get-13b", "GET answered with 13 bytes", "GET", "/small", b"", SMALL_BODY),
    Workload("get-64k", "GET answered with 64 KiB", "GET", "/large", b"", LARGE_BODY),
    Workload(
        "post-16k",
        "POST of 16 KiB, read whole, answered with its length",
        "POST",
        "/upload",
        b"x" * UPLOAD_SIZE,
        str(UPLOAD_SIZE).encode("ascii"),
    ),
)
SMALL_GET = "get-13b"
"""The workload the project's end-to-end targets are stated for."""


def by_name(names: Sequence[str]) -> list[Workload]:
    """The workloads with these names, in the order of ``WORKLOADS``."""
    unknown = set(names) - {workload.name for workload in WORKLOADS}
    if unknown:
        raise ValueError(f"unknown workloads: {', '.join(sorted(unknown))}")
    return [workload for workload in WORKLOADS if workload.name in names]
