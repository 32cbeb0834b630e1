"""grammar.rfc3986: the RFC's examples with their values, and the ``abnf`` package as oracle.

The module rewrites three rules for PEG (``dec-octet``, ``host``, ``path``) and matches
``IPv6address`` with its pattern; the oracle reads the RFC's own text, so agreeing with it on
short inputs (examples, property tests, and exhaustive sweeps of ``dec-octet``) is what shows
the rewrites change no language.
"""

from __future__ import annotations

import itertools
from typing import Any

import parsy
import pytest
from abnf.grammars import rfc3986 as oracle_grammar
from hypothesis import given
from hypothesis import strategies as st

from grammar import rfc3986
from grammar.abnf import Rule
from grammar.values import Authority, URIReference
from tests.grammar.oracle import accepts, engine_accepts, short_inputs, transcription
from tests.grammar.support import rule_id, rules_of

RULES = rules_of(rfc3986)


def oracle_accepts(uri_rule: Rule[Any], data: bytes) -> bool:
    return engine_accepts(oracle_grammar.Rule, uri_rule.name, data)


def same(*texts: bytes) -> dict[bytes, bytes]:
    """Examples of a rule whose value is the octets it matched."""
    return {text: text for text in texts}


def ref(path: bytes, query: bytes | None = None, fragment: bytes | None = None) -> URIReference:
    """A relative reference without authority."""
    return URIReference(None, None, path, query, fragment)


def http(
    host: bytes, path: bytes, query: bytes | None = None, fragment: bytes | None = None
) -> URIReference:
    return URIReference(b"http", Authority(host), path, query, fragment)


# --- the RFC's examples ---------------------------------------------------------------------

