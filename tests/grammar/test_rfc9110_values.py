"""grammar.rfc9110: the values rules return, on the RFC's examples and around their edges.

Every rule's own examples (value included) are in ``test_rfc9110``; these tests follow the
values a user relies on across rules: the RFC's example messages, the three date forms
against independent renderers, lists with empty elements, weights, entity-tag comparison,
ranges, authentication parameters.
"""

from __future__ import annotations

import email.utils
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import parsy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grammar import rfc9110, rfc9112
from grammar.values import (
    Challenge,
    Comment,
    EntityTag,
    IntRange,
    MediaType,
    Product,
    Protocol,
    Ranges,
    SuffixRange,
    ViaEntry,
    Weighted,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "rfc"

# --- the RFC's example messages --------------------------------------------------------------


def example_fields() -> list[tuple[str, bytes, bytes]]:
    """``(section, name, value)`` of every field line in RFC 9110's example messages.

    A line that is not a field line (a start line) is skipped, the blank line ends the
    fields; an indented line continues the previous value (the RFC folds long examples)."""
    path = SHARED / "rfc_http_message_examples.json"
    if not path.exists():
        pytest.skip(f"{path} is absent (it lives beside the checkout)")
    found: list[tuple[str, bytes, bytes]] = []
    for example in json.loads(path.read_text()):
        if example["rfc"] != "9110":
            continue
        for line in example["text"].encode("latin-1").split(b"\n"):
            if not line:
                break
            if line[:1] in b" \t" and found:
                section, name, value = found[-1]
                found[-1] = (section, name, value + b" " + line.strip())
                continue
            try:
                field = rfc9112.field_line.parse(line)
            except parsy.ParseError:
                continue
            found.append((example["section"], field.name, field.value))
    return found


# Example field values that are not valid, each for a reason outside this grammar.
NOT_VALID_IN_THE_EXAMPLES = {
    # The RFC's source computes these lengths; the examples file has them blank.
    ("3.9", b"Content-Length", b""),
    ("8.8.3.3", b"Content-Length", b""),
    ("15.5.22", b"Content-Length", b""),
    # §14.6's example date has no year and a long month name: an error in the example.
    ("14.6", b"Last-Modified", b"Tue, 14 July 04:58:08 GMT"),
}


def test_the_rfcs_example_fields_parse() -> None:
    fields = example_fields()
    known = {name.lower() for _, name, _ in fields} & set(rfc9110.FIELDS)
    assert len(known) > 30  # the examples cover most fields
    rejected = set()
    for section, name, value in fields:
        field_rule = rfc9110.FIELDS.get(name.lower())
        if field_rule is None:
            continue
        try:
            field_rule.parse(value)
        except parsy.ParseError:
            rejected.add((section, name, value))
    assert rejected == NOT_VALID_IN_THE_EXAMPLES


def test_the_rfcs_example_fields_have_their_values() -> None:
    values = {}
    for field in set(example_fields()) - NOT_VALID_IN_THE_EXAMPLES:
        _, name, value = field
        if name.lower() in rfc9110.FIELDS:
            values[name, value] = rfc9110.FIELDS[name.lower()].parse(value)
    assert values[b"Via", b"1.0 ricky, 1.1 mertz, 1.0 lucy"] == tuple(
        ViaEntry(Protocol(None, version), by)
        for version, by in ((b"1.0", b"ricky"), (b"1.1", b"mertz"), (b"1.0", b"lucy"))
    )
    assert values[b"Accept", b"text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c"] == (
        Weighted(MediaType(b"text", b"plain"), 0.5),
        Weighted(MediaType(b"text", b"html")),
        Weighted(MediaType(b"text", b"x-dvi"), 0.8),
        Weighted(MediaType(b"text", b"x-c")),
    )
    assert values[
        b"Accept",
        b"text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, "
        b"text/plain;format=fixed;q=0.4, */*;q=0.5",
    ] == (
        Weighted(MediaType(b"text", b"*"), 0.3),
        Weighted(MediaType(b"text", b"plain"), 0.7),
        Weighted(MediaType(b"text", b"plain", ((b"format", b"flowed"),))),
        Weighted(MediaType(b"text", b"plain", ((b"format", b"fixed"),)), 0.4),
        Weighted(MediaType(b"*", b"*"), 0.5),
    )
    assert values[b"If-None-Match", b'W/"xyzzy", W/"r2d2xxxx", W/"c3piozzzz"'] == tuple(
        EntityTag(tag, weak=True) for tag in (b"xyzzy", b"r2d2xxxx", b"c3piozzzz")
    )
    assert values[b"Accept-Encoding", b""] == ()
    assert values[b"Content-Type", b"multipart/byteranges; boundary=THIS_STRING_SEPARATES"] == (
        MediaType(b"multipart", b"byteranges", ((b"boundary", b"THIS_STRING_SEPARATES"),))
    )
    assert values[b"Content-Range", b"bytes 21010-47021/47022"].complete_length == 47022


# --- dates ----------------------------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31), timezones=st.just(UTC)
).map(lambda instant: instant.replace(microsecond=0))


