"""``python -m conformance.ecosystem.serve SERVER PORT``: one server, on loopback, echoing.

Strategy: runs inside the ecosystem's virtualenv, one process per server, started (and
stopped) by :mod:`conformance.ecosystem.processes`. Each entry of :data:`LAUNCHERS` wires one
server to the echo application of its interface (:mod:`conformance.ecosystem.apps`) with the
server's defaults otherwise -- what a user who follows its documentation gets. The frameworks
are imported by name, here only, so the suite itself never needs them. A watchdog ends the
process when the process that started it goes away or after ``--lifetime`` seconds, so that no
server outlives a run, however that run ends.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from conformance import echo
from conformance.ecosystem import apps

HOST = "127.0.0.1"


def _module(name: str) -> Any:
    return importlib.import_module(name)


Launch = Callable[[int, int], None]
"""Serve on the port, with the given number of workers or threads where the server has them
(enough for the connections live mode opens at once)."""


def _uvicorn(http: str, on_h11pc: bool = False) -> Launch:
    def launch(port: int, workers: int) -> None:
        if on_h11pc:
            _module("h11pc.compat").install()  # before uvicorn imports h11
        uvicorn = _module("uvicorn")
        uvicorn.run(
            apps.asgi_echo,
            host=HOST,
            port=port,
            http=http,
            lifespan="off",
            log_level="warning",
            access_log=False,
        )

    return launch


def _hypercorn(on_h11pc: bool = False) -> Launch:
    def launch(port: int, workers: int) -> None:
        if on_h11pc:
            _module("h11pc.compat").install()  # before hypercorn imports h11
        config = _module("hypercorn.config").Config()
        config.bind = [f"{HOST}:{port}"]
        config.loglevel = "WARNING"
        asyncio.run(_module("hypercorn.asyncio").serve(apps.asgi_echo, config))

    return launch


def _gunicorn(port: int, workers: int) -> None:
    # Its command line is its documented interface; run in this process, whose watchdog
    # then ends the arbiter (its workers leave when their arbiter does).
    argv = ["gunicorn", "--worker-class", "sync", "--workers", str(workers)]
    argv += ["--bind", f"{HOST}:{port}", "--log-level", "warning"]
    sys.argv = [*argv, "conformance.ecosystem.apps:wsgi_echo"]
    _module("gunicorn.app.wsgiapp").run()


def _waitress(port: int, workers: int) -> None:
    _module("waitress").serve(apps.wsgi_echo, host=HOST, port=port, threads=workers, _quiet=True)


def _cheroot(port: int, workers: int) -> None:
    server = _module("cheroot.wsgi").Server((HOST, port), apps.wsgi_echo, numthreads=workers)
    server.start()


def _werkzeug(port: int, workers: int) -> None:
    serving = _module("werkzeug.serving")
    server = serving.make_server(HOST, port, apps.wsgi_echo, threaded=True)
    server.serve_forever()


def _aiohttp(port: int, workers: int) -> None:
    web = _module("aiohttp.web")

    async def handler(request: Any) -> Any:
        status, content = await apps.aiohttp_reply(request)
        return web.Response(status=status, body=content, content_type=echo.CONTENT_TYPE)

    async def main() -> None:
        runner = web.ServerRunner(web.Server(handler))
        await runner.setup()
        await web.TCPSite(runner, HOST, port).start()
        await asyncio.Event().wait()

    asyncio.run(main())


def _tornado(port: int, workers: int) -> None:
    httputil = _module("tornado.httputil")

    def handle(request: Any) -> None:
        status, content = apps.tornado_reply(request)
        fields = {"Content-Type": echo.CONTENT_TYPE, "Content-Length": str(len(content))}
        start = httputil.ResponseStartLine("HTTP/1.1", status, apps.reason_for(status))
        request.connection.write_headers(start, httputil.HTTPHeaders(fields), content)
        request.connection.finish()

    async def main() -> None:
        server = _module("tornado.httpserver").HTTPServer(handle)
        server.listen(port, HOST)
        await asyncio.Event().wait()

    asyncio.run(main())


def _render(resource: Any, request: Any) -> bytes:
    return apps.twisted_echo(request)


def _twisted(port: int, workers: int) -> None:
    resource = _module("twisted.web.resource")
    server = _module("twisted.web.server")
    reactor = _module("twisted.internet.reactor")

    # A leaf resource rendering every method itself (no render_GET ... table).
    echo_resource = type("Echo", (resource.Resource,), {"isLeaf": True, "render": _render})
    reactor.listenTCP(port, server.Site(echo_resource()), interface=HOST)
    reactor.run()


def _stdlib(port: int, workers: int) -> None:
    from conformance.stdlib_server import StdlibServer

    StdlibServer(HOST, port).serve_forever()


def _demo(port: int, workers: int) -> None:
    from conformance.demo_server import DemoServer, load_h11_api

    DemoServer(load_h11_api("h11pc"), HOST, port).serve_forever()


LAUNCHERS: dict[str, Launch] = {
    "uvicorn-h11": _uvicorn("h11"),
    "uvicorn-httptools": _uvicorn("httptools"),
    "uvicorn-h11pc": _uvicorn("h11", on_h11pc=True),
    "hypercorn-h11": _hypercorn(),
    "hypercorn-h11pc": _hypercorn(on_h11pc=True),
    "gunicorn": _gunicorn,
    "waitress": _waitress,
    "aiohttp": _aiohttp,
    "tornado": _tornado,
    "twisted": _twisted,
    "cheroot": _cheroot,
    "werkzeug": _werkzeug,
    "http.server": _stdlib,
    "demo": _demo,
}


def watchdog(parent: int, lifetime: float) -> None:
    """End this process (and, by its process group, its workers) once the parent is gone."""

    def watch() -> None:
        deadline = time.monotonic() + lifetime
        while os.getppid() == parent and time.monotonic() < deadline:
            time.sleep(0.5)
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("server", choices=sorted(LAUNCHERS))
    parser.add_argument("port", type=int)
    parser.add_argument("--workers", type=int, default=8, help="workers or threads (8)")
    parser.add_argument("--lifetime", type=float, default=600.0, help="seconds at most (600)")
    args = parser.parse_args(argv)
    watchdog(os.getppid(), args.lifetime)
    LAUNCHERS[args.server](args.port, args.workers)


if __name__ == "__main__":
    main()
