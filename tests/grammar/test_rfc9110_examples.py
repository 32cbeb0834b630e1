"""grammar.rfc9110: valid and invalid examples of every rule, with the value each returns.

The RFC's own examples where it gives some (§5.6.7's dates, §8.3.1's media types, §12.5's
Accept fields, §13.1's entity tags, §14's ranges, §11's challenges, ...), and cases of our
own at the boundaries. Each valid example is also accepted by the pattern and by the oracle
(``test_rfc9110``'s ``Recipient`` grammar), each invalid one rejected by all three.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from grammar import rfc9110
from grammar.abnf import Rule
from grammar.values import (
    Authority,
    Challenge,
    Comment,
    ContentRange,
    Credentials,
    EntityTag,
    Expectation,
    IntRange,
    Mailbox,
    MediaType,
    OtherRange,
    Product,
    Protocol,
    Ranges,
    SuffixRange,
    TransferCoding,
    URIReference,
    ViaEntry,
    Weighted,
)
from tests.grammar.support import Verdict
from tests.grammar.test_rfc9110 import (
    CHECKED,
    RULES,
    SEMANTIC_RULES,
    judge,
    recipient_accepts,
    shipped_accepts,
)

# --- helpers -------------------------------------------------------------------------------


def same(*texts: bytes) -> list[tuple[bytes, Any]]:
    """Examples whose value is the text as sent."""
    return [(text, text) for text in texts]


def when(year: int, month: int, day: int, *clock: int) -> datetime:
    hour, minute, second = (*clock, 0, 0, 0)[:3]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def media(type_: bytes, subtype: bytes, *params: tuple[bytes, bytes]) -> MediaType:
    return MediaType(type_, subtype, params)


SUN_06_NOV_1994 = when(1994, 11, 6, 8, 49, 37)
IMF = b"Sun, 06 Nov 1994 08:49:37 GMT"
RFC850 = b"Sunday, 06-Nov-94 08:49:37 GMT"
ASCTIME = b"Sun Nov  6 08:49:37 1994"
URI = URIReference
HOST = Authority(b"www.example.org")
OVERVIEW = URI(b"http", HOST, b"/hypertext/Overview.html")
W = Weighted

VALID: dict[Rule[Any], list[tuple[bytes, Any]]] = {
    # §4 Identifiers (the URI rules are RFC 3986's; these check the imports)
    rfc9110.uri_reference: [
        (b"/People.html#tim", URI(None, None, b"/People.html", None, b"tim")),
        (
            b"http://www.example.net/index.html",
            URI(b"http", Authority(b"www.example.net"), b"/index.html"),
        ),
        (b"", URI(None, None, b"")),
    ],
    rfc9110.absolute_uri: [(b"urn:a:b?c", URI(b"urn", None, b"a:b", b"c"))],
    rfc9110.relative_part: [(b"//h/p", (Authority(b"h"), b"/p")), (b"a/b", (None, b"a/b"))],
    rfc9110.authority: [(b"u@h:1", Authority(b"h", 1, b"u")), (b"[::1]", Authority(b"[::1]"))],
    rfc9110.uri_host: same(b"www.example.org", b"192.0.2.1", b"[2001:db8::1]", b""),
    rfc9110.port: same(b"80", b""),
    rfc9110.path_abempty: same(b"", b"/", b"/a//b"),
    rfc9110.segment: same(b"", b"a%20b", b"a:b@c"),
    rfc9110.query: same(b"", b"q=now", b"a/b?c"),
    rfc9110.absolute_path: same(b"/", b"/pub/WWW/", b"//a"),
    rfc9110.partial_uri: [
        (b"/where?q=now", URI(None, None, b"/where", b"q=now")),
        (b"//h:1/p?", URI(None, Authority(b"h", 1), b"/p", b"")),
        (b"", URI(None, None, b"")),
        (b"a/b", URI(None, None, b"a/b")),
    ],
    rfc9110.http_uri: [
        (b"http://www.example.org/hypertext/Overview.html", OVERVIEW),
        (b"HTTP://h:8080?x", URI(b"http", Authority(b"h", 8080), b"", b"x")),
        (
            b"http://",
            URI(b"http", Authority(b""), b""),
        ),  # an empty host: §4.2.1 rejects it in prose
    ],
    rfc9110.https_uri: [(b"https://h/", URI(b"https", Authority(b"h"), b"/"))],
    # §5.5, §5.6 field values and common rules
    rfc9110.obs_text: same(b"\x80", b"\xe9", b"\xff"),
    rfc9110.tchar: same(b"!", b"#", b"'", b"*", b"^", b"`", b"|", b"~", b"0", b"z", b"Z"),
    rfc9110.token: same(b"gzip", b"x-y.z", b"!#$%&'*+-.^_`|~09azAZ"),
    rfc9110.field_name: same(b"Content-Type", b"x"),
    rfc9110.field_vchar: same(b"!", b"~", b"\x80", b"\xff"),
    rfc9110.field_content: same(b"a", b"ab", b"a b", b"a \t b", b"\xe9t\xe9", b'"x, y"'),
    rfc9110.field_value: same(b"", b"a", b"ab", b"Foo, Bar", b"a  \t b", b"caf\xe9"),
    rfc9110.ows: same(b"", b" ", b" \t "),
    rfc9110.rws: same(b" ", b"\t \t"),
    rfc9110.bws: same(b"", b"\t"),
    rfc9110.qdtext: same(b"\t", b" ", b"!", b"#", b"[", b"]", b"~", b"\x80"),
    rfc9110.quoted_pair: [(b'\\"', b'"'), (b"\\\\", b"\\"), (b"\\\t", b"\t"), (b"\\\xff", b"\xff")],
    rfc9110.quoted_string: [
        (b'""', b""),
        (b'"a b"', b"a b"),
        (b'"Login to \\"apps\\""', b'Login to "apps"'),
        (b'"\\a\\\\"', b"a\\"),
        (b'"caf\xe9"', b"caf\xe9"),
    ],
    rfc9110.ctext: same(b"\t", b" ", b"!", b"'", b"*", b"[", b"]", b"~", b"\x80"),
    rfc9110.comment: [
        (b"()", Comment(b"")),
        (b"(compatible; x)", Comment(b"compatible; x")),
        (b"(a (b) c)", Comment(b"a (b) c")),
        (b"(\\(\\))", Comment(b"()")),
        (b"(\xe9)", Comment(b"\xe9")),
    ],
    rfc9110.parameter_name: [(b"charset", b"charset"), (b"Charset", b"charset")],
    rfc9110.parameter_value: [(b"UTF-8", b"UTF-8"), (b'"utf-8"', b"utf-8"), (b'""', b"")],
    rfc9110.parameter: [(b"Charset=UTF-8", (b"charset", b"UTF-8")), (b'a="b c"', (b"a", b"b c"))],
    rfc9110.parameters: [
        (b"", ()),
        (b";a=b", ((b"a", b"b"),)),
        (b' ; A=b ;c="d"', ((b"a", b"b"), (b"c", b"d"))),
        (b";", ()),
        (b"; ;a=b;", ((b"a", b"b"),)),
    ],
    # §5.6.7 dates
    rfc9110.day_name: same(b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"),
    rfc9110.day_name_l: same(b"Monday", b"Wednesday", b"Saturday", b"Sunday"),
    rfc9110.month: [(b"Jan", 1), (b"Feb", 2), (b"May", 5), (b"Nov", 11), (b"Dec", 12)],
    rfc9110.day: [(b"06", 6), (b"31", 31), (b"00", 0)],
    rfc9110.year: [(b"1994", 1994), (b"0000", 0)],
    rfc9110.hour: [(b"08", 8), (b"99", 99)],
    rfc9110.minute: [(b"49", 49)],
    rfc9110.second: [(b"37", 37), (b"60", 60)],
    rfc9110.gmt: same(b"GMT"),
    rfc9110.time_of_day: [(b"08:49:37", (8, 49, 37)), (b"23:59:60", (23, 59, 60))],
    rfc9110.date1: [(b"02 Jun 1982", (2, 6, 1982))],
    rfc9110.date2: [(b"02-Jun-82", (2, 6, 82))],
    rfc9110.date3: [(b"Jun  2", (2, 6)), (b"Jun 02", (2, 6)), (b"Nov 16", (16, 11))],
    rfc9110.imf_fixdate: [
        (IMF, SUN_06_NOV_1994),
        (b"Tue, 29 Feb 2000 00:00:00 GMT", when(2000, 2, 29)),
        # a leap second (§5.6.7: 23:59:60) is the instant after 23:59:59
        (b"Wed, 31 Dec 2008 23:59:60 GMT", when(2009, 1, 1)),
    ],
    rfc9110.rfc850_date: [(RFC850, SUN_06_NOV_1994)],
    rfc9110.asctime_date: [
        (ASCTIME, SUN_06_NOV_1994),
        (b"Sun Nov 06 08:49:37 1994", SUN_06_NOV_1994),
    ],
    rfc9110.obs_date: [(RFC850, SUN_06_NOV_1994), (ASCTIME, SUN_06_NOV_1994)],
    rfc9110.http_date: [
        (IMF, SUN_06_NOV_1994),
        (RFC850, SUN_06_NOV_1994),
        (ASCTIME, SUN_06_NOV_1994),
    ],
    rfc9110.date: [(b"Tue, 15 Nov 1994 08:12:31 GMT", when(1994, 11, 15, 8, 12, 31))],
    # §6.6.2, §7 routing
    rfc9110.trailer: [(b"", ()), (b"Expires, X-Sum", (b"expires", b"x-sum")), (b",a,,", (b"a",))],
    rfc9110.host: [
        (b"www.example.org", HOST),
        (b"server.example.com:443", Authority(b"server.example.com", 443)),
        (b"[::1]:8080", Authority(b"[::1]", 8080)),
        (b"example.com:", Authority(b"example.com")),
        (b"", Authority(b"")),
    ],
    rfc9110.connection_option: [(b"close", b"close"), (b"Upgrade", b"upgrade")],
    rfc9110.connection: [
        (b"", ()),
        (b"keep-alive, Upgrade", (b"keep-alive", b"upgrade")),
        (b"a, , b", (b"a", b"b")),
        (b", a", (b"a",)),
        (b"a,", (b"a",)),
        (b" , ,", ()),
    ],
    rfc9110.max_forwards: [(b"0", 0), (b"10", 10), (b"0010", 10)],
    rfc9110.protocol_name: same(b"HTTP", b"websocket"),
    rfc9110.protocol_version: same(b"1.1", b"x11"),
    rfc9110.pseudonym: same(b"fred", b"p.example.net"),
    rfc9110.received_protocol: [
        (b"1.0", Protocol(None, b"1.0")),
        (b"HTTP/1.1", Protocol(b"HTTP", b"1.1")),
        (b"a/b", Protocol(b"a", b"b")),
    ],
    rfc9110.received_by: same(b"fred", b"p.example.net:8080", b"x:"),
    rfc9110.via: [
        (
            b"1.0 fred, 1.1 p.example.net",
            (
                ViaEntry(Protocol(None, b"1.0"), b"fred"),
                ViaEntry(Protocol(None, b"1.1"), b"p.example.net"),
            ),
        ),
        (b"HTTP/2 x:1 (a, b)", (ViaEntry(Protocol(b"HTTP", b"2"), b"x:1", Comment(b"a, b")),)),
        (b"", ()),
        (
            b"1.1 a ,, 1.1 b",
            (ViaEntry(Protocol(None, b"1.1"), b"a"), ViaEntry(Protocol(None, b"1.1"), b"b")),
        ),
    ],
    rfc9110.protocol: [
        (b"websocket", Protocol(b"websocket")),
        (b"IRC/6.9", Protocol(b"IRC", b"6.9")),
    ],
    rfc9110.upgrade: [
        (
            b"websocket, IRC/6.9, RTA/x11",
            (Protocol(b"websocket"), Protocol(b"IRC", b"6.9"), Protocol(b"RTA", b"x11")),
        ),
        (b"HTTP/3.0", (Protocol(b"HTTP", b"3.0"),)),
        (b"", ()),
    ],
    # §8 representation metadata
    rfc9110.type_: [(b"Text", b"text"), (b"*", b"*")],
    rfc9110.subtype: [(b"HTML", b"html"), (b"vnd.a+json", b"vnd.a+json")],
    rfc9110.media_type: [
        (b"text/html;charset=utf-8", media(b"text", b"html", (b"charset", b"utf-8"))),
        (b'Text/HTML;Charset="utf-8"', media(b"text", b"html", (b"charset", b"utf-8"))),
        (b'text/html; charset="utf-8"', media(b"text", b"html", (b"charset", b"utf-8"))),
        (b"text/html;charset=UTF-8", media(b"text", b"html", (b"charset", b"UTF-8"))),
        (b"a/b;", media(b"a", b"b")),
        (b"*/*", media(b"*", b"*")),
    ],
    rfc9110.content_type: [
        (b"text/html; charset=ISO-8859-4", media(b"text", b"html", (b"charset", b"ISO-8859-4"))),
    ],
    rfc9110.content_coding: [(b"gzip", b"gzip"), (b"X-Compress", b"x-compress")],
    rfc9110.content_encoding: [
        (b"gzip", (b"gzip",)),
        (b"", ()),
        (b"deflate, GZIP", (b"deflate", b"gzip")),
    ],
    rfc9110.language_tag: same(b"da", b"en-US", b"zh-Hant-TW"),
    rfc9110.content_language: [(b"da", (b"da",)), (b"mi, en", (b"mi", b"en")), (b"", ())],
    rfc9110.content_length: [
        (b"3495", 3495),
        (b"0", 0),
        (b"1234567890987", 1234567890987),
        (b"007", 7),
    ],
    rfc9110.content_location: [
        (b"http://www.example.org/hypertext/Overview.html", OVERVIEW),
        (b"/index?x", URI(None, None, b"/index", b"x")),
    ],
    rfc9110.last_modified: [(b"Tue, 15 Nov 1994 12:45:26 GMT", when(1994, 11, 15, 12, 45, 26))],
    rfc9110.weak: same(b"W/"),
    rfc9110.etagc: same(b"!", b"#", b"~", b"\x80", b"\xff"),
    rfc9110.opaque_tag: [(b'"xyzzy"', b"xyzzy"), (b'""', b""), (b'"W/\xe9"', b"W/\xe9")],
    rfc9110.entity_tag: [
        (b'"xyzzy"', EntityTag(b"xyzzy")),
        (b'W/"xyzzy"', EntityTag(b"xyzzy", weak=True)),
        (b'""', EntityTag(b"")),
    ],
    rfc9110.etag: [(b'"34aa387-d-1568eb00"', EntityTag(b"34aa387-d-1568eb00"))],
    # §9, §10 methods and request context
    rfc9110.method: same(b"GET", b"get", b"M-SEARCH"),
    rfc9110.expectation: [
        (b"100-continue", Expectation(b"100-continue")),
        (b"100-Continue", Expectation(b"100-continue")),
        (b'a="b c";d=e', Expectation(b"a", b"b c", ((b"d", b"e"),))),
        (b"a=b", Expectation(b"a", b"b")),
    ],
    rfc9110.expect: [
        (b"100-continue", (Expectation(b"100-continue"),)),
        (b"", ()),
        (b"a, ,b=c", (Expectation(b"a"), Expectation(b"b", b"c"))),
    ],
    rfc9110.mailbox: [(b"spider-admin@example.org", Mailbox(b"spider-admin@example.org"))],
    rfc9110.from_: [(b"webmaster@example.org", Mailbox(b"webmaster@example.org"))],
    rfc9110.referer: [
        (b"http://www.example.org/hypertext/Overview.html", OVERVIEW),
        (b"../a?b", URI(None, None, b"../a", b"b")),
    ],
    # §12.4.2 quality values
    rfc9110.qvalue: [
        (b"0", 0.0),
        (b"0.", 0.0),
        (b"0.5", 0.5),
        (b"0.123", 0.123),
        (b"0.000", 0.0),
        (b"1", 1.0),
        (b"1.", 1.0),
        (b"1.0", 1.0),
        (b"1.000", 1.0),
    ],
    rfc9110.weight: [(b";q=0.5", 0.5), (b" ; Q=1", 1.0), (b";\tq=0.", 0.0)],
    # §10.1.4 TE
    rfc9110.transfer_parameter: [(b"A=b", (b"a", b"b")), (b'a = "b"', (b"a", b"b"))],
    rfc9110.transfer_coding: [
        (b"gzip", TransferCoding(b"gzip")),
        (b"Chunked", TransferCoding(b"chunked")),
        (b'x ; a = b;c="d"', TransferCoding(b"x", ((b"a", b"b"), (b"c", b"d")))),
    ],
    rfc9110.t_codings: [
        (b"trailers", W(TransferCoding(b"trailers"))),
        (b"deflate;q=0.5", W(TransferCoding(b"deflate"), 0.5)),
        (b"x;q=0.5;a=b", W(TransferCoding(b"x", ((b"a", b"b"),)), 0.5)),
    ],
    rfc9110.te: [
        (
            b"trailers, deflate;q=0.5",
            (W(TransferCoding(b"trailers")), W(TransferCoding(b"deflate"), 0.5)),
        ),
        (b"", ()),
        (b",gzip,", (W(TransferCoding(b"gzip")),)),
    ],
    # §10.1.5 User-Agent, §10.2 response context
    rfc9110.product_version: same(b"2.17b3"),
    rfc9110.product: [
        (b"CERN-LineMode/2.15", Product(b"CERN-LineMode", b"2.15")),
        (b"Apache", Product(b"Apache")),
    ],
    rfc9110.user_agent: [
        (
            b"CERN-LineMode/2.15 libwww/2.17b3",
            (Product(b"CERN-LineMode", b"2.15"), Product(b"libwww", b"2.17b3")),
        ),
        (b"a (b; c)\t(d)", (Product(b"a"), Comment(b"b; c"), Comment(b"d"))),
        (b"curl/7.64.1", (Product(b"curl", b"7.64.1"),)),
    ],
    rfc9110.allow: [(b"GET, HEAD, PUT", (b"GET", b"HEAD", b"PUT")), (b"", ())],
    rfc9110.location: [(b"/People.html#tim", URI(None, None, b"/People.html", None, b"tim"))],
    rfc9110.delay_seconds: [(b"120", 120), (b"0", 0)],
    rfc9110.retry_after: [
        (b"Fri, 31 Dec 1999 23:59:59 GMT", when(1999, 12, 31, 23, 59, 59)),
        (b"120", 120),
    ],
    rfc9110.server: [
        (b"CERN/3.0 libwww/2.17", (Product(b"CERN", b"3.0"), Product(b"libwww", b"2.17"))),
        (b"Apache", (Product(b"Apache"),)),
    ],
    # §11 authentication
    rfc9110.auth_scheme: [(b"Basic", b"basic"), (b"Newauth", b"newauth")],
    rfc9110.auth_param: [
        (b'realm="simple"', (b"realm", b"simple")),
        (b"Type = 1", (b"type", b"1")),
        (b'title="Login to \\"apps\\""', (b"title", b'Login to "apps"')),
    ],
    rfc9110.token68: same(b"aGVsbG86d29ybGQ=", b"a", b"a-._~+/9==", b"abc"),
    rfc9110.challenge: [
        (b'Basic realm="simple"', Challenge(b"basic", None, ((b"realm", b"simple"),))),
        (b"Basic", Challenge(b"basic")),
        (b"Basic  ", Challenge(b"basic")),
        (b"Bearer abc==", Challenge(b"bearer", b"abc==")),
        (b"A b= c , d =e", Challenge(b"a", None, ((b"b", b"c"), (b"d", b"e")))),
        # §11.3 writes `#auth-param`: empty elements are tolerated (§5.6.1.2)
        (b"A , b=c,, d=e ,", Challenge(b"a", None, ((b"b", b"c"), (b"d", b"e")))),
        (b"A ,", Challenge(b"a")),
    ],
    rfc9110.credentials: [
        (b"basic aGVsbG86d29ybGQ=", Credentials(b"basic", b"aGVsbG86d29ybGQ=")),
        (
            b'Digest username="a", qop=auth',
            Credentials(b"digest", None, ((b"username", b"a"), (b"qop", b"auth"))),
        ),
        (b"A b=c,", Credentials(b"a", None, ((b"b", b"c"),))),
    ],
    rfc9110.www_authenticate: [
        (
            b'Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""',
            (
                Challenge(b"basic", None, ((b"realm", b"simple"),)),
                Challenge(
                    b"newauth",
                    None,
                    ((b"realm", b"apps"), (b"type", b"1"), (b"title", b'Login to "apps"')),
                ),
            ),
        ),
        (b"", ()),
        (
            b"A, B c, D e=f, , g=h,",
            (
                Challenge(b"a"),
                Challenge(b"b", b"c"),
                Challenge(b"d", None, ((b"e", b"f"), (b"g", b"h"))),
            ),
        ),
        (b"A b=, C", (Challenge(b"a", b"b="), Challenge(b"c"))),
    ],
    rfc9110.authorization: [
        (b"Basic YWxhZGRpbjpvcGVuc2VzYW1l", Credentials(b"basic", b"YWxhZGRpbjpvcGVuc2VzYW1l"))
    ],
    rfc9110.authentication_info: [
        (b"", ()),
        (b'a=b, c="d"', ((b"a", b"b"), (b"c", b"d"))),
        (b",a=b,", ((b"a", b"b"),)),
    ],
    rfc9110.proxy_authenticate: [
        (
            b"Basic realm=x, Bearer",
            (Challenge(b"basic", None, ((b"realm", b"x"),)), Challenge(b"bearer")),
        )
    ],
    rfc9110.proxy_authorization: [
        (b"basic aGVsbG86d29ybGQ=", Credentials(b"basic", b"aGVsbG86d29ybGQ="))
    ],
    rfc9110.proxy_authentication_info: [(b"nextnonce=x", ((b"nextnonce", b"x"),)), (b"", ())],
    # §12.5 content negotiation
    rfc9110.media_range: [
        (b"audio/*; q=0.2", W(media(b"audio", b"*"), 0.2)),
        (b"*/*", W(media(b"*", b"*"))),
        (b"text/plain;format=flowed", W(media(b"text", b"plain", (b"format", b"flowed")))),
    ],
    rfc9110.accept: [
        (
            b"audio/*; q=0.2, audio/basic",
            (W(media(b"audio", b"*"), 0.2), W(media(b"audio", b"basic"))),
        ),
        (b"", ()),
        (b"a/b, , c/d;q=0", (W(media(b"a", b"b")), W(media(b"c", b"d"), 0.0))),
    ],
    rfc9110.accept_charset: [
        (b"iso-8859-5, unicode-1-1;q=0.8", (W(b"iso-8859-5"), W(b"unicode-1-1", 0.8))),
        (b"*", (W(b"*"),)),
        (b"UTF-8", (W(b"utf-8"),)),
    ],
    rfc9110.codings: [(b"gzip", b"gzip"), (b"Identity", b"identity"), (b"*", b"*")],
    rfc9110.accept_encoding: [
        (b"compress, gzip", (W(b"compress"), W(b"gzip"))),
        (b"", ()),
        (b"*", (W(b"*"),)),
        (b"compress;q=0.5, gzip;q=1.0", (W(b"compress", 0.5), W(b"gzip", 1.0))),
        (b"gzip;q=1.0, identity; q=0.5, *;q=0", (W(b"gzip"), W(b"identity", 0.5), W(b"*", 0.0))),
    ],
    rfc9110.language_range: same(b"*", b"en-gb", b"da"),
    rfc9110.accept_language: [
        (b"da, en-gb;q=0.8, en;q=0.7", (W(b"da"), W(b"en-gb", 0.8), W(b"en", 0.7))),
        (b"", ()),
    ],
    rfc9110.vary: [
        (b"accept-encoding, accept-language", (b"accept-encoding", b"accept-language")),
        (b"*", (b"*",)),
        (b"Accept-Encoding", (b"accept-encoding",)),
        (b"", ()),
    ],
    # §13.1 preconditions
    rfc9110.if_match: [
        (b'"xyzzy"', (EntityTag(b"xyzzy"),)),
        (
            b'"xyzzy", "r2d2xxxx", "c3piozzzz"',
            (EntityTag(b"xyzzy"), EntityTag(b"r2d2xxxx"), EntityTag(b"c3piozzzz")),
        ),
        (b"*", b"*"),
        (b"", ()),
        (b', W/"a",', (EntityTag(b"a", weak=True),)),
    ],
    rfc9110.if_none_match: [
        (b'W/"xyzzy"', (EntityTag(b"xyzzy", weak=True),)),
        (
            b'W/"xyzzy", W/"r2d2xxxx"',
            (EntityTag(b"xyzzy", weak=True), EntityTag(b"r2d2xxxx", weak=True)),
        ),
        (b"*", b"*"),
    ],
    rfc9110.if_modified_since: [(b"Sat, 29 Oct 1994 19:43:31 GMT", when(1994, 10, 29, 19, 43, 31))],
    rfc9110.if_unmodified_since: [
        (b"Sat, 29 Oct 1994 19:43:31 GMT", when(1994, 10, 29, 19, 43, 31))
    ],
    rfc9110.if_range: [(b'"xyzzy"', EntityTag(b"xyzzy")), (IMF, SUN_06_NOV_1994)],
    # §14 range requests
    rfc9110.range_unit: [(b"bytes", b"bytes"), (b"Bytes", b"bytes"), (b"none", b"none")],
    rfc9110.first_pos: [(b"0", 0), (b"42", 42)],
    rfc9110.last_pos: [(b"1233", 1233)],
    rfc9110.suffix_length: [(b"500", 500)],
    rfc9110.int_range: [
        (b"0-499", IntRange(0, 499)),
        (b"9500-", IntRange(9500)),
        (b"0-0", IntRange(0, 0)),
    ],
    rfc9110.suffix_range: [(b"-500", SuffixRange(500)), (b"-0", SuffixRange(0))],
    rfc9110.other_range: same(b"1.2-4.3", b"x", b"!+-~"),
    rfc9110.range_spec: [
        (b"0-499", IntRange(0, 499)),
        (b"-500", SuffixRange(500)),
        (b"1-2x", OtherRange(b"1-2x")),
        (b"--1", OtherRange(b"--1")),
    ],
    rfc9110.range_set: [
        (b"0-0,-1", (IntRange(0, 0), SuffixRange(1))),
        (b"500-600,601-999", (IntRange(500, 600), IntRange(601, 999))),
        (b", 1-2 ,, 3-", (IntRange(1, 2), IntRange(3))),
    ],
    rfc9110.ranges_specifier: [(b"bytes=0-499", Ranges(b"bytes", (IntRange(0, 499),)))],
    rfc9110.range_: [
        (b"bytes=500-999", Ranges(b"bytes", (IntRange(500, 999),))),
        (b"bytes=-500", Ranges(b"bytes", (SuffixRange(500),))),
        (b"bytes=9500-", Ranges(b"bytes", (IntRange(9500),))),
        (b"Bytes=500-700,601-999", Ranges(b"bytes", (IntRange(500, 700), IntRange(601, 999)))),
    ],
    rfc9110.acceptable_ranges: [
        (b"bytes", (b"bytes",)),
        (b"none", (b"none",)),
        (b"a, ,B,", (b"a", b"b")),
    ],
    rfc9110.accept_ranges: [(b"bytes", (b"bytes",))],
    rfc9110.complete_length: [(b"1234", 1234)],
    rfc9110.incl_range: [(b"42-1233", (42, 1233))],
    rfc9110.range_resp: [(b"42-1233/1234", (42, 1233, 1234)), (b"42-1233/*", (42, 1233, None))],
    rfc9110.unsatisfied_range: [(b"*/1234", (None, None, 1234))],
    rfc9110.content_range: [
        (b"bytes 42-1233/1234", ContentRange(b"bytes", 42, 1233, 1234)),
        (b"bytes 42-1233/*", ContentRange(b"bytes", 42, 1233, None)),
        (b"bytes */1234", ContentRange(b"bytes", None, None, 1234)),
        (b"bytes 0-0/1", ContentRange(b"bytes", 0, 0, 1)),
    ],
}

INVALID: dict[Rule[Any], list[bytes]] = {
    rfc9110.uri_reference: [b"a b", b"%zz", b"http://[::1"],
    rfc9110.absolute_uri: [b"/a", b"a:b#c", b"1a:b"],
    rfc9110.relative_part: [b"a:b", b"?x"],
    rfc9110.authority: [b"h:x", b"[::1"],
    rfc9110.uri_host: [b"a b", b"[::1", b"h:1"],
    rfc9110.port: [b"a", b"-1"],
    rfc9110.path_abempty: [b"a", b"/a b"],
    rfc9110.segment: [b"/", b"a?"],
    rfc9110.query: [b"#", b"a b"],
    rfc9110.absolute_path: [b"", b"a", b"/a?b"],
    rfc9110.partial_uri: [b"/a#b", b"a:b", b"/a b"],
    rfc9110.http_uri: [b"https://h", b"http:/h", b"http://h#f", b"ftp://h"],
    rfc9110.https_uri: [b"http://h", b"https:h"],
    rfc9110.obs_text: [b"\x7f", b"a", b""],
    rfc9110.tchar: [b" ", b'"', b"(", b",", b"/", b":", b";", b"=", b"@", b"[", b"{", b"\x80", b""],
    rfc9110.token: [b"", b"a b", b"a,b", b"a/b", b"\xe9"],
    rfc9110.field_name: [b"", b"a:", b"a b"],
    rfc9110.field_vchar: [b" ", b"\t", b"\x7f", b"\x00"],
    rfc9110.field_content: [b"", b" a", b"a ", b"a\rb", b"a\nb", b"a\x00b", b"a\x7fb"],
    rfc9110.field_value: [b" a", b"a\t", b"a\r\n b", b"a\rb", b"a\nb", b"a\x00b", b"a\x01b"],
    rfc9110.ows: [b"a", b"\r", b" \n"],
    rfc9110.rws: [b"", b"a"],
    rfc9110.bws: [b"x"],
    rfc9110.qdtext: [b'"', b"\\", b"\x7f", b"\x00", b"\r"],
    rfc9110.quoted_pair: [b"\\", b"\\\n", b"\\\x7f", b"a"],
    rfc9110.quoted_string: [b'"', b'"a', b'"a"b', b'"\\"', b'"a\nb"', b'"\x00"', b"a"],
    rfc9110.ctext: [b"(", b")", b"\\", b"\x7f"],
    rfc9110.comment: [b"(", b"(a", b"(a))", b"((a)", b"(\\)", b"a", b"(\x00)"],
    rfc9110.parameter_name: [b"", b"a b"],
    rfc9110.parameter_value: [b"", b"a b", b'"a'],
    rfc9110.parameter: [b"a", b"a=", b"a = b", b"=b"],
    rfc9110.parameters: [b"a=b", b";a", b";a=", b"; a =b"],
    rfc9110.day_name: [b"mon", b"MON", b"Monday", b"Thr"],
    rfc9110.day_name_l: [b"Mon", b"monday", b"Thurday"],
    rfc9110.month: [b"jan", b"JAN", b"January", b"Sept"],
    rfc9110.day: [b"6", b"006", b"a1"],
    rfc9110.year: [b"94", b"19945", b"199a"],
    rfc9110.hour: [b"8", b"008"],
    rfc9110.minute: [b"1", b""],
    rfc9110.second: [b"1", b"1.5"],
    rfc9110.gmt: [b"gmt", b"UTC", b"GMT+1"],
    rfc9110.time_of_day: [b"8:49:37", b"08:49", b"08-49-37", b"08:49:37Z"],
    rfc9110.date1: [b"2 Jun 1982", b"02 June 1982", b"02 Jun 82", b"02  Jun 1982"],
    rfc9110.date2: [b"02-Jun-1982", b"2-Jun-82", b"02 Jun 82"],
    rfc9110.date3: [b"Jun 2", b"Jun   2", b"Jun 002", b"Jun"],
    rfc9110.imf_fixdate: [
        b"Sun, 06 Nov 1994 08:49:37 UTC",
        b"Sun,  06 Nov 1994 08:49:37 GMT",
        b"Sun 06 Nov 1994 08:49:37 GMT",
        b"sun, 06 Nov 1994 08:49:37 GMT",
        b"Sun, 06 nov 1994 08:49:37 GMT",
        b"Sun, 06 Nov 1994 08:49:37 gmt",
        b"Sun, 06 Nov 1994 08:49:37 GMT ",
        b"Sun, 6 Nov 1994 08:49:37 GMT",
        RFC850,
    ],
    rfc9110.rfc850_date: [b"Sun, 06-Nov-94 08:49:37 GMT", b"Sunday, 06-Nov-1994 08:49:37 GMT", IMF],
    rfc9110.asctime_date: [
        b"Sun Nov 6 08:49:37 1994",
        b"Sun Nov  6 08:49:37 94",
        b"Sun Nov  6 08:49:37 1994 GMT",
    ],
    rfc9110.obs_date: [IMF, b"Sunday, 06-Nov-94 08:49:37"],
    rfc9110.http_date: [
        b"",
        b"06 Nov 1994 08:49:37 GMT",
        b"1994-11-06T08:49:37Z",
        b"Sun, 06 Nov 1994 08:49:37 +0000",
    ],
    rfc9110.date: [b"Tue, 15 Nov 1994 08:12:31"],
    rfc9110.trailer: [b"a b", b"a;b", b"a:"],
    rfc9110.host: [b"a b", b"u@h", b"h:x", b"h:1:2", b"[::1"],
    rfc9110.connection_option: [b"", b"a,b"],
    rfc9110.connection: [b"a b", b"a;b", b"a\r\n b"],
    rfc9110.max_forwards: [b"", b"-1", b"1.0", b" 1"],
    rfc9110.protocol_name: [b"", b"a/b"],
    rfc9110.protocol_version: [b"1 1"],
    rfc9110.pseudonym: [b"[::1]", b""],
    rfc9110.received_protocol: [b"", b"HTTP/", b"/1.1", b"a/b/c"],
    rfc9110.received_by: [b"a:b", b"[::1]", b""],
    rfc9110.via: [b"1.1", b"1.1 fred (unterminated", b"1.1  fred x", b"1.1 a:b"],
    rfc9110.protocol: [b"a/", b"/1", b"a/b/c"],
    rfc9110.upgrade: [b"a b", b"a/b/c", b"a;b"],
    rfc9110.type_: [b"", b"a/b"],
    rfc9110.subtype: [b"", b"a/b"],
    rfc9110.media_type: [
        b"text",
        b"text/",
        b"/html",
        b"text /html",
        b"text/html;charset",
        b'text/html;a="b',
    ],
    rfc9110.content_type: [b"text/html charset=x", b"text/html,text/plain"],
    rfc9110.content_coding: [b"", b"a b"],
    rfc9110.content_encoding: [b"a b", b"a;q=1"],
    rfc9110.language_tag: [b"", b"en_US", b"a-DE"],
    rfc9110.content_language: [b"en US", b"en_US", b"en;q=1"],
    rfc9110.content_length: [b"", b"-1", b"1.0", b" 1", b"1 ", b"42, 42", b"0x10"],
    rfc9110.content_location: [b"a b", b"/a#b"],
    rfc9110.last_modified: [b"Tue, 14 July 04:58:08 GMT"],
    rfc9110.weak: [b"w/", b"W"],
    rfc9110.etagc: [b'"', b" ", b"\x7f"],
    rfc9110.opaque_tag: [b"xyzzy", b'"a', b'"a"b"', b'"a b"', b'"\\""'],
    rfc9110.entity_tag: [b'w/"x"', b'W/ "x"', b'W"x"', b"W/", b"x"],
    rfc9110.etag: [b"xyzzy", b'"x", "y"'],
    rfc9110.method: [b"", b"GET /", b"G\xe9T"],
    rfc9110.expectation: [b"", b"a=", b"a=b c", b"=b"],
    rfc9110.expect: [b"a b", b"a=", b'a="b'],
    rfc9110.mailbox: [b"", b"no-at-sign", b"a@"],
    rfc9110.from_: [b"a@b, c@d"],
    rfc9110.referer: [b"a b", b"/a#b", b"http://h/#f"],
    rfc9110.qvalue: [b"", b"1.001", b"0.1234", b"2", b".5", b"1.1", b"-0", b"0,5", b"1.0000"],
    rfc9110.weight: [b"q=0.5", b";q = 0.5", b";q=2", b";qs=1"],
    rfc9110.transfer_parameter: [b"a", b"a=", b"a=b c"],
    rfc9110.transfer_coding: [b"", b"a;", b"a;b", b"a b"],
    rfc9110.t_codings: [b"", b"a;q=", b"trailers;"],
    rfc9110.te: [b"a b", b"a;b"],
    rfc9110.product_version: [b"", b"1 2"],
    rfc9110.product: [b"", b"a/", b"/1", b"a/b/c"],
    rfc9110.user_agent: [b"", b"(comment first)", b"a ", b"a  (b", b"a,b"],
    rfc9110.allow: [b"GET HEAD", b"GET;HEAD"],
    rfc9110.location: [b"a b", b"http://[x"],
    rfc9110.delay_seconds: [b"", b"-1", b"1.5"],
    rfc9110.retry_after: [b"", b"-1", b"1 ", b"Fri, 31 Dec 1999"],
    rfc9110.server: [b"", b"a/", b"a b/"],
    rfc9110.auth_scheme: [b"", b"a b"],
    rfc9110.auth_param: [b"a", b"a=", b"=b", b"a=b c", b'a="b'],
    rfc9110.token68: [b"", b"=", b"a=b", b"a b", b"a,"],
    rfc9110.challenge: [
        b"",
        b" Basic",
        b"Basic\trealm=x",
        b"Basic a=b c",
        b"Basic a, b=c",
        b"Basic abc=,",
    ],
    rfc9110.credentials: [b"", b"Basic a b", b"Basic =", b"Basic a=,"],
    rfc9110.www_authenticate: [b"Basic a b", b"Basic a=b=c", b"Basic realm=x y"],
    rfc9110.authorization: [b"Basic a=b=", b"Basic a, b"],
    rfc9110.authentication_info: [b"a", b"a=b c", b"a b=c"],
    rfc9110.proxy_authenticate: [b"=x"],
    rfc9110.proxy_authorization: [b" basic x"],
    rfc9110.proxy_authentication_info: [b"a=b;c=d"],
    rfc9110.media_range: [b"*", b"audio", b"audio/*;q", b"*/*/*"],
    rfc9110.accept: [b"audio", b"text/html;q", b"a/b c/d"],
    rfc9110.accept_charset: [b"a b", b"utf-8;q=2", b"utf-8;charset=x"],
    rfc9110.codings: [b"", b"a b"],
    rfc9110.accept_encoding: [b"gzip;q=1.001", b"gzip;level=1", b"a b"],
    rfc9110.language_range: [b"", b"en_US", b"*-US", b"abcdefghi"],
    rfc9110.accept_language: [b"en;q=2", b"en_US", b"en US"],
    rfc9110.vary: [b"a b", b"a:", b"a;b"],
    rfc9110.if_match: [b"xyzzy", b'"a" "b"', b"*, *", b'*, "a"', b'"a";"b"'],
    rfc9110.if_none_match: [b"W/*", b'w/"x"'],
    rfc9110.if_modified_since: [b"Sat, 29 Oct 94 19:43:31 GMT"],
    rfc9110.if_unmodified_since: [b"29 Oct 1994 19:43:31 GMT"],
    rfc9110.if_range: [b"xyzzy", b'"a", "b"', b"1994-10-29"],
    rfc9110.range_unit: [b"", b"a=b"],
    rfc9110.first_pos: [b"", b"-1", b"a"],
    rfc9110.last_pos: [b"", b"1 "],
    rfc9110.suffix_length: [b"", b"-1"],
    rfc9110.int_range: [b"-1", b"1", b"1-a", b"a-1", b"1--2"],
    rfc9110.suffix_range: [b"1-", b"-", b"-a", b"--1"],
    rfc9110.other_range: [b"", b"a,b", b"a b", b"\x80"],
    rfc9110.range_spec: [b"", b"1-2,3-4", b"1 -2"],
    rfc9110.range_set: [b"", b",", b" , ", b"1-2 3-4", b" 1-2"],
    rfc9110.ranges_specifier: [b"bytes", b"bytes=", b"bytes =1-2", b"bytes= 1-2", b"=1-2"],
    rfc9110.range_: [b"bytes=,", b"bytes:0-1"],
    rfc9110.acceptable_ranges: [b"", b",", b"bytes none", b"bytes;q=1"],
    rfc9110.accept_ranges: [b""],
    rfc9110.complete_length: [b"", b"*", b"-1"],
    rfc9110.incl_range: [b"42-", b"-1233", b"42 - 1233"],
    rfc9110.range_resp: [b"42-1233", b"42-1233/", b"42-/1234", b"42-1233/**"],
    rfc9110.unsatisfied_range: [b"*/*", b"*/", b"* /1234"],
    rfc9110.content_range: [
        b"bytes=42-1233/1234",
        b"bytes  42-1233/1234",
        b"bytes 42-1233",
        b"bytes */*",
        # §14.6's own example: a unit with non-integer positions, which Content-Range's
        # ABNF (integers only) does not take.
        b"exampleunit 1.2-4.3/25",
    ],
}

# Syntactically valid, invalid by the RFC's prose: the value rejects them.
NONEXISTENT: dict[Rule[Any], list[bytes]] = {
    rfc9110.imf_fixdate: [
        b"Sun, 31 Feb 1994 08:49:37 GMT",  # 31 February
        b"Fri, 29 Feb 2019 08:49:37 GMT",  # not a leap year
        b"Mon, 29 Feb 1900 00:00:00 GMT",  # a century that is not a leap year
        b"Sun, 00 Nov 1994 08:49:37 GMT",
        b"Sun, 06 Nov 1994 24:00:00 GMT",
        b"Sun, 06 Nov 1994 08:60:00 GMT",
        b"Sun, 06 Nov 1994 08:49:60 GMT",  # a leap second only ends a UTC day
        b"Sun, 06 Nov 1994 23:59:61 GMT",
    ],
    rfc9110.rfc850_date: [b"Thursday, 31-Apr-94 08:49:37 GMT"],
    rfc9110.asctime_date: [b"Sun Nov 31 08:49:37 1994", b"Sun Nov  0 08:49:37 1994"],
    rfc9110.http_date: [b"Sun, 31 Feb 1994 08:49:37 GMT", b"Sun Feb 30 08:49:37 1994"],
    rfc9110.retry_after: [b"Fri, 31 Jun 1999 23:59:59 GMT"],
    rfc9110.if_range: [b"Thu, 31 Apr 1994 08:49:37 GMT"],
}


def _examples(table: dict[Rule[Any], list[Any]]) -> list[Any]:
    return [
        pytest.param(rule, example, id=f"{rule.name}:{example!r}"[:80])
        for rule, examples in table.items()
        for example in examples
    ]


@pytest.mark.parametrize(("rule", "example"), _examples(VALID))
def test_valid_examples(rule: Rule[Any], example: tuple[bytes, Any]) -> None:
    text, value = example
    assert rule.parse(text) == value
    if rule.compiled is not None:
        assert rule.compiled.fullmatch(text)
    assert recipient_accepts(rule, text)


@pytest.mark.parametrize(("rule", "text"), _examples(INVALID))
def test_invalid_examples(rule: Rule[Any], text: bytes) -> None:
    assert judge(rule, text) is Verdict.REJECT
    if rule.compiled is not None:
        assert not rule.compiled.fullmatch(text)
    assert not recipient_accepts(rule, text)


@pytest.mark.parametrize(("rule", "text"), _examples(NONEXISTENT))
def test_examples_the_prose_rules_out(rule: Rule[Any], text: bytes) -> None:
    assert judge(rule, text) is Verdict.MEANINGLESS
    assert rule.compiled is not None and rule.compiled.fullmatch(text)  # the syntax is fine
    assert shipped_accepts(rule, text)  # which is all an ABNF engine can know


def test_every_rule_has_examples() -> None:
    assert set(VALID) == set(INVALID) == set(RULES)
    assert set(NONEXISTENT) <= SEMANTIC_RULES
    assert set(NONEXISTENT) >= CHECKED
