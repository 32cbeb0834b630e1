"""What we send: the fields h11pc adds to a head, drops from it, and the heads it refuses.

Strategy: a head an application hands to ``send`` passes through here first. Applications
mostly reach h11pc through a framework (uvicorn, hypercorn) that has started the response
before the head is checked: refusing it then kills the response, and the application's
author cannot fix the framework. So where RFC 9112 / RFC 9110 forbids a sender a field and
the message means the same without it, the field is **dropped**; where the RFC makes a
field a consequence of others, it is **added**; only a head no repair can make faithful is
**refused** with LocalProtocolError naming the section:

* dropped -- Content-Length beside Transfer-Encoding (RFC 9112 §6.2: Transfer-Encoding
  frames the message, as h11 decides too); Content-Length and Transfer-Encoding on a
  response that cannot have content, a 1xx, a 204 or a 2xx to CONNECT (RFC 9110 §8.6, RFC
  9112 §6.1); ``chunked`` listed in TE (RFC 9112 §7.4: always acceptable, never listed);
  a whole 1xx to an HTTP/1.0 client (RFC 9110 §15.2), which it could not read: interim
  responses carry no part of the final one;
* added -- the framing h11 adds (chunked for a body of unknown length to HTTP/1.1,
  close-delimited for HTTP/1.0), ``Connection: close`` when the connection will not
  persist (RFC 9112 §9.6), ``keep-alive`` echoed to an HTTP/1.0 client whose connection we
  keep (RFC 9112 Appendix C.2.2), and the ``upgrade`` / ``te`` connection options that must
  accompany Upgrade and TE (RFC 9110 §7.8, RFC 9112 §7.4);
* refused -- a 101 that does not say what it switches to (RFC 9110 §15.2.2). (Body data
  for a response that has no content is refused by the body writer.)

The Connection field h11pc writes is one field line: when the connection closes, it is
rewritten as h11 writes it (``Connection: close``, last), the application's other options
merged into it without repeats; an option h11pc adds otherwise joins the application's
own Connection line. Every check is a dictionary lookup on fields the head already indexes.
"""

from __future__ import annotations

from typing import Final, TypeVar

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

_HTTP_1_1: Final = b"1.1"
_CL: Final = b"content-length"
_TE: Final = b"transfer-encoding"
_CONNECTION: Final = b"connection"
_TE_FIELD: Final = b"te"
_UPGRADE_FIELD: Final = b"upgrade"
_CHUNKED: Final = b"chunked"
_UPGRADE: Final = (_UPGRADE_FIELD, b"upgrade")
_R = TypeVar("_R", bound=_ResponseBase)


def _framed_once(headers: Headers) -> Headers:
    """``headers`` without Content-Length if Transfer-Encoding frames the message too
    (RFC 9112 §6.2: a sender MUST NOT send both; §6.3: Transfer-Encoding overrides it)."""
    if headers.transfer_encoding is not None and headers.content_length is not None:
        return headers.replaced(_CL, ())
    return headers


def _without_framing(headers: Headers) -> Headers:
    """``headers`` of a response that has no content, without Content-Length and
    Transfer-Encoding (RFC 9110 §8.6, RFC 9112 §6.1: a server MUST NOT send them with a
    1xx, a 204 or a 2xx to CONNECT; the status says there is no content, so they add
    nothing)."""
    return headers.replaced(_CL, ()).replaced(_TE, ())


def _with_options(headers: Headers, *needed: tuple[bytes, bytes]) -> Headers:
    """``headers`` with the connection option for each ``(field, option)`` whose field is
    present (RFC 9110 §7.6.1: hop-by-hop fields are named in Connection), added to the
    application's own Connection line."""
    options = headers.elements(_CONNECTION) or ()
    missing = [option for field, option in needed if headers.has(field) and option not in options]
    if not missing:
        return headers
    return headers.extended(_CONNECTION, missing)


def _without_chunked_te(headers: Headers) -> Headers:
    """``headers`` without ``chunked`` in TE (RFC 9112 §7.4: a client MUST NOT send it;
    HTTP/1.1 always accepts chunked), and without TE if nothing else was listed. A TE that
    is no list of codings is left as it is: what it lists cannot be known."""
    codings = headers.elements(_TE_FIELD)
    if codings is None or _CHUNKED not in codings:
        return headers
    kept = [coding for coding in codings if coding != _CHUNKED]
    return headers.replaced(_TE_FIELD, [b", ".join(kept)] if kept else ())


