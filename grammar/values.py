"""The values grammar rules return.

Decided once, for every module:

* **Text is bytes**, as on the wire (HTTP is octets): tokens, field names and values, paths.
  Quoted strings and quoted pairs are unescaped (RFC 9110 §5.6.4: a recipient handles a
  quoted-pair "as if it were replaced by the octet following the backslash").
* **Names the RFC makes case-insensitive are lower-cased** in these values: media types and
  parameter names, codings, range units, auth schemes, connection options, field names in
  lists (``Trailer``, ``Vary``). Values whose case matters (parameter values, methods,
  tokens of unknown meaning) are kept as sent.
* **Numbers are ints**; a ``qvalue`` is a ``float`` (at most three decimals, 0 to 1);
  an ``HTTP-date`` is an aware ``datetime`` in UTC.
* **Lists are tuples** (``#rule`` lists, parameters), so every value is immutable all the way
  down; structures are frozen, slotted dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

Parameters = tuple[tuple[bytes, bytes], ...]
"""``(name, value)`` pairs in order; names lower-cased, values unquoted."""


# --- RFC 3986 -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Authority:
    """RFC 3986 §3.2 ``[ userinfo "@" ] host [ ":" port ]`` (also ``Host``, RFC 9110 §7.2).

    ``port`` is None when absent or empty (``example.com:``)."""

    host: bytes
    port: int | None = None
    userinfo: bytes | None = None


@dataclass(frozen=True, slots=True)
class URIReference:
    """RFC 3986 §5.3's five components of a URI or relative reference; absent ones are None.

    ``path`` is always present (possibly empty)."""

    scheme: bytes | None
    authority: Authority | None
    path: bytes
    query: bytes | None = None
    fragment: bytes | None = None


# --- RFC 9110 -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaType:
    """RFC 9110 §8.3.1 ``type "/" subtype parameters``; also a media range (``*/*``)."""

    type: bytes
    subtype: bytes
    parameters: Parameters = ()

    def param(self, name: bytes) -> bytes | None:
        """The first value of parameter ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.parameters if key == wanted), None)

    @property
    def essence(self) -> bytes:
        """``type/subtype`` without parameters."""
        return self.type + b"/" + self.subtype


@dataclass(frozen=True, slots=True)
class Weighted(Generic[T]):
    """A list member with its ``weight`` (RFC 9110 §12.4.2); ``q`` is 1.0 when absent."""

    value: T
    q: float = 1.0


@dataclass(frozen=True, slots=True)
class EntityTag:
    """RFC 9110 §8.8.3 ``[ weak ] opaque-tag``; ``tag`` is the opaque tag without quotes."""

    tag: bytes
    weak: bool = False

    def strong_match(self, other: EntityTag) -> bool:
        """RFC 9110 §8.8.3.2: both strong and their opaque tags identical."""
        return not self.weak and not other.weak and self.tag == other.tag

    def weak_match(self, other: EntityTag) -> bool:
        """RFC 9110 §8.8.3.2: opaque tags identical, weakness ignored."""
        return self.tag == other.tag


@dataclass(frozen=True, slots=True)
class IntRange:
    """RFC 9110 §14.1.1 ``first-pos "-" [ last-pos ]``."""

    first: int
    last: int | None = None


@dataclass(frozen=True, slots=True)
class SuffixRange:
    """RFC 9110 §14.1.1 ``"-" suffix-length``: the last ``length`` octets."""

    length: int


@dataclass(frozen=True, slots=True)
class OtherRange:
    """RFC 9110 §14.1.1 ``other-range``: a range in a unit this grammar does not know."""

    text: bytes


RangeSpec = IntRange | SuffixRange | OtherRange


@dataclass(frozen=True, slots=True)
class Ranges:
    """RFC 9110 §14.2 ``Range`` (``ranges-specifier``): a unit and its range specs."""

    unit: bytes
    specs: tuple[RangeSpec, ...]


@dataclass(frozen=True, slots=True)
class ContentRange:
    """RFC 9110 §14.4 ``Content-Range``.

    ``first``/``last`` are None for an ``unsatisfied-range`` (``*/length``);
    ``complete_length`` is None when unknown (``42-1233/*``)."""

    unit: bytes
    first: int | None
    last: int | None
    complete_length: int | None


@dataclass(frozen=True, slots=True)
class Challenge:
    """RFC 9110 §11.3 ``challenge``: a scheme with a token68 or auth parameters."""

    scheme: bytes
    token68: bytes | None = None
    params: Parameters = ()


@dataclass(frozen=True, slots=True)
class Credentials:
    """RFC 9110 §11.4 ``credentials``: the same shape as a challenge, sent by a client."""

    scheme: bytes
    token68: bytes | None = None
    params: Parameters = ()


@dataclass(frozen=True, slots=True)
class Product:
    """RFC 9110 §10.1.5 ``product = token [ "/" product-version ]``."""

    name: bytes
    version: bytes | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    """RFC 9110 §5.6.5 ``comment``: its text inside the outer parentheses, quoted pairs
    resolved; nested comments stay in the text with their parentheses."""

    text: bytes


@dataclass(frozen=True, slots=True)
class Protocol:
    """RFC 9110 §7.8 ``protocol`` and §7.6.3 ``received-protocol``.

    In ``Upgrade`` the version may be absent; in ``Via`` the name may be (it is then HTTP)."""

    name: bytes | None
    version: bytes | None = None


@dataclass(frozen=True, slots=True)
class ViaEntry:
    """RFC 9110 §7.6.3: one intermediary in ``Via``."""

    protocol: Protocol
    received_by: bytes
    comment: Comment | None = None


@dataclass(frozen=True, slots=True)
class Expectation:
    """RFC 9110 §10.1.1 ``expectation``: ``100-continue`` is the one defined."""

    name: bytes
    value: bytes | None = None
    parameters: Parameters = ()


@dataclass(frozen=True, slots=True)
class TransferCoding:
    """RFC 9110 §10.1.4 / RFC 9112 §7 ``transfer-coding``: a name and its parameters."""

    name: bytes
    parameters: Parameters = ()


@dataclass(frozen=True, slots=True)
class Mailbox:
    """RFC 5322 §3.4 ``mailbox`` (in ``From``): an address with an optional display name."""

    address: bytes
    display_name: bytes | None = None


# --- RFC 9112 -----------------------------------------------------------------------------


class HTTPVersion(NamedTuple):
    """RFC 9112 §2.3 ``HTTP-version``; compares as a tuple: ``version >= (1, 1)``."""

    major: int
    minor: int


@dataclass(frozen=True, slots=True)
class RequestLine:
    """RFC 9112 §3 ``request-line``."""

    method: bytes
    target: bytes
    version: HTTPVersion


@dataclass(frozen=True, slots=True)
class StatusLine:
    """RFC 9112 §4 ``status-line``; ``reason`` is empty when the phrase is absent."""

    version: HTTPVersion
    status_code: int
    reason: bytes


@dataclass(frozen=True, slots=True)
class FieldLine:
    """RFC 9112 §5 ``field-line``: the name as sent, the value without surrounding OWS."""

    name: bytes
    value: bytes


ChunkExtensions = tuple[tuple[bytes, bytes | None], ...]
"""RFC 9112 §7.1.1 chunk extensions: ``(name, value)`` pairs, values unquoted or None."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """RFC 9112 §7.1 ``chunk``: ``size`` octets of ``data`` and the chunk's extensions."""

    size: int
    extensions: ChunkExtensions
    data: bytes


@dataclass(frozen=True, slots=True)
class ChunkedBody:
    """RFC 9112 §7.1 ``chunked-body``: the chunks, the last chunk's extensions, trailers."""

    chunks: tuple[Chunk, ...]
    extensions: ChunkExtensions
    trailers: tuple[FieldLine, ...]


@dataclass(frozen=True, slots=True)
class HTTPMessage:
    """RFC 9112 §2.1 ``HTTP-message``: start line, field lines and the octets after them."""

    start_line: RequestLine | StatusLine
    fields: tuple[FieldLine, ...]
    body: bytes
