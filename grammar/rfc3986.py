"""RFC 3986 Appendix A: the URI rules HTTP imports.

Strategy: the rules in RFC order. Three are rewritten for a PEG parser, each noted where it
stands: ``dec-octet`` (longest alternative first), ``host`` and ``path`` (alternatives whose
languages overlap reduced to disjoint ones). ``IPv6address`` is a bounded lexical unit whose
nine alternatives overlap in ways no ordering fixes; its parser matches with its pattern.
"""

from __future__ import annotations

from typing import Any

from grammar.abnf import (
    Rule,
    alt,
    empty,
    identity,
    lit,
    octet_range,
    octets,
    opt,
    rep,
    rule,
    seq,
    times,
)
from grammar.rfc5234 import alpha, decimal, digit, hexdig
from grammar.values import Authority, URIReference

__all__ = [
    "absolute_uri",
    "authority",
    "dec_octet",
    "fragment",
    "gen_delims",
    "h16",
    "hier_part",
    "host",
    "ip_literal",
    "ipv4address",
    "ipv6address",
    "ipvfuture",
    "ls32",
    "path",
    "path_abempty",
    "path_absolute",
    "path_empty",
    "path_noscheme",
    "path_rootless",
    "pchar",
    "pct_encoded",
    "port",
    "query",
    "reg_name",
    "relative_part",
    "relative_ref",
    "reserved",
    "scheme",
    "segment",
    "segment_nz",
    "segment_nz_nc",
    "sub_delims",
    "unreserved",
    "uri",
    "uri_reference",
    "userinfo",
]

_S = "RFC 3986 §"

# --- §2 Characters ------------------------------------------------------------------------

pct_encoded = rule('pct-encoded = "%" HEXDIG HEXDIG', _S + "2.1", lit("%") + hexdig + hexdig)
gen_delims = rule(
    'gen-delims = ":" / "/" / "?" / "#" / "[" / "]" / "@"',
    _S + "2.2",
    octets(b":/?#[]@", "gen-delims"),
)
sub_delims = rule(
    """sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" """,
    _S + "2.2",
    octets(b"!$&'()*+,;=", "sub-delims"),
)
reserved = rule("reserved = gen-delims / sub-delims", _S + "2.2", gen_delims | sub_delims)
unreserved = rule(
    'unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"',
    _S + "2.3",
    alpha | digit | octets(b"-._~", '"-" / "." / "_" / "~"'),
)

# --- §3.1 Scheme --------------------------------------------------------------------------

scheme = rule(
    'scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )',
    _S + "3.1",
    alpha + rep(alpha | digit | octets(b"+-.", '"+" / "-" / "."')),
)

# --- §3.2 Authority -----------------------------------------------------------------------

userinfo = rule(
    'userinfo = *( unreserved / pct-encoded / sub-delims / ":" )',
    _S + "3.2.1",
    rep(unreserved | pct_encoded | sub_delims | lit(":")),
)
h16 = rule("h16 = 1*4HEXDIG", _S + "3.2.2", rep(hexdig, 1, 4))

# RFC order is "DIGIT / %x31-39 DIGIT / ..."; a PEG parser would stop at the first digit of
# "25", so the alternatives are tried longest first. Same language.
dec_octet = rule(
    'dec-octet = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35',
    _S + "3.2.2",
    alt(
        seq(lit("25"), octet_range(0x30, 0x35)),
        seq(lit("2"), octet_range(0x30, 0x34), digit),
        seq(lit("1"), times(2, digit)),
        seq(octet_range(0x31, 0x39), digit),
        digit,
    ),
)
ipv4address = rule(
    'IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet',
    _S + "3.2.2",
    dec_octet + lit(".") + dec_octet + lit(".") + dec_octet + lit(".") + dec_octet,
)
ls32 = rule(
    'ls32 = ( h16 ":" h16 ) / IPv4address',
    _S + "3.2.2",
    h16 + lit(":") + h16 | ipv4address,
)


