"""Proactive content negotiation (RFC 9110 §12.5.1) on the grammar's ``Accept`` rule.

    python examples/negotiate.py ACCEPT TYPE [TYPE ...]

prints the media type to send -- of the TYPEs, listed in the server's order of preference,
the one the client weights highest -- or ``406 Not Acceptable``. For example::

    $ python examples/negotiate.py "text/*;q=0.3, application/json" text/html application/json
    application/json

The rules of §12.5.1: each available type takes the weight of the *most specific* media
range that matches it (``text/plain;format=flowed`` before ``text/plain`` before ``text/*``
before ``*/*``); a type no range matches, or whose weight is 0, is not acceptable; an
absent Accept field accepts everything. A field value that is not valid ``Accept`` syntax
is disregarded as if absent (a server MAY disregard the field, §12.5.1).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import parsy

from grammar.rfc9110 import accept, media_type
from grammar.values import MediaType, Weighted

Preferences = tuple[Weighted[MediaType], ...] | None
"""A request's parsed Accept field; None when it has none."""

# RFC 9110 §8.3.2: charset names are case-insensitive; other parameters' values need not be.
_CASE_INSENSITIVE_PARAMETERS = {b"charset"}


def preferences(field_value: bytes | None) -> Preferences:
    """The media ranges of an Accept field value, or None if absent or not valid syntax."""
    if field_value is None:
        return None
    try:
        return accept.parse(field_value)
    except parsy.ParseError:
        return None


def _same_parameter(name: bytes, wanted: bytes, offered: bytes | None) -> bool:
    if offered is None:
        return False
    if name in _CASE_INSENSITIVE_PARAMETERS:
        return wanted.lower() == offered.lower()
    return wanted == offered


def matches(media_range: MediaType, offered: MediaType) -> bool:
    """Whether ``media_range`` covers ``offered`` (types and parameter names are already
    lower case in grammar values): each of the range's parameters must be offered too."""
    if media_range.type not in (b"*", offered.type):
        return False
    if media_range.subtype not in (b"*", offered.subtype):
        return False
    return all(
        _same_parameter(name, value, offered.param(name)) for name, value in media_range.parameters
    )


def specificity(media_range: MediaType) -> tuple[int, int]:
    """How specific a range is: ``*/*`` < ``type/*`` < ``type/subtype``, then by the number
    of parameters (§12.5.1: the most specific reference has precedence)."""
    wildcards = (media_range.type == b"*") + (media_range.subtype == b"*")
    return 2 - wildcards, len(media_range.parameters)


def quality(offered: MediaType, ranges: Preferences) -> float:
    """The weight the client gives ``offered``: that of the most specific matching range,
    0 if none matches, 1 if the request has no Accept field."""
    if ranges is None:
        return 1.0
    applicable = [item for item in ranges if matches(item.value, offered)]
    if not applicable:
        return 0.0
    return max(applicable, key=lambda item: specificity(item.value)).q


def negotiate(field_value: bytes | None, available: Sequence[bytes]) -> bytes | None:
    """The available media type to send (``available`` in the server's order of preference,
    which breaks ties), or None: none is acceptable, answer 406."""
    ranges = preferences(field_value)
    best: tuple[float, bytes] | None = None
    for text in available:
        weight = quality(media_type.parse(text), ranges)
        if weight > 0 and (best is None or weight > best[0]):
            best = weight, text
    return None if best is None else best[1]


def main(arguments: list[str]) -> int:
    """The command line: print the choice, or 406; exit status 1 on 406."""
    if len(arguments) < 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    chosen = negotiate(arguments[0].encode(), [a.encode() for a in arguments[1:]])
    print("406 Not Acceptable" if chosen is None else chosen.decode())
    return 0 if chosen is not None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
