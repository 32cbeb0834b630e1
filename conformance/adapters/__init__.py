"""In-process implementations the suite can run: every library with the h11 API, and llhttp.

``h11pc`` is the subject; ``h11`` and ``httptools`` are peers run side by side with it.
"""

from __future__ import annotations

from conformance.adapters.base import Adapter
from conformance.adapters.h11api import H11APIAdapter
from conformance.adapters.llhttp import HttptoolsAdapter

__all__ = ["Adapter", "H11APIAdapter", "HttptoolsAdapter", "all_adapters"]


def all_adapters() -> list[Adapter]:
    """Every adapter the suite knows, subject first; each reports whether it is installed."""
    return [H11APIAdapter("h11pc"), H11APIAdapter("h11"), HttptoolsAdapter()]
