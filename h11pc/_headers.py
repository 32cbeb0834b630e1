"""Header fields: the read-only sequence events carry, the questions h11pc asks of it, and
the rules that normalise it.

Strategy: a :class:`Headers` holds its fields in one immutable form, three parallel tuples
-- the names as the sender spelled them, those names lower-cased, the values -- the form a
field section is cut into (:func:`h11pc._fields.split_fields`), so received fields are kept
as they were cut. Iteration, indexing and equality see ``(lower-cased name, value)`` pairs,
as h11's do; :meth:`Headers.raw_items` the sender's spelling. A dict from lower-cased name
to value answers the connection's questions (:meth:`~Headers.has`, :meth:`~Headers.get`) in
one lookup -- the framing fields', asked on every message, once, as the headers are made
(:attr:`~Headers.content_length`, :attr:`~Headers.transfer_encoding`) -- and
:meth:`~Headers.elements` reads a list-valued field through its own rule of the grammar
(RFC 9110 §5.6.1), never by splitting at commas: ``Expect: foo="x,100-continue"`` holds one
expectation.

Headers come two ways, each a named constructor: :meth:`Headers.from_user` checks names and
values against the grammar's ``field-name`` and ``field-value``; :meth:`Headers.from_wire`
takes fields a reader proved with the head's pattern and only normalises them. Either way
Content-Length values must agree (RFC 9110 §8.6) and collapse to one field. A user's
Transfer-Encoding must be exactly ``chunked``, as h11 requires (the only coding it writes);
a received one may be any list of codings the RFC allows, combined into one field, for
:mod:`h11pc._framing` to judge. Only the framing fields cost work (and a lone Content-Length
of one value, the common case, only its check): other fields are stored as they come.
"""

from __future__ import annotations

from _abc import _abc_init
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final, overload

import parsy

from grammar.abnf import ListOf, compile_pattern
from grammar.rfc9110 import connection, content_length_list, expect, te, upgrade
from grammar.rfc9112 import transfer_encoding
from h11pc._diagnose import FieldError
from h11pc._errors import LocalProtocolError
from h11pc._patterns import (
    CONTENT_LENGTH,
    CONTENT_LENGTH_LIST,
    FIELD_LINES_SENT,
    FIELD_NAME,
    FIELD_VALUE,
)
from h11pc._util import MAX_LENGTH, MAX_LENGTH_DIGITS, remember, to_bytes

__all__ = ["MANAGED", "Fields", "HeaderInput", "Headers", "joined_lines", "lowered"]

Pair = tuple[bytes, bytes]
Fields = tuple[list[bytes], list[bytes], list[bytes]]
"""Fields as cut from a head: their names as sent, those names lower-cased, their values."""

_CONTENT_LENGTH: Final = b"content-length"
_TRANSFER_ENCODING: Final = b"transfer-encoding"
_CHUNKED: Final = b"chunked"
_JUST_CHUNKED: Final = (_CHUNKED,)
_CRLF: Final = b"\r\n"
_LF: Final = b"\n"
_COLON_SP: Final = b": "
_ONLY_BYTES: Final = {bytes}
_COMMA: Final = ord(",")
"""A comma as an octet: ``octet in value`` takes a far quicker way than ``b"," in value``."""

_LISTS: Final[dict[bytes, ListOf[Any]]] = {
    b"connection": connection.list_node,
    b"upgrade": upgrade.list_node,
    b"expect": expect.list_node,
    b"te": te.list_node,
    _TRANSFER_ENCODING: transfer_encoding.list_node,
    _CONTENT_LENGTH: content_length_list,
}
"""The list-valued fields h11pc asks about, each read by its rule (RFC 9110 §7.6.1, §7.8,
§10.1.1, §10.1.4, §8.6; RFC 9112 §6.1)."""
MANAGED: Final = frozenset({b"connection", b"expect", b"te", _TRANSFER_ENCODING, b"upgrade"})
"""The fields, Content-Length aside, whose presence changes what h11pc does with a message:
its framing (Transfer-Encoding), persistence and options (Connection, TE, Upgrade), a wait
for 100 Continue (Expect). :attr:`Headers.plain` says a message has none of them."""
_ONE_ELEMENT: Final = {name: compile_pattern(rule.element) for name, rule in _LISTS.items()}
"""Each list's element, compiled by the grammar: a value without a comma is the list of
that one element exactly when it matches (the common case, read without the list reader)."""