@given(instants)
def test_imf_fixdate_reads_what_the_email_package_writes(instant: datetime) -> None:
    text = email.utils.format_datetime(instant, usegmt=True).encode()
    assert (
        rfc9110.http_date.parse(text) == instant == email.utils.parsedate_to_datetime(text.decode())
    )


@given(instants)
def test_asctime_date_reads_what_ctime_writes(instant: datetime) -> None:
    assert rfc9110.http_date.parse(instant.ctime().encode()) == instant


@given(instants)
def test_rfc850_date_reads_what_strftime_writes(instant: datetime) -> None:
    text = instant.strftime("%A, %d-%b-%y %H:%M:%S GMT").encode()
    try:
        parsed = rfc9110.rfc850_date.parse(text)
    except parsy.ParseError:
        # Only 29 February can fail: its year read back may not be a leap year.
        assert (instant.month, instant.day) == (2, 29)
        return
    assert parsed.year % 100 == instant.year % 100
    assert parsed.replace(year=instant.year) == instant


@pytest.mark.parametrize("two_digits", range(100))
def test_rfc850_years_more_than_50_years_ahead_are_in_the_past(two_digits: int) -> None:
    # §5.6.7: "a timestamp that appears to be more than 50 years in the future" is "the most
    # recent year in the past that had the same last two digits".
    this_year = datetime.now(UTC).year
    text = b"Sunday, 06-Nov-%02d 08:49:37 GMT" % two_digits
    year = rfc9110.rfc850_date.parse(text).year
    in_this_century = this_year - this_year % 100 + two_digits
    if in_this_century <= this_year + 50:
        assert year == in_this_century
    else:
        assert year == in_this_century - 100 < this_year


def test_the_three_forms_are_one_instant() -> None:
    # §5.6.7's example, in its three forms.
    forms = [
        b"Sun, 06 Nov 1994 08:49:37 GMT",
        b"Sunday, 06-Nov-94 08:49:37 GMT",
        b"Sun Nov  6 08:49:37 1994",
    ]
    values = {rfc9110.http_date.parse(form) for form in forms}
    assert values == {datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)}
    (value,) = values
    assert value.utcoffset() == timedelta(0)


def test_a_date_names_the_day_it_does_not_check() -> None:
    # The day name is redundant (§5.6.7 gives no rule for a wrong one): a recipient reads
    # the date, as most do.
    assert rfc9110.http_date.parse(b"Mon, 06 Nov 1994 08:49:37 GMT") == datetime(
        1994, 11, 6, 8, 49, 37, tzinfo=UTC
    )


def test_a_date_that_does_not_exist_is_rejected_with_the_reason() -> None:
    with pytest.raises(parsy.ParseError, match=r"valid IMF-fixdate \(day is out of range"):
        rfc9110.date.parse(b"Sun, 31 Feb 1994 08:49:37 GMT")
    with pytest.raises(parsy.ParseError, match="valid asctime-date"):
        rfc9110.http_date.parse(b"Sun Feb 29 08:49:37 1900")


# --- field values ---------------------------------------------------------------------------

VISIBLE = bytes(range(0x21, 0x7F)) + bytes(range(0x80, 0x100))
field_values = st.builds(
    lambda first, middle, last: first + middle + last,
    st.sampled_from(VISIBLE).map(lambda octet: bytes((octet,))),
    st.binary(max_size=20).map(lambda data: bytes(VISIBLE[b % len(VISIBLE)] for b in data)),
    st.sampled_from([b"", b"x", b"\xff"]),
)