# RFC 3986 §1.1.2, §3 and §6.2.2-§6.2.3.
RFC_URIS: dict[bytes, URIReference] = {
    b"ftp://ftp.is.co.za/rfc/rfc1808.txt": URIReference(
        b"ftp", Authority(b"ftp.is.co.za"), b"/rfc/rfc1808.txt"
    ),
    b"http://www.ietf.org/rfc/rfc2396.txt": http(b"www.ietf.org", b"/rfc/rfc2396.txt"),
    b"ldap://[2001:db8::7]/c=GB?objectClass?one": URIReference(
        b"ldap", Authority(b"[2001:db8::7]"), b"/c=GB", b"objectClass?one"
    ),
    b"mailto:John.Doe@example.com": URIReference(b"mailto", None, b"John.Doe@example.com"),
    b"news:comp.infosystems.www.servers.unix": URIReference(
        b"news", None, b"comp.infosystems.www.servers.unix"
    ),
    b"tel:+1-816-555-1212": URIReference(b"tel", None, b"+1-816-555-1212"),
    b"telnet://192.0.2.16:80/": URIReference(b"telnet", Authority(b"192.0.2.16", 80), b"/"),
    b"urn:oasis:names:specification:docbook:dtd:xml:4.1.2": URIReference(
        b"urn", None, b"oasis:names:specification:docbook:dtd:xml:4.1.2"
    ),
    b"foo://example.com:8042/over/there?name=ferret#nose": URIReference(
        b"foo", Authority(b"example.com", 8042), b"/over/there", b"name=ferret", b"nose"
    ),
    b"urn:example:animal:ferret:nose": URIReference(b"urn", None, b"example:animal:ferret:nose"),
    b"HTTP://www.EXAMPLE.com/": URIReference(b"HTTP", Authority(b"www.EXAMPLE.com"), b"/"),
    b"http://example.com": http(b"example.com", b""),
    b"http://example.com/": http(b"example.com", b"/"),
    b"http://example.com:/": http(b"example.com", b"/"),
    b"http://example.com:80/": URIReference(b"http", Authority(b"example.com", 80), b"/"),
    b"http://example.com/%7Esmith/home.html": http(b"example.com", b"/%7Esmith/home.html"),
    b"http://example.com/%7esmith/home.html": http(b"example.com", b"/%7esmith/home.html"),
}
# RFC 3986 §5.4.1 and §5.4.2: references resolved against "http://a/b/c/d;p?q".
RFC_REFERENCES: dict[bytes, URIReference] = {
    b"g:h": URIReference(b"g", None, b"h"),
    b"g": ref(b"g"),
    b"./g": ref(b"./g"),
    b"g/": ref(b"g/"),
    b"/g": ref(b"/g"),
    b"//g": URIReference(None, Authority(b"g"), b""),
    b"?y": ref(b"", b"y"),
    b"g?y": ref(b"g", b"y"),
    b"#s": ref(b"", None, b"s"),
    b"g#s": ref(b"g", None, b"s"),
    b"g?y#s": ref(b"g", b"y", b"s"),
    b";x": ref(b";x"),
    b"g;x": ref(b"g;x"),
    b"g;x?y#s": ref(b"g;x", b"y", b"s"),
    b"": ref(b""),
    b".": ref(b"."),
    b"./": ref(b"./"),
    b"..": ref(b".."),
    b"../": ref(b"../"),
    b"../g": ref(b"../g"),
    b"../..": ref(b"../.."),
    b"../../": ref(b"../../"),
    b"../../g": ref(b"../../g"),
    b"../../../g": ref(b"../../../g"),
    b"../../../../g": ref(b"../../../../g"),
    b"/./g": ref(b"/./g"),
    b"/../g": ref(b"/../g"),
    b"g.": ref(b"g."),
    b".g": ref(b".g"),
    b"g..": ref(b"g.."),
    b"..g": ref(b"..g"),
    b"./../g": ref(b"./../g"),
    b"./g/.": ref(b"./g/."),
    b"g/./h": ref(b"g/./h"),
    b"g/../h": ref(b"g/../h"),
    b"g;x=1/./y": ref(b"g;x=1/./y"),
    b"g;x=1/../y": ref(b"g;x=1/../y"),
    b"g?y/./x": ref(b"g", b"y/./x"),
    b"g?y/../x": ref(b"g", b"y/../x"),
    b"g#s/./x": ref(b"g", None, b"s/./x"),
    b"g#s/../x": ref(b"g", None, b"s/../x"),
    b"http:g": URIReference(b"http", None, b"g"),
    # ... and the base and some of the targets.
    b"http://a/b/c/d;p?q": http(b"a", b"/b/c/d;p", b"q"),
    b"http://a/b/c/g;x?y#s": http(b"a", b"/b/c/g;x", b"y", b"s"),
    b"http://a/b/c/d;p?q#s": http(b"a", b"/b/c/d;p", b"q", b"s"),
    b"http://g": http(b"g", b""),
    # §4.2: a first segment with a colon is a scheme unless "./" precedes it.
    b"this:that": URIReference(b"this", None, b"that"),
    b"./this:that": ref(b"./this:that"),
}
# RFC 3986 §3.2.2's IPv6address forms, each shape of its nine alternatives, and ls32 as IPv4.
IPV6 = [
    b"::",
    b"::1",
    b"1::",
    b"::ffff:1.2.3.4",
    b"2001:db8::7",
    b"1:2:3:4:5:6:7:8",
    b"1:2:3:4:5:6:1.2.3.4",
    b"::2:3:4:5:6:7:8",
    b"::2:3:4:5:6:1.2.3.4",
    b"1::3:4:5:6:7:8",
    b"1:2::4:5:6:7:8",
    b"1:2:3::5:6:7:8",
    b"1:2:3:4::6:7:8",
    b"1:2:3:4:5::7:8",
    b"1:2:3:4:5:6::8",
    b"1:2:3:4:5:6:7::",
    b"1::1.2.3.4",
    b"FFFF:abcd::0",
    b"0:0:0:0:0:0:0:0",
    b"fe80::1:2.3.4.5",
]