def request_for_sending(request: Request) -> Request:
    """``request`` as h11pc sends it (see the module docstring)."""
    if request.headers.plain:
        return request  # nothing to drop, no option to add
    headers = _framed_once(request.headers)
    if headers.has(_TE_FIELD) or headers.has(_UPGRADE_FIELD):
        headers = _with_options(_without_chunked_te(headers), (_TE_FIELD, b"te"), _UPGRADE)
    if headers is request.headers:
        return request
    return parsed_request(request.method, request.target, request.http_version, headers)


def informational_for_sending(
    response: InformationalResponse, their_version: bytes | None
) -> InformationalResponse | None:
    """``response`` (a 1xx) as h11pc sends it; None if it is not sent at all (to an
    HTTP/1.0 client, RFC 9110 §15.2); or LocalProtocolError."""
    headers = response.headers
    upgrade = headers.has(_UPGRADE_FIELD)
    if response.status_code == 101 and not upgrade:
        raise LocalProtocolError(
            "a 101 response must say what it switches to in Upgrade (RFC 9110 §15.2.2)",
            section="RFC 9110 §15.2.2",
        )
    if their_version is not None and their_version < _HTTP_1_1:
        return None
    headers = _without_framing(headers)
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
    an HTTP/1.0 client's will (Appendix C.2.2); without the framing fields it may not send."""
    status = response.status_code
    headers = response.headers
    # Whether the application gave no field that needs more than the framing: what h11pc
    # adds for the framing (Transfer-Encoding) adds no connection option.
    plain = headers.plain
    if status == 204 or (request_method == b"CONNECT" and status < 300):
        headers = _without_framing(headers)
    elif not plain:
        headers = _framed_once(headers)
    # A HEAD response carries the fields a GET response would (RFC 9110 §9.3.2).
    method = b"GET" if request_method == b"HEAD" else request_method
    old_client = their_version is not None and their_version < _HTTP_1_1
    need_close = False
    # A Content-Length frames the body by length whatever the status or method (RFC 9112
    # §6.3 items 1, 2 and 6), and is left only where no Transfer-Encoding is (above):
    # body_framing need not be asked.
    if headers.content_length is None and body_framing(method, response)[0] != CONTENT_LENGTH:
        if their_version is None or old_client:
            headers = headers.replaced(_TE, ())
            need_close = request_method != b"HEAD"
        else:
            headers = headers.replaced(_TE, (_CHUNKED,))
    if not plain and headers.has(_UPGRADE_FIELD):
        headers = _with_options(headers, _UPGRADE)
    if not keep_alive or need_close or (not plain and _unreadable_options(headers)):
        headers = _closing(headers)
    elif old_client:
        headers = _kept_alive(headers)
    return _replaced(response, headers)


def _unreadable_options(headers: Headers) -> bool:
    """Whether the Connection field is no list of options: whether it says ``close`` cannot
    be known, so the connection closes (:func:`h11pc._framing.keeps_alive`) and says so."""
    return headers.has(_CONNECTION) and headers.elements(_CONNECTION) is None


def _closing(headers: Headers) -> Headers:
    """``headers`` whose Connection field says ``close`` (RFC 9112 §9.6) and no longer
    ``keep-alive``: one field line, last, as h11 writes it, with the application's other
    options (lower-cased, each once, sorted as h11 sorts them; none if its field was no
    list of options)."""
    options = set(headers.elements(_CONNECTION) or ())
    options.discard(b"keep-alive")
    options.add(b"close")
    return headers.replaced(_CONNECTION, [b", ".join(sorted(options))])


def _kept_alive(headers: Headers) -> Headers:
    """``headers`` saying ``keep-alive`` to an HTTP/1.0 client (RFC 9112 Appendix C.2.2),
    unless the application said ``close`` (then the connection closes)."""
    options = headers.elements(_CONNECTION) or ()
    if b"close" in options or b"keep-alive" in options:
        return headers
    return headers.extended(_CONNECTION, [b"keep-alive"])


def _replaced(response: _R, headers: Headers) -> _R:
    if headers is response.headers:
        return response
    return parsed_response(
        type(response), response.status_code, response.reason, response.http_version, headers
    )
