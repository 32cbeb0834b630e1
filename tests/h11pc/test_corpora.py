"""Third-party corpora (gunicorn's request suite, llhttp's tests) fed to h11pc: whole and one
byte at a time give the same events, nothing but RemoteProtocolError escapes, and no head
h11 0.16 refuses is accepted. The corpora live in ``../shared`` beside the checkout; the
tests skip when it is absent."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import h11
import pytest

import h11pc

from .support import Outcome, client_events, merge_data, rfc_reads_beyond_h11, server_events

CORPORA = Path(__file__).parents[2] / ".." / "shared" / "corpora"


def _cases() -> list[Any]:
    cases: list[Any] = []
    gunicorn = CORPORA / "gunicorn" / "cases.json"
    if gunicorn.exists():
        for case in json.loads(gunicorn.read_text()):
            cases.append(pytest.param("request", case["input_b64"], id=case["id"]))
    llhttp = CORPORA / "llhttp" / "cases.json"
    if llhttp.exists():
        for case in json.loads(llhttp.read_text()):
            if case["kind"] == "http":
                role = "response" if case["type"].startswith("response") else "request"
                name = f"llhttp/{case['file'].rsplit('/', 1)[-1]}:{case['line']}"
                cases.append(pytest.param(role, case["input_b64"], id=name))
    return cases


CASES = _cases()


def _run(role: str, data: bytes, lib: Any, split: int = 0) -> list[Outcome]:
    read = server_events if role == "request" else client_events
    return merge_data(read(data, lib, split=split, close=True))


@pytest.mark.skipif(not CASES, reason="the shared corpora are not beside the checkout")
@pytest.mark.parametrize(("role", "encoded"), CASES)
def test_corpus_case(role: str, encoded: str) -> None:
    data = base64.b64decode(encoded)
    whole = _run(role, data, h11pc)
    assert _run(role, data, h11pc, split=1) == whole
    assert all(o[0] != "error" or o[1] == "RemoteProtocolError" for o in whole)
    accepted = whole and whole[0][0] in ("Request", "Response", "InformationalResponse")
    if accepted and not rfc_reads_beyond_h11(data):
        try:
            theirs = _run(role, data, h11)
        except Exception as error:  # h11 failing in its own way is still a refusal
            theirs = [("crash", type(error).__name__)]
        assert theirs[0] == whole[0], "h11pc accepted a head h11 refuses"
