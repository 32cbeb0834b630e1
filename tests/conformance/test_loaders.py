"""Loaders for llhttp's markdown suite and gunicorn's corpus JSON."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from conformance.loaders.gunicorn import load_gunicorn
from conformance.loaders.llhttp import decode_input, load_llhttp
from conformance.model import Basis, Outcome, Role
from tests.conformance.conftest import shared

SUITE = """Title
=====

## Simple

<!-- meta={"type": "request"} -->
```http
GET /a HTTP/1.1
Host: x


```

```log
off=0 message begin
off=0 len=3 span[method]="GET"
off=4 len=2 span[url]="/a"
off=35 headers complete method=1 v=1/1 flags=0 content_length=0
off=35 message complete
```

## Bad

<!-- meta={"type": "request"} -->
```http
GET / HTTP/1.1
X : y


```

```log
off=0 message begin
off=17 error code=10 reason="Invalid header token"
```

## Close then junk

```http
GET / HTTP/1.0


junk
```

```log
off=0 message begin
off=18 message complete
off=19 error code=5 reason="Data after `Connection: close`"
```

## Unfinished

<!-- meta={"type": "response"} -->
```http
HTTP/1.1 200 OK
Content-Length: 5

hi
```

```log
off=0 message begin
off=36 headers complete status=200 v=1/1 flags=20 content_length=5
off=36 len=2 span[body]="hi"
```

## Lenient

<!-- meta={"type": "request-lenient-headers"} -->
```http
GET / HTTP/1.1


```

```log
off=0 message begin
```
"""


def test_input_conventions() -> None:
    assert decode_input(["GET / HTTP/1.1", "", ""]) == b"GET / HTTP/1.1\r\n\r\n"
    assert decode_input(["a\\n\\", "b"]) == b"a\nb"
    assert decode_input(["x\\r\\t\\f\\x41"]) == b"x\r\t\fA"
    assert decode_input(["\\01\\t"]) == b"\x01\t"
    # The suite's runner encodes its strings as UTF-8: octal 325 is U+00D5, two octets.
    assert decode_input(["\\325"]) == b"\xc3\x95"
    assert decode_input(["end\\"]) == b"end\\"


def test_outcomes_and_messages_from_the_trace(tmp_path: Path) -> None:
    (tmp_path / "request").mkdir()
    (tmp_path / "request" / "sample.md").write_text(SUITE, encoding="utf-8")
    simple, bad, closing, unfinished = load_llhttp(tmp_path)
    (tmp_path / "test").mkdir()
    (tmp_path / "request").rename(tmp_path / "test" / "request")
    assert len(load_llhttp(tmp_path)) == 4  # a checkout's root: its test/ directory
    assert simple.input == b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
    assert simple.allowed == {Outcome.ACCEPT}
    assert simple.messages is not None
    assert (simple.messages[0].method, simple.messages[0].target) == (b"GET", b"/a")
    assert simple.id == "llhttp:request/sample.md:4"
    assert (simple.basis, simple.note) == (Basis.CORPUS, "Simple")
    assert bad.allowed == {Outcome.REJECT}
    assert closing.allowed == {Outcome.ACCEPT}  # the type defaults to the directory's
    assert unfinished.role is Role.RESPONSE
    assert unfinished.allowed == {Outcome.INCOMPLETE}


def test_the_whole_llhttp_suite_decodes_as_its_json_copy_says() -> None:
    directory = shared("corpora", "llhttp")
    reference = {
        (item["file"].removeprefix("test/"), item["line"]): item
        for item in json.loads((directory / "cases.json").read_text(encoding="utf-8"))
    }
    cases = load_llhttp(directory)
    assert len(cases) > 150
    for case in cases:
        file, line = case.source.rsplit(":", 1)
        item = reference[(file, int(line))]
        assert case.input == base64.b64decode(item["input_b64"]), case.source
        agreed = {"ok": "accept", "upgrade": "accept", "error": "reject"}
        expected = agreed.get(item["expect"]["outcome"], item["expect"]["outcome"])
        if expected != "reject" or "Data after" not in str(item["expect"]["error"]):
            assert {o.value for o in case.allowed} == {expected}, case.source


def test_gunicorn_entries(tmp_path: Path) -> None:
    entries = [
        {
            "id": "gunicorn/valid/001",
            "kind": "valid",
            "input_b64": base64.b64encode(b"GET /x HTTP/1.0\r\n\r\n").decode(),
            "cfg": {},
            "expect": [
                {
                    "method": "GET",
                    "uri": "/x",
                    "version": [1, 0],
                    "headers": [],
                    "body": {"$bytes_b64": base64.b64encode(b"").decode()},
                }
            ],
        },
        {
            "id": "gunicorn/invalid/001",
            "kind": "invalid",
            "input_b64": "",
            "cfg": {},
            "expect_error": "NoMoreData",
        },
        {
            "id": "gunicorn/invalid/002",
            "kind": "invalid",
            "input_b64": "",
            "cfg": {},
            "expect_error": "InvalidHeader",
        },
        {
            "id": "gunicorn/invalid/003",
            "kind": "invalid",
            "input_b64": "",
            "cfg": {"permit_obsolete_folding": True},
            "expect_error": "InvalidHeader",
        },
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    valid, truncated, invalid = load_gunicorn(path)
    assert valid.id == "gunicorn:valid/001"
    assert valid.messages is not None
    assert (valid.messages[0].target, valid.messages[0].version) == (b"/x", b"1.0")
    assert truncated.allowed == {Outcome.INCOMPLETE}
    assert invalid.allowed == {Outcome.REJECT}


def test_the_whole_gunicorn_corpus_loads() -> None:
    cases = load_gunicorn(shared("corpora", "gunicorn") / "cases.json")
    assert len(cases) > 100
    assert all(case.role is Role.REQUEST for case in cases)