def _h16_colons(count: int) -> Any:
    return times(count, h16 + lit(":"))


def _head(most: int) -> Any:
    """``[ *most( h16 ":" ) h16 ]`` -- the part before "::"."""
    return opt(rep(h16 + lit(":"), 0, most) + h16) if most else opt(h16)


_DCOLON = lit("::")
ipv6address = rule(
    'IPv6address = 6( h16 ":" ) ls32 / "::" 5( h16 ":" ) ls32 / [ h16 ] "::" 4( h16 ":" ) ls32'
    ' / [ *1( h16 ":" ) h16 ] "::" 3( h16 ":" ) ls32 / [ *2( h16 ":" ) h16 ] "::" 2( h16 ":" ) ls32'
    ' / [ *3( h16 ":" ) h16 ] "::" h16 ":" ls32 / [ *4( h16 ":" ) h16 ] "::" ls32'
    ' / [ *5( h16 ":" ) h16 ] "::" h16 / [ *6( h16 ":" ) h16 ] "::"',
    _S + "3.2.2",
    alt(
        seq(_h16_colons(6), ls32),
        seq(_DCOLON, _h16_colons(5), ls32),
        seq(_head(0), _DCOLON, _h16_colons(4), ls32),
        seq(_head(1), _DCOLON, _h16_colons(3), ls32),
        seq(_head(2), _DCOLON, _h16_colons(2), ls32),
        seq(_head(3), _DCOLON, h16, lit(":"), ls32),
        seq(_head(4), _DCOLON, ls32),
        seq(_head(5), _DCOLON, h16),
        seq(_head(6), _DCOLON),
    ),
    by_pattern=True,
)
ipvfuture = rule(
    'IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )',
    _S + "3.2.2",
    lit("v") + rep(hexdig, 1) + lit(".") + rep(unreserved | sub_delims | lit(":"), 1),
)
ip_literal = rule(
    'IP-literal = "[" ( IPv6address / IPvFuture ) "]"',
    _S + "3.2.2",
    lit("[") + (ipv6address | ipvfuture) + lit("]"),
)
reg_name = rule(
    "reg-name = *( unreserved / pct-encoded / sub-delims )",
    _S + "3.2.2",
    rep(unreserved | pct_encoded | sub_delims),
)
# Every IPv4address is also a reg-name, and a PEG parser that took IPv4address first would
# reject "1.2.3.4.5" (a valid reg-name). The union is IP-literal / reg-name; which of the
# three a host is, `ipv4address.compiled.fullmatch` tells.
host = rule("host = IP-literal / IPv4address / reg-name", _S + "3.2.2", ip_literal | reg_name)
port = rule("port = *DIGIT", _S + "3.2.3", rep(digit))


def port_number(text: bytes | None) -> int | None:
    """The number a ``port`` (RFC 3986 §3.2.3, ``*DIGIT``) denotes; None when empty."""
    return decimal(text) if text else None


authority = rule(
    'authority = [ userinfo "@" ] host [ ":" port ]',
    _S + "3.2",
    seq(
        userinfo=opt(seq(userinfo=userinfo, _at=lit("@"))),
        host=host,
        port=opt(seq(_colon=lit(":"), port=port)),
    ),
    lambda userinfo, host, port: Authority(host, port_number(port), userinfo),
)

# --- §3.3 Path ----------------------------------------------------------------------------

