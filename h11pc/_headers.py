"""Header fields: the read-only sequence events carry, and the rules that normalise it.

Strategy: a :class:`Headers` holds the fields twice over in tuples -- ``(name, value)`` with
the name lower-cased, which is what iteration, indexing and equality see, and the names as
the sender wrote them for :meth:`Headers.raw_items` -- plus a dict from lower-cased name to
value, built with them, so the connection's questions ("is there a Content-Length?") cost
one lookup. Received headers start as the lists their head was cut into, with the dict alone
built: the pairs are made on first use, and a server that only lets the connection ask its
questions never makes them. Fields a user supplies are checked against the grammar's
``field-name`` and ``field-value``; fields a reader parsed were proven by the head pattern
already and are only normalised. Content-Length values must agree (RFC 9110 §8.6) and
collapse to one field. A user's Transfer-Encoding must be exactly ``chunked``, as h11
requires (the only coding it writes); a received one may be any list of codings the RFC
allows, combined into one field, for :mod:`h11pc._framing` to judge. Only the framing fields
cost work (and a lone Content-Length of one value, the common case, only its check): the
fields of a message without them are stored as they come.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

import parsy

from grammar.rfc9112 import transfer_encoding
from grammar.values import TransferCoding
from h11pc._diagnose import FieldError
from h11pc._errors import LocalProtocolError
from h11pc._patterns import CONTENT_LENGTH, FIELD_NAME, FIELD_VALUE
from h11pc._util import MAX_LENGTH, MAX_LENGTH_DIGITS, to_bytes

__all__ = ["Fields", "HeaderInput", "Headers", "normalize", "normalize_parsed", "received"]

Pair = tuple[bytes, bytes]
Fields = tuple[list[bytes], list[bytes], list[bytes]]
"""Fields as cut from a head: their names as sent, those names lower-cased, their values."""

_CONTENT_LENGTH = b"content-length"
_TRANSFER_ENCODING = b"transfer-encoding"
_CHUNKED = b"chunked"
_JUST_CHUNKED = (TransferCoding(_CHUNKED),)
_COMMA = ord(",")
"""A comma as an octet: ``octet in value`` takes a far quicker way than ``b"," in value``."""


class Headers(Sequence[Pair]):
    """The header fields of a message: a read-only sequence of ``(name, value)`` pairs of
    bytes, names lower-cased, in the order received or given. It compares equal to any
    sequence of the same pairs; :meth:`raw_items` keeps the sender's spelling of names."""

    __slots__ = ("_fields", "_index", "_pairs", "_raw", "_repeats")

    _pairs: tuple[Pair, ...]
    _raw: tuple[Pair, ...]
    _index: dict[bytes, bytes]
    """Lower-cased name -> value (the last, for a repeated name): the connection's questions."""
    _repeats: bool
    """Whether some name occurs more than once (then ``_index`` keeps its last value)."""
    _fields: Fields | None
    """Received fields as cut (names as sent, lower-cased, values) while ``_pairs`` and
    ``_raw`` are unbuilt; None for headers built whole."""

    def __init__(self, raw: Iterable[Pair] = ()) -> None:
        built = normalize(raw)
        self._pairs, self._raw, self._index = built._pairs, built._raw, built._index
        self._repeats, self._fields = built._repeats, None

    @classmethod
    def _trusted(
        cls, pairs: tuple[Pair, ...], raw: tuple[Pair, ...], index: dict[bytes, bytes] | None = None
    ) -> Headers:
        """Headers from fields already validated and normalised (no checks); ``index`` is
        ``dict(pairs)`` if the caller has it."""
        self = object.__new__(cls)
        self._pairs, self._raw, self._fields = pairs, raw, None
        self._index = dict(pairs) if index is None else index
        self._repeats = len(self._index) != len(pairs)
        return self

    @classmethod
    def _received(cls, fields: Fields, index: dict[bytes, bytes]) -> Headers:
        """Headers of proven received fields with ``index`` built from them; their pairs
        are built on first use (:meth:`__getattr__`): a server that only asks the
        connection's questions never pays for them."""
        self = object.__new__(cls)
        self._fields, self._index = fields, index
        self._repeats = len(index) != len(fields[2])
        return self

    def __getattr__(self, name: str) -> tuple[Pair, ...]:
        # Reached only for an unset slot: the pairs of received headers, built now. (The
        # name is checked first: an object being unpickled has no ``_fields`` yet.)
        if name not in ("_pairs", "_raw") or (fields := self._fields) is None:
            raise AttributeError(name)
        names, lowered, values = fields
        self._pairs = tuple(zip(lowered, values, strict=False))
        self._raw = tuple(zip(names, values, strict=False))
        self._fields = None  # the lists as cut are not kept beside the pairs
        return self._pairs if name == "_pairs" else self._raw

    # -- the sequence -----------------------------------------------------------------------

    def __len__(self) -> int:
        fields = self._fields
        return len(self._pairs) if fields is None else len(fields[2])

    def __iter__(self) -> Iterator[Pair]:
        return iter(self._pairs)

    @overload
    def __getitem__(self, index: int) -> Pair: ...
    @overload
    def __getitem__(self, index: slice) -> list[Pair]: ...
    def __getitem__(self, index: int | slice) -> Pair | list[Pair]:
        if isinstance(index, slice):
            return list(self._pairs[index])
        return self._pairs[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Headers):
            return self._pairs == other._pairs
        if isinstance(other, (list, tuple, Sequence)):
            return list(self._pairs) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._pairs)

    def __repr__(self) -> str:
        return f"<Headers({list(self._pairs)!r})>"

    def raw_items(self) -> list[Pair]:
        """The fields with their names as the sender spelled them."""
        return list(self._raw)

    # -- questions the connection asks ------------------------------------------------------

    def __contains__(self, item: object) -> bool:
        return item in self._pairs

    def has(self, name: bytes) -> bool:
        """Whether a field called ``name`` (lower case) is present."""
        return name in self._index

    def count_of(self, name: bytes) -> int:
        """How many fields are called ``name`` (lower case)."""
        index = self._index
        if name not in index:
            return 0
        if not self._repeats:
            return 1
        return sum(1 for field, _ in self._pairs if field == name)

    def comma_values(self, name: bytes) -> list[bytes]:
        """The lower-cased, non-empty elements of every ``name`` field's comma-separated list
        (RFC 9110 §5.3: repeated fields combine into one list)."""
        index = self._index
        value = index.get(name)
        if value is None:
            return []
        if self._repeats:  # combine the name's fields
            value = b",".join(v for field, v in self._pairs if field == name)
        elif _COMMA not in value:
            # One element: a field-value has no whitespace at its ends to strip.
            return [value.lower()] if value else []
        return [item for item in (part.strip() for part in value.lower().split(b",")) if item]

    def replaced(self, name: bytes, values: Iterable[bytes]) -> Headers:
        """These headers without any ``name`` field, then one field per value, its name in
        title case (``Transfer-Encoding``): the fields h11 adds itself."""
        values = tuple(values)
        if not values and not self.has(name):
            return self
        keep = [i for i, (field, _) in enumerate(self._pairs) if field != name]
        title = name.title()
        added = tuple((name, value) for value in values)
        return Headers._trusted(
            tuple(self._pairs[i] for i in keep) + added,
            tuple(self._raw[i] for i in keep) + tuple((title, v) for _, v in added),
        )

    def extended(self, name: bytes, elements: Iterable[bytes]) -> Headers:
        """These headers with ``elements`` added to the list (RFC 9110 §5.6.1) of the first
        ``name`` field, its spelling kept; in a new field at the end (its name in title
        case) if there is none."""
        addition = b", ".join(elements)
        pairs, raw = list(self._pairs), list(self._raw)
        for at, (field, value) in enumerate(pairs):
            if field == name:
                joined = value + b", " + addition if value else addition
                pairs[at], raw[at] = (field, joined), (raw[at][0], joined)
                return Headers._trusted(tuple(pairs), tuple(raw))
        return self.replaced(name, (addition,))


