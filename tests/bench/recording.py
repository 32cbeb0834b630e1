"""What the server-shaped drivers are checked with: an h11 that writes down what it is asked.

A driver that stands for a server (server-uvicorn, server-hypercorn) must make the server's
calls on its HTTP library in the server's order. The server runs in-process on a
``Recording`` connection, the driver on ``recording_h11``; the two logs must be equal, and so
must the bytes each wrote in every cycle.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable
from typing import Any

import h11

from bench.messages import APP_FIELDS, HELLO

Log = list[tuple[object, ...]]
CYCLES = 2
"""Request cycles on one keep-alive connection: the second shows the connection was reused."""


def describe(value: object) -> object:
    """A comparable summary of what went into or came out of a connection's method."""
    if isinstance(value, h11.Response):
        return ("Response", value.status_code, tuple(value.headers.raw_items()), value.reason)
    if isinstance(value, h11.Request):
        return ("Request", value.method, value.target, tuple(value.headers.raw_items()))
    if isinstance(value, h11.Data):
        return ("Data", bytes(value.data))
    if isinstance(value, h11.Event | type):
        return type(value).__name__ if isinstance(value, h11.Event) else value.__name__
    return value


class Recording:
    """An h11 connection that writes down every attribute its user reads and every call."""

    def __init__(self, conn: object, log: Log) -> None:
        self._conn = conn
        self._log = log

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._conn, name)
        if not inspect.ismethod(value):  # h11's states are classes: callable, not methods
            self._log.append((name, describe(value)))
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            given = tuple(describe(arg) for arg in (*args, *kwargs.values()))
            self._log.append((name, given, describe(result)))
            return result

        return call


def recording_h11(log: Log) -> types.ModuleType:
    """h11, but its connections write down what the driver asks of them."""
    module = types.ModuleType("recording_h11")
    module.__dict__.update(vars(h11))

    def connection(role: type[h11.SERVER], **options: Any) -> Recording:
        return Recording(h11.Connection(role, **options), log)

    module.Connection = connection  # type: ignore[attr-defined]
    return module


def drive(driver: Callable[[types.ModuleType], Any], module: types.ModuleType) -> list[bytes]:
    """What *driver* sent on *module* in each of ``CYCLES`` cycles."""
    op = driver(module)
    return [b"".join(item for item in op() if isinstance(item, bytes)) for _ in range(CYCLES)]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The small ASGI app of ``make bench-e2e``: ``HELLO`` with ``APP_FIELDS``."""
    await send({"type": "http.response.start", "status": 200, "headers": list(APP_FIELDS)})
    await send({"type": "http.response.body", "body": HELLO})