VALID: dict[Rule[Any], dict[bytes, Any]] = {
    rfc3986.pct_encoded: same(b"%20", b"%7E", b"%7e", b"%aF", b"%00", b"%FF"),
    rfc3986.gen_delims: same(*(bytes((c,)) for c in b":/?#[]@")),
    rfc3986.sub_delims: same(*(bytes((c,)) for c in b"!$&'()*+,;=")),
    rfc3986.reserved: same(b":", b"@", b"!", b"="),
    rfc3986.unreserved: same(b"a", b"Z", b"0", b"-", b".", b"_", b"~"),
    rfc3986.scheme: same(b"http", b"HTTPS", b"a", b"coap+tcp", b"x-y.z", b"a1"),
    rfc3986.userinfo: same(b"", b"user", b"user:pass", b"%20:!$", b"::"),
    rfc3986.h16: same(b"0", b"1", b"ffff", b"ABCD", b"db8"),
    rfc3986.dec_octet: same(
        b"0", b"9", b"10", b"99", b"100", b"199", b"200", b"249", b"250", b"255"
    ),
    rfc3986.ipv4address: same(b"0.0.0.0", b"192.0.2.16", b"255.255.255.255", b"1.22.199.250"),
    rfc3986.ls32: same(b"1:2", b"ffff:0", b"1.2.3.4"),
    rfc3986.ipv6address: same(*IPV6),
    rfc3986.ipvfuture: same(b"v1.x", b"vF.a:b", b"V7.fe80::1", b"v10.!$&'()*+,;=:-._~"),
    rfc3986.ip_literal: same(b"[::1]", b"[2001:db8::7]", b"[v1.x]", b"[::ffff:1.2.3.4]"),
    rfc3986.reg_name: same(b"", b"example.com", b"www.EXAMPLE.com", b"%C3%A9t%C3%A9", b"a!$"),
    # A host of IPv4 shape is an IPv4address; one more label makes it a reg-name (§3.2.2).
    rfc3986.host: same(b"example.com", b"192.0.2.16", b"1.2.3.4.5", b"[::1]", b"", b"256.1.1.1"),
    rfc3986.port: same(b"", b"80", b"8042", b"0", b"65536"),
    rfc3986.authority: {
        b"example.com": Authority(b"example.com"),
        b"example.com:8042": Authority(b"example.com", 8042),
        b"example.com:": Authority(b"example.com"),
        b"user:pass@host:0": Authority(b"host", 0, b"user:pass"),
        b"@host": Authority(b"host", None, b""),
        b"[::1]:443": Authority(b"[::1]", 443),
        b"192.0.2.16:80": Authority(b"192.0.2.16", 80),
        b"": Authority(b""),
        b"a:b@[v1.x]:": Authority(b"[v1.x]", None, b"a:b"),
    },
    rfc3986.pchar: same(b"a", b"%20", b":", b"@", b"!", b"~"),
    rfc3986.segment: same(b"", b"a", b"a:b@c", b"%7Esmith", b".."),
    rfc3986.segment_nz: same(b"a", b":", b"a:b", b"."),
    rfc3986.segment_nz_nc: same(b"a", b"@", b"g;x=1", b"..", b"%3A"),
    rfc3986.path_abempty: same(b"", b"/", b"//", b"/a/b/", b"/a:b"),
    rfc3986.path_absolute: same(b"/", b"/a", b"/a//b", b"/a:b/"),
    rfc3986.path_noscheme: same(b"a", b"./this:that", b"a/b:c", b"g;x=1/../y"),
    rfc3986.path_rootless: same(b"a", b"a:b", b"this:that/x", b":"),
    rfc3986.path_empty: same(b""),
    rfc3986.path: same(b"", b"/", b"//a", b"/a/b", b"a:b", b"a/b", b"../g"),
    rfc3986.query: same(b"", b"a=b&c=d", b"y/./x", b"a?b", b"objectClass?one", b"%20:@"),
    rfc3986.fragment: same(b"", b"nose", b"s/../x", b"a?b/c", b"%20"),
    rfc3986.hier_part: {
        b"//example.com:8042/over/there": (Authority(b"example.com", 8042), b"/over/there"),
        b"//": (Authority(b""), b""),
        b"///a": (Authority(b""), b"/a"),
        b"/a": (None, b"/a"),
        b"a:b": (None, b"a:b"),
        b"": (None, b""),
    },
    rfc3986.relative_part: {
        b"//g": (Authority(b"g"), b""),
        b"//u@h:1/p": (Authority(b"h", 1, b"u"), b"/p"),
        b"/g": (None, b"/g"),
        b"../g": (None, b"../g"),
        b"": (None, b""),
    },
    rfc3986.uri: {
        **RFC_URIS,
        b"a:": URIReference(b"a", None, b""),
        b"a:?#": URIReference(b"a", None, b"", b"", b""),
        b"a://u@[::1]:8/p?q#f": URIReference(b"a", Authority(b"[::1]", 8, b"u"), b"/p", b"q", b"f"),
    },
    rfc3986.relative_ref: {
        text: value for text, value in RFC_REFERENCES.items() if value.scheme is None
    },
    rfc3986.uri_reference: {**RFC_URIS, **RFC_REFERENCES},
    rfc3986.absolute_uri: {
        b"http://a/b/c/d;p?q": http(b"a", b"/b/c/d;p", b"q"),
        b"urn:example:animal:ferret:nose": URIReference(
            b"urn", None, b"example:animal:ferret:nose"
        ),
        b"a:": URIReference(b"a", None, b""),
        b"a:?": URIReference(b"a", None, b"", b""),
    },
}
INVALID: dict[Rule[Any], list[bytes]] = {
    rfc3986.pct_encoded: [b"%", b"%4", b"%G0", b"%4g", b"%%41", b"%41x", b"41", b""],
    rfc3986.gen_delims: [b"a", b"!", b"", b"::", b"%"],
    rfc3986.sub_delims: [b":", b"a", b"", b'"', b"!!", b"%"],
    rfc3986.reserved: [b"a", b"-", b"%", b"", b"<", b"::"],
    rfc3986.unreserved: [b"!", b"%", b" ", b"", b"\x80", b"ab", b"/"],
    rfc3986.scheme: [b"", b"1http", b"+a", b"ht tp", b"a:", b"a_b", b"-a", b"a%20"],
    rfc3986.userinfo: [b"@", b"a@b", b"a/b", b"[", b" ", b"%", b"a#"],
    rfc3986.h16: [b"", b"12345", b"g", b":", b"1:"],
    rfc3986.dec_octet: [b"256", b"01", b"00", b"1000", b"", b"-1", b"300", b"260", b"a"],
    rfc3986.ipv4address: [
        b"1.2.3",
        b"1.2.3.4.5",
        b"1.2.3.256",
        b"01.2.3.4",
        b"1..2.3",
        b"",
        b"1.2.3.4.",
        b"1.2.3.a",
    ],
    rfc3986.ls32: [b"1:2:3", b"1.2.3", b"1:", b"12345:1", b":1", b""],
    rfc3986.ipv6address: [
        b"",
        b":",
        b"1:::2",
        b":::",
        b"1:2:3:4:5:6:7:8:9",
        b"1:2:3:4:5:6:7",
        b"1:2:3:4:5:6:7::8",
        b"::1.2.3.256",
        b"::1.2.3",
        b"fffff::",
        b"1::2::3",
        b":1::",
        b"1:",
        b"[::1]",
        b"1.2.3.4",
        b"1:2:3:4:5:6:7:1.2.3.4",
        b"::g",
    ],
    rfc3986.ipvfuture: [b"v.1", b"v1.", b"vg.1", b"1.a", b"v1", b"v1.[", b"v1.%20", b"v1./"],
    # RFC 6874's zone identifiers (%25) are not RFC 3986 syntax.
    rfc3986.ip_literal: [b"::1", b"[::1", b"[1.2.3.4]", b"[]", b"[v1.]", b"[fe80::1%25en0]"],
    rfc3986.reg_name: [b"a b", b"a:b", b"a@b", b"[a]", b"a/b", b"%zz", b"\xc3\xa9"],
    rfc3986.host: [b"a b", b"[::1", b"a:80", b"[1.2.3.4]", b"a/b", b"::1"],
    rfc3986.port: [b"a", b"-1", b" 80", b"80 ", b"0x50"],
    rfc3986.authority: [b"a b", b"a@b@c", b"[::1", b"a:b", b"a:80/", b"a/b", b"::1:80"],
    rfc3986.pchar: [b"/", b"?", b"#", b"%", b"", b"ab", b" ", b"[", b"\x80"],
    rfc3986.segment: [b"a/b", b"a?b", b"a#b", b"%", b" ", b"[]"],
    rfc3986.segment_nz: [b"", b"a/b", b"?", b"/"],
    rfc3986.segment_nz_nc: [b"", b"a:b", b":", b"a/b"],
    rfc3986.path_abempty: [b"a", b"a/b", b"/a?b", b"/ ", b"/a#"],
    rfc3986.path_absolute: [b"", b"//", b"//a", b"a", b"/a?"],
    rfc3986.path_noscheme: [b"", b"/a", b"a:b", b":a", b"a:b/c"],
    rfc3986.path_rootless: [b"", b"/a", b"a?", b"a b"],
    rfc3986.path_empty: [b"a", b"/", b" "],
    rfc3986.path: [b"a?b", b"#", b" ", b"a b", b"/%"],
    rfc3986.query: [b"#", b"a#b", b" ", b"%", b"[", b"\x80"],
    rfc3986.fragment: [b"#", b"a#b", b" ", b"[", b"%4"],
    rfc3986.hier_part: [b"//a b", b"?", b"//[", b"a#", b"//a:b"],
    rfc3986.relative_part: [b"a:b", b":", b"//a b", b"?x", b"this:that"],
    rfc3986.uri: [b"", b"//a", b"a", b"1a:b", b"a:b#c#d", b"a:b c", b"http://[::1", b"/g"],
    rfc3986.relative_ref: [b"g:h", b"this:that", b"a b", b"#a#b", b"//[::1", b":"],
    rfc3986.uri_reference: [b"a b", b"#a#b", b":", b"http://a b", b"%zz", b"http://[::1"],
    rfc3986.absolute_uri: [b"a:b#c", b"//a", b"g", b"", b":b", b"http://a/#"],
}