@given(field_values, st.sampled_from([b"\r", b"\n", b"\x00", b"\x7f", b"\x1f"]), st.data())
def test_a_field_value_with_a_control_octet_is_rejected(
    value: bytes, control: bytes, data: st.DataObject
) -> None:
    # §5.5: CR, LF and NUL are "invalid and dangerous"; other CTLs are invalid too.
    assert rfc9110.field_value.parse(value) == value
    position = data.draw(st.integers(0, len(value)))
    spoiled = value[:position] + control + value[position:]
    with pytest.raises(parsy.ParseError):
        rfc9110.field_value.parse(spoiled)


def test_obs_text_is_field_content_and_quoted_text() -> None:
    assert rfc9110.field_value.parse(b"caf\xe9 \xff") == b"caf\xe9 \xff"
    assert rfc9110.quoted_string.parse(b'"caf\xe9 \\\xff"') == b"caf\xe9 \xff"
    assert rfc9110.comment.parse(b"(caf\xe9)") == Comment(b"caf\xe9")
    assert rfc9110.entity_tag.parse(b'"\xe9"') == EntityTag(b"\xe9")
    assert rfc9110.media_type.parse(b'a/b;c="\xe9"').param(b"C") == b"\xe9"


# --- lists (§5.6.1.2) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # §5.6.1.2's examples for `example-list = 1#example-list-elmt`
        (b"foo,bar", (b"foo", b"bar")),
        (b"foo ,bar,", (b"foo", b"bar")),
        (b"foo , ,bar,charlie", (b"foo", b"bar", b"charlie")),
    ],
)
def test_a_recipient_takes_the_rfcs_lists(text: bytes, value: tuple[bytes, ...]) -> None:
    assert rfc9110.acceptable_ranges.parse(text) == value
    assert rfc9110.connection.parse(text) == value


@pytest.mark.parametrize("text", [b"", b",", b",   ,"])
def test_a_recipient_rejects_the_rfcs_empty_one_or_more_lists(text: bytes) -> None:
    # §5.6.1.2: these "are invalid" for a `1#` list; for a `#` list they are empty.
    with pytest.raises(parsy.ParseError):
        rfc9110.acceptable_ranges.parse(text)
    assert rfc9110.connection.parse(text) == ()


@given(st.lists(st.sampled_from([b"a", b"B", b"x-y"]), max_size=5), st.data())
def test_empty_elements_do_not_change_a_list(items: list[bytes], data: st.DataObject) -> None:
    separators = st.sampled_from([b",", b", ", b" , ", b",,", b", , ", b"\t,"])
    text = data.draw(st.sampled_from([b"", b",", b", "]))
    text += b"".join(item + data.draw(separators) for item in items)
    assert rfc9110.vary.parse(text) == tuple(item.lower() for item in items)


# --- weights (§12.4.2, §12.5.1) -------------------------------------------------------------


@given(st.integers(0, 1000), st.integers(0, 3))
def test_a_qvalue_is_its_number(thousandths: int, digits: int) -> None:
    text = b"%d.%03d" % divmod(thousandths, 1000)
    assert rfc9110.qvalue.parse(text) == thousandths / 1000
    with pytest.raises(parsy.ParseError):
        rfc9110.qvalue.parse(text + b"0")  # a fourth decimal
    short = b"0." + b"%03d" % (thousandths % 1000)
    assert rfc9110.qvalue.parse(short[: 2 + digits]) == float(short[: 2 + digits])


def test_q_is_the_weight_wherever_it_stands() -> None:
    # §12.5.1: "Recipients SHOULD process any parameter named "q" as weight, regardless
    # of parameter ordering."
    plain = MediaType(b"text", b"plain", ((b"format", b"flowed"),))
    assert rfc9110.accept.parse(b"text/plain;q=0.5;format=flowed") == (Weighted(plain, 0.5),)
    assert rfc9110.accept.parse(b"text/plain;format=flowed;Q=0.5") == (Weighted(plain, 0.5),)
    # A "q" that holds no qvalue is no weight: it stays a parameter.
    assert rfc9110.accept.parse(b"a/b;q=x") == (Weighted(MediaType(b"a", b"b", ((b"q", b"x"),))),)


def test_weights_of_codings_and_charsets() -> None:
    te = rfc9110.te.parse(b"gzip;q=0.5;level=1, trailers")
    assert [(item.value.name, item.value.parameters, item.q) for item in te] == [
        (b"gzip", ((b"level", b"1"),), 0.5),
        (b"trailers", (), 1.0),
    ]
    assert rfc9110.accept_charset.parse(b"*;q=0") == (Weighted(b"*", 0.0),)


