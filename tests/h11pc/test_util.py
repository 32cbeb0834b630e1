"""Sentinels and the conversion of user input to bytes."""

from __future__ import annotations

import pytest

from h11pc import LocalProtocolError
from h11pc._util import Sentinel, to_bytes


def test_a_sentinel_is_its_own_type() -> None:
    class MARK(Sentinel, metaclass=Sentinel):
        pass

    assert type(MARK) is MARK
    assert repr(MARK) == "MARK"


def test_sentinels_derive_from_sentinel_alone() -> None:
    with pytest.raises(TypeError):

        class BAD(Sentinel, int, metaclass=Sentinel):  # type: ignore[misc]
            pass


@pytest.mark.parametrize(
    ("value", "expected"),
    [(b"a", b"a"), ("a", b"a"), (bytearray(b"a"), b"a"), (memoryview(b"a"), b"a")],
)
def test_to_bytes(value: object, expected: bytes) -> None:
    result = to_bytes(value)
    assert result == expected and type(result) is bytes


def test_to_bytes_refuses_non_ascii_and_non_bytes() -> None:
    with pytest.raises(LocalProtocolError):
        to_bytes("é")
    with pytest.raises(TypeError):
        to_bytes(3)
