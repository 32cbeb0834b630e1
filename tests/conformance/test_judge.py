"""Judging one observation against a case: the outcome, the messages, the close, the status."""

from __future__ import annotations

from dataclasses import replace

from conformance.judge import describe, judge, origin_part
from conformance.model import (
    Basis,
    Case,
    Digest,
    Exposes,
    HeaderView,
    Message,
    MessageSpec,
    Observation,
    Outcome,
    Role,
    SendEvent,
    TargetView,
)

CASE = Case(
    id="c",
    suite="t",
    role=Role.REQUEST,
    basis=Basis.MUST,
    requirements=("R",),
    input=b"x",
    allowed=frozenset({Outcome.ACCEPT}),
    messages=(MessageSpec(method=b"GET", headers=((b"Host", b"a"),)),),
)
GOOD = Observation(messages=(Message(method=b"GET", headers=((b"host", b"a"),)),), close=False)


def test_a_matching_observation_passes() -> None:
    assert judge(CASE, GOOD) is None


def test_an_outcome_the_case_does_not_allow_fails() -> None:
    problem = judge(CASE, Observation(error="bad request"))
    assert problem == "expected accept, got reject: bad request"


def test_any_allowed_outcome_passes() -> None:
    either = replace(CASE, allowed=frozenset({Outcome.ACCEPT, Outcome.REJECT}))
    assert judge(either, Observation(error="no")) is None
    assert judge(either, GOOD) is None


def test_an_error_at_end_of_input_is_incomplete_not_reject() -> None:
    truncated = Observation(error="peer closed mid-body", at_eof=True)
    assert truncated.outcome is Outcome.INCOMPLETE
    assert Observation(partial=True).outcome is Outcome.INCOMPLETE
    incomplete = replace(CASE, allowed=frozenset({Outcome.INCOMPLETE}), messages=None)
    assert judge(incomplete, truncated) is None


def test_fields_are_compared_and_names_case_insensitively() -> None:
    wrong = Observation(messages=(Message(method=b"GET", headers=((b"HOST", b"b"),)),))
    assert "headers" in (judge(CASE, wrong) or "")
    assert (
        judge(CASE, Observation(messages=(Message(method=b"GET", headers=((b"HOST", b"a"),)),)))
        is None
    )
    assert "method" in (judge(CASE, Observation(messages=(Message(method=b"PUT"),))) or "")


def test_the_number_of_messages_counts() -> None:
    two = Observation(messages=(GOOD.messages[0], GOOD.messages[0]))
    assert judge(CASE, two) == "expected 1 complete message(s), parsed 2"


def test_whitespace_runs_collapse_only_when_asked() -> None:
    spec = (MessageSpec(headers=((b"x", b"a b"),)),)
    folded = Observation(messages=(Message(headers=((b"x", b"a  \t b"),)),))
    assert judge(replace(CASE, messages=spec), folded) is not None
    assert judge(replace(CASE, messages=spec, collapse_ws=True), folded) is None


def test_close_is_judged_on_acceptance() -> None:
    must_close = replace(CASE, close=True)
    assert "must close the connection" in (judge(must_close, GOOD) or "")
    assert judge(must_close, replace(GOOD, close=True)) is None
    assert judge(replace(CASE, close=False), replace(GOOD, close=True)) is not None


def test_a_rejection_with_another_status_than_the_rfc_names_fails() -> None:
    case = replace(CASE, allowed=frozenset({Outcome.REJECT}), messages=None, status=400)
    assert judge(case, Observation(error="x", status=400)) is None
    assert judge(case, Observation(error="x")) is None  # no hint given: nothing to compare
    assert judge(case, Observation(error="x", status=501)) == (
        "rejected with status 501; the RFC names 400"
    )


def test_messages_before_a_rejection_are_checked() -> None:
    case = replace(CASE, allowed=frozenset({Outcome.REJECT}))
    assert judge(case, Observation(messages=GOOD.messages, error="x")) is None
    assert judge(case, Observation(error="x")) == "expected 1 complete message(s), parsed 0"


def test_a_crash_always_fails() -> None:
    either = replace(CASE, allowed=frozenset(Outcome))
    problem = judge(either, Observation(error="KeyError: 'x'", crashed=True))
    assert problem == "an unexpected exception escaped: KeyError: 'x'"
    assert describe(Observation(error="boom", crashed=True)) == "crashed: boom"


SEND = replace(
    CASE,
    role=Role.SEND_REQUEST,
    input=b"",
    messages=None,
    send=(SendEvent("Request", headers=((b"Host", b"a"),)), SendEvent("EndOfMessage")),
    allowed=frozenset({Outcome.ACCEPT, Outcome.REJECT}),
)


