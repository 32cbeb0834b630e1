"""A ``socketserver`` server on loopback, served from a background thread.

Strategy: live mode starts its subject servers in-process (the demo server, ``http.server``);
this mix-in gives each the same life cycle -- bound at construction, ``start()`` serves on a
daemon thread, ``stop()`` shuts down and joins -- and the ``http://`` URL live mode sends to.
"""

from __future__ import annotations

import socketserver
import threading
from typing import Self


class BackgroundServing(socketserver.TCPServer):
    """Mixed in before a ``socketserver`` server class; threads are daemons so that a stuck
    connection never keeps a run from ending."""

    daemon_threads = True
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join()
