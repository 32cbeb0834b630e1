"""Opt-in leniencies: named departures from strict RFC 9112 parsing, for peers that break it.

Strategy: h11pc parses strictly by default -- the grammar is exactly the RFC, and the
readers refuse what it refuses. A :class:`Leniency` flag, given to ``Connection(...,
leniency=...)``, lets one reader accept one well-known kind of breakage, each for a
real-world case and each within what the RFC allows a recipient to do (the section is named
on the flag). Leniencies live in the readers, on the paths taken only after the strict
check failed, so the strict common path pays nothing for them.

A leniency is for talking to a peer you cannot fix -- mostly a client talking to an old or
embedded server. A server that enables one widens what it accepts from anyone who connects.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

__all__ = ["STRICT", "Leniency", "as_leniency"]


class Leniency(enum.Flag):
    """What a :class:`~h11pc.Connection` may accept beyond RFC 9112. Combine with ``|``
    (``Leniency.BARE_LF | Leniency.CHUNK_SIZE_WHITESPACE``), or pass a set of them."""

    BARE_LF = enum.auto()
    """A bare LF ends a line of the message head (RFC 9112 §2.2: a recipient MAY recognise
    a single LF as a line terminator and ignore a preceding CR). For embedded servers that
    end lines with LF only -- the Boa server of IP cameras (h11 issue #7, httpx issue
    #1378); h11 accepts such heads."""

    EMPTY_LINES_BEFORE_REQUEST = enum.auto()
    """Empty lines (CRLF; LF alone too with ``BARE_LF``) before a request-line are skipped,
    as RFC 9112 §2.2 says a server SHOULD, instead of refused as h11 refuses them. For
    clients that follow a request with an extra CRLF (old browsers did, after a POST)."""

    OBS_FOLD = enum.auto()
    """``obs-fold`` in a request head or trailer section is replaced by SP instead of
    refused with 400 (RFC 9112 §5.2 lets a server do either). For very old clients that
    still fold long field values; h11 unfolds them. Responses are always unfolded."""

    INVALID_FIELD_LINES = enum.auto()
    """A line of the head that is not a ``field-line`` (no colon, a space or other octet
    the name may not hold, a control octet in the value) is dropped instead of failing the
    message, as browsers and curl do (RFC 9112 §2.2 asks a *server* to reject input that
    does not match the grammar; it gives a client no rule). For servers that send junk
    lines (h11 issues #95, #130). A dropped line that names ``Content-Length`` or
    ``Transfer-Encoding`` still fails: guessing the framing is how messages get smuggled."""

    MISSING_REASON_SP = enum.auto()
    """A status line that ends right after the status code (``HTTP/1.1 200``, no SP) is
    read as if the SP were there (RFC 9112 §4 requires it). For servers that omit it along
    with an empty reason phrase; h11 accepts them."""

    CHUNK_SIZE_WHITESPACE = enum.auto()
    """SP or HTAB between a chunk-size (or its extensions) and the CRLF is ignored (RFC
    9112 §7.1 allows none). For servers that pad chunk sizes (``5 \\r\\n``), which h11 and
    llhttp's lenient mode accept."""

    CONTENT_LENGTH_WITH_TRANSFER_ENCODING = enum.auto()
    """A message with both ``Content-Length`` and ``Transfer-Encoding`` is framed by the
    Transfer-Encoding alone and the connection closed after it, as RFC 9112 §6.1 allows a
    server and §6.3 (item 3) describes, instead of refused with 400. For old servers and
    proxies that send both; h11 reads them by Transfer-Encoding (and keeps the
    connection, which h11pc never does)."""


STRICT: Final = Leniency(0)
"""No leniency: the default."""


def as_leniency(value: Leniency | Iterable[Leniency]) -> Leniency:
    """``value`` as one :class:`Leniency` (a flag, or an iterable of flags combined)."""
    if isinstance(value, Leniency):
        return value
    combined = STRICT
    for flag in value:
        if not isinstance(flag, Leniency):
            raise TypeError(f"expected Leniency flags, not {flag!r}")
        combined |= flag
    return combined
