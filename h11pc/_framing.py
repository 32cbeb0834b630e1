"""What a message's head says about its body and about the connection after it.

Strategy: pure functions of events, shared by the readers' and the writers' side so both
frame a message the same way: the body length rules of RFC 9112 §6.3, persistence of
RFC 9112 §9.3 (with HTTP/1.0 keep-alive, Appendix C.2.2), ``Expect: 100-continue`` of
RFC 9110 §10.1.1. :func:`check_received` is where a received head's framing is judged --
the fields request smuggling lives in -- and it runs only for heads that carry a framing
field, so a plain GET pays nothing for it.
"""

from __future__ import annotations

from typing import Final

from grammar.rfc9112 import transfer_encoding
from h11pc._diagnose import FieldError
from h11pc._events import Request, _ResponseBase
from h11pc._kinds import REQUEST, RESPONSE
from h11pc._leniency import Leniency
from h11pc._patterns import TOKEN

__all__ = [
    "CHUNKED",
    "CONTENT_LENGTH",
    "UNTIL_CLOSE",
    "body_framing",
    "check_received",
    "expects_continue",
    "keeps_alive",
]

CONTENT_LENGTH: Final = "content-length"
CHUNKED: Final = "chunked"
UNTIL_CLOSE: Final = "until-close"

_HTTP_1_1: Final = b"1.1"
_CONNECTION: Final = b"connection"
_EXPECT: Final = b"expect"
_CHUNKED: Final = b"chunked"
_TE_RULE: Final = "Transfer-Encoding"


def body_framing(request_method: bytes | None, event: Request | _ResponseBase) -> tuple[str, int]:
    """How the body after ``event`` is delimited, and its length if Content-Length
    (RFC 9112 §6.3; ``request_method`` is the method of the request being answered)."""
    if type(event) is RESPONSE:
        status = event.status_code
        # Items 1 and 2: no body after HEAD, 1xx, 204, 304, or a 2xx answer to CONNECT.
        if (
            status in (204, 304)
            or request_method == b"HEAD"
            or (request_method == b"CONNECT" and 200 <= status < 300)
        ):
            return CONTENT_LENGTH, 0
    headers = event.headers
    coding = headers.transfer_encoding
    if coding is not None:
        # Items 3 and 4: Transfer-Encoding overrides Content-Length; chunked last frames
        # the body, any other last coding (a response: check_received refused such a
        # request) runs to close. Headers hold one Transfer-Encoding, "chunked" if that is
        # all it says.
        return (CHUNKED, 0) if coding == _CHUNKED else (UNTIL_CLOSE, 0)
    length = headers.content_length
    if length is not None:  # item 6: normalisation left one Content-Length, 1*DIGIT
        return CONTENT_LENGTH, int(length)
    # Item 7: a request without framing has no body; item 8: a response runs to close.
    return (CONTENT_LENGTH, 0) if type(event) is REQUEST else (UNTIL_CLOSE, 0)


def keeps_alive(event: Request | _ResponseBase) -> bool:
    """Whether the connection may persist after this message (RFC 9112 §9.3): not after
    ``close``, nor after a Connection field that is no list of options (whether it says
    close cannot be known); an HTTP/1.0 message only with ``keep-alive`` (Appendix C.2.2,
    which the server honours by echoing it, see :mod:`h11pc._outgoing`); never after a
    message framed by Transfer-Encoding despite a Content-Length (§6.1, a leniency)."""
    headers = event.headers
    if headers.plain:  # no Connection field, no Transfer-Encoding
        return event.http_version >= _HTTP_1_1
    if headers.transfer_encoding is not None and headers.content_length is not None:
        return False
    if not headers.has(_CONNECTION):
        return event.http_version >= _HTTP_1_1
    options = headers.elements(_CONNECTION)
    if options is None or b"close" in options:
        return False
    return event.http_version >= _HTTP_1_1 or b"keep-alive" in options


def expects_continue(request: Request) -> bool:
    """Whether the client waits for 100 Continue before its body (RFC 9110 §10.1.1): an
    HTTP/1.1 request whose Expect lists ``100-continue`` (an Expect that is no list of
    expectations expects nothing)."""
    if request.http_version < _HTTP_1_1:
        return False
    expectations = request.headers.elements(_EXPECT)
    return expectations is not None and b"100-continue" in expectations


def check_received(event: Request | _ResponseBase, leniency: Leniency) -> None:
    """Refuse a received head whose framing fields can be read more than one way (RFC 9112
    §6.1, §6.3): the message smugglers craft. Call it only when a framing field is present.
    Content-Length alone was checked when the headers were normalised."""
    headers = event.headers
    coding = headers.transfer_encoding
    if coding is None:
        return
    if event.http_version < _HTTP_1_1:
        # §6.1: Transfer-Encoding in an HTTP/1.0 message means faulty framing.
        raise FieldError(
            "Transfer-Encoding in an HTTP/1.0 message",
            "HTTP/1.0 has no transfer codings: the framing is faulty",
            rule=_TE_RULE,
            section="RFC 9112 §6.1",
        )
    if (
        headers.content_length is not None
        and Leniency.CONTENT_LENGTH_WITH_TRANSFER_ENCODING not in leniency
    ):
        # §6.1: a server MAY reject it; §6.3 item 3: it "ought to be handled as an error".
        raise FieldError(
            "Content-Length and Transfer-Encoding both given",
            "a message framed two ways is how requests are smuggled",
            rule=_TE_RULE,
            section="RFC 9112 §6.1",
        )
    if coding != _CHUNKED:
        _check_codings(coding, type(event) is REQUEST)


def _check_codings(value: bytes, request: bool) -> None:
    """A Transfer-Encoding list other than plain ``chunked`` (already proven a valid list):
    a request whose last coding is not chunked cannot be framed (§6.3 item 4: 400); a
    response's runs to close; chunked twice or with parameters is malformed (§6.1, §7.1);
    another coding before chunked is one h11pc does not implement (§6.1: 501)."""
    # The codings' octets, by the list's compiled pattern, and each one's name, the token it
    # begins with: what is after the name is its parameters. No value is built: parsing a
    # sender's list of thousands of codings would cost the parser's time for each.
    codings = transfer_encoding.split(value)
    names = [_name(coding) for coding in codings]
    if not names or names[-1] != _CHUNKED:
        if request:
            raise FieldError(
                "Transfer-Encoding does not end in chunked",
                "a request body's length cannot be determined",
                rule=_TE_RULE,
                section="RFC 9112 §6.3",
            )
        return  # item 4: the response body runs until the connection closes
    if names.count(_CHUNKED) > 1 or codings[-1] != _CHUNKED:  # twice, or with parameters
        raise FieldError(
            "malformed Transfer-Encoding",
            "chunked is applied once, last, without parameters",
            rule=_TE_RULE,
            section="RFC 9112 §7.1",
        )
    if len(names) > 1:
        raise FieldError(
            "unsupported Transfer-Encoding",
            f"h11pc implements the chunked coding alone, not {value!r}",
            rule=_TE_RULE,
            section="RFC 9112 §6.1",
            hint=501,
        )


def _name(coding: bytes) -> bytes:
    """The name of the proven ``transfer-coding`` ``coding``: the token it begins with
    (RFC 9110 §10.1.4)."""
    name = TOKEN.match(coding)
    assert name is not None  # a transfer-coding is a token, then its parameters
    return name.group()