class Headers(Sequence[Pair]):
    """The header fields of a message: a read-only sequence of ``(name, value)`` pairs of
    bytes, names lower-cased, in the order received or given. It compares equal to any
    sequence of the same pairs; :meth:`raw_items` keeps the sender's spelling of names.
    ``Headers(fields)`` is :meth:`from_user`."""

    __slots__ = (
        "_index",
        "_lines",
        "_lowered",
        "_names",
        "_repeats",
        "_values",
        "content_length",
        "plain",
        "transfer_encoding",
    )

    _names: list[bytes]
    _lowered: list[bytes]
    _values: list[bytes]
    _index: dict[bytes, bytes]
    """Lower-cased name -> value (the last, for a repeated name)."""
    _repeats: bool
    """Whether some name occurs more than once (then ``_index`` keeps its last value)."""
    _lines: bytes | None
    """:meth:`field_lines`, once asked for."""
    plain: bool
    """Whether none of the fields is one that moves the connection beyond the body's length
    (:data:`MANAGED`): what most messages are, and then each of those questions is answered
    without asking it. Read-only, as the fields are."""
    content_length: bytes | None
    """The Content-Length, once normalised: the one length its field lines agree on
    (``1*DIGIT``); None without one. Read-only."""
    transfer_encoding: bytes | None
    """The Transfer-Encoding, its field lines combined into one list (a received one
    lower-cased: ``chunked`` if that is all it says); None without one. Read-only."""

    def __init__(
        self,
        fields: HeaderInput = (),
        _names: list[bytes] | None = None,
        _lowered: list[bytes] | None = None,
        _values: list[bytes] | None = None,
        _index: dict[bytes, bytes] | None = None,
        _lines: bytes | None = None,
        /,
    ) -> None:
        # The private arguments, ``Headers((), names, lowered, values, index, lines)``, are
        # how this module makes headers of fields already checked and normalised, in lists
        # no one changes after (a head's are kept as it was cut), with their index and
        # field_lines() if the caller has them. (The compiled build cannot make a Headers
        # without calling __init__.) Positional only: keywords, or a tuple of them, cost
        # every received head more.
        if _values is not None:
            assert _names is not None and _lowered is not None
            self._names, self._lowered, self._values = _names, _lowered, _values
            self._index = dict(zip(_lowered, _values, strict=True)) if _index is None else _index
            self._repeats = len(self._index) != len(_values)
            self._lines = _lines
            # The framing fields' values, which the connection asks for on every message:
            # looked up here once, read as attributes after (a method call costs more than
            # the lookup itself).
            index = self._index
            self.plain = plain = MANAGED.isdisjoint(index)
            self.content_length = index.get(_CONTENT_LENGTH)
            self.transfer_encoding = None if plain else index.get(_TRANSFER_ENCODING)
            return
        built = Headers.from_user(fields)
        self._names, self._lowered, self._values = built._names, built._lowered, built._values
        self._index, self._repeats = built._index, built._repeats
        self._lines, self.plain = built._lines, built.plain
        self.content_length, self.transfer_encoding = built.content_length, built.transfer_encoding

    @classmethod
    def from_user(cls, fields: HeaderInput) -> Headers:
        """Headers an application gives: names and values of bytes or ASCII str, checked
        against the grammar's ``field-name`` and ``field-value`` (RFC 9110 §5.1, §5.5),
        framing fields normalised as h11 normalises them."""
        # A list (the usual input) is no Headers: spare it the ABC's isinstance.
        if type(fields) is not list and isinstance(fields, Headers):
            return fields
        pairs = tuple(fields)
        # Only tuples of bytes make a key: an ASCII str hashes as the equal bytes do, and
        # comparing the two warns under -bb; a pair of another kind (a list, an iterator
        # h11 also takes) is read once, by _checked. (A loop asks each type: cheaper than
        # joining them all.) Either way the list is checked, and not kept.
        for pair in pairs:
            if type(pair) is not tuple:
                return _checked(pairs)
            name, value = pair  # two of each, or ValueError (as in h11)
            if type(name) is not bytes or type(value) is not bytes:
                return _checked(pairs)
        known = _CHECKED.get(pairs)
        if known is None:
            known = remember(_CHECKED, pairs, _checked(pairs))
        return known

    @classmethod
    def from_wire(cls, names: list[bytes], lowered: list[bytes], values: list[bytes]) -> Headers:
        """Headers of fields a reader proved (names as sent, lower-cased, values), framing
        fields combined as RFC 9110 reads them (§5.3, §8.6)."""
        return _normalized(names, lowered, values, _received_coding)

    # -- the sequence -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Pair]:
        # Plain zip on the hot paths (iteration, raw_items, indexing a received head): the
        # columns are parallel by construction, and ``strict=`` makes zip a keyword call,
        # parsed in C on every use (about as costly as the zip of a small head itself).
        return zip(self._lowered, self._values)  # noqa: B905

    @overload
    def __getitem__(self, index: int) -> Pair: ...
    @overload
    def __getitem__(self, index: slice) -> list[Pair]: ...
    def __getitem__(self, index: int | slice) -> Pair | list[Pair]:
        if isinstance(index, slice):
            return list(zip(self._lowered[index], self._values[index], strict=True))
        return self._lowered[index], self._values[index]

    def __contains__(self, item: object) -> bool:
        return any(pair == item for pair in self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Headers):
            return self._lowered == other._lowered and self._values == other._values
        if isinstance(other, (list, tuple, Sequence)):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((tuple(self._lowered), tuple(self._values)))

    def __repr__(self) -> str:
        return f"<Headers({list(self)!r})>"

    def raw_items(self) -> list[Pair]:
        """The fields with their names as the sender spelled them."""
        return list(zip(self._names, self._values))  # noqa: B905 -- see __iter__

    def field_lines(self) -> bytes:
        """The fields as sent: each ``name: value`` line, names as the sender spelled
        them, CRLF between lines (none after the last). Kept once made: a server sends the
        headers of :meth:`from_user` response after response."""
        lines = self._lines
        if lines is None:
            lines = self._lines = joined_lines(zip(self._names, self._values, strict=True))
        return lines

    # -- questions --------------------------------------------------------------------------

    def has(self, name: bytes) -> bool:
        """Whether a field called ``name`` (lower case) is present."""
        return name in self._index

    def get(self, name: bytes) -> bytes | None:
        """The value of the field called ``name`` (lower case; the last one, if several:
        the framing fields are one each once normalised), or None."""
        return self._index.get(name)

    def count_of(self, name: bytes) -> int:
        """How many fields are called ``name`` (lower case). (``count`` is the sequence's:
        how many times a pair occurs.)"""
        if name not in self._index:
            return 0
        return self._lowered.count(name) if self._repeats else 1

    def elements(self, name: bytes) -> tuple[bytes, ...] | None:
        """The lower-cased elements of the list the ``name`` fields hold together (RFC 9110
        §5.3, §5.6.1), as the field's rule reads it (Connection, Upgrade, Expect, TE,
        Transfer-Encoding, Content-Length): empty elements skipped, commas inside quoted
        strings kept. ``()`` without such a field; None if the value is no such list --
        each caller says what that means for its field."""
        value = self._index.get(name)
        if value is None:
            return ()
        if self._repeats:
            value = b", ".join(
                v for n, v in zip(self._lowered, self._values, strict=True) if n == name
            )
        # Lower-casing changes letters only: the list's syntax is the same either way.
        value = value.lower()
        if _COMMA not in value and _ONE_ELEMENT[name].fullmatch(value) is not None:
            return (value,)
        try:
            return _LISTS[name].split(value)
        except parsy.ParseError:
            return None

    # -- the fields h11pc writes ------------------------------------------------------------

    def replaced(self, name: bytes, values: Iterable[bytes]) -> Headers:
        """These headers without any ``name`` field, then one field per value, its name in
        title case (``Transfer-Encoding``): the fields h11 adds itself."""
        values = tuple(values)
        if not values and not self.has(name):
            return self
        keep = [at for at, field in enumerate(self._lowered) if field != name]
        title = name.title()
        return Headers(
            (),
            [*(self._names[at] for at in keep), *(title for _ in values)],
            [*(self._lowered[at] for at in keep), *(name for _ in values)],
            [*(self._values[at] for at in keep), *values],
        )

    def extended(self, name: bytes, elements: Iterable[bytes]) -> Headers:
        """These headers with ``elements`` added to the list (RFC 9110 §5.6.1) of the first
        ``name`` field, its spelling kept; in a new field at the end (its name in title
        case) if there is none."""
        addition = b", ".join(elements)
        if name not in self._index:
            return self.replaced(name, (addition,))
        at = self._lowered.index(name)
        values = list(self._values)
        values[at] = values[at] + b", " + addition if values[at] else addition
        return Headers((), list(self._names), list(self._lowered), values)


