"""The exceptions h11pc raises, and the one conversion between them.

Strategy: every problem is a :class:`ProtocolError` carrying an HTTP status a server could
answer with (``error_status_hint``) and, where the input was at fault, what failed: the
grammar rule, its RFC section and the byte offset. Code that reads or checks bytes raises
:class:`LocalProtocolError` ("this does not follow the protocol"); the connection decides
whose fault it was and, when the bytes came from the peer, converts it once with
:func:`as_remote` at the boundary of ``Connection.next_event``.
"""

from __future__ import annotations

from typing import NoReturn

from mypy_extensions import mypyc_attr

__all__ = [
    "DataAfterCloseError",
    "LocalProtocolError",
    "ProtocolError",
    "RemoteProtocolError",
    "as_remote",
]

# The errors are ordinary Python classes, even in the compiled build: DataAfterCloseError
# derives from two built-in exceptions, which mypyc's native classes cannot, and a native
# class has no Python subclasses (code written for h11 may subclass its errors).


@mypyc_attr(native_class=False)
class ProtocolError(Exception):
    """The base of h11pc's errors; use one of its two subclasses.

    ``error_status_hint`` is the status code a server might send in answer (400 unless a
    more precise one applies: 431 for an oversized head, 501 for an unsupported coding).
    ``rule``, ``section`` and ``offset`` say what failed when the error comes from parsing:
    the grammar rule's ABNF name, its RFC section and the offset of the offending byte
    within the unit being parsed; they are None otherwise.
    """

    def __init__(
        self,
        msg: str,
        error_status_hint: int = 400,
        *,
        rule: str | None = None,
        section: str | None = None,
        offset: int | None = None,
    ) -> None:
        if type(self) is ProtocolError:
            raise TypeError("tried to directly instantiate ProtocolError")
        super().__init__(msg)
        self.error_status_hint = error_status_hint
        self.rule = rule
        self.section = section
        self.offset = offset


@mypyc_attr(native_class=False)
class LocalProtocolError(ProtocolError):
    """You tried to do something HTTP/1.1 does not allow (or the bytes being read do not
    follow the protocol: inside h11pc, before the connection decides whose fault it was)."""

    def _reraise_as_remote_protocol_error(self) -> NoReturn:
        """Raise this error again as the peer's fault (h11's name for :func:`as_remote`, for
        code that catches a LocalProtocolError and finds the peer to blame)."""
        raise as_remote(self) from None


@mypyc_attr(native_class=False)
class RemoteProtocolError(ProtocolError):
    """The peer did something HTTP/1.1 does not allow; the connection is now unusable."""


@mypyc_attr(native_class=False)
class DataAfterCloseError(LocalProtocolError, RuntimeError):
    """Data was passed to ``receive_data`` after the end of input (``b""``). A misuse, so a
    LocalProtocolError; and a RuntimeError, which is what h11 raises and h11 code catches."""


def as_remote(error: LocalProtocolError) -> RemoteProtocolError:
    """``error`` restated as the peer's fault, keeping its message, hint and details."""
    remote = RemoteProtocolError(
        str(error),
        error.error_status_hint,
        rule=error.rule,
        section=error.section,
        offset=error.offset,
    )
    remote.__traceback__ = error.__traceback__
    return remote
