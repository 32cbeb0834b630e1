"""What we send: the fields h11pc adds to a head, and the heads it refuses to send.

Strategy: a head an application hands to ``send`` passes through here first, and one of
three things happens to each sender requirement of RFC 9112 / RFC 9110:

* **added** -- a field the RFC makes a consequence of others, with one right value: the
  framing h11 adds (chunked for a body of unknown length to HTTP/1.1, close-delimited for
  HTTP/1.0), ``Connection: close`` when the connection will not persist, ``keep-alive``
  echoed to an HTTP/1.0 client whose connection we keep (RFC 9112 Appendix C.2.2), and the
  ``upgrade`` / ``TE`` connection options that must accompany Upgrade and TE (RFC 9110
  §7.8, RFC 9112 §7.4);
* **dropped** -- ``Content-Length: 0`` on a response that cannot have content (1xx, 204, a
  2xx to CONNECT): it agrees with the status and frameworks add it (RFC 9110 §8.6 forbids
  sending it);
* **refused** with LocalProtocolError naming the section -- a head that contradicts
  itself or its exchange, where any repair would guess at what the application meant:
  Content-Length beside Transfer-Encoding, any other framing on a response without
  content, a 1xx to an HTTP/1.0 client, a 101 without Upgrade, ``chunked`` in TE.

Every check is a dictionary lookup on fields the head already indexes.
"""

from __future__ import annotations

from typing import TypeVar

from h11pc._errors import LocalProtocolError
from h11pc._events import (
    InformationalResponse,
    Request,
    Response,
    _ResponseBase,
    parsed_request,
    parsed_response,
)
from h11pc._framing import CONTENT_LENGTH, body_framing
from h11pc._headers import Headers

__all__ = ["informational_for_sending", "request_for_sending", "response_for_sending"]

_HTTP_1_1 = b"1.1"
_CL = b"content-length"
_TE = b"transfer-encoding"
_CONNECTION = b"connection"
_TE_FIELD = b"te"
_UPGRADE_FIELD = b"upgrade"
_UPGRADE = (_UPGRADE_FIELD, b"upgrade")
_R = TypeVar("_R", bound=_ResponseBase)


def _refuse(what: str, section: str) -> LocalProtocolError:
    return LocalProtocolError(f"{what} ({section})", section=section)


def _framed_twice() -> LocalProtocolError:
    return _refuse(
        "can't send Content-Length with Transfer-Encoding: the message would be framed two ways",
        "RFC 9112 §6.2",
    )


def _without_framing(headers: Headers, status: int) -> Headers:
    """A response that has no content: ``Content-Length: 0`` is dropped, other framing
    refused (RFC 9110 §8.6, RFC 9112 §6.1)."""
    lookup = headers._index
    if _TE in lookup or lookup.get(_CL, b"0") != b"0":
        raise _refuse(
            f"a {status} response has no content: can't send Content-Length or "
            "Transfer-Encoding with it",
            "RFC 9110 §8.6, RFC 9112 §6.1",
        )
    return headers.replaced(_CL, ()) if _CL in lookup else headers


def _with_options(headers: Headers, *needed: tuple[bytes, bytes]) -> Headers:
    """``headers`` with the connection option ``option`` listed for each ``(field,
    option)`` whose field is present (RFC 9110 §7.6.1: hop-by-hop fields are named in
    Connection)."""
    lookup = headers._index
    options = headers.comma_values(_CONNECTION)
    missing = [option for field, option in needed if field in lookup and option not in options]
    if not missing:
        return headers
    return headers.replaced(_CONNECTION, options + missing)