# ABCMeta gives each class its own registry of virtual subclasses (and cache of answers)
# when it makes the class; mypyc makes the compiled class without it, which then shared
# Sequence's and took any tuple or list for a Headers. Its own, in either build:
_abc_init(Headers)

HeaderInput = Headers | Iterable[tuple[bytes | str, bytes | str]]
"""What an event's ``headers`` argument accepts: pairs of bytes or ASCII str."""


_CHECKED: Final[dict[tuple[tuple[bytes, bytes], ...], Headers]] = {}
"""The headers of field lists applications gave before, by the list: a server sends the
same fields (Server, Content-Type, the Date of the current second...) response after
response, and checking them is most of what building a response costs. Headers are
immutable, so one serves every response that gives the same fields."""


def _checked(pairs: Sequence[Any]) -> Headers:
    """The headers of the fields ``pairs``, checked (see :meth:`Headers.from_user`)."""
    # Each pair read once (it may be an iterator): two of each, or ValueError (as in h11).
    fields = [(name, value) for name, value in pairs]
    names = [name for name, _ in fields]
    values = [value for _, value in fields]
    kinds = set(map(type, names))
    kinds.update(map(type, values))
    if kinds != _ONLY_BYTES:
        names, values = _as_bytes(names, values)
    # All the lines checked at once (RFC 9110 §5.1, §5.5): joined as they will be sent,
    # each ``field-name ": " field-value``; a value holding a line end would make one line
    # more than there are fields.
    lines = joined_lines(zip(names, values, strict=True))
    if names and (
        FIELD_LINES_SENT.fullmatch(lines) is None or lines.count(b"\n") != len(names) - 1
    ):
        _refuse_illegal(names, values)
    return _normalized(names, lowered(names), values, _sendable_coding, lines)


