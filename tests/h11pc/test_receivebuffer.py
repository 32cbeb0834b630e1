"""The receive buffer: zero-copy when it can, linear always, bounded units however split."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from h11pc import LocalProtocolError
from h11pc._receivebuffer import LINE_ENDED, NOT_FOUND, NOTHING_UNREAD, ReceiveBuffer


def test_a_lone_bytes_object_is_handed_back_uncopied() -> None:
    buffer = ReceiveBuffer(100)
    chunk = b"x" * 50
    buffer.feed(chunk)
    assert buffer.take(1000) is chunk
    assert len(buffer) == 0 and not buffer


def test_take_consumes_in_order_across_feeds() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"abc")
    assert buffer.take(2) == b"ab"
    buffer.feed(b"def")
    assert buffer.unread() == b"cdef"
    assert buffer.take(3) == b"cde"
    assert buffer.take(3) == b"f"
    assert buffer.take(3) == b""


def test_find_unit_returns_the_length_up_to_the_terminator() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"ab\r\ncd")
    end = buffer.find_unit(b"\r\n", "line")
    assert buffer.take(end) == b"ab\r\n"
    assert buffer.unread() == b"cd"
    assert buffer.find_unit(b"\r\n", "line") == -1


@given(st.binary(max_size=40), st.lists(st.integers(1, 7), max_size=20))
def test_find_unit_finds_terminators_split_anywhere(prefix: bytes, sizes: list[int]) -> None:
    """A terminator split across feeds is found exactly where it ends."""
    data = prefix.replace(b"\r\n\r\n", b"") + b"\r\n\r\n" + b"tail"
    expected = data.find(b"\r\n\r\n") + 4
    buffer = ReceiveBuffer(1000)
    position, found = 0, -1
    for size in [*sizes, len(data)]:
        buffer.feed(data[position : position + size]) if data[position : position + size] else None
        position += size
        found = buffer.find_unit(b"\r\n\r\n", "head")
        if found >= 0:
            break
    assert found == expected
    assert buffer.take(found) == data[:expected]


@pytest.mark.parametrize("split", [1, 7, 4096, 10**6])
def test_a_unit_over_the_limit_is_refused_however_it_arrives(split: int) -> None:
    data = b"A" * 200 + b"\r\n\r\n"
    buffer = ReceiveBuffer(100)
    with pytest.raises(LocalProtocolError) as info:
        for i in range(0, len(data), split):
            buffer.feed(data[i : i + split])
            buffer.find_unit(b"\r\n\r\n", "message head")
    assert info.value.error_status_hint == 431


def test_a_unit_exactly_at_the_limit_is_accepted() -> None:
    buffer = ReceiveBuffer(10)
    buffer.feed(b"abcdef\r\n\r\n")
    assert buffer.find_unit(b"\r\n\r\n", "head") == 10


def test_byte_at_a_time_search_is_linear() -> None:
    """Each feed searches only what is new: the octets scanned grow linearly, counted by
    how far ``find`` is asked to start."""
    scanned: list[int] = []

    class Spy(bytearray):
        def find(self, sub: bytes, start: int = 0, *args: int) -> int:  # type: ignore[override]
            scanned.append(len(self) - start)
            return super().find(sub, start, *args)

    buffer = ReceiveBuffer(10**6)
    buffer.feed(b"x")
    buffer.feed(b"x")  # now a bytearray: swap in the spy, which feed then grows in place
    buffer._data = Spy(buffer._data)
    n = 3000
    for _ in range(n):
        buffer.feed(b"y")
        assert buffer.find_unit(b"\r\n\r\n", "head") == -1
    assert sum(scanned) <= 5 * n


def test_consumed_bytes_are_released() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"a" * 10)
    buffer.take(4)
    buffer.feed(b"b")
    assert bytes(buffer._data) == b"aaaaaab"
    assert buffer._start == 0


@pytest.mark.parametrize("first", [0, 3], ids=["whole", "after-a-part"])
def test_a_body_taken_to_its_end_is_not_kept(first: int) -> None:
    # A server holds the buffer for the connection's life: once its unread octets are all
    # handed out, it must not keep the received object (a 1 MiB body, say) alive.
    buffer = ReceiveBuffer(100)
    chunk = bytes(range(50))
    unreferenced = sys.getrefcount(chunk)
    buffer.feed(chunk)
    buffer.take(first)
    rest = buffer.take(len(chunk) - first)
    assert rest == chunk[first:] and not buffer
    del rest
    assert sys.getrefcount(chunk) == unreferenced


def test_len_counts_the_unread_octets() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"abcdef")
    buffer.skip(2)
    assert len(buffer) == 4 and buffer


def test_consumed_counts_every_octet_taken_however_the_input_was_split() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"abcdef")
    buffer.skip(2)
    assert buffer.consumed == 2
    buffer.feed(b"gh")  # now a bytearray of the unread octets
    assert buffer.take(3) == b"cde" and buffer.consumed == 5
    buffer.feed(b"ij")
    assert buffer.take(100) == b"fghij" and buffer.consumed == 10


def test_peek_and_startswith_look_from_the_read_offset_without_consuming() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"ab\r\ncd")
    buffer.skip(2)
    assert buffer.peek(3) == b"\r\nc" and buffer.peek(100) == b"\r\ncd"
    assert buffer.startswith(b"\r\n") and buffer.startswith(b"cd", at=2)
    assert not buffer.startswith(b"cd")
    assert buffer.unread() == b"\r\ncd"


def _size(line: bytes | bytearray) -> int:
    return int(line[:-1])


@pytest.mark.parametrize(
    ("data", "piece", "rest"),
    [
        (b"3:abc!x", b"abc", b"x"),
        (b"0:!", b"", b""),
        (b"3:ab", None, b"3:ab"),  # not all of it yet
        (b"3:abc?", None, b"3:abc?"),  # not the end it needs
        (b"x3:abc!", None, b"x3:abc!"),  # not the line
    ],
)
def test_take_prefixed_hands_out_a_whole_unit_or_nothing(
    data: bytes, piece: bytes | None, rest: bytes
) -> None:
    line = re.compile(rb"[0-9]+:")
    for pieces in ([data], [data[:1], data[1:]]):
        buffer = ReceiveBuffer(100)
        for chunk in pieces:
            buffer.feed(chunk)
        assert buffer.take_prefixed(line, _size, b"!") == piece
        assert buffer.unread() == rest


def test_take_prefixed_declines_a_line_over_the_limit() -> None:
    buffer = ReceiveBuffer(4)
    buffer.feed(b"0003:abc!")
    assert buffer.take_prefixed(re.compile(rb"[0-9]+:"), _size, b"!") is None
    assert buffer.unread() == b"0003:abc!"


def test_find_bare_lf_looks_at_what_the_last_search_saw_first() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"GET / HTTP/1.1\r\n")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) < 0
    assert buffer.find_bare_lf() == -1
    buffer.feed(b"A: b\nC")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) < 0
    assert buffer.find_bare_lf() == len(b"GET / HTTP/1.1\r\nA: b")


@pytest.mark.parametrize("pieces", [[b"abcdef"], [b"abc", b"def"]])
@pytest.mark.parametrize("first", [0, 2])
@pytest.mark.parametrize("size", [2, 100])
def test_take_hands_out_bytes(pieces: list[bytes], first: int, size: int) -> None:
    # Data's bytes are bytes, whether the buffer holds one received object or a bytearray
    # it grew from several, whether or not a unit was consumed before, part or all.
    buffer = ReceiveBuffer(100)
    for piece in pieces:
        buffer.feed(piece)
    buffer.skip(first)
    part = buffer.take(size)
    rest = buffer.take(100)
    assert (type(part), type(rest)) == (bytes, bytes)
    assert part + rest == b"abcdef"[first:]


def test_take_after_a_consumed_octet_hands_out_the_rest() -> None:
    buffer = ReceiveBuffer(100)
    buffer.feed(b"Xabc")
    buffer.skip(1)
    assert buffer.take(100) == b"abc"


LIMIT = 10


def _after_a_unit(rest: bytes) -> ReceiveBuffer:
    """A buffer whose first unit (a short line) is consumed, ``rest`` unread after it."""
    buffer = ReceiveBuffer(LIMIT)
    buffer.feed(b"ab\r\n" + rest)
    buffer.skip(buffer.find_unit(b"\r\n", "line"))
    return buffer


@pytest.mark.parametrize(
    ("find", "ending"), [("unit", b"\r\n"), ("blank line", b"\n\n"), ("blank line", b"\n\r\n")]
)
def test_a_unit_of_the_limit_is_found_one_octet_more_is_refused(find: str, ending: bytes) -> None:
    # Measured from where the unit starts, not from the buffer's start.
    def search(buffer: ReceiveBuffer) -> int:
        if find == "unit":
            return buffer.find_unit(b"\r\n", "line")
        return buffer.find_blank_line("head")

    fits = b"x" * (LIMIT - len(ending)) + ending
    assert search(_after_a_unit(fits)) == LIMIT
    with pytest.raises(LocalProtocolError) as info:
        search(_after_a_unit(b"x" + fits))
    assert (info.value.error_status_hint, info.value.rule) == (
        431,
        "line" if find == "unit" else "head",
    )
    # Unfinished: the limit's worth waits, one octet more is refused.
    assert search(_after_a_unit(b"x" * LIMIT)) < 0
    with pytest.raises(LocalProtocolError):
        search(_after_a_unit(b"x" * (LIMIT + 1)))


@pytest.mark.parametrize("find", ["unit", "blank line"])
def test_a_unit_over_the_limit_is_named_and_quoted(find: str) -> None:
    buffer = _after_a_unit(b"0123456789" * 5)
    with pytest.raises(LocalProtocolError) as info:
        if find == "unit":
            buffer.find_unit(b"\r\n", "chunk-size line")
        else:
            buffer.find_blank_line("chunk-size line")
    assert str(info.value) == (
        "Receive buffer too long at byte 10: chunk-size line (RFC 6585 §5): a chunk-size "
        "line exceeds max_incomplete_event_size=10; got b'0123456789012345678901234567890123456789'"
    )
    assert (info.value.rule, info.value.offset) == ("chunk-size line", 10)


@pytest.mark.parametrize("lines", [False, True])
def test_a_search_with_nothing_unread_says_so_and_searched_nothing(lines: bool) -> None:
    buffer = ReceiveBuffer(100)
    assert buffer.find_unit(b"\r\n", "line", lines) == NOTHING_UNREAD
    buffer.feed(b"ab\r\ncd")
    buffer.find_unit(b"\r\n", "line", lines)  # searched up to the last octet
    buffer.take(6)
    assert buffer.find_unit(b"\r\n", "line", lines) == NOTHING_UNREAD
    assert buffer.searched == 0
    buffer.feed(b"e\r\n")  # what arrives next is searched from its start
    assert buffer.find_unit(b"\r\n", "line", lines) == 3


def test_a_search_after_everything_was_consumed_sees_the_new_data_from_its_first_octet() -> None:
    # A unit found after a miss, then taken whole: what arrives next is new, and a LF that
    # is its first octet has ended a line (a bare LF, for the head reader to refuse at once).
    buffer = ReceiveBuffer(100)
    buffer.feed(b"ab")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == NOT_FOUND
    buffer.feed(b"\r\n\r\n")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == 6
    buffer.take(6)
    buffer.feed(b"\nx")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == LINE_ENDED
    assert buffer.searched == 0


def test_a_unit_found_at_the_first_octet_is_found() -> None:
    # An empty head, or a trailer section of no fields: the terminator at offset 0.
    buffer = ReceiveBuffer(100)
    buffer.feed(b"\r\n\r\nGET")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == 4


def test_a_line_ended_only_among_unread_octets() -> None:
    # The LF of a unit taken is behind the read offset: the next unit has no line ended.
    buffer = ReceiveBuffer(100)
    buffer.feed(b"A\r\n\r\nGET / HT")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == 5
    buffer.take(5)
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == NOT_FOUND
    buffer.feed(b"TP/1.1\r\n")
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == LINE_ENDED


def _due(buffer: ReceiveBuffer) -> bool:
    # A call, so that mypy keeps no narrowing of the attribute across the feeds.
    return buffer.search_due


def test_a_search_is_due_only_when_something_could_have_ended() -> None:
    """``search_due``, which lets a reader of lines wait without searching, is cleared by a
    search that finds nothing and set by anything after it that could end a unit: a LF, data
    arriving after the unread octets were consumed, or the unit outgrowing the limit."""
    buffer = ReceiveBuffer(20)
    buffer.feed(b"GET / HT")
    assert _due(buffer)
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == NOT_FOUND
    assert not _due(buffer)
    buffer.feed(b"T")  # the received object copied, to be appended to: not looked at
    assert _due(buffer)
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == NOT_FOUND
    buffer.feed(b"P/1.1")  # appended, no LF: nothing can have ended
    assert not _due(buffer)
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == NOT_FOUND
    buffer.feed(b"\r")
    assert not _due(buffer)
    buffer.feed(b"\n")  # a LF: a line has ended
    assert _due(buffer)
    assert buffer.find_unit(b"\r\n\r\n", "head", True) == LINE_ENDED
    assert not _due(buffer)
    buffer.feed(b"Host:")  # 21 octets, over the limit of 20: the search refuses them
    assert _due(buffer)
    with pytest.raises(LocalProtocolError):
        buffer.find_unit(b"\r\n\r\n", "head", True)

    buffer = ReceiveBuffer(100)
    buffer.feed(b"abc")
    assert buffer.find_unit(b"\r\n", "line", True) == NOT_FOUND
    buffer.take(3)  # consumed as a body: what arrives next is not appended to a unit
    buffer.feed(b"de")
    assert _due(buffer)


@pytest.mark.parametrize("ending", [b"\n\n", b"\n\r\n", b"\r\n\r\n"])
def test_a_blank_line_split_across_receives_is_found(ending: bytes) -> None:
    # The BARE_LF leniency's search: the octets before the cut were searched when they
    # arrived, and the search after it backs off far enough to see the whole end.
    for cut in range(1, len(ending)):
        buffer = ReceiveBuffer(100)
        buffer.feed(b"GET / HTTP/1.1" + ending[:cut])
        assert buffer.find_blank_line("head") == NOT_FOUND
        buffer.feed(ending[cut:] + b"POST")
        assert buffer.find_blank_line("head") == len(b"GET / HTTP/1.1" + ending)
