"""Load llhttp's markdown test suite (``test/request/*.md``, ``test/response/*.md``).

Strategy: each test is a heading, an optional ``<!-- meta={...} -->`` comment, an ``http``
fence holding the input and a ``log`` fence holding llhttp's callback trace. The input follows
the suite's conventions: lines end in CRLF unless a line ends with ``\\`` (then it joins the
next), and ``\\r \\n \\t \\f``, ``\\xHH`` and octal ``\\NNN`` escapes are decoded, the result
being UTF-8 encoded as llhttp's runner does. The expected outcome comes from the trace: a
final ``error`` is a rejection (except "Data after `Connection: close`", which is bytes a
server never reads, or the pause at a protocol switch), every ``message complete`` a parsed
message, a message begun but not complete makes the outcome incomplete.
Tests that need one of llhttp's lenient flags, its ``finish`` call or a HEAD-like
``skipBody`` hint have no strict verdict to compare with and are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.model import Basis, Case, MessageSpec, Outcome, Role

_META = re.compile(r"<!--\s*meta=(\{.*\})\s*-->")
_ESCAPE = re.compile(r"\\(?:([rntf])|x([0-9a-fA-F]{2})|([0-7]{1,3}))")
_SIMPLE = {"r": "\r", "n": "\n", "t": "\t", "f": "\f"}
_SPAN = re.compile(r'^off=\d+ len=\d+ span\[(\w+)\]="(.*)"$')
_HEADERS_DONE = re.compile(r"^off=\d+ headers complete (?:method=\d+|status=(\d+)) v=(\d)/(\d)")
_AFTER_CLOSE = "Data after `Connection: close`"
_UPGRADE = 'reason="Pause on '
_NOT_ERRORS = (_AFTER_CLOSE, _UPGRADE)
"""Trace "errors" that are not rejections: bytes after a closing message, which a server
never reads, and the pause llhttp makes when a protocol switch (CONNECT, Upgrade, PRI) hands
the connection over."""


@dataclass(slots=True)
class _Test:
    """One test as read from the markdown, before it becomes a case."""

    name: str
    line: int
    meta: dict[str, Any]
    http: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)


def decode_input(block: list[str]) -> bytes:
    """The bytes an ``http`` fence denotes, by the suite's conventions."""
    text = ""
    for index, line in enumerate(block):
        if line.endswith("\\") and index + 1 < len(block):
            text += line[:-1]
        else:
            text += line + ("\r\n" if index + 1 < len(block) else "")
    return _ESCAPE.sub(_unescape, text).encode("utf-8")


def _unescape(match: re.Match[str]) -> str:
    simple, hexa, octal = match.groups()
    if simple:
        return _SIMPLE[simple]
    return chr(int(hexa, 16)) if hexa else chr(int(octal, 8))


def load_llhttp(path: Path) -> list[Case]:
    """The strict tests under ``path``: an llhttp checkout, its ``test`` directory, or a file."""
    if (path / "test").is_dir():
        path = path / "test"
    files = [path] if path.is_file() else sorted(path.glob("re*/*.md"))
    cases: list[Case] = []
    for file in files:
        default = file.parent.name if file.parent.name in ("request", "response") else ""
        label = f"{file.parent.name}/{file.name}"
        for test in _tests(file.read_text(encoding="utf-8")):
            case = _case(test, default, label)
            if case is not None:
                cases.append(case)
    return cases


def _tests(text: str) -> Iterator[_Test]:
    heading, heading_line, meta, current, fence = "", 0, {}, None, ""
    for number, line in enumerate(text.splitlines(), start=1):
        if fence:
            if line.startswith("```"):
                fence = ""
            elif current is not None:
                getattr(current, fence).append(line)
            continue
        if line.startswith("#"):
            heading, heading_line = line.lstrip("#").strip(), number
        elif found := _META.match(line.strip()):
            meta = json.loads(found.group(1))
        elif line.startswith("```http"):
            if current is not None:
                yield current
            current, fence, meta = _Test(heading, heading_line, meta), "http", {}
        elif line.startswith("```log"):
            fence = "log"
        elif line.startswith("```"):
            fence = "ignored"
    if current is not None:
        yield current


def _case(test: _Test, default_type: str, label: str) -> Case | None:
    kind = test.meta.get("type", default_type)
    if kind not in ("request", "response") or test.meta.get("skipBody"):
        return None
    outcome, messages = _expectation(test.log, kind)
    return Case(
        id=f"llhttp:{label}:{test.line}",
        suite="llhttp",
        role=Role.REQUEST if kind == "request" else Role.RESPONSE,
        basis=Basis.CORPUS,
        requirements=(),
        input=decode_input(test.http),
        allowed=frozenset({outcome}),
        messages=messages,
        # The suite pipelines responses freely: let the client have asked for all of them.
        requests=len(messages) + 1,
        note=test.name,
        source=f"{label}:{test.line}",
    )


def _expectation(log: list[str], kind: str) -> tuple[Outcome, tuple[MessageSpec, ...]]:
    messages: list[MessageSpec] = []
    current: dict[str, Any] = {}
    for line in log:
        if line.endswith("message begin"):
            current = {"begun": True}
        elif span := _SPAN.match(line):
            name, value = span.groups()
            if name in ("method", "url"):
                # The trace prints span contents raw, quotes and all.
                current[name] = current.get(name, "") + value
        elif done := _HEADERS_DONE.match(line):
            status, major, minor = done.groups()
            current["status"] = int(status) if status else None
            current["version"] = f"{major}.{minor}"
        elif line.endswith("message complete"):
            messages.append(_spec(current, kind))
            current = {}
    last = log[-1] if log else ""
    if " error " in last and not any(ok in last for ok in _NOT_ERRORS):
        return Outcome.REJECT, tuple(messages)
    if _UPGRADE in last:
        return Outcome.ACCEPT, tuple(messages)
    if current or not messages:
        return Outcome.INCOMPLETE, tuple(messages)
    return Outcome.ACCEPT, tuple(messages)


def _spec(fields: dict[str, Any], kind: str) -> MessageSpec:
    version = fields.get("version", "")
    if kind == "response":
        return MessageSpec(status=fields.get("status"), version=version.encode() or None)
    return MessageSpec(
        method=fields.get("method", "").encode("utf-8") or None,
        target=fields.get("url", "").encode("utf-8") or None,
        version=version.encode() or None,
    )
