"""Load the suite's own cases from TOML files, one per RFC section.

Strategy: TOML basic strings carry the exact bytes (``\\r``, ``\\n``, ``\\t``, ``\\u0000``),
and every string is encoded as Latin-1, so ``"\\u00ff"`` is the octet 0xFF -- any byte sequence
can be written, and what is written is exactly what is sent. The schema is checked strictly
(unknown keys, wrong types, impossible combinations) and errors name the file and the case::

    [[case]]
    id = "te-chunked-not-final"
    requirements = ["RFC9112-6.3-p2.4-s3"]
    role = "request"                 # request | response | send-request | send-response
    basis = "MUST"                   # MUST | ABNF | SHOULD | MAY
    input = "POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked, gzip\\r\\n\\r\\n"
    expect = "reject"                # or a list of allowed outcomes: ["reject", "accept"]
    status = 400                     # the status a cited requirement names for the rejection
    close = true                     # the connection must close after the last response
    messages = [{ method = "GET", target = "/", headers = [["host", "a"]], body = "" }]

The other keys: ``eof`` (the peer closes after the input), ``request_method`` and
``requests`` (response cases: what the client asked, and how many times), ``respond_close``
(the server answers with ``Connection: close``), ``collapse_ws`` (compare header values with
whitespace runs collapsed, for obs-fold), ``send`` and ``checks`` (send cases: the h11-API
events to serialise and the :mod:`conformance.wirecheck` checks their bytes must pass),
``note``. Long inputs are written with ``repeat``: each key found in ``input`` is replaced by
its unit repeated ``count`` times, e.g. ``input = "GET /@ HTTP/1.1..."`` with ``repeat = {
"@" = ["a", 70000] }``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from conformance.model import Basis, Case, MessageSpec, Outcome, Pairs, Role, SendEvent

CASES_DIR = Path(__file__).parent / "cases"

_CASE_KEYS = frozenset(
    {
        "id",
        "requirements",
        "role",
        "basis",
        "input",
        "expect",
        "messages",
        "close",
        "status",
        "eof",
        "request_method",
        "requests",
        "respond_close",
        "collapse_ws",
        "repeat",
        "send",
        "checks",
        "note",
    }
)
_MESSAGE_KEYS = frozenset(MessageSpec.__slots__)
_SEND_KEYS = frozenset(SendEvent.__slots__)
_SEND_TYPES = frozenset({"Request", "Response", "InformationalResponse", "Data", "EndOfMessage"})


class CaseFileError(ValueError):
    """A case file does not follow the schema; the message names the file and the case."""


def octets(text: str) -> bytes:
    """The bytes a TOML string denotes: one octet per character, U+0000 to U+00FF."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError as exc:
        raise ValueError(f"character {text[exc.start]!r} is not an octet (use \\u00XX)") from exc


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case of every ``*.toml`` file in ``directory``, in file then case order."""
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        for case in load_file(path):
            if case.id in seen:
                raise CaseFileError(f"{path.name}: duplicate case id {case.id!r} ({seen[case.id]})")
            seen[case.id] = path.name
            cases.append(case)
    return cases


def load_file(path: Path) -> Iterator[Case]:
    with path.open("rb") as handle:
        try:
            document = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise CaseFileError(f"{path.name}: {exc}") from exc
    for index, raw in enumerate(document.get("case", [])):
        label = f"{path.name}: case #{index + 1} ({raw.get('id', '?')})"
        try:
            yield _case(raw, suite=path.stem, source=path.name)
        except (ValueError, TypeError, KeyError) as exc:
            raise CaseFileError(f"{label}: {exc}") from exc


def _case(raw: Mapping[str, Any], suite: str, source: str) -> Case:
    _no_unknown(raw, _CASE_KEYS, "case")
    role = Role(raw.get("role", "request"))
    expect = raw["expect"]
    allowed = frozenset(Outcome(x) for x in ([expect] if isinstance(expect, str) else expect))
    messages = raw.get("messages")
    case = Case(
        id=_str(raw, "id"),
        suite=suite,
        role=role,
        basis=Basis(raw["basis"]),
        requirements=tuple(_str_list(raw, "requirements")),
        input=_expand(octets(raw.get("input", "")), raw.get("repeat", {})),
        allowed=allowed,
        messages=None if messages is None else tuple(_message(m) for m in messages),
        close=raw.get("close"),
        status=raw.get("status"),
        eof=bool(raw.get("eof", False)),
        request_method=octets(raw.get("request_method", "GET")),
        requests=int(raw.get("requests", 1)),
        respond_close=bool(raw.get("respond_close", False)),
        collapse_ws=bool(raw.get("collapse_ws", False)),
        send=tuple(_send_event(e) for e in raw.get("send", ())),
        checks=tuple(_str_list(raw, "checks")),
        note=raw.get("note", ""),
        source=source,
    )
    _check_consistent(case)
    return case


def _check_consistent(case: Case) -> None:
    if not case.requirements:
        raise ValueError("a case must name at least one requirement")
    if not case.allowed:
        raise ValueError("expect must name at least one outcome")
    if case.role.parses:
        if not case.input:
            raise ValueError("a parse case needs input bytes")
        if case.send or case.checks:
            raise ValueError("send/checks belong to send-request/send-response cases")
    else:
        if not case.send:
            raise ValueError("a send case needs a 'send' list of events")
        if Outcome.INCOMPLETE in case.allowed or case.messages is not None:
            raise ValueError("send cases allow only 'accept' (output checked) or 'reject'")
        if case.role is Role.SEND_RESPONSE and not case.input:
            raise ValueError("a send-response case needs the peer's request as input")


def _expand(data: bytes, repeat: Mapping[str, Any]) -> bytes:
    for marker, (unit, count) in repeat.items():
        if octets(marker) not in data:
            raise ValueError(f"repeat marker {marker!r} does not occur in the input")
        data = data.replace(octets(marker), octets(unit) * int(count))
    return data


def _message(raw: Mapping[str, Any]) -> MessageSpec:
    _no_unknown(raw, _MESSAGE_KEYS, "message")
    return MessageSpec(
        method=_opt_bytes(raw, "method"),
        target=_opt_bytes(raw, "target"),
        version=_opt_bytes(raw, "version"),
        status=raw.get("status"),
        reason=_opt_bytes(raw, "reason"),
        headers=_opt_pairs(raw, "headers"),
        body=_opt_bytes(raw, "body"),
        trailers=_opt_pairs(raw, "trailers"),
    )


def _send_event(raw: Mapping[str, Any]) -> SendEvent:
    _no_unknown(raw, _SEND_KEYS, "send event")
    if raw.get("type") not in _SEND_TYPES:
        raise ValueError(f"send event type must be one of {sorted(_SEND_TYPES)}")
    return SendEvent(
        type=raw["type"],
        method=octets(raw.get("method", "GET")),
        target=octets(raw.get("target", "/")),
        status=int(raw.get("status", 200)),
        reason=octets(raw.get("reason", "")),
        headers=_opt_pairs(raw, "headers") or (),
        data=octets(raw.get("data", "")),
        version=octets(raw.get("version", "1.1")),
    )


def _no_unknown(raw: Mapping[str, Any], known: frozenset[str], what: str) -> None:
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"unknown {what} key(s): {', '.join(sorted(unknown))}")


def _str(raw: Mapping[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value:
        raise TypeError(f"{key} must be a non-empty string")
    return value


def _str_list(raw: Mapping[str, Any], key: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{key} must be a list of strings")
    return value


def _opt_bytes(raw: Mapping[str, Any], key: str) -> bytes | None:
    value = raw.get(key)
    return None if value is None else octets(value)


def _opt_pairs(raw: Mapping[str, Any], key: str) -> Pairs | None:
    value = raw.get(key)
    if value is None:
        return None
    if not all(isinstance(p, list) and len(p) == 2 for p in value):
        raise TypeError(f"{key} must be a list of [name, value] pairs")
    return tuple((octets(name), octets(val)) for name, val in value)
