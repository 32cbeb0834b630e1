"""The cases agree with the grammar: an ABNF-based expectation is what the ABNF says.

A case whose basis is ``ABNF`` claims that the grammar alone decides it. For a rejection, the
message head must fail RFC 9112's ``HTTP-message`` (or its chunked body ``chunked-body``); for
an acceptance, both must match. This keeps the cases honest against the project's grammar.
"""

from __future__ import annotations

import re

import parsy
import pytest

from conformance.casefile import load_cases
from conformance.model import Basis, Case, Outcome
from grammar import rfc9112

_CHUNKED = re.compile(rb"(?im)^transfer-encoding:[ \t]*chunked[ \t]*$")


def _grammatical(data: bytes) -> bool:
    head = rfc9112.http_message.compiled
    assert head is not None
    end = data.find(b"\r\n\r\n")
    if end < 0 or not head.fullmatch(data[: end + 4]):
        return False
    if not _CHUNKED.search(data[:end]):
        return True
    try:
        rfc9112.chunked_body.parse_partial(data[end + 4 :])
    except parsy.ParseError:
        return False
    return True


ABNF_CASES = [c for c in load_cases() if c.basis is Basis.ABNF and c.role.parses]


@pytest.mark.parametrize("case", ABNF_CASES, ids=[c.id for c in ABNF_CASES])
def test_abnf_expectations_follow_the_grammar(case: Case) -> None:
    if case.allowed == {Outcome.REJECT}:
        assert not _grammatical(case.input)
    else:
        assert Outcome.ACCEPT in case.allowed
        assert _grammatical(case.input)
