"""Headers: a read-only sequence of lower-cased pairs, normalised as h11 normalises."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from h11pc import LocalProtocolError, _headers
from h11pc._headers import Headers
from h11pc._util import MEMO_MOST


def test_names_are_lower_cased_and_raw_items_keep_the_senders_spelling() -> None:
    headers = Headers.from_user([("Content-Type", "text/plain"), (b"X-ABC", b"1")])
    assert list(headers) == [(b"content-type", b"text/plain"), (b"x-abc", b"1")]
    assert headers.raw_items() == [(b"Content-Type", b"text/plain"), (b"X-ABC", b"1")]


def test_equal_to_plain_sequences_of_pairs() -> None:
    headers = Headers.from_user([("A", "1")])
    assert headers == [(b"a", b"1")]
    assert headers == ((b"a", b"1"),)
    assert headers != [(b"a", b"2")]
    assert headers != "not headers"


def test_sequence_protocol() -> None:
    headers = Headers.from_user([("A", "1"), ("B", "2"), ("A", "3")])
    assert len(headers) == 3
    assert headers[0] == (b"a", b"1")
    assert headers[-1] == (b"a", b"3")
    assert headers[0:2] == [(b"a", b"1"), (b"b", b"2")]
    assert next(reversed(headers)) == (b"a", b"3")
    assert (b"b", b"2") in headers
    assert headers.index((b"b", b"2")) == 1
    assert bool(Headers.from_user([])) is False


def test_read_only() -> None:
    headers = Headers.from_user([("A", "1")])
    with pytest.raises(TypeError):
        headers[0] = (b"b", b"2")  # type: ignore[index]
    with pytest.raises(AttributeError):
        headers.append((b"b", b"2"))  # type: ignore[attr-defined]


def test_repr() -> None:
    assert repr(Headers.from_user([("A", "1")])) == "<Headers([(b'a', b'1')])>"


@pytest.mark.parametrize("name", ["", "a b", "a:b", "é", "a\r\n"])
def test_names_must_be_tokens(name: str) -> None:
    with pytest.raises(LocalProtocolError):
        Headers.from_user([(name, "v")])


@pytest.mark.parametrize("value", [" lead", "trail ", "a\r\nb", "a\x00b", "a\nb"])
def test_values_must_be_field_values(value: str) -> None:
    with pytest.raises(LocalProtocolError, match="header value"):
        Headers.from_user([("A", value)])


@pytest.mark.parametrize("value", ["", "a  b", "a\tb", "\x80\xff".encode("latin-1")])
def test_valid_values(value: str | bytes) -> None:
    assert Headers.from_user([("A", value)])[0][1] == (
        value.encode() if isinstance(value, str) else value
    )


def test_identical_content_lengths_collapse_to_one() -> None:
    headers = Headers.from_user([("Content-Length", "5"), ("content-length", "5 , 5")])
    assert headers == [(b"content-length", b"5")]


@pytest.mark.parametrize("values", [["1", "2"], ["1, 2"]])
def test_conflicting_content_lengths_are_refused(values: list[str]) -> None:
    with pytest.raises(LocalProtocolError, match="conflicting Content-Length"):
        Headers.from_user([("Content-Length", value) for value in values])


@pytest.mark.parametrize("value", ["+1", "-1", "", "0x10", "1.0"])
def test_content_length_must_be_digits(value: str) -> None:
    with pytest.raises(LocalProtocolError, match="Content-Length"):
        Headers.from_user([("Content-Length", value)])


def test_transfer_encoding_must_be_chunked() -> None:
    assert Headers.from_user([("Transfer-Encoding", "Chunked")]) == [
        (b"transfer-encoding", b"chunked")
    ]
    with pytest.raises(LocalProtocolError) as info:
        Headers.from_user([("Transfer-Encoding", "gzip, chunked")])
    assert info.value.error_status_hint == 501
    with pytest.raises(LocalProtocolError) as info:
        Headers.from_user([("Transfer-Encoding", "chunked")] * 2)
    assert info.value.error_status_hint == 501


def test_parsed_fields_are_normalised_the_same_way() -> None:
    raw = [(b"Content-Length", b"3"), (b"CONTENT-LENGTH", b"3"), (b"X", b"y")]
    assert _from_wire(raw) == [(b"content-length", b"3"), (b"x", b"y")]
    with pytest.raises(LocalProtocolError):
        _from_wire([(b"Content-Length", b"3"), (b"Content-Length", b"4")])


def test_elements_combine_repeated_fields_through_the_fields_rule() -> None:
    headers = Headers.from_user(
        [("Connection", "Keep-Alive, Upgrade"), ("X", "1"), ("connection", ", close")]
    )
    assert headers.elements(b"connection") == (b"keep-alive", b"upgrade", b"close")
    assert headers.elements(b"upgrade") == ()
    assert Headers.from_user([("Connection", "close")]).elements(b"connection") == (b"close",)


def test_elements_keep_commas_inside_quoted_strings() -> None:
    """RFC 9110 §10.1.1: ``foo="x,100-continue,y"`` is one expectation, named foo."""
    headers = Headers.from_user([("Expect", 'foo="x,100-continue,y"')])
    assert headers.elements(b"expect") == (b'foo="x,100-continue,y"',)


@pytest.mark.parametrize(
    ("name", "value"),
    [("Connection", "close;x"), ("Upgrade", "a b"), ("Expect", 'foo="x'), ("TE", "a;")],
)
def test_elements_of_a_value_that_is_no_list_are_none(name: str, value: str) -> None:
    headers = Headers.from_user([(name, value)])
    assert headers.elements(name.lower().encode()) is None


def test_count_of_and_has() -> None:
    headers = Headers.from_user([("A", "1"), ("B", "2"), ("a", "3")])
    assert (headers.count_of(b"a"), headers.count_of(b"b"), headers.count_of(b"c")) == (2, 1, 0)
    assert headers.has(b"b") and not headers.has(b"c")


def test_replaced_appends_title_cased_fields() -> None:
    headers = Headers.from_user([("connection", "keep-alive"), ("X", "1")])
    replaced = headers.replaced(b"connection", [b"close"])
    assert replaced.raw_items() == [(b"X", b"1"), (b"Connection", b"close")]
    assert replaced == [(b"x", b"1"), (b"connection", b"close")]
    assert headers.replaced(b"absent", []) is headers


def _from_wire(raw: list[tuple[bytes, bytes]]) -> Headers:
    names = [name for name, _ in raw]
    return Headers.from_wire(names, [name.lower() for name in names], [v for _, v in raw])


def test_headers_constructor_normalises() -> None:
    assert Headers([(b"A", b"1")]) == [(b"a", b"1")]
    assert Headers.from_user(Headers([(b"A", b"1")])) == [(b"a", b"1")]


def test_headers_are_hashable_and_immutable_all_the_way_down() -> None:
    headers = Headers.from_user([("A", "1")])
    assert hash(headers) == hash(Headers.from_user([("a", "1")]))


def test_a_field_list_given_again_is_not_checked_again_but_gives_the_same_headers() -> None:
    fields = [(b"Server", b"h11pc"), (b"Content-Length", b"5")]
    first = Headers.from_user(fields)
    assert Headers.from_user(list(fields)) is first
    assert Headers.from_user(fields) == [(b"server", b"h11pc"), (b"content-length", b"5")]
    # A list that differs in anything is a list of its own, checked on its own.
    with pytest.raises(LocalProtocolError, match="Illegal header value"):
        Headers.from_user([(b"Server", b"h11pc\r\nX: 1"), (b"Content-Length", b"5")])
    with pytest.raises(ValueError):
        Headers.from_user([(b"Server", b"h11pc", b"extra"), (b"Content-Length", b"5")])  # type: ignore[list-item]
    assert Headers.from_user([("Server", "h11pc"), ("Content-Length", "5")]) == first


def test_a_field_list_with_any_str_or_list_is_checked_beside_the_lists_kept() -> None:
    # An ASCII str hashes as the equal bytes do: a list holding one, a name or a value, must
    # not be looked up among the lists kept, where comparing it with their bytes would warn
    # (make test runs under -bb, where that warning is an error).
    fields = [(b"Server", b"h11pc"), (b"Content-Length", b"5")]
    first = Headers.from_user(fields)
    assert Headers.from_user([("Server", b"h11pc"), (b"Content-Length", b"5")]) == first
    assert Headers.from_user([(b"Server", "h11pc"), (b"Content-Length", b"5")]) == first
    # Pairs given as lists or as iterators (which h11 reads) are fields all the same; the
    # annotation, h11's, says tuples.
    as_lists: list[Any] = [[b"Server", b"h11pc"], [b"Content-Length", b"5"]]
    assert Headers.from_user(as_lists) == first
    as_iterators: list[Any] = [iter((b"Server", b"h11pc")), (b"Content-Length", b"5")]
    assert Headers.from_user(as_iterators) == first
    as_str_iterators: list[Any] = [iter(("Server", "h11pc")), (b"Content-Length", b"5")]
    assert Headers.from_user(as_str_iterators) == first
    # Nor is a list holding str kept: every key is bytes alone.
    assert all(type(part) is bytes for key in _headers._CHECKED for pair in key for part in pair)


def test_the_lists_kept_are_bounded() -> None:
    for number in range(3 * MEMO_MOST):
        Headers.from_user([(b"X-Count", b"%d" % number)])
    assert 0 < len(_headers._CHECKED) <= MEMO_MOST


@pytest.mark.parametrize(
    ("given", "lines"),
    [
        ([], b""),
        ([(b"Server", b"h11pc")], b"Server: h11pc"),
        ([(b"A", b"1"), (b"a", b"")], b"A: 1\r\na: "),
        # Normalised framing: the lines sent are those of the fields kept.
        (
            [(b"Content-Length", b"5, 5"), (b"X", b"y")],
            b"Content-Length: 5\r\nX: y",
        ),
    ],
)
def test_field_lines_are_the_fields_as_sent(given: list[tuple[bytes, bytes]], lines: bytes) -> None:
    headers = Headers.from_user(given)
    assert headers.field_lines() == lines
    assert headers.field_lines() == b"\r\n".join(b"%s: %s" % pair for pair in headers.raw_items())
    rebuilt = headers.replaced(b"x-new", [b"1"])
    assert rebuilt.field_lines().endswith(b"X-New: 1")


def test_errors_of_a_users_transfer_encoding_say_what_h11_says() -> None:
    """h11's messages (code matches on them), with the rule, the section and 501."""
    with pytest.raises(LocalProtocolError) as info:
        Headers.from_user([("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "gzip")])
    assert str(info.value) == "multiple Transfer-Encoding headers"
    assert info.value.why == "h11pc implements the chunked coding alone, not b'gzip'"  # type: ignore[attr-defined]
    assert (info.value.rule, info.value.section) == ("Transfer-Encoding", "RFC 9112 §6.1")
    with pytest.raises(LocalProtocolError) as info:
        Headers.from_user([("Transfer-Encoding", "GZip")])
    assert str(info.value) == "Only Transfer-Encoding: chunked is supported"
    assert info.value.why == "h11pc implements the chunked coding alone, not b'gzip'"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["1, 2"], "conflicting Content-Length headers"),
        (["1", "2"], "conflicting Content-Length headers"),
        (["1x"], "bad Content-Length"),
        (["9" * 30], "Content-Length too large"),
    ],
)
def test_content_length_errors_say_what_h11_says(values: list[str], message: str) -> None:
    with pytest.raises(LocalProtocolError) as info:
        Headers.from_user([("Content-Length", value) for value in values])
    assert str(info.value) == message
    assert (info.value.rule, info.value.section) == ("Content-Length", "RFC 9110 §8.6")


