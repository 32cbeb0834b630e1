"""Header fields: the read-only sequence events carry, and the rules that normalise it.

Strategy: a :class:`Headers` holds the fields twice over in tuples -- ``(name, value)`` with
the name lower-cased, which is what iteration, indexing and equality see, and the names as
the sender wrote them for :meth:`Headers.raw_items` -- plus a dict from lower-cased name to
value, built on first use, so the connection's questions ("is there a Content-Length?")
cost one lookup. Fields a user supplies are checked against the grammar's ``field-name``
and ``field-value``; fields a reader parsed were proven by the head pattern already and are
only normalised. Normalisation is h11's: Content-Length values must agree (RFC 9110 §8.6)
and collapse to one field, Transfer-Encoding must be exactly ``chunked`` (the only coding
h11 implements; anything else is a 501, RFC 9112 §6.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from h11pc._errors import LocalProtocolError
from h11pc._patterns import CONTENT_LENGTH, FIELD_NAME, FIELD_VALUE
from h11pc._util import to_bytes

__all__ = ["HeaderInput", "Headers", "normalize", "normalize_parsed"]

Pair = tuple[bytes, bytes]

_CONTENT_LENGTH = b"content-length"
_TRANSFER_ENCODING = b"transfer-encoding"


class Headers(Sequence[Pair]):
    """The header fields of a message: a read-only sequence of ``(name, value)`` pairs of
    bytes, names lower-cased, in the order received or given. It compares equal to any
    sequence of the same pairs; :meth:`raw_items` keeps the sender's spelling of names."""

    __slots__ = ("_index", "_pairs", "_raw")

    _pairs: tuple[Pair, ...]
    _raw: tuple[Pair, ...]
    _index: dict[bytes, bytes] | None

    def __init__(self, raw: Iterable[Pair] = ()) -> None:
        built = normalize(raw)
        self._pairs, self._raw, self._index = built._pairs, built._raw, None

    @classmethod
    def _trusted(cls, pairs: tuple[Pair, ...], raw: tuple[Pair, ...]) -> Headers:
        """Headers from fields already validated and normalised (no checks)."""
        self = object.__new__(cls)
        self._pairs, self._raw, self._index = pairs, raw, None
        return self

    # -- the sequence -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._pairs)

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

    def _lookup(self) -> dict[bytes, bytes]:
        index = self._index
        if index is None:
            index = self._index = dict(self._pairs)
        return index

    def __contains__(self, item: object) -> bool:
        return item in self._pairs

    def has(self, name: bytes) -> bool:
        """Whether a field called ``name`` (lower case) is present."""
        index = self._index
        return name in (self._lookup() if index is None else index)

    def count_of(self, name: bytes) -> int:
        """How many fields are called ``name`` (lower case)."""
        index = self._lookup()
        if name not in index:
            return 0
        if len(index) == len(self._pairs):  # no name repeats
            return 1
        return sum(1 for field, _ in self._pairs if field == name)

    def comma_values(self, name: bytes) -> list[bytes]:
        """The lower-cased, non-empty elements of every ``name`` field's comma-separated list
        (RFC 9110 §5.3: repeated fields combine into one list)."""
        index = self._lookup()
        value = index.get(name)
        if value is None:
            return []
        if len(index) != len(self._pairs):  # some name repeats: combine its fields
            value = b",".join(v for field, v in self._pairs if field == name)
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


HeaderInput = Headers | Iterable[tuple[bytes | str, bytes | str]]
"""What an event's ``headers`` argument accepts: pairs of bytes or ASCII str."""


def normalize(fields: HeaderInput) -> Headers:
    """Headers from user input: names and values checked against the grammar's
    ``field-name`` and ``field-value`` (RFC 9110 §5.1, §5.5), then normalised."""
    if isinstance(fields, Headers):
        return fields
    raw: list[Pair] = []
    for name, value in fields:
        name_bytes = name if type(name) is bytes else to_bytes(name, "header name")
        value_bytes = value if type(value) is bytes else to_bytes(value, "header value")
        if FIELD_NAME.fullmatch(name_bytes) is None:
            raise LocalProtocolError(f"Illegal header name {name_bytes!r}")
        if FIELD_VALUE.fullmatch(value_bytes) is None:
            raise LocalProtocolError(f"Illegal header value {value_bytes!r}")
        raw.append((name_bytes, value_bytes))
    return normalize_parsed(raw)


def normalize_parsed(raw: list[Pair], pairs: list[Pair] | None = None) -> Headers:
    """Headers from fields whose syntax is proven: names lower-cased (unless ``pairs``
    gives them so already), framing fields normalised."""
    if pairs is None:
        pairs = [(name.lower(), value) for name, value in raw]
    index = dict(pairs)
    if _CONTENT_LENGTH in index or _TRANSFER_ENCODING in index:
        return _normalize_framing(pairs, raw)
    headers = Headers._trusted(tuple(pairs), tuple(raw))
    headers._index = index
    return headers


def _normalize_framing(pairs: list[Pair], raw: list[Pair]) -> Headers:
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
                    raise LocalProtocolError("conflicting Content-Length headers")
                continue  # an identical repeat adds nothing (RFC 9110 §8.6)
            length = value
        elif name == _TRANSFER_ENCODING:
            if chunked:
                raise LocalProtocolError("multiple Transfer-Encoding headers", 501)
            value = received.lower()
            if value != b"chunked":
                raise LocalProtocolError("Only Transfer-Encoding: chunked is supported", 501)
            chunked = True
        keep_pairs.append((name, value))
        keep_raw.append((raw_name, value))
    return Headers._trusted(tuple(keep_pairs), tuple(keep_raw))


def _content_length(value: bytes) -> bytes:
    """The one length a Content-Length value states. RFC 9110 §8.6 lets a recipient accept
    a list of identical values (``42, 42``) as that value; differing ones are an error."""
    lengths = {item.strip() for item in value.split(b",")}
    if len(lengths) != 1:
        raise LocalProtocolError("conflicting Content-Length headers")
    length = lengths.pop()
    if CONTENT_LENGTH.fullmatch(length) is None:
        raise LocalProtocolError("bad Content-Length")
    return length
