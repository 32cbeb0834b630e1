"""The parts of an event as a caller supplies them, checked and converted the way h11 does.

Strategy: an event's constructor (:mod:`h11pc._events`) hands what it was given to one
function here and stores what comes back: str or bytes accepted and stored as bytes, methods
tokens, targets request-targets, versions like ``1.1``, reason phrases ``reason-phrase``
(RFC 9110, RFC 9112), with the grammar's patterns; and the Host rule of RFC 9112 §3.2, which
a head the grammar proved must still pass (:func:`check_host`). The classes stay Python --
h11's frozen dataclasses, with the signatures ``inspect`` reads -- while these checks, the
work of building an event, are compiled with the rest of h11pc in the compiled build.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from types import MappingProxyType
from typing import Final

from h11pc._diagnose import FieldError
from h11pc._errors import LocalProtocolError
from h11pc._headers import HeaderInput, Headers
from h11pc._patterns import HOST, HTTP_VERSION, METHOD, REASON_PHRASE, REQUEST_TARGET
from h11pc._util import remember, to_bytes

__all__ = [
    "HTTP_1_1",
    "NO_HEADERS",
    "STANDARD_REASONS",
    "check_host",
    "request_parts",
    "response_parts",
    "use_standard_reasons",
]

HTTP_1_1: Final = b"1.1"
"""The version an event has when the caller names none."""
NO_HEADERS: Final = Headers.from_user(())
"""The fields of an event built without any: one shared, immutable empty list."""

STANDARD_REASONS: Final[Mapping[int, bytes]] = MappingProxyType(
    {status.value: status.phrase.encode("ascii") for status in HTTPStatus}
)
"""The reason phrase of each status code Python's :class:`http.HTTPStatus` knows
(``404`` -> ``b"Not Found"``): what a response built without a reason says."""
_default_reasons: Mapping[int, bytes] = STANDARD_REASONS
_STANDARD_PHRASES: Final = frozenset(STANDARD_REASONS.values())
"""The standard reason phrases, each a ``reason-phrase`` (a test checks them): what most
responses say (frameworks pass these), known good without a match."""


def use_standard_reasons(standard: bool) -> None:
    """Whether responses built without a ``reason`` get the standard phrase of their
    status (h11pc's default) or an empty one (h11's: :mod:`h11pc.compat` switches to it,
    so code written for h11 sends the bytes h11 sends)."""
    global _default_reasons  # noqa: PLW0603 -- one process-wide choice, made by compat
    _default_reasons = STANDARD_REASONS if standard else MappingProxyType({})


def request_parts(
    method: object, headers: HeaderInput, target: object, http_version: object
) -> tuple[bytes, Headers, bytes, bytes]:
    """A Request's method, fields, target and version from a caller's: each checked (the
    Host rule too) and as the event holds it."""
    method_bytes = to_bytes(method, "method")
    if METHOD.fullmatch(method_bytes) is None:
        raise LocalProtocolError("Illegal method characters")
    target_bytes = to_bytes(target, "target")
    if REQUEST_TARGET.fullmatch(target_bytes) is None:
        raise LocalProtocolError("Illegal target characters")
    version = _version(http_version)
    fields = Headers.from_user(headers)
    check_host(fields, version)
    return method_bytes, fields, target_bytes, version


def response_parts(
    status_code: object, headers: HeaderInput | None, http_version: object, reason: object
) -> tuple[int, bytes, bytes, Headers]:
    """An (Informational)Response's status, reason, version and fields from a caller's,
    each checked and as the event holds it; a missing reason is the status's default. (The
    status's range depends on the kind of response: the event checks it.)"""
    if type(status_code) is int:
        status = status_code
    elif isinstance(status_code, int):
        status = int(status_code)  # an IntEnum such as HTTPStatus.OK is stored as its int
    else:
        raise LocalProtocolError("status code must be integer")
    if reason is None:
        reason_bytes = _default_reasons.get(status, b"")
    elif type(reason) is bytes:
        reason_bytes = reason
    else:
        reason_bytes = to_bytes(reason, "reason")
    if (
        reason_bytes
        and reason_bytes not in _STANDARD_PHRASES
        and REASON_PHRASE.fullmatch(reason_bytes) is None
    ):
        raise LocalProtocolError(f"Illegal reason phrase {reason_bytes!r}")
    fields = NO_HEADERS if headers is None else Headers.from_user(headers)
    return status, reason_bytes, _version(http_version), fields


_VALID_HOSTS: Final[dict[bytes, bool]] = {}
"""Host values the ``Host`` pattern accepted before (each kept as True). A server is asked
for the same few names request after request, and matching one costs more than all the
other checks of a small request's fields; only accepted values are kept, so every verdict is
the pattern's."""
_VALID_HOSTS_MOST: Final = 64
"""How many values :data:`_VALID_HOSTS` holds before it starts over."""


def check_host(headers: Headers, http_version: bytes) -> None:
    """RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host field; no request has more
    than one, nor one whose value is not a valid ``Host`` (RFC 9110 §7.2)."""
    host = headers.get(b"host")
    if host is None:
        if http_version == HTTP_1_1:
            raise _host_error("Missing mandatory Host: header", "an HTTP/1.1 request has one")
        return
    if headers.count_of(b"host") > 1:
        raise _host_error("Found multiple Host: headers", "a request has at most one")
    if host not in _VALID_HOSTS:
        if HOST.fullmatch(host) is None:
            raise _host_error("Illegal Host: header value", 'expected uri-host [ ":" port ]')
        remember(_VALID_HOSTS, host, True, _VALID_HOSTS_MOST)


def _version(value: object) -> bytes:
    if value is HTTP_1_1:
        return HTTP_1_1  # the default: valid
    version = to_bytes(value, "http_version")
    if HTTP_VERSION.fullmatch(b"HTTP/" + version) is None:
        raise LocalProtocolError(f"Illegal HTTP version {version!r} (expected like b'1.1')")
    return version


def _host_error(what: str, why: str) -> FieldError:
    return FieldError(what, why, rule="Host", section="RFC 9112 §3.2")