@pytest.mark.parametrize(
    ("uri_rule", "data", "value"),
    [
        pytest.param(r, d, v, id=f"{r.name}:{d!r}")
        for r, examples in VALID.items()
        for d, v in examples.items()
    ],
)
def test_valid_examples(uri_rule: Rule[Any], data: bytes, value: Any) -> None:
    assert uri_rule.parse(data) == value
    assert uri_rule.compiled is not None
    assert uri_rule.compiled.fullmatch(data)
    assert oracle_accepts(uri_rule, data)


@pytest.mark.parametrize(
    ("uri_rule", "data"),
    [pytest.param(r, d, id=f"{r.name}:{d!r}") for r, texts in INVALID.items() for d in texts],
)
def test_invalid_examples(uri_rule: Rule[Any], data: bytes) -> None:
    assert not accepts(uri_rule, data)
    assert uri_rule.compiled is not None
    assert not uri_rule.compiled.fullmatch(data)
    assert not oracle_accepts(uri_rule, data)


def test_every_rule_has_valid_and_invalid_examples() -> None:
    assert set(VALID) == set(INVALID) == set(RULES)
    assert sorted(rfc3986.__all__) == sorted(r.pyname for r in RULES)


# --- what a reader of the values relies on --------------------------------------------------


def test_components_are_the_octets_as_sent() -> None:
    # No normalisation (RFC 3986 §6.2.2 is the application's business): case and
    # percent-encodings are kept, an empty port is absent, a port is a number.
    value = rfc3986.uri_reference.parse(b"HTTP://User@WWW.Example.COM:/%7e?Q#F")
    authority = Authority(b"WWW.Example.COM", None, b"User")
    assert value == URIReference(b"HTTP", authority, b"/%7e", b"Q", b"F")