def test_content_length_errors_say_why() -> None:
    for values, why in [
        (["1, 2"], "a list of differing lengths"),
        (["1", "2"], "1 differs from 2"),
        (["1x"], "expected 1*DIGIT"),
        (["9" * 30], f"more than {2**63 - 1} octets cannot be counted"),
    ]:
        with pytest.raises(LocalProtocolError) as info:
            Headers.from_user([("Content-Length", value) for value in values])
        assert info.value.why == why  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ([("é", "1")], "header name must be ASCII, not 'é'"),
        ([("A", "é")], "header value must be ASCII, not 'é'"),
        ([(b"a b", b"1")], "Illegal header name b'a b'"),
        ([(b"A", b"1\r\n")], "Illegal header value b'1\\r\\n'"),
    ],
)
def test_illegal_fields_are_named_in_the_error(fields: list[Any], message: str) -> None:
    with pytest.raises(LocalProtocolError) as info:
        Headers.from_user(fields)
    assert str(info.value) == message


def test_headers_given_are_taken_as_they_are() -> None:
    headers = Headers.from_user([("A", "1")])
    assert Headers.from_user(headers) is headers
    # A list of pairs is checked, whatever its items (Headers is a sequence of pairs too).
    assert Headers.from_user([headers[0]]) == headers
    with pytest.raises(LocalProtocolError):
        Headers.from_user(iter([("a b", "1")]))


