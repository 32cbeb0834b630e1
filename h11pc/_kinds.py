"""The event classes under the names the protocol's hot paths use.

Strategy: the compiled build looks a name imported from an interpreted module up in the
importing module's dictionary at every use, and the event classes live in
:mod:`h11pc._events`, which stays Python (see ``setup.py``); a ``Final`` name of a compiled
module is a C static that other compiled modules read directly. So the modules that test an
event's class or make one for every event -- the connection, the state machine, the readers,
the writers, the framing rules -- name the classes here. (In the pure build each is the
class itself, one name away.) Type annotations keep the classes' own names.
"""

from __future__ import annotations

from typing import Final

from h11pc._events import (
    ConnectionClosed,
    Data,
    EndOfMessage,
    InformationalResponse,
    Request,
    Response,
    _ResponseBase,
)

__all__ = [
    "CONNECTION_CLOSED",
    "DATA",
    "END_OF_MESSAGE",
    "INFORMATIONAL_RESPONSE",
    "REQUEST",
    "RESPONSE",
    "RESPONSE_BASE",
]

REQUEST: Final = Request
RESPONSE: Final = Response
INFORMATIONAL_RESPONSE: Final = InformationalResponse
RESPONSE_BASE: Final = _ResponseBase
DATA: Final = Data
END_OF_MESSAGE: Final = EndOfMessage
CONNECTION_CLOSED: Final = ConnectionClosed
