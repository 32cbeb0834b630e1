"""HTTP clients judged on response cases: the replay, the translation, http.client end to end."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from conformance.adapters.client import ClientAdapter, observation, segments
from conformance.casefile import load_cases
from conformance.deviations import Deviations
from conformance.ecosystem.clients import DRIVERS, answer
from conformance.model import Basis, Case, Exposes, Observation, Outcome, Role, Verdict
from conformance.runner import run_suite

CASE = Case(
    id="c",
    suite="t",
    role=Role.RESPONSE,
    basis=Basis.MUST,
    requirements=("R",),
    input=b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
    allowed=frozenset({Outcome.ACCEPT}),
)
TWO = (
    b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
)
IDLE = 0.3


def http_client(order: dict[str, Any]) -> dict[str, Any]:
    """The stdlib's http.client, in this process."""
    return answer(DRIVERS["http.client"], order)


def adapter() -> ClientAdapter:
    exposes = DRIVERS["http.client"].exposes
    return ClientAdapter("http.client", http_client, exposes, idle=IDLE, timeout=3.0)


def fetched(case: Case) -> Observation:
    return adapter().parse(case, [case.input])


def test_each_request_gets_the_next_response_as_the_rfc_frames_them() -> None:
    case = replace(CASE, input=TWO + b"junk", requests=2)
    cut = TWO.index(b"HTTP/1.1 200")
    assert segments(case, case.input) == [TWO[:cut], TWO[cut:] + b"junk"]
    assert segments(replace(case, requests=3), b"garbage") == [b"garbage", b"", b""]
    assert segments(CASE, CASE.input) == [CASE.input]


def test_a_complete_response_on_a_kept_connection() -> None:
    seen = fetched(replace(CASE, requests=2, input=CASE.input * 2))
    assert seen.outcome is Outcome.ACCEPT
    assert [(m.status, m.body) for m in seen.messages] == [(200, b"hi"), (200, b"hi")]
    assert seen.close is False


def test_a_new_connection_means_the_client_stopped_reading_the_first() -> None:
    closing = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi"
    seen = fetched(replace(CASE, requests=2, input=closing + b"evil"))
    assert [m.body for m in seen.messages] == [b"hi"]
    assert seen.close is True


def test_waiting_for_more_is_incomplete_and_an_error_at_the_end_is_a_truncation() -> None:
    short = b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhi"
    waiting = fetched(replace(CASE, input=short))
    assert (waiting.partial, waiting.error, waiting.outcome) == (True, None, Outcome.INCOMPLETE)
    truncated = fetched(replace(CASE, input=short, eof=True))
    assert truncated.at_eof and truncated.error is not None
    assert truncated.outcome is Outcome.INCOMPLETE


def test_an_error_before_the_end_is_a_rejection() -> None:
    seen = fetched(replace(CASE, input=b"HTTP/1.1 2000 OK\r\n\r\n"))
    assert seen.outcome is Outcome.REJECT
    assert not seen.crashed


def test_what_a_worker_reports_is_translated_not_judged() -> None:
    reply = {
        "calls": [{"error": "ValueError: odd", "crashed": True}],
        "connections": [0],
        "closed_first": [False],
    }
    seen = observation(CASE, reply, Exposes())
    assert (seen.crashed, seen.error, seen.messages) == (True, "ValueError: odd", ())


def test_http_client_is_judged_with_the_suite_s_runner_and_judge() -> None:
    chosen = {c.id: c for c in load_cases()}
    cases = [chosen[i] for i in ("cl-response-two-requests", "response-304-chunked")]
    cases.append(chosen["connect-2xx-ignores-content-length"])
    [implementation], results = run_suite([adapter()], cases, Deviations())
    assert implementation.unavailable is None
    verdicts = {r.case.id: r.verdict for r in results}
    assert verdicts == {
        "cl-response-two-requests": Verdict.PASS,
        # http.client reads a chunked body after a 304 and waits for it.
        "response-304-chunked": Verdict.FAIL,
        "connect-2xx-ignores-content-length": Verdict.NA,
    }
