"""Per-connection memory: what 1,000 idle connections of each library keep allocated.

Strategy: tracemalloc counts the Python-heap bytes still allocated after building many
connections and holding them, divided by their number. One connection is built first, and the
smallest of three measurements is kept, so that import-time and first-use caches are not
charged to the connections. Two idle states are measured: fresh (nothing received yet) and kept
alive after one served request. For httptools the count covers the parser object and its
recorder (httptools allocates llhttp's state with PyMem_Malloc, so it is included).
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from types import ModuleType
from typing import Any

from bench import drivers, native
from bench.libraries import Library
from bench.messages import BROWSER_GET

STATES = ("fresh", "after-one-request")


def per_connection(factory: Callable[[], object], count: int, repeats: int = 3) -> float:
    """Bytes still allocated per object after building *count* objects with *factory*.

    The smallest of *repeats* measurements: one-time allocations (caches filled on first use,
    a dict resized) can only add to a measurement, never subtract from it.
    """
    factory()
    return min(_held_bytes(factory, count) for _ in range(repeats)) / count


def _held_bytes(factory: Callable[[], object], count: int) -> int:
    held: list[object] = [None] * count
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for index in range(count):
            held[index] = factory()
        # The loop's last index is an int of its own (28 bytes beyond the small-int cache).
        del index
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def _served(h11: ModuleType) -> Any:
    """A server connection that answered one request and waits for the next."""
    conn = h11.Connection(h11.SERVER)
    conn.receive_data(BROWSER_GET)
    conn.next_event()  # the Request
    conn.next_event()  # its EndOfMessage
    drivers.minimal_response(h11)(conn, [])
    conn.start_next_cycle()
    return conn


def _served_native(httptools: ModuleType) -> Any:
    parser, recorder = native.request_parser(httptools)
    parser.feed_data(BROWSER_GET)
    recorder.records.clear()
    recorder.on_message_begin()  # drop the recorder's copy of the last head: not llhttp's cost
    return parser


def factories(library: Library) -> dict[str, Callable[[], object]]:
    """A factory of idle connections for each state in ``STATES``."""
    module = library.module
    if library.native:
        return {
            "fresh": lambda: native.request_parser(module)[0],
            "after-one-request": lambda: _served_native(module),
        }
    return {
        "fresh": lambda: module.Connection(module.SERVER),
        "after-one-request": lambda: _served(module),
    }