def joined_lines(fields: Iterable[Pair]) -> bytes:
    """The field lines of ``fields``, each ``name: value``, CRLF between them."""
    # Each line is its name and value joined by ": ", in C (no Python loop).
    return _CRLF.join(map(_COLON_SP.join, fields))


def _as_bytes(names: list[Any], values: list[Any]) -> tuple[list[bytes], list[bytes]]:
    """Names and values an application gave as str or bytes-like, as bytes (str must be
    ASCII)."""
    return (
        [to_bytes(name, "header name") for name in names],
        [to_bytes(value, "header value") for value in values],
    )


def _refuse_illegal(names: list[bytes], values: list[bytes]) -> None:
    """Raise for the first field that is no ``field-name`` / ``field-value`` (h11's
    words)."""
    for name, value in zip(names, values, strict=True):
        if FIELD_NAME.fullmatch(name) is None:
            raise LocalProtocolError(f"Illegal header name {name!r}")
        if FIELD_VALUE.fullmatch(value) is None:
            raise LocalProtocolError(f"Illegal header value {value!r}")
    raise AssertionError("the field lines and their fields disagree")  # pragma: no cover


def lowered(names: list[bytes]) -> list[bytes]:
    """``names`` lower-cased."""
    # One lower() for all names: a proven field-name holds no LF to join them with.
    return _LF.join(names).lower().split(_LF) if names else []


Codings = Callable[[list[bytes]], bytes]
"""How the values of a message's Transfer-Encoding field lines become one field's value."""


def _normalized(
    names: list[bytes],
    lowered: list[bytes],
    values: list[bytes],
    codings: Codings,
    lines: bytes | None = None,
) -> Headers:
    """The headers of these fields, the framing fields normalised if there are any -- short
    of one Content-Length field of one value, which normalising would keep as it is once
    checked (``lines``: these fields' :func:`joined_lines`, if had)."""
    # A loop with a counter, not dict(zip()) nor enumerate: making either iterator costs
    # more than indexing a head's few fields one by one (a lone Host field: 1,900
    # instructions against zip's 3,600; eleven fields cost the three alike).
    index: dict[bytes, bytes] = {}
    at = 0
    for name in lowered:
        index[name] = values[at]
        at += 1  # noqa: SIM113
    if _TRANSFER_ENCODING in index:
        return _framed(names, lowered, values, codings)
    length = index.get(_CONTENT_LENGTH)
    if length is not None:
        if len(index) != len(values) or _COMMA in length:
            return _framed(names, lowered, values, codings)
        if len(length) >= MAX_LENGTH_DIGITS or CONTENT_LENGTH.fullmatch(length) is None:
            _content_length(length)  # raises, saying why, unless a long length is in bounds
    return Headers((), names, lowered, values, index, lines)


