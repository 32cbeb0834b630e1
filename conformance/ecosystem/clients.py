"""HTTP clients fetching from the replay: what each one returned, or the error it raised.

Strategy: one driver per client makes ``count`` requests in a row with one session (so that
the client decides whether to reuse the connection, as it would for a user), reads each
response completely, and after each request -- answered or failed -- tells the replay it is
done with it. A driver reports, per request, the response as the client delivers it (status,
reason, version, header fields, body) or the error: the client's own exception types are its
way of refusing; any other exception is a crash. Nothing is judged here.

``python -m conformance.ecosystem.clients CLIENT`` runs inside the ecosystem's virtualenv as
a worker: one JSON request per line on stdin (the segments to replay, the method, how many
requests), one JSON reply per line on stdout. ``httpx-h11pc`` installs
:mod:`h11pc.compat` before httpx is imported, which puts httpx on h11pc.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import importlib
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conformance.ecosystem.replay import Replay
from conformance.model import Exposes, HeaderView

Call = dict[str, Any]
"""One request's result: ``status``, ``reason``, ``version``, ``headers``, ``body`` (Latin-1
text), or ``error`` with ``crashed``; ``responses`` lists interim responses first where the
client shows them."""
Done = Callable[[int], None]
Fetch = Callable[[str, str, int, float, Done], list[Call]]


@dataclass(frozen=True, slots=True)
class Driver:
    fetch: Fetch
    exposes: Exposes
    """What the client hands its caller; no client here delivers a response's trailers."""
    needs: str = ""
    """The module the client is, imported before the worker says it is ready."""
    one_connection_per_request: bool = False


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _text(value: str | bytes) -> str:
    """Octets as Latin-1 text. A client that decoded them as UTF-8 kept what was not UTF-8
    as surrogates (aiohttp's reason phrase): encoding back that way recovers the octets."""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape").decode("latin-1")
    return value


def response(status: int, reason: str | bytes, version: str, headers: Any, body: bytes) -> Call:
    return {
        "status": status,
        "reason": _text(reason),
        "version": version.removeprefix("HTTP/"),
        "headers": [[_text(n), _text(v)] for n, v in headers],
        "body": body.decode("latin-1"),
    }


def failure(exc: BaseException, expected: tuple[type[BaseException], ...]) -> Call:
    return {"error": f"{type(exc).__name__}: {exc}", "crashed": not isinstance(exc, expected)}


def _calls(
    count: int, done: Done, one: Callable[[], Call], expected: tuple[type[BaseException], ...]
) -> list[Call]:
    """``one()`` ``count`` times, stopping at the first error; ``done`` after each. An
    exception of the ``expected`` types is the client refusing; any other, a crash."""
    calls: list[Call] = []
    for index in range(count):
        try:
            call = one()
        except Exception as exc:
            call = failure(exc, expected)
        calls.append(call)
        done(index)
        if "error" in call:
            break
    return calls


def _dotted(version: int) -> str:
    return f"{version // 10}.{version % 10}"


# --- the drivers -----------------------------------------------------------------------------


def _httpx(url: str, method: str, count: int, timeout: float, done: Done) -> list[Call]:
    httpx = _module("httpx")
    with httpx.Client(timeout=timeout) as client:

        def one() -> Call:
            r = client.request(method, url)
            # The reason as received: reason_phrase drops what is not ASCII.
            reason = r.extensions.get("reason_phrase", r.reason_phrase)
            return response(r.status_code, reason, r.http_version, r.headers.raw, r.content)

        return _calls(count, done, one, (httpx.HTTPError,))


def _urllib3(url: str, method: str, count: int, timeout: float, done: Done) -> list[Call]:
    urllib3 = _module("urllib3")
    pool = urllib3.PoolManager(maxsize=1, retries=False, timeout=timeout)

    def one() -> Call:
        r = pool.request(method, url, preload_content=True, redirect=False)
        return response(r.status, r.reason, _dotted(r.version), r.headers.items(), r.data)

    try:
        return _calls(count, done, one, (urllib3.exceptions.HTTPError,))
    finally:
        pool.clear()


def _aiohttp(url: str, method: str, count: int, timeout: float, done: Done) -> list[Call]:
    aiohttp = _module("aiohttp")
    loop = asyncio.new_event_loop()

    async def open_session() -> Any:
        return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))

    async def fetch(session: Any) -> Call:
        async with session.request(method, url, allow_redirects=False) as r:
            body = await r.read()
            version = f"{r.version.major}.{r.version.minor}"
            return response(r.status, r.reason, version, r.raw_headers, body)

    try:
        session = loop.run_until_complete(open_session())

        def one() -> Call:
            call: Call = loop.run_until_complete(fetch(session))
            return call

        calls = _calls(count, done, one, (aiohttp.ClientError, TimeoutError))
        loop.run_until_complete(session.close())
        return calls
    finally:
        loop.close()


def _http_client(url: str, method: str, count: int, timeout: float, done: Done) -> list[Call]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)

    def one() -> Call:
        connection.request(method, parts.path)
        r = connection.getresponse()
        body = r.read()
        return response(r.status, r.reason, _dotted(r.version), r.getheaders(), body)

    try:
        return _calls(count, done, one, (http.client.HTTPException, OSError))
    finally:
        connection.close()


def _urllib(url: str, method: str, count: int, timeout: float, done: Done) -> list[Call]:
    def one() -> Call:
        request = urllib.request.Request(url, method=method)
        try:
            r = urllib.request.urlopen(request, timeout=timeout)
        except urllib.error.HTTPError as exc:  # a 4xx/5xx is still the response
            r = exc
        with r:
            version = _dotted(getattr(r, "version", 11))  # an HTTPError does not say
            return response(r.status, r.reason, version, r.getheaders(), r.read())

    return _calls(count, done, one, (urllib.error.URLError, http.client.HTTPException, OSError))


