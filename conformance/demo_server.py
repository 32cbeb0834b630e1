"""A small HTTP/1.1 origin server written against the h11 API, for live conformance runs.

Strategy: one thread per connection (``socketserver.ThreadingTCPServer``); the protocol
module is injected by name (h11pc by default, h11 or any library with h11's API), so the same
server measures each library over a real socket. It answers every request -- any method, any
target -- with 200 and the :mod:`conformance.echo` of what it received (405 to CONNECT: it
opens no tunnels), reads each request body completely, sends 100 Continue when the client
waits for it, answers protocol errors with the library's ``error_status_hint`` and
``Connection: close``, and closes gracefully (RFC 9112 §9.6: half-close, drain, then close)
so that its last response is not lost to a TCP reset.

Run it alone with ``python -m conformance.demo_server --module h11 --port 8080``.
"""

from __future__ import annotations

import argparse
import importlib
import socket
import socketserver
import sys
from types import ModuleType
from typing import Any

from conformance import echo
from conformance.background import BackgroundServing

IDLE_TIMEOUT = 10.0
"""Seconds a connection may stay silent before the server gives up on it."""
_DRAIN_TIMEOUT = 0.5
_ERROR = (b"conformance demo server\n", "text/plain")


def load_h11_api(module_name: str) -> ModuleType:
    """``module_name`` imported, if it provides the h11 API; ImportError otherwise."""
    module = importlib.import_module(module_name)
    if not hasattr(module, "Connection"):
        raise ImportError(f"{module_name} does not provide the h11 API (no Connection)")
    return module


class DemoServer(BackgroundServing, socketserver.ThreadingTCPServer):
    """The server, bound at construction; ``start()`` serves in a background thread."""

    allow_reuse_address = True

    def __init__(self, module: ModuleType, host: str = "127.0.0.1", port: int = 0) -> None:
        self.h11 = module
        self.errors: list[str] = []
        """Exceptions that escaped a connection's handler: each one is a bug to report."""
        super().__init__((host, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Keep the exception for the report instead of printing it: live runs are noisy."""
        self.errors.append(repr(sys.exc_info()[1]))


class _Handler(socketserver.BaseRequestHandler):
    server: DemoServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(IDLE_TIMEOUT)
        h11 = self.server.h11
        conn = h11.Connection(h11.SERVER)
        try:
            while _serve_one(h11, conn, sock):
                conn.start_next_cycle()
        except OSError:
            return  # the client went away or went silent: nothing left to answer
        finally:
            _close_gracefully(sock)


def _serve_one(h11: ModuleType, conn: Any, sock: socket.socket) -> bool:
    """Answer one request; True if the connection may carry another."""
    request: Any = None
    body: list[bytes] = []
    try:
        while True:
            event = _next_event(h11, conn, sock)
            if isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                body.append(event.data)
            elif isinstance(event, h11.EndOfMessage):
                break
            elif isinstance(event, h11.ConnectionClosed) or event is h11.PAUSED:
                return False
    except h11.RemoteProtocolError as exc:
        if conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            method = b"" if request is None else request.method
            status = exc.error_status_hint
            _respond(h11, conn, sock, status, _ERROR, method=method, close=True)
        return False
    content = echo.encode(
        method=request.method,
        target=request.target,
        version=request.http_version,
        headers=request.headers.raw_items(),
        body=b"".join(body),
        trailers=event.headers.raw_items(),
    )
    status = 405 if request.method == b"CONNECT" else 200
    reply = (content, echo.CONTENT_TYPE)
    _respond(h11, conn, sock, status, reply, method=request.method, close=False)
    return conn.our_state is h11.DONE and conn.their_state is h11.DONE


def _next_event(h11: ModuleType, conn: Any, sock: socket.socket) -> Any:
    while True:
        event = conn.next_event()
        if event is not h11.NEED_DATA:
            return event
        if conn.they_are_waiting_for_100_continue:
            sock.sendall(conn.send(h11.InformationalResponse(status_code=100, headers=[])))
        conn.receive_data(sock.recv(65536))


def _respond(
    h11: ModuleType,
    conn: Any,
    sock: socket.socket,
    status: int,
    reply: tuple[bytes, str],
    *,
    method: bytes,
    close: bool,
) -> None:
    content, content_type = reply
    headers = [("Content-Type", content_type), ("Content-Length", str(len(content)))]
    if close:
        headers.append(("Connection", "close"))
    out = conn.send(h11.Response(status_code=status, headers=headers))
    if method != b"HEAD":
        out += conn.send(h11.Data(data=content))
    out += conn.send(h11.EndOfMessage())
    sock.sendall(out)


def _close_gracefully(sock: socket.socket) -> None:
    # RFC 9112 §9.6: close our sending side first and drain what the client still sends,
    # so that unread input does not make the kernel reset the connection and drop the
    # response it has not yet delivered.
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(_DRAIN_TIMEOUT)
        while sock.recv(65536):
            pass
    except OSError:
        pass
    finally:
        sock.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default="h11pc", help="the h11-API library (h11pc)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    server = DemoServer(load_h11_api(args.module), args.host, args.port)
    print(f"serving {args.module} on {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


if __name__ == "__main__":
    main()
