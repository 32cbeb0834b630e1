"""Live mode: targets, judging an exchange, and whole runs against local servers."""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from conformance import live
from conformance.casefile import load_cases
from conformance.demo_server import DemoServer, load_h11_api
from conformance.deviations import Deviations
from conformance.live import Exchange, Settings, applies, judge_exchange, parse_target, run_live
from conformance.model import Basis, Case, MessageSpec, Outcome, Role, Verdict

FAST = Settings(timeout=3.0, idle=0.3, connections=4)
CASE = Case(
    id="c",
    suite="t",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=("R",),
    input=b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
    allowed=frozenset({Outcome.ACCEPT}),
)
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


def reply(status: int) -> bytes:
    return f"HTTP/1.1 {status} X\r\nContent-Length: 0\r\n\r\n".encode()


def test_targets_are_loopback_unless_allowed() -> None:
    target = parse_target("http://127.0.0.1:8080", "mine")
    assert (target.name, target.host, target.port) == ("mine", "127.0.0.1", 8080)
    assert parse_target("http://[::1]:81").port == 81
    with pytest.raises(ValueError, match="not a loopback"):
        parse_target("http://192.0.2.1:80")
    assert parse_target("http://192.0.2.1:80", allow_remote=True).host == "192.0.2.1"
    with pytest.raises(ValueError, match="plain http"):
        parse_target("https://127.0.0.1:443")


def test_live_mode_sends_request_cases_only() -> None:
    assert applies(CASE)
    assert not applies(replace(CASE, role=Role.RESPONSE))
    assert not applies(replace(CASE, role=Role.SEND_REQUEST))
    assert not applies(replace(CASE, respond_close=True))


def test_an_accepted_request_gets_a_non_error_response() -> None:
    assert judge_exchange(CASE, Exchange(OK)) is None
    assert judge_exchange(CASE, Exchange(reply(404))) is None  # answered, not refused
    assert "must be processed" in (judge_exchange(CASE, Exchange(reply(400))) or "")
    two = replace(CASE, messages=(MessageSpec(), MessageSpec()))
    assert judge_exchange(two, Exchange(OK + OK)) is None
    assert "answered 2 requests where 1 were sent" in (
        judge_exchange(replace(CASE, messages=(MessageSpec(),)), Exchange(OK + OK)) or ""
    )


def test_a_required_close_is_checked() -> None:
    closing = replace(CASE, close=True)
    assert judge_exchange(closing, Exchange(OK, closed=True)) is None
    assert "left the connection open" in (judge_exchange(closing, Exchange(OK)) or "")


def test_a_rejection_needs_the_status_the_rfc_names() -> None:
    reject = replace(CASE, allowed=frozenset({Outcome.REJECT}), status=400, close=True)
    assert judge_exchange(reject, Exchange(reply(400), closed=True)) is None
    assert judge_exchange(reject, Exchange(reply(501), closed=True)) == (
        "rejected with 501; the RFC names 400"
    )
    assert "left the connection open" in (judge_exchange(reject, Exchange(reply(400))) or "")
    assert judge_exchange(reject, Exchange(b"", closed=True)) == (
        "closed without the 400 response the RFC names"
    )
    assert "processed what the RFC requires" in (judge_exchange(reject, Exchange(OK)) or "")
    unnamed = replace(reject, status=None)
    assert judge_exchange(unnamed, Exchange(b"", closed=True)) is None


def test_an_incomplete_request_may_wait_or_get_an_error() -> None:
    waiting = replace(CASE, allowed=frozenset({Outcome.INCOMPLETE}))
    assert judge_exchange(waiting, Exchange(b"")) is None
    assert judge_exchange(waiting, Exchange(reply(400), closed=True)) is None
    assert "processed" in (judge_exchange(waiting, Exchange(OK)) or "")


def test_every_response_is_held_to_the_sender_requirements() -> None:
    bare_cr = b"HTTP/1.1 200 O\rK\r\nContent-Length: 0\r\n\r\n"
    assert "bare CR" in (judge_exchange(CASE, Exchange(bare_cr)) or "")
    to_http10 = replace(CASE, input=b"GET / HTTP/1.0\r\n\r\n")
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    assert "HTTP/1.0" in (judge_exchange(to_http10, Exchange(chunked)) or "")


# --- against servers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    pytest.importorskip("h11")
    server = DemoServer(load_h11_api("h11")).start()
    yield server
    server.stop()


def test_a_run_against_the_demo_server_on_h11(demo: DemoServer) -> None:
    chosen = {
        "cl-body": Verdict.PASS,
        "host-missing-http11": Verdict.PASS,
        "close-request": Verdict.PASS,
        "eof-inside-content-length-body": Verdict.PASS,
        "pipelined-with-bodies": Verdict.PASS,
        "host-userinfo": Verdict.FAIL,  # h11 does not validate Host values
        "te-cl-te-first": Verdict.FAIL,  # h11 keeps the connection open
    }
    cases = [c for c in load_cases() if c.id in chosen]
    impl, results = run_live(parse_target(demo.url, "demo"), cases, Deviations(), FAST)
    assert impl.unavailable is None
    assert {r.case.id: r.verdict for r in results} == chosen
    assert demo.errors == []


def test_an_unreachable_target_is_unavailable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, never listening: connections are refused
        impl, results = run_live(
            parse_target(f"http://127.0.0.1:{port}"), [CASE], Deviations(), FAST
        )
    assert "cannot connect" in (impl.unavailable or "")
    assert results == []


class _Holding(socketserver.ThreadingTCPServer):
    """Answers 200 to anything and keeps the connection open until the client gives up."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HoldingHandler)


class _HoldingHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        try:
            self.request.settimeout(0.5)
            self.request.recv(65536)
            self.request.sendall(OK)
            self.request.recv(65536)
        except OSError:
            pass


def test_connections_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted on the client's side, where a connection's life is exactly one exchange (the
    # server's threads notice a close a moment late).
    lock, open_now, most = threading.Lock(), [0], [0]
    original = live.exchange

    def counting(target: live.Target, case: Case, settings: Settings) -> Exchange:
        with lock:
            open_now[0] += 1
            most[0] = max(most[0], open_now[0])
        try:
            return original(target, case, settings)
        finally:
            with lock:
                open_now[0] -= 1

    monkeypatch.setattr(live, "exchange", counting)
    server = _Holding()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        cases = [replace(CASE, id=f"c{i}", close=True) for i in range(12)]
        settings = replace(FAST, connections=3, idle=0.2)
        target = parse_target(f"http://127.0.0.1:{server.server_address[1]}")
        _impl, results = run_live(target, cases, Deviations(), settings)
    finally:
        server.shutdown()
        server.server_close()
    assert len(results) == 12
    assert all("left the connection open" in r.reason for r in results)
    assert most[0] == 3


def test_a_response_delimited_by_the_close_counts_once_closed() -> None:
    until_close = b"HTTP/1.1 200 OK\r\n\r\nbody"
    assert judge_exchange(CASE, Exchange(until_close, closed=True)) is None
    assert "went silent" in (judge_exchange(CASE, Exchange(until_close)) or "")