# curl reports each transfer on stderr: its variables, a tab, the header fields as it parsed
# them (a JSON object over several lines), then an empty line.
_CURL_WRITE_OUT = "%{stderr}%{json}\\t%{header_json}\\n\\n"
_STATUS_LINE = re.compile(rb"(\S+)[ \t]+([0-9]{3})[ \t]?([^\n]*?)\r?$", re.MULTILINE)
_HEAD_END = re.compile(rb"\r?\n\r?\n")


def _curl(url: str, method: str, count: int, timeout: float, done: Done) -> list[Call]:
    with tempfile.TemporaryDirectory() as scratch:
        argv = ["curl", "--silent", "--http1.1", "--max-time", str(timeout)]
        for index in range(count):
            head = ["--head"] if method == "HEAD" else ["--request", method]
            argv += ["--next"] if index else []
            argv += [*head, "--dump-header", f"{scratch}/h{index}", "--output"]
            argv += [f"{scratch}/b{index}", "--write-out", _CURL_WRITE_OUT, url]
        with subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as curl:
            assert curl.stderr is not None
            reports = _curl_reports(curl.stderr)

            def one() -> Call:
                report = next(reports, None)
                if report is None:
                    return {"error": "curl ended without reporting the transfer"}
                return _curl_call(report, Path(scratch))

            calls = _calls(count, done, one, ())
            curl.kill()
    return [dict(call, body="") if method == "HEAD" and "body" in call else call for call in calls]


def _curl_reports(stream: Any) -> Iterator[tuple[int, dict[str, Any], dict[str, list[str]]]]:
    lines: list[bytes] = []
    index = 0
    for line in stream:
        if line.strip():
            lines.append(line)
            continue
        variables, _, fields = b"".join(lines).partition(b"\t")
        yield index, json.loads(variables), json.loads(fields or b"{}")
        lines, index = [], index + 1


def _curl_call(report: tuple[int, dict[str, Any], dict[str, list[str]]], scratch: Path) -> Call:
    """One transfer: the status lines and interim heads as curl dumps them (raw), the final
    response's fields as curl parsed them."""
    index, variables, fields = report
    dump = scratch / f"h{index}"
    blocks = _HEAD_END.split(dump.read_bytes()) if dump.exists() else []
    heads = [head for head in map(_curl_head, blocks) if head is not None]
    if variables.get("exitcode"):  # only the interim responses before it were complete
        error = f"curl ({variables['exitcode']}): {variables.get('errormsg')}"
        return {"error": error, "responses": [head for head in heads if head["status"] < 200]}
    body = scratch / f"b{index}"
    final = response(
        variables["response_code"],
        heads[-1]["reason"] if heads else b"",
        heads[-1]["version"] if heads else variables["http_version"],
        [(name, value) for name, values in fields.items() for value in values],
        body.read_bytes() if body.exists() else b"",
    )
    return {**final, "responses": heads[:-1]}


def _curl_head(head: bytes) -> Call | None:
    """A head from curl's dump, or ``None`` for what is not one (a trailer section)."""
    match = _STATUS_LINE.match(head)
    if match is None:
        return None
    version, status, reason = match.groups()
    lines = head.splitlines()[1:]
    pairs = (line.partition(b":") for line in lines)
    fields = [(name, value.strip(b" \t")) for name, _, value in pairs]
    return response(int(status), reason, version.decode("latin-1"), fields, b"")


_HIDDEN = Exposes(interim=False, trailers=False)
DRIVERS: dict[str, Driver] = {
    "httpx": Driver(_httpx, _HIDDEN, "httpx"),
    "urllib3": Driver(
        _urllib3, Exposes(HeaderView.GROUPED, interim=False, trailers=False), "urllib3"
    ),
    "aiohttp": Driver(_aiohttp, _HIDDEN, "aiohttp"),
    "http.client": Driver(_http_client, _HIDDEN),
    "urllib": Driver(_urllib, _HIDDEN, one_connection_per_request=True),
    "curl": Driver(_curl, Exposes(HeaderView.GROUPED, trailers=False)),
}
READY = {"ready": True}
"""The worker's first line: its client is imported and it takes orders."""


# --- the worker ------------------------------------------------------------------------------


def answer(driver: Driver, order: dict[str, Any]) -> dict[str, Any]:
    """Replay ``order``'s segments to the driver's client; its calls and the replay's record."""
    segments = [segment.encode("latin-1") for segment in order["segments"]]
    with Replay(segments, order["idle"]) as replay:
        calls = driver.fetch(
            replay.url,
            order["method"],
            len(segments),
            order["timeout"],
            lambda index: replay.done[index].set(),
        )
    record = replay.record
    return {"calls": calls, "connections": record.connections, "closed_first": record.closed_first}


def serve_requests(driver: Driver) -> None:
    """Answer each JSON order on stdin with one JSON line on stdout."""
    for line in sys.stdin:
        sys.stdout.write(json.dumps(answer(driver, json.loads(line))) + "\n")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("client", choices=sorted({*DRIVERS, "httpx-h11pc"}))
    args = parser.parse_args(argv)
    if args.client == "httpx-h11pc":
        _module("h11pc.compat").install()  # before httpcore imports h11
    driver = DRIVERS[args.client.removesuffix("-h11pc")]
    if driver.needs:
        _module(driver.needs)
    print(json.dumps(READY), flush=True)
    serve_requests(driver)


if __name__ == "__main__":
    main()
