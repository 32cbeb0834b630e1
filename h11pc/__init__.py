"""h11pc: HTTP/1.1 for Python, parsed through the RFC 9110/9112 grammar; a drop-in for h11.

``import h11pc as h11`` gives h11 0.16's public API (see :mod:`h11pc.compat` to make code
that imports ``h11`` itself run on h11pc). This module only re-exports, and says which
build runs (:data:`compiled`).
"""

import sys

# First: h11pc._build chooses between compiled modules and their sources (H11PC_NO_EXTENSIONS).
from h11pc import _build
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
from h11pc._leniency import Leniency
from h11pc._state import (
    CLIENT,
    CLOSED,
    DONE,
    ERROR,
    IDLE,
    MUST_CLOSE,
    SEND_BODY,
    SEND_RESPONSE,
    SERVER,
    SWITCHED_PROTOCOL,
)
from h11pc._state import (
    MIGHT_SWITCH_PROTOCOL as MIGHT_SWITCH_PROTOCOL,
)
from h11pc._version import PRODUCT_ID as PRODUCT_ID
from h11pc._version import __version__ as __version__

compiled: bool = _build.is_compiled(sys.modules[Connection.__module__])
"""True when h11pc's modules run compiled with mypyc (``H11PC_COMPILE=1 pip install .``),
False when they run as Python (a plain install, or ``H11PC_NO_EXTENSIONS=1``)."""

__all__ = [  # h11's public names, and Leniency (h11pc's opt-in leniencies)
    "CLIENT",
    "CLOSED",
    "DONE",
    "ERROR",
    "IDLE",
    "MUST_CLOSE",
    "NEED_DATA",
    "PAUSED",
    "SEND_BODY",
    "SEND_RESPONSE",
    "SERVER",
    "SWITCHED_PROTOCOL",
    "Connection",
    "ConnectionClosed",
    "Data",
    "EndOfMessage",
    "Event",
    "InformationalResponse",
    "Leniency",
    "LocalProtocolError",
    "ProtocolError",
    "RemoteProtocolError",
    "Request",
    "Response",
]
