"""What a message's head says about its body and about the connection after it.

Strategy: pure functions of events, shared by the readers' and the writers' side so both
frame a message the same way: the body length rules of RFC 9112 §6.3, persistence of
RFC 9112 §9.3, ``Expect: 100-continue`` of RFC 9110 §10.1.1, and the framing fields a server
must put right before sending a response -- the ones h11 adds, spelled as h11 spells them.
"""

from __future__ import annotations

from typing import Final

from h11pc._events import Request, Response, _ResponseBase, parsed_response

__all__ = [
    "CHUNKED",
    "CONTENT_LENGTH",
    "UNTIL_CLOSE",
    "body_framing",
    "expects_continue",
    "keeps_alive",
    "response_for_sending",
]

CONTENT_LENGTH: Final = "content-length"
CHUNKED: Final = "chunked"
UNTIL_CLOSE: Final = "until-close"

_HTTP_1_1 = b"1.1"


def body_framing(request_method: bytes | None, event: Request | _ResponseBase) -> tuple[str, int]:
    """How the body after ``event`` is delimited, and its length if Content-Length
    (RFC 9112 §6.3; ``request_method`` is the method of the request being answered)."""
    if type(event) is Response:
        status = event.status_code
        # Items 1 and 2: no body after HEAD, 1xx, 204, 304, or a 2xx answer to CONNECT.
        if (
            status in (204, 304)
            or request_method == b"HEAD"
            or (request_method == b"CONNECT" and 200 <= status < 300)
        ):
            return CONTENT_LENGTH, 0
    headers = event.headers
    # Items 4 and 5: normalisation left at most one Transfer-Encoding (exactly "chunked")
    # and at most one Content-Length (1*DIGIT).
    if headers.has(b"transfer-encoding"):
        return CHUNKED, 0
    if headers.has(b"content-length"):
        return CONTENT_LENGTH, int(headers._lookup()[b"content-length"])
    # Item 7: a request without framing has no body; item 8: a response runs to close.
    return (CONTENT_LENGTH, 0) if type(event) is Request else (UNTIL_CLOSE, 0)


def keeps_alive(event: Request | _ResponseBase) -> bool:
    """Whether the connection may persist after this message (RFC 9112 §9.3): not after
    ``Connection: close``, nor with an HTTP/1.0 peer (h11 does not do 1.0 keep-alive)."""
    if event.http_version < _HTTP_1_1:
        return False
    return b"close" not in event.headers.comma_values(b"connection")


def expects_continue(request: Request) -> bool:
    """Whether the client waits for 100 Continue before its body (RFC 9110 §10.1.1)."""
    if request.http_version < _HTTP_1_1:
        return False
    return b"100-continue" in request.headers.comma_values(b"expect")


def response_for_sending(
    response: Response,
    request_method: bytes | None,
    their_version: bytes | None,
    keep_alive: bool,
) -> Response:
    """``response`` with the framing fields a server must send: chunked for a body of
    unknown length to an HTTP/1.1 client, close-delimited for older ones (RFC 9112 §6.1,
    §6.3), and ``Connection: close`` when the connection will not persist (§9.6)."""
    # A HEAD response carries the fields a GET response would (RFC 9110 §9.3.2).
    method = b"GET" if request_method == b"HEAD" else request_method
    headers = response.headers
    need_close = False
    if body_framing(method, response)[0] != CONTENT_LENGTH:
        headers = headers.replaced(b"content-length", ())
        if their_version is None or their_version < _HTTP_1_1:
            headers = headers.replaced(b"transfer-encoding", ())
            need_close = request_method != b"HEAD"
        else:
            headers = headers.replaced(b"transfer-encoding", (b"chunked",))
    if not keep_alive or need_close:
        options = set(headers.comma_values(b"connection"))
        options.discard(b"keep-alive")
        options.add(b"close")
        headers = headers.replaced(b"connection", sorted(options))
    if headers is response.headers:
        return response
    return parsed_response(
        Response, response.status_code, response.reason, response.http_version, headers
    )
