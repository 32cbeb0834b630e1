"""Run uvicorn on h11pc: install the compat layer, bind an ephemeral loopback port, print
it, serve :mod:`app` until terminated. Run as a script by the integration fixtures."""

from __future__ import annotations

import socket
import sys

import h11pc.compat

h11pc.compat.install()

import uvicorn  # noqa: E402  (must come after install())

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from app import app  # noqa: E402


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # connections queue from now on, before uvicorn starts accepting
    config = uvicorn.Config(app, http="h11", ws="wsproto", log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    print(sock.getsockname()[1], flush=True)
    server.run(sockets=[sock])


if __name__ == "__main__":
    main()