HeaderInput = Headers | Iterable[tuple[bytes | str, bytes | str]]
"""What an event's ``headers`` argument accepts: pairs of bytes or ASCII str."""


def normalize(fields: HeaderInput) -> Headers:
    """Headers from user input: names and values checked against the grammar's
    ``field-name`` and ``field-value`` (RFC 9110 §5.1, §5.5), then normalised."""
    # A list (the usual input) is no Headers: spare it the ABC's isinstance.
    if type(fields) is not list and isinstance(fields, Headers):
        return fields
    raw: list[Pair] = []
    pairs: list[Pair] = []
    name_ok, value_ok = FIELD_NAME.fullmatch, FIELD_VALUE.fullmatch
    for given_name, given_value in fields:
        name = given_name if type(given_name) is bytes else to_bytes(given_name, "header name")
        value = given_value if type(given_value) is bytes else to_bytes(given_value, "header value")
        if name_ok(name) is None:
            raise LocalProtocolError(f"Illegal header name {name!r}")
        if value_ok(value) is None:
            raise LocalProtocolError(f"Illegal header value {value!r}")
        raw.append((name, value))
        pairs.append((name.lower(), value))
    return _built(raw, pairs, _normalize_framing)


def normalize_parsed(raw: list[Pair], pairs: list[Pair] | None = None) -> Headers:
    """Headers from received fields whose syntax is proven: names lower-cased (unless
    ``pairs`` gives them so already), framing fields checked and combined as RFC 9110
    reads them (:func:`_received_framing`)."""
    if pairs is None:
        pairs = [(name.lower(), value) for name, value in raw]
    return _built(raw, pairs, _received_framing)


