"""The echo: what a live server understood of a request, sent back as its response's content.

Strategy: every server live mode starts answers each request with the same small document --
method, target, version, the header fields as the server handed them to the application, the
body's length and SHA-256 (and first octets, for the report), the trailers where the server
exposes them -- so a live run judges what the server *parsed*, with the expectations
in-process parsers are judged on, not only which status it answered. The document is JSON;
octets travel as Latin-1 text (one character per octet), so any field value survives.

It also says how much the server's interface shows (:class:`~conformance.model.Exposes`):
WSGI's environ has no field order, ASGI gives no absolute-form target, most servers keep
request trailers to themselves. :func:`encode` is called by the applications (any Python,
any framework); :func:`decode` by the judge's side.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from conformance.model import Digest, Exposes, HeaderView, Message, TargetView

CONTENT_TYPE = "application/json"
FORMAT = "conformance-echo/1"

Text = str | bytes


def _octets(value: Text) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")


def _text(value: Text) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def encode(
    *,
    method: Text,
    target: Text,
    version: Text,
    headers: Iterable[tuple[Text, Text]],
    body: bytes,
    trailers: Iterable[tuple[Text, Text]] | None = None,
    header_view: HeaderView = HeaderView.ORDERED,
    target_view: TargetView = TargetView.AS_SENT,
) -> bytes:
    """The echo of one request: ``version`` as ``1.1`` or ``HTTP/1.1``, names and values as
    the interface gave them (``str`` is taken to be Latin-1, as PEP 3333 and http.server
    decode), ``trailers`` ``None`` where the interface does not deliver them."""
    document = {
        "format": FORMAT,
        "method": _text(method),
        "target": _text(target),
        "version": _text(version).removeprefix("HTTP/"),
        "headers": [[_text(n), _text(v)] for n, v in headers],
        "header_view": header_view.value,
        "target_view": target_view.value,
        "body": {
            "length": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
            "head": body[: Digest.HEAD_LENGTH].decode("latin-1"),
        },
        "trailers": None if trailers is None else [[_text(n), _text(v)] for n, v in trailers],
    }
    return json.dumps(document).encode("ascii")


class EchoError(ValueError):
    """A response's content is not an echo document."""


def decode(content: bytes) -> tuple[Message, Exposes]:
    """The message an echo describes, and what the server's interface exposes."""
    try:
        document = json.loads(content)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise EchoError(f"not an echo document: {content[:80]!r}")
        return _message(document), _exposes(document)
    except (ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, EchoError):
            raise
        raise EchoError(f"not an echo document ({exc}): {content[:80]!r}") from exc


def _message(document: dict[str, Any]) -> Message:
    body = document["body"]
    trailers = document["trailers"]
    return Message(
        method=_octets(document["method"]),
        target=_octets(document["target"]),
        version=_octets(document["version"]),
        headers=tuple((_octets(n), _octets(v)) for n, v in document["headers"]),
        body=Digest(int(body["length"]), str(body["sha256"]), _octets(body["head"])),
        trailers=() if trailers is None else tuple((_octets(n), _octets(v)) for n, v in trailers),
    )


def _exposes(document: dict[str, Any]) -> Exposes:
    return Exposes(
        headers=HeaderView(document["header_view"]),
        target=TargetView(document["target_view"]),
        trailers=document["trailers"] is not None,
    )
