"""h11pc: HTTP/1.1 for Python, parsed through the RFC 9110/9112 grammar; a drop-in for h11.

``import h11pc as h11`` gives h11 0.16's public API (see :mod:`h11pc.compat` to make code
that imports ``h11`` itself run on h11pc). This module only re-exports.
"""

from h11pc._connection import NEED_DATA, PAUSED, Connection
from h11pc._errors import LocalProtocolError, ProtocolError, RemoteProtocolError
from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    Event,
    InformationalResponse,
    Request,
    Response,
)
from h11pc._state import (
    CLIENT,
    CLOSED,
    DONE,
    ERROR,
    IDLE,
    MIGHT_SWITCH_PROTOCOL,
    MUST_CLOSE,
    SEND_BODY,
    SEND_RESPONSE,
    SERVER,
    SWITCHED_PROTOCOL,
)
from h11pc._version import PRODUCT_ID, __version__

__all__ = (
    "Connection",
    "NEED_DATA",
    "PAUSED",
    "ConnectionClosed",
    "Data",
    "EndOfMessage",
    "Event",
    "InformationalResponse",
    "Request",
    "Response",
    "CLIENT",
    "CLOSED",
    "DONE",
    "ERROR",
    "IDLE",
    "MUST_CLOSE",
    "SEND_BODY",
    "SEND_RESPONSE",
    "SERVER",
    "SWITCHED_PROTOCOL",
    "ProtocolError",
    "LocalProtocolError",
    "RemoteProtocolError",
)