def test_equality_and_hash_see_names_and_values_together() -> None:
    headers = Headers.from_user([("A", "1"), ("B", "2")])
    assert headers != Headers.from_user([("A", "1"), ("B", "3")])
    assert headers != Headers.from_user([("A", "1"), ("C", "2")])
    assert headers == Headers.from_user([("a", "1"), ("b", "2")])
    assert hash(headers) != hash(Headers.from_user([("A", "1"), ("B", "3")]))
    assert (b"a", b"2") not in headers
    assert (b"b", b"2") in headers


def test_a_comma_in_a_value_makes_it_a_list() -> None:
    headers = Headers.from_user([("Connection", "close, upgrade")])
    assert headers.elements(b"connection") == (b"close", b"upgrade")
    assert Headers.from_user([("TE", "trailers")]).elements(b"te") == (b"trailers",)


def test_extended_adds_to_an_empty_field_without_a_comma() -> None:
    headers = Headers.from_user([("Connection", "")])
    assert headers.extended(b"connection", [b"close"]).raw_items() == [(b"Connection", b"close")]
    headers = Headers.from_user([("Connection", "a")])
    assert headers.extended(b"connection", [b"b"]).raw_items() == [(b"Connection", b"a, b")]


def test_received_transfer_encodings_combine_into_the_first_field() -> None:
    raw = [
        (b"Transfer-Encoding", b"gzip"),
        (b"X", b"1"),
        (b"Transfer-Encoding", b"br"),
        (b"Transfer-Encoding", b"Chunked"),
        (b"Y", b"2"),
    ]
    assert _from_wire(raw).raw_items() == [
        (b"Transfer-Encoding", b"gzip, br, chunked"),
        (b"X", b"1"),
        (b"Y", b"2"),
    ]
    # The first field line of the head is Transfer-Encoding: its place is kept.
    raw = [(b"Transfer-Encoding", b"gzip"), (b"Transfer-Encoding", b"chunked"), (b"Z", b"3")]
    assert _from_wire(raw).raw_items() == [
        (b"Transfer-Encoding", b"gzip, chunked"),
        (b"Z", b"3"),
    ]


def test_a_received_transfer_encoding_that_is_no_list_of_codings_is_refused() -> None:
    with pytest.raises(LocalProtocolError) as info:
        _from_wire([(b"Transfer-Encoding", b"chunked, \x01")])
    assert str(info.value) == "illegal Transfer-Encoding"
    assert info.value.why == "not a list of transfer-codings (at 9 of the value)"  # type: ignore[attr-defined]


def test_a_headers_is_a_sequence_but_not_every_sequence_is_a_headers() -> None:
    headers = Headers([(b"a", b"1")])
    assert isinstance(headers, Sequence) and issubclass(Headers, Sequence)
    for other in ([(b"a", b"1")], ((b"a", b"1"),), b"a", "a", range(1)):
        assert not isinstance(other, Headers), other
        assert not issubclass(type(other), Headers), other