# --- media types ----------------------------------------------------------------------------


def test_media_types_that_the_rfc_calls_equivalent_are_equal() -> None:
    # §8.3.1: these four are equivalent; "charset" is case-insensitive, which values keep
    # as sent (a parameter's case rules are its own).
    types = [
        rfc9110.media_type.parse(text)
        for text in (
            b"text/html;charset=utf-8",
            b'Text/HTML;Charset="utf-8"',
            b'text/html; charset="utf-8"',
            b"text/html;charset=UTF-8",
        )
    ]
    assert types[0] == types[1] == types[2]
    assert types[3].essence == types[0].essence == b"text/html"
    assert types[3].param(b"CHARSET") == b"UTF-8"
    assert rfc9110.media_type.parse(b"a/b").param(b"charset") is None


# --- entity tags (§8.8.3.2) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "weak", "strong"),
    [
        # §8.8.3.2's table
        (b'W/"1"', b'W/"1"', True, False),
        (b'W/"1"', b'W/"2"', False, False),
        (b'W/"1"', b'"1"', True, False),
        (b'"1"', b'"1"', True, True),
    ],
)
def test_entity_tag_comparison(first: bytes, second: bytes, weak: bool, strong: bool) -> None:
    one, other = rfc9110.entity_tag.parse(first), rfc9110.entity_tag.parse(second)
    assert one.weak_match(other) is weak
    assert one.strong_match(other) is strong


# --- ranges (§14) ---------------------------------------------------------------------------


def test_a_range_is_its_unit_and_specs() -> None:
    assert rfc9110.range_.parse(b"bytes=0-0,-1") == Ranges(
        b"bytes", (IntRange(0, 0), SuffixRange(1))
    )
    assert rfc9110.range_.parse(b"bytes=10000000000000000000000-") == Ranges(
        b"bytes", (IntRange(10**22),)
    )


@given(st.integers(0, 10**20), st.integers(0, 10**20))
def test_content_length_is_any_decimal_number(number: int, zeros: int) -> None:
    # §8.6: "a recipient MUST anticipate potentially large decimal numerals".
    assert rfc9110.content_length.parse(b"0" * (zeros % 3) + b"%d" % number) == number


# --- authentication (§11) -------------------------------------------------------------------


def test_challenges_split_where_the_next_scheme_begins() -> None:
    # §11.6.1's example, and the same with the challenges the other way round.
    newauth = Challenge(
        b"newauth", None, ((b"realm", b"apps"), (b"type", b"1"), (b"title", b'Login to "apps"'))
    )
    basic = Challenge(b"basic", None, ((b"realm", b"simple"),))
    text = b'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"'
    assert rfc9110.www_authenticate.parse(text) == (newauth, basic)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (b"Bearer a.b-c_d~e+f/g==", Challenge(b"bearer", b"a.b-c_d~e+f/g==")),
        (b"A b=,c", None),  # token68 "b=" then "c": not a challenge of one token68
        (b"A b=c,,", Challenge(b"a", None, ((b"b", b"c"),))),
    ],
)
def test_token68_or_params(text: bytes, value: Any) -> None:
    if value is None:
        with pytest.raises(parsy.ParseError):
            rfc9110.challenge.parse(text)
    else:
        assert rfc9110.challenge.parse(text) == value


# --- products, protocols --------------------------------------------------------------------


def test_server_and_user_agent_keep_products_and_comments_in_order() -> None:
    assert rfc9110.user_agent.parse(b"Mozilla/5.0 (X11; Linux x86_64) Gecko/2010 Firefox/1") == (
        Product(b"Mozilla", b"5.0"),
        Comment(b"X11; Linux x86_64"),
        Product(b"Gecko", b"2010"),
        Product(b"Firefox", b"1"),
    )
    assert rfc9110.via.parse(b"1.1 vegur (a (b) \\c)") == (
        ViaEntry(Protocol(None, b"1.1"), b"vegur", Comment(b"a (b) c")),
    )


def test_a_deeply_nested_comment_is_an_answer_not_a_crash() -> None:
    # Valid by the ABNF, and a denial-of-service shape: either answer is fine -- a value, or
    # a ParseError for a recipient's limit on nesting -- but not an exception of Python's.
    text = b"a " + b"(" * 500 + b")" * 500
    try:
        value = rfc9110.user_agent.parse(text)
    except parsy.ParseError:
        return
    assert value[1] == Comment(b"(" * 499 + b")" * 499)
