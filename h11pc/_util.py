"""Small shared pieces: sentinels, the conversion of user input to bytes, and the bounded
memory of what was worked out before.

Strategy: h11's sentinels (``NEED_DATA``, ``CLIENT``, ``IDLE`` ...) are classes that are
instances of themselves, so ``type(X) is X`` and they can serve as both a value and a type in
annotations; :class:`Sentinel` is the metaclass that makes them so. The protocol errors live
in :mod:`h11pc._errors` and are re-exported here, where h11 keeps them.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

from mypy_extensions import mypyc_attr

from h11pc._errors import LocalProtocolError, ProtocolError, RemoteProtocolError

__all__ = [
    "MAX_LENGTH",
    "LocalProtocolError",
    "ProtocolError",
    "RemoteProtocolError",
    "Sentinel",
    "remember",
    "to_bytes",
]

MAX_LENGTH: Final = 2**63 - 1
"""The largest Content-Length or chunk-size h11pc accepts, received or sent: a length no
peer can count past (a signed 64-bit count), refused rather than counted on."""
MAX_LENGTH_DIGITS: Final = len(str(MAX_LENGTH))
"""How many decimal digits :data:`MAX_LENGTH` has (19): a longer Content-Length is refused
before it is converted."""
MEMO_MOST: Final = 256
"""How many entries a memo of :func:`remember` holds before it starts over, unless told."""

_K = TypeVar("_K")
_V = TypeVar("_V")


# A metaclass is an ordinary Python class, even in the compiled build: mypyc's native
# classes cannot derive from ``type``.
@mypyc_attr(native_class=False)
class Sentinel(type):
    """Metaclass of sentinel values: ``class X(Sentinel, metaclass=Sentinel)`` makes a class
    ``X`` that is its own type and prints as its name."""

    def __new__(
        cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwds: Any
    ) -> Sentinel:
        if bases != (Sentinel,):
            raise TypeError("a sentinel derives from Sentinel alone")
        sentinel = type.__new__(cls, name, bases, namespace, **kwds)
        sentinel.__class__ = sentinel  # type: ignore[assignment]  # the sentinel trick
        return sentinel

    def __repr__(cls) -> str:
        return cls.__name__


def to_bytes(value: object, what: str = "value") -> bytes:
    """``value`` as bytes: str must be ASCII; bytes-like objects are copied to bytes."""
    if type(value) is bytes:
        return value
    if isinstance(value, str):
        try:
            return value.encode("ascii")
        except UnicodeEncodeError:
            raise LocalProtocolError(f"{what} must be ASCII, not {value!r}") from None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"expected bytes-like object, not {type(value).__name__}")


def remember(memo: dict[_K, _V], key: _K, value: _V, most: int = MEMO_MOST) -> _V:
    """Keep ``value`` in ``memo`` under ``key``, and return it. A memo holds what the work
    of an input a server repeats came to -- the same fields, response after response --
    and starts over once it holds ``most`` entries: a peer that never repeats itself costs
    a bounded memory, and one lookup more per message."""
    if len(memo) >= most:
        memo.clear()
    memo[key] = value
    return value
