"""A loopback server that plays a response case's bytes to an HTTP client, and watches it.

Strategy: the case's input is cut into one segment per request the client makes (the caller
decides where); segment *k* is sent when request *k* arrives on the first connection, as a
server answers requests one at a time. After each segment the replay waits, at most ``idle``
seconds, for the client to say it is done with that request: a client still busy then is
waiting for more, and the replay closes the connection -- the end of input the case asks for
(``eof``), or the suite giving up on a client that waits. Which requests arrived on which
connection, and whether the replay had closed before the client was done, is what the
client's adapter needs to tell an error from a truncation and reuse from a new connection.
A request on any later connection gets the connection closed: the case's bytes are for one
connection only.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

HOST = "127.0.0.1"
_HEAD_END = b"\r\n\r\n"
_MAX_HEAD = 65536


@dataclass(slots=True)
class Record:
    """What the replay saw, per request in order of arrival."""

    connections: list[int] = field(default_factory=list)
    """The connection (0 = the first) each request arrived on."""
    closed_first: list[bool] = field(default_factory=list)
    """The replay closed the connection before the client was done with the request."""


class Replay:
    def __init__(self, segments: list[bytes], idle: float) -> None:
        self.segments = segments
        self.idle = idle
        self.record = Record()
        self.done = [threading.Event() for _ in segments]
        self._lock = threading.Lock()
        self._listener = socket.create_server((HOST, 0))
        self._threads: list[threading.Thread] = []
        self._stopping = False

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._listener.getsockname()[1]}/"

    def __enter__(self) -> Replay:
        accepter = threading.Thread(target=self._accept, daemon=True)
        accepter.start()
        self._threads.append(accepter)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping = True
        for event in self.done:
            event.set()  # no connection thread waits any longer
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for thread in self._threads:
            thread.join(self.idle + 1)

    def _accept(self) -> None:
        index = 0
        while not self._stopping:
            try:
                sock, _address = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(sock, index), daemon=True)
            thread.start()
            self._threads.append(thread)
            index += 1

    def _serve(self, sock: socket.socket, connection: int) -> None:
        with sock:
            sock.settimeout(self.idle)
            unread: bytes | None = b""
            for index, segment in enumerate(self.segments):
                unread = _read_head(sock, unread or b"")
                if unread is None:
                    return
                request = self._arrived(connection)
                if connection != 0 or request >= len(self.segments):
                    return
                with contextlib.suppress(OSError):
                    sock.sendall(segment)
                last = index == len(self.segments) - 1
                if not self.done[request].wait(self.idle) or last:
                    self._close(sock, request)
                    return

    def _arrived(self, connection: int) -> int:
        with self._lock:
            self.record.connections.append(connection)
            self.record.closed_first.append(False)
            return len(self.record.connections) - 1

    def _close(self, sock: socket.socket, request: int) -> None:
        with self._lock:
            self.record.closed_first[request] = not self.done[request].is_set()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)
            # Drain, so that the client reads our close rather than a reset.
            while sock.recv(65536):
                pass


def _read_head(sock: socket.socket, pending: bytes) -> bytes | None:
    """Read up to the end of a request head; what follows it, or ``None`` at EOF/silence."""
    data = pending
    while _HEAD_END not in data and len(data) < _MAX_HEAD:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return data.partition(_HEAD_END)[2]