def test_empty_components_differ_from_absent_ones() -> None:
    # RFC 3986 §5.3: "?" with an empty query is not the same reference as no "?".
    assert rfc3986.uri_reference.parse(b"a:b?") == URIReference(b"a", None, b"b", b"")
    assert rfc3986.uri_reference.parse(b"a:b") == URIReference(b"a", None, b"b")
    assert rfc3986.uri_reference.parse(b"#") == ref(b"", None, b"")
    assert rfc3986.authority.parse(b"@h") == Authority(b"h", None, b"")


def test_a_port_is_a_number_of_any_number_of_digits() -> None:
    # port = *DIGIT: leading zeros do not change the number, however many there are.
    zeros = b"0" * 5000
    assert rfc3986.authority.parse(b"h:" + zeros + b"80") == Authority(b"h", 80)
    assert rfc3986.authority.parse(b"h:" + zeros) == Authority(b"h", 0)
    assert rfc3986.port_number(zeros + b"443") == 443
    # A number of more than 4300 digits is refused as a value, by name (Python refuses to
    # convert one): the syntax matched, the meaning did not.
    with pytest.raises(parsy.ParseError, match="a number of 5000 digits"):
        rfc3986.authority.parse(b"h:" + b"9" * 5000)


def test_which_host_alternative_matched_is_told_by_its_own_rule() -> None:
    # `host` parses IP-literal / reg-name (every IPv4address is a reg-name); an application
    # that must treat an IPv4 host as an address (§3.2.2) asks ipv4address.
    assert rfc3986.ipv4address.compiled is not None
    for data, is_ipv4 in [(b"192.0.2.16", True), (b"1.2.3.4.5", False), (b"256.1.1.1", False)]:
        assert rfc3986.host.parse(data) == data
        assert (rfc3986.ipv4address.compiled.fullmatch(data) is not None) is is_ipv4