def request_for_sending(request: Request) -> Request:
    """``request`` as h11pc sends it, or LocalProtocolError."""
    headers = request.headers
    lookup = headers._index
    if _TE in lookup and _CL in lookup:
        raise _framed_twice()
    if _TE_FIELD not in lookup and _UPGRADE_FIELD not in lookup:
        return request
    if b"chunked" in headers.comma_values(_TE_FIELD):
        raise _refuse("can't list chunked in TE: HTTP/1.1 always accepts it", "RFC 9112 §7.4")
    headers = _with_options(headers, (_TE_FIELD, b"te"), _UPGRADE)
    if headers is request.headers:
        return request
    return parsed_request(request.method, request.target, request.http_version, headers)


def informational_for_sending(
    response: InformationalResponse, their_version: bytes | None
) -> InformationalResponse:
    """``response`` (a 1xx) as h11pc sends it, or LocalProtocolError."""
    if their_version is not None and their_version < _HTTP_1_1:
        raise _refuse("can't send a 1xx response to an HTTP/1.0 client", "RFC 9110 §15.2")
    headers = response.headers
    upgrade = headers.has(_UPGRADE_FIELD)
    if response.status_code == 101 and not upgrade:
        raise _refuse("a 101 response must say what it switches to in Upgrade", "RFC 9110 §15.2.2")
    headers = _without_framing(headers, response.status_code)
    if upgrade:
        headers = _with_options(headers, _UPGRADE)
    return _replaced(response, headers)


def response_for_sending(
    response: Response,
    request_method: bytes | None,
    their_version: bytes | None,
    keep_alive: bool,
) -> Response:
    """``response`` with the framing and connection fields a server must send: chunked for
    a body of unknown length to an HTTP/1.1 client, close-delimited for older ones (RFC 9112
    §6.1, §6.3), ``close`` when the connection will not persist (§9.6), ``keep-alive`` when
    an HTTP/1.0 client's will (Appendix C.2.2); or LocalProtocolError."""
    headers = response.headers
    lookup = headers._index
    if _TE in lookup and _CL in lookup:
        raise _framed_twice()
    status = response.status_code
    if status == 204 or (request_method == b"CONNECT" and status < 300):
        headers = _without_framing(headers, status)
    # A HEAD response carries the fields a GET response would (RFC 9110 §9.3.2).
    method = b"GET" if request_method == b"HEAD" else request_method
    old_client = their_version is not None and their_version < _HTTP_1_1
    need_close = False
    # A Content-Length without Transfer-Encoding frames the body by length whatever the
    # status or method (RFC 9112 §6.3 items 1, 2 and 6): body_framing need not be asked.
    if (_TE in lookup or _CL not in lookup) and body_framing(method, response)[0] != CONTENT_LENGTH:
        headers = headers.replaced(_CL, ())
        if their_version is None or old_client:
            headers = headers.replaced(_TE, ())
            need_close = request_method != b"HEAD"
        else:
            headers = headers.replaced(_TE, (b"chunked",))
    if _UPGRADE_FIELD in lookup:
        headers = _with_options(headers, _UPGRADE)
    if not keep_alive or need_close:
        headers = _closing(headers)
    elif old_client:
        headers = _kept_alive(headers)
    return _replaced(response, headers)


def _closing(headers: Headers) -> Headers:
    """``headers`` saying ``close`` (RFC 9112 §9.6), and no longer ``keep-alive``."""
    options = headers.comma_values(_CONNECTION)
    if b"close" in options and b"keep-alive" not in options:
        return headers
    kept = {option for option in options if option != b"keep-alive"} | {b"close"}
    return headers.replaced(_CONNECTION, sorted(kept))


def _kept_alive(headers: Headers) -> Headers:
    """``headers`` saying ``keep-alive`` to an HTTP/1.0 client (RFC 9112 Appendix C.2.2),
    unless the application said ``close`` (then the connection closes)."""
    options = headers.comma_values(_CONNECTION)
    if b"close" in options or b"keep-alive" in options:
        return headers
    return headers.replaced(_CONNECTION, [*options, b"keep-alive"])


def _replaced(response: _R, headers: Headers) -> _R:
    if headers is response.headers:
        return response
    return parsed_response(
        type(response), response.status_code, response.reason, response.http_version, headers
    )
