"""The standard library's ``http.server``, as a live-mode subject.

Strategy: ``http.server.ThreadingHTTPServer`` with a minimal request handler of the kind its
documentation leads users to write: HTTP/1.1 keep-alive (``protocol_version``), every method
answered with 200 (405 to CONNECT), the request body read by ``Content-Length`` with
``int()``, answered with the :mod:`conformance.echo` of what it received. ``http.server``
itself parses the request-line and header section and leaves the body to the handler; it does
not decode chunked bodies, so neither does this handler. What live mode finds is therefore
what such a server does, stdlib and typical handler together.
"""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from conformance import echo
from conformance.background import BackgroundServing

_MAX_BODY = 1 << 24


class StdlibServer(BackgroundServing, ThreadingHTTPServer):
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__((host, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients that vanish mid-response are part of the test traffic."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10

    def __getattr__(self, name: str) -> Callable[[], None]:
        # http.server dispatches to do_<METHOD>: answer every method the same way.
        if name.startswith("do_"):
            return self._answer
        raise AttributeError(name)

    def _answer(self) -> None:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= _MAX_BODY:
            self.send_error(400, "Bad Content-Length")
            return
        content = echo.encode(
            method=self.command,
            target=self.path,
            version=self.request_version,
            headers=self.headers.items(),
            body=self.rfile.read(length),
        )
        self.send_response(405 if self.command == "CONNECT" else 200)
        self.send_header("Content-Type", echo.CONTENT_TYPE)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: live runs make hundreds of requests."""