pchar = rule(
    'pchar = unreserved / pct-encoded / sub-delims / ":" / "@"',
    _S + "3.3",
    unreserved | pct_encoded | sub_delims | octets(b":@", '":" / "@"'),
)
segment = rule("segment = *pchar", _S + "3.3", rep(pchar))
segment_nz = rule("segment-nz = 1*pchar", _S + "3.3", rep(pchar, 1))
segment_nz_nc = rule(
    'segment-nz-nc = 1*( unreserved / pct-encoded / sub-delims / "@" )',
    _S + "3.3",
    rep(unreserved | pct_encoded | sub_delims | lit("@"), 1),
)
path_abempty = rule('path-abempty = *( "/" segment )', _S + "3.3", rep(lit("/") + segment))
path_absolute = rule(
    'path-absolute = "/" [ segment-nz *( "/" segment ) ]',
    _S + "3.3",
    lit("/") + opt(segment_nz + rep(lit("/") + segment)),
)
path_noscheme = rule(
    'path-noscheme = segment-nz-nc *( "/" segment )',
    _S + "3.3",
    segment_nz_nc + rep(lit("/") + segment),
)
path_rootless = rule(
    'path-rootless = segment-nz *( "/" segment )',
    _S + "3.3",
    segment_nz + rep(lit("/") + segment),
)
path_empty = rule("path-empty = 0<pchar>", _S + "3.3", empty())
# path-abempty already holds path-absolute and path-empty, and path-rootless holds
# path-noscheme; PEG needs the two that remain in an order where neither is a prefix of the
# other: path-rootless starts with a pchar, path-abempty with "/" or nothing.
path = rule(
    "path = path-abempty / path-absolute / path-noscheme / path-rootless / path-empty",
    _S + "3.3",
    path_rootless | path_abempty,
)

# --- §3.4 Query, §3.5 Fragment ------------------------------------------------------------

query = rule('query = *( pchar / "/" / "?" )', _S + "3.4", rep(pchar | octets(b"/?", '"/" / "?"')))
fragment = rule(
    'fragment = *( pchar / "/" / "?" )', _S + "3.5", rep(pchar | octets(b"/?", '"/" / "?"'))
)

# --- §3 Syntax Components, §4 Usage -------------------------------------------------------


def _hier_part(value: dict[str, Any] | bytes) -> tuple[Authority | None, bytes]:
    """The authority and path: ``"//" authority path-abempty`` gives them by name, the
    alternatives that are a path alone give it as bytes."""
    if isinstance(value, bytes):
        return None, value
    return value["authority"], value["path"]


_network_path = seq(_slashes=lit("//"), authority=authority, path=path_abempty)
hier_part = rule(
    'hier-part = "//" authority path-abempty / path-absolute / path-rootless / path-empty',
    _S + "3",
    _network_path | path_absolute | path_rootless | path_empty,
    _hier_part,
)
relative_part = rule(
    'relative-part = "//" authority path-abempty / path-absolute / path-noscheme / path-empty',
    _S + "4.2",
    _network_path | path_absolute | path_noscheme | path_empty,
    _hier_part,
)


def _uri(
    scheme: bytes | None,
    hier: tuple[Authority | None, bytes],
    query: bytes | None,
    fragment: bytes | None = None,
) -> URIReference:
    """A URI reference from its parts; ``hier`` is the authority and path."""
    authority_part, path_part = hier
    return URIReference(scheme, authority_part, path_part, query, fragment)


_query_part = opt(seq(_mark=lit("?"), query=query))
_fragment_part = opt(seq(_mark=lit("#"), fragment=fragment))
uri = rule(
    'URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]',
    _S + "3",
    seq(
        scheme=scheme,
        _colon=lit(":"),
        hier=hier_part,
        query=_query_part,
        fragment=_fragment_part,
    ),
    _uri,
)
relative_ref = rule(
    'relative-ref = relative-part [ "?" query ] [ "#" fragment ]',
    _S + "4.2",
    seq(hier=relative_part, query=_query_part, fragment=_fragment_part),
    lambda hier, query, fragment: _uri(None, hier, query, fragment),
)
# A URI starts with `scheme ":"`; a relative-ref's first segment cannot hold ":" before a
# "/" (path-noscheme), so at most one alternative matches: PEG order is safe.
uri_reference: Rule[URIReference] = rule(
    "URI-reference = URI / relative-ref", _S + "4.1", uri | relative_ref, identity
)
absolute_uri = rule(
    'absolute-URI = scheme ":" hier-part [ "?" query ]',
    _S + "4.3",
    seq(scheme=scheme, _colon=lit(":"), hier=hier_part, query=_query_part),
    _uri,
)