def received(fields: Fields) -> Headers:
    """:func:`normalize_parsed` of fields as cut (names as sent, lower-cased, values); the
    pairs wait until asked for, unless a framing field needs work."""
    names, lowered, values = fields
    index = dict(zip(lowered, values, strict=False))
    length = index.get(_CONTENT_LENGTH)
    if _TRANSFER_ENCODING in index or (
        length is not None
        and (
            len(index) != len(values)
            or _COMMA in length
            or len(length) >= MAX_LENGTH_DIGITS
            or CONTENT_LENGTH.fullmatch(length) is None
        )
    ):
        return _received_framing(
            list(zip(lowered, values, strict=False)), list(zip(names, values, strict=False))
        )
    return Headers._received(fields, index)


def _built(
    raw: list[Pair], pairs: list[Pair], framing: Callable[[list[Pair], list[Pair]], Headers]
) -> Headers:
    """The headers of these fields; ``framing`` normalises them if a framing field is
    present (the one case with work to do) -- short of one Content-Length field of one
    value, which either ``framing`` would keep as it is once checked."""
    index = dict(pairs)
    if _TRANSFER_ENCODING in index:
        return framing(pairs, raw)
    length = index.get(_CONTENT_LENGTH)
    if length is not None:
        if len(index) != len(pairs) or _COMMA in length:
            return framing(pairs, raw)
        if len(length) >= MAX_LENGTH_DIGITS or CONTENT_LENGTH.fullmatch(length) is None:
            _content_length(length)  # raises, saying why, unless a long length is in bounds
    return Headers._trusted(tuple(pairs), tuple(raw), index)