def test_a_send_case_may_refuse_only_its_last_call() -> None:
    assert judge(SEND, Observation(error="no", refused=1)) is None
    assert judge(SEND, Observation(error="no", refused=0)) == ("refused a valid call (Request): no")


def test_a_send_case_judges_the_bytes_produced() -> None:
    good = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"
    assert judge(SEND, Observation(output=good)) is None
    assert "start-line" in (judge(SEND, Observation(output=b"GET  / HTTP/1.1\r\n\r\n")) or "")
    must_refuse = replace(SEND, allowed=frozenset({Outcome.REJECT}))
    assert judge(must_refuse, Observation(output=good)) == (
        "sent the message; it must refuse the call"
    )


# --- what an interface exposes ----------------------------------------------------------------

FIELDS = ((b"Host", b"a"), (b"X-A", b"1"), (b"Accept", b"b"), (b"x-a", b"2"))
FIELD_CASE = replace(CASE, messages=(MessageSpec(headers=FIELDS, body=b"hi"),))


def seen(exposes: Exposes, **fields: object) -> Observation:
    return Observation(messages=(Message(**fields),), exposes=exposes)  # type: ignore[arg-type]


def test_grouped_fields_are_compared_grouped_by_name() -> None:
    grouped = ((b"host", b"a"), (b"x-a", b"1"), (b"x-a", b"2"), (b"accept", b"b"))
    view = Exposes(headers=HeaderView.GROUPED)
    assert judge(FIELD_CASE, seen(view, headers=grouped, body=b"hi")) is None
    assert judge(FIELD_CASE, seen(Exposes(), headers=grouped, body=b"hi")) is not None
    lost = grouped[:2] + grouped[3:]
    assert "headers" in (judge(FIELD_CASE, seen(view, headers=lost, body=b"hi")) or "")


def test_cgi_fields_are_compared_as_wsgi_keys_and_joined_lists() -> None:
    environ = ((b"X_A", b"1,2"), (b"HOST", b"a"), (b"ACCEPT", b"b"))
    view = Exposes(headers=HeaderView.CGI)
    assert judge(FIELD_CASE, seen(view, headers=environ, body=b"hi")) is None
    wrong = ((b"X_A", b"1"), (b"HOST", b"a"), (b"ACCEPT", b"b"))
    problem = judge(FIELD_CASE, seen(view, headers=wrong, body=b"hi")) or ""
    assert problem.startswith("message 1: headers [(b'ACCEPT', b'b'), (b'HOST', b'a'), (b'X_A'")


def test_a_digest_stands_for_the_body() -> None:
    assert judge(FIELD_CASE, seen(Exposes(), headers=FIELDS, body=Digest.of(b"hi"))) is None
    problem = judge(FIELD_CASE, seen(Exposes(), headers=FIELDS, body=Digest.of(b"hi!")))
    assert problem == "message 1: body 3 octets b'hi!', expected b'hi'"


def test_an_origin_only_target_is_compared_with_the_path_and_query() -> None:
    case = replace(CASE, messages=(MessageSpec(target=b"http://a.example/x?y"),))
    origin = Exposes(target=TargetView.ORIGIN)
    assert judge(case, seen(origin, target=b"/x?y")) is None
    assert judge(case, seen(Exposes(), target=b"/x?y")) is not None
    assert [origin_part(t) for t in (b"http://a", b"https://a:1?q", b"*", b"a.b:80")] == [
        b"/",
        b"/?q",
        b"*",
        b"a.b:80",
    ]


def test_what_is_not_exposed_is_not_compared() -> None:
    response = replace(
        CASE,
        role=Role.RESPONSE,
        messages=(MessageSpec(status=100), MessageSpec(status=200, trailers=((b"x", b"1"),))),
    )
    final = Observation(messages=(Message(status=200),))
    assert judge(response, final) == "expected 2 complete message(s), parsed 1"
    hidden = replace(final, exposes=Exposes(interim=False, trailers=False))
    assert judge(response, hidden) is None


def test_wsgi_servers_decide_the_framing_keys_and_underscored_names() -> None:
    case = replace(
        CASE,
        messages=(
            MessageSpec(
                headers=((b"Host", b"a"), (b"Transfer-Encoding", b"chunked"), (b"X_Y", b"1"))
            ),
        ),
    )
    environ = ((b"CONTENT_LENGTH", b"5"), (b"HOST", b"a"))
    assert judge(case, seen(Exposes(headers=HeaderView.CGI), headers=environ)) is None
    assert judge(case, seen(Exposes(headers=HeaderView.CGI), headers=environ[:1])) is not None