# --- the rules are the RFC's ----------------------------------------------------------------


# Where the package's transcription departs from RFC 3986 Appendix A's text, which ours keeps.
RFC_TEXT_WHERE_THE_PACKAGE_DIFFERS = {
    # The package reorders the alternatives for its first-match engine of old.
    "dec-octet": (
        'dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35'
    ),
    # The package writes the RFC's `0<pchar>` as `0pchar`.
    "path-empty": "path-empty = 0<pchar>",
}


@pytest.mark.parametrize("uri_rule", RULES, ids=rule_id)
def test_abnf_text_is_the_rfcs(uri_rule: Rule[Any]) -> None:
    texts = {**transcription(oracle_grammar.Rule), **RFC_TEXT_WHERE_THE_PACKAGE_DIFFERS}
    assert uri_rule.abnf == texts[uri_rule.name.casefold()]
    assert uri_rule.section.startswith("RFC 3986 §")


# --- against the oracle ---------------------------------------------------------------------


@pytest.mark.parametrize("uri_rule", RULES, ids=rule_id)
@given(data=st.data())
def test_parser_agrees_with_oracle(uri_rule: Rule[Any], data: st.DataObject) -> None:
    sample = data.draw(short_inputs(uri_rule), label="input")
    assert accepts(uri_rule, sample) == oracle_accepts(uri_rule, sample)


def test_dec_octet_agrees_with_the_oracle_on_every_string_of_up_to_three_digits() -> None:
    digits = b"0123456789"
    for length in (1, 2, 3):
        for combination in itertools.product(digits, repeat=length):
            data = bytes(combination)
            canonical = str(int(data)).encode() == data and int(data) <= 255
            assert accepts(rfc3986.dec_octet, data) is canonical, data
            assert oracle_accepts(rfc3986.dec_octet, data) is canonical, data


# Pieces of addresses, well and badly placed: random strings of them reach every one of
# IPv6address's nine alternatives and the places where they overlap.
_ADDRESS_PIECES = st.sampled_from(
    [b"1", b"ffff", b"12345", b":", b"::", b".", b"1.2.3.4", b"255", b"256", b"0", b"01", b"g"]
)


@given(st.lists(_ADDRESS_PIECES, max_size=12).map(b"".join))
def test_addresses_of_random_pieces_agree_with_oracle(data: bytes) -> None:
    for address_rule in (rfc3986.ipv6address, rfc3986.ipv4address, rfc3986.ls32, rfc3986.host):
        assert accepts(address_rule, data) == oracle_accepts(address_rule, data)
    literal = b"[" + data + b"]"
    assert accepts(rfc3986.ip_literal, literal) == oracle_accepts(rfc3986.ip_literal, literal)