def _normalize_framing(pairs: list[Pair], raw: list[Pair]) -> Headers:
    """h11's rules for the framing fields of events a user builds: Content-Length values
    agree and collapse to one field; Transfer-Encoding is exactly ``chunked`` (the only
    coding h11 implements: anything else is a 501, RFC 9112 §6.1)."""
    keep_pairs: list[Pair] = []
    keep_raw: list[Pair] = []
    length: bytes | None = None
    chunked = False
    for (name, received), (raw_name, _) in zip(pairs, raw, strict=True):
        value = received
        if name == _CONTENT_LENGTH:
            value = _content_length(received)
            if length is not None:
                if value != length:
                    raise _conflicting_lengths(length, value)
                continue  # an identical repeat adds nothing (RFC 9110 §8.6)
            length = value
        elif name == _TRANSFER_ENCODING:
            if chunked:
                raise _unsupported_coding("multiple Transfer-Encoding headers", received)
            value = received.lower()
            if value != _CHUNKED:
                raise _unsupported_coding("Only Transfer-Encoding: chunked is supported", value)
            chunked = True
        keep_pairs.append((name, value))
        keep_raw.append((raw_name, value))
    return Headers._trusted(tuple(keep_pairs), tuple(keep_raw))


def _received_framing(pairs: list[Pair], raw: list[Pair]) -> Headers:
    """Received framing fields, combined: Content-Length values agree (RFC 9110 §8.6) and
    collapse to one field; Transfer-Encoding field lines combine into one list (RFC 9110
    §5.3), lower-cased (coding names are case-insensitive, RFC 9112 §7; ``bytes.lower``
    folds ASCII only) and checked against the ``Transfer-Encoding`` rule -- ``chunked``
    however it was spelt (``, chunked``, ``Chunked``) becomes ``chunked``. What a coding
    list means for the body is :mod:`h11pc._framing`'s to judge."""
    keep_pairs: list[Pair] = []
    keep_raw: list[Pair] = []
    length: bytes | None = None
    codings: list[bytes] = []
    coding_at = -1
    for (name, received), (raw_name, _) in zip(pairs, raw, strict=True):
        value = received
        if name == _CONTENT_LENGTH:
            value = _content_length(received)
            if length is not None:
                if value != length:
                    raise _conflicting_lengths(length, value)
                continue
            length = value
        elif name == _TRANSFER_ENCODING:
            codings.append(received.lower())
            if coding_at >= 0:
                continue  # combined into the first Transfer-Encoding field
            coding_at = len(keep_pairs)
        keep_pairs.append((name, value))
        keep_raw.append((raw_name, value))
    if coding_at >= 0:
        value = _transfer_codings(b", ".join(codings))
        keep_pairs[coding_at] = (_TRANSFER_ENCODING, value)
        keep_raw[coding_at] = (keep_raw[coding_at][0], value)
    return Headers._trusted(tuple(keep_pairs), tuple(keep_raw))


def _transfer_codings(value: bytes) -> bytes:
    """A received, lower-cased Transfer-Encoding list: ``chunked`` if that is all it says,
    else as received; refused if it is not a ``Transfer-Encoding`` (RFC 9112 §6.1)."""
    if value == _CHUNKED:
        return value
    try:
        codings = transfer_encoding.parse(value)
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
    a list of identical values (``42, 42``) as that value; differing ones are an error."""
    if _COMMA not in value:
        length = value  # one value; a field-value has no whitespace at its ends
    else:
        lengths = {item.strip() for item in value.split(b",")}
        if len(lengths) != 1:
            raise FieldError(
                "conflicting Content-Length headers",
                "a list of differing lengths",
                rule="Content-Length",
                section="RFC 9110 §8.6",
            )
        length = lengths.pop()
    if CONTENT_LENGTH.fullmatch(length) is None:
        raise FieldError(
            "bad Content-Length",
            "expected 1*DIGIT",
            rule="Content-Length",
            section="RFC 9110 §8.6",
        )
    if len(length) > MAX_LENGTH_DIGITS or int(length) > MAX_LENGTH:
        raise FieldError(
            "Content-Length too large",
            f"more than {MAX_LENGTH} octets cannot be counted",
            rule="Content-Length",
            section="RFC 9110 §8.6",
        )
    return length


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