def _framed(
    names: list[bytes], lowered: list[bytes], values: list[bytes], codings: Codings
) -> Headers:
    """The fields with the framing fields normalised: Content-Length values agree (RFC 9110
    §8.6) and collapse to one field; the Transfer-Encoding field lines become one field,
    where the first was, whose value ``codings`` makes of theirs."""
    kept: Fields = ([], [], [])
    length: bytes | None = None
    coding_values: list[bytes] = []
    coding_at = -1
    for name, low, value in zip(names, lowered, values, strict=True):
        if low == _CONTENT_LENGTH:
            value = _content_length(value)  # noqa: PLW2901 -- the value kept is the length
            if length is not None:
                if value != length:
                    raise _conflicting_lengths(length, value)
                continue  # an identical repeat adds nothing (RFC 9110 §8.6)
            length = value
        elif low == _TRANSFER_ENCODING:
            coding_values.append(value)
            if coding_at >= 0:
                continue  # combined into the first Transfer-Encoding field
            coding_at = len(kept[2])
        for column, item in zip(kept, (name, low, value), strict=True):
            column.append(item)
    if coding_at >= 0:
        kept[2][coding_at] = codings(coding_values)
    return Headers((), *kept)


def _sendable_coding(values: list[bytes]) -> bytes:
    """A user's Transfer-Encoding: exactly ``chunked``, once (h11's rule: the only coding it
    writes; anything else is a 501, RFC 9112 §6.1)."""
    if len(values) > 1:
        raise _unsupported_coding("multiple Transfer-Encoding headers", values[1])
    value = values[0].lower()
    if value != _CHUNKED:
        raise _unsupported_coding("Only Transfer-Encoding: chunked is supported", value)
    return value


def _received_coding(values: list[bytes]) -> bytes:
    """Received Transfer-Encoding field lines, combined into one list (RFC 9110 §5.3),
    lower-cased (coding names are case-insensitive, RFC 9112 §7; ``bytes.lower`` folds ASCII
    only) and checked against the ``Transfer-Encoding`` rule: ``chunked`` if that is all it
    says, however it was spelt (``, chunked``, ``Chunked``), else as received. What a coding
    list means for the body is :mod:`h11pc._framing`'s to judge."""
    value = b", ".join(values).lower()
    if value == _CHUNKED:
        return value
    try:
        # The list's syntax by its compiled pattern (no coding's value is built: for a long
        # list, the parser's time for each).
        codings = transfer_encoding.split(value)
    except parsy.ParseError as failure:
        raise FieldError(
            "illegal Transfer-Encoding",
            f"not a list of transfer-codings (at {failure.index} of the value)",
            rule="Transfer-Encoding",
            section="RFC 9112 §6.1",
        ) from None
    if codings == _JUST_CHUNKED:
        return _CHUNKED
    return value


def _content_length(value: bytes) -> bytes:
    """The one length a Content-Length value states. RFC 9110 §8.6 lets a recipient accept
    a list of identical values (``42, 42``) as that value -- as a sender writes lists, with
    no empty element, as h11 takes them -- and calls differing ones an error."""
    length = value  # one value; a field-value has no whitespace at its ends
    if _COMMA in value:
        if CONTENT_LENGTH_LIST.fullmatch(value) is None:
            raise _bad_length()
        lengths = set(content_length_list.split(value))
        if len(lengths) != 1:
            raise FieldError(
                "conflicting Content-Length headers",
                "a list of differing lengths",
                rule="Content-Length",
                section="RFC 9110 §8.6",
            )
        length = lengths.pop()
    if CONTENT_LENGTH.fullmatch(length) is None:
        raise _bad_length()
    if len(length) > MAX_LENGTH_DIGITS or int(length) > MAX_LENGTH:
        raise FieldError(
            "Content-Length too large",
            f"more than {MAX_LENGTH} octets cannot be counted",
            rule="Content-Length",
            section="RFC 9110 §8.6",
        )
    return length


def _bad_length() -> FieldError:
    return FieldError(
        "bad Content-Length", "expected 1*DIGIT", rule="Content-Length", section="RFC 9110 §8.6"
    )


def _conflicting_lengths(first: bytes, second: bytes) -> FieldError:
    return FieldError(
        "conflicting Content-Length headers",
        f"{first.decode()} differs from {second.decode()}",
        rule="Content-Length",
        section="RFC 9110 §8.6",
    )


def _unsupported_coding(what: str, value: bytes) -> FieldError:
    return FieldError(
        what,
        f"h11pc implements the chunked coding alone, not {value!r}",
        rule="Transfer-Encoding",
        section="RFC 9112 §6.1",
        hint=501,
    )
