"""Sentinels and the conversion of user input to bytes."""

from __future__ import annotations

import pytest

from h11pc import LocalProtocolError, RemoteProtocolError
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


def test_a_local_error_reraised_as_remote_keeps_what_it_says() -> None:
    """h11's ``_reraise_as_remote_protocol_error``: code that finds the peer to blame."""
    local = LocalProtocolError("bad", 431, rule="field-line", section="RFC 9112 §5", offset=3)
    with pytest.raises(RemoteProtocolError) as info:
        try:
            raise local
        except LocalProtocolError as error:
            error._reraise_as_remote_protocol_error()
    remote = info.value
    assert str(remote) == "bad" and remote.error_status_hint == 431
    assert (remote.rule, remote.section, remote.offset) == ("field-line", "RFC 9112 §5", 3)
