"""RFC 9110 Appendix A: the collected ABNF of HTTP semantics, every rule, in section order.

Strategy: each rule is written as the RFC writes it unless a PEG parser would reject input
the ABNF accepts; such rules are rewritten into an equivalent deterministic form and say so
beside the definition (their ``abnf`` stays the RFC's text). Lists (``#rule``, §5.6.1) use the
recipient form of §5.6.1.2. Rules the RFC imports by prose (``<host, see URI Section
3.2.2>``) are aliases of the rules in ``rfc3986``, ``rfc4647``, ``rfc5646`` and ``rfc5322``.
Value types are described in :mod:`grammar.values`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from grammar import rfc3986, rfc4647, rfc5322, rfc5646
from grammar.abnf import (
    ListOf,
    Node,
    Rule,
    alias,
    alt,
    exact,
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
from grammar.rfc5234 import alpha, decimal, digit, dquote, htab, sp, vchar
from grammar.values import (
    Authority,
    Challenge,
    Comment,
    ContentRange,
    Credentials,
    EntityTag,
    Expectation,
    IntRange,
    MediaType,
    OtherRange,
    Parameters,
    Product,
    Protocol,
    Ranges,
    RangeSpec,
    SuffixRange,
    TransferCoding,
    URIReference,
    ViaEntry,
    Weighted,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

_S = "RFC 9110 §"


def list_of(element: Node, least: int = 0) -> ListOf[Any]:
    """§5.6.1 ``#element`` (``least=0``) or ``1#element`` (``least=1``), as a recipient
    parses it (§5.6.1.2): for your own list-valued fields, ``rule(..., list_of(token))``."""
    return ListOf(element, least, ows)


def _lower(text: bytes) -> bytes:
    return text.lower()


def _lower_all(items: list[bytes]) -> tuple[bytes, ...]:
    return tuple(item.lower() for item in items)


def _tuple(items: list[Any]) -> tuple[Any, ...]:
    return tuple(items)


# --- §4 Identifiers in HTTP ---------------------------------------------------------------

uri_reference: Rule[URIReference] = alias(
    "URI-reference = <URI-reference, see URI Section 4.1>", _S + "4.1", rfc3986.uri_reference
)
absolute_uri = alias(
    "absolute-URI = <absolute-URI, see URI Section 4.3>", _S + "4.1", rfc3986.absolute_uri
)
relative_part = alias(
    "relative-part = <relative-part, see URI Section 4.2>", _S + "4.1", rfc3986.relative_part
)
authority = alias("authority = <authority, see URI Section 3.2>", _S + "4.1", rfc3986.authority)
uri_host = alias("uri-host = <host, see URI Section 3.2.2>", _S + "4.1", rfc3986.host)
port = alias("port = <port, see URI Section 3.2.3>", _S + "4.1", rfc3986.port)
path_abempty = alias(
    "path-abempty = <path-abempty, see URI Section 3.3>", _S + "4.1", rfc3986.path_abempty
)
segment = alias("segment = <segment, see URI Section 3.3>", _S + "4.1", rfc3986.segment)
query = alias("query = <query, see URI Section 3.4>", _S + "4.1", rfc3986.query)
absolute_path = rule(
    'absolute-path = 1*( "/" segment )', _S + "4.1", rep(seq(lit("/"), segment), 1)
)
partial_uri = rule(
    'partial-URI = relative-part [ "?" query ]',
    _S + "4.1",
    seq(relative_part, opt(seq(lit("?"), query))),
    lambda v: URIReference(None, v[0][0], v[0][1], v[1][1] if v[1] else None),
)


def _http_uri(value: list[Any]) -> URIReference:
    scheme_text, auth, path, query_part = value
    scheme_name = scheme_text[:-3].lower()
    return URIReference(scheme_name, auth, path, query_part[1] if query_part else None)


http_uri = rule(
    'http-URI = "http://" authority path-abempty [ "?" query ]',
    _S + "4.2.1",
    seq(lit("http://"), authority, path_abempty, opt(seq(lit("?"), query))),
    _http_uri,
)
https_uri = rule(
    'https-URI = "https://" authority path-abempty [ "?" query ]',
    _S + "4.2.2",
    seq(lit("https://"), authority, path_abempty, opt(seq(lit("?"), query))),
    _http_uri,
)

# --- §5.5 Field Values, §5.6 Common Rules for Defining Field Values -----------------------

obs_text = rule("obs-text = %x80-FF", _S + "5.6.4", octet_range(0x80, 0xFF))
tchar = rule(
    'tchar = "!" / "#" / "$" / "%" / "&" / "\'" / "*" / "+" / "-" / "." / "^" / "_" / "`"'
    ' / "|" / "~" / DIGIT / ALPHA',
    _S + "5.6.2",
    alt(octets(b"!#$%&'*+-.^_`|~", "tchar"), digit, alpha),
)
token = rule("token = 1*tchar", _S + "5.6.2", rep(tchar, 1))
field_name = rule("field-name = token", _S + "5.1", token)
field_vchar = rule("field-vchar = VCHAR / obs-text", _S + "5.5", alt(vchar, obs_text))
# `field-vchar [ 1*( SP / HTAB / field-vchar ) field-vchar ]`: a PEG parser's greedy 1*(...)
# would take the final field-vchar too and fail on "foo bar". Deterministic form: a run of
# field-vchars, then runs of whitespace each followed by a run of field-vchars (runs, not
# single octets: a pattern then steps a group per word, not per octet). It also takes the
# two-octet values ("ab") that the RFC's text, by an acknowledged error, leaves out: the `1*`
# was meant to be `*` (https://github.com/httpwg/http-core/issues/1119); field-value, the
# rule that uses it, has those values either way.
field_content = rule(
    "field-content = field-vchar [ 1*( SP / HTAB / field-vchar ) field-vchar ]",
    _S + "5.5",
    seq(rep(field_vchar, 1), rep(seq(rep(alt(sp, htab), 1), rep(field_vchar, 1)))),
)
# `*field-content`: field-contents concatenated are a field-content, so at most one is needed.
field_value = rule("field-value = *field-content", _S + "5.5", opt(field_content))

ows = rule("OWS = *( SP / HTAB )", _S + "5.6.3", rep(alt(sp, htab)))
rws = rule("RWS = 1*( SP / HTAB )", _S + "5.6.3", rep(alt(sp, htab), 1))
bws = rule("BWS = OWS", _S + "5.6.3", ows)

qdtext = rule(
    'qdtext = HTAB / SP / "!" / %x23-5B / %x5D-7E / obs-text',
    _S + "5.6.4",
    alt(htab, sp, lit("!"), octet_range(0x23, 0x5B), octet_range(0x5D, 0x7E), obs_text),
)
quoted_pair: Rule[bytes] = rule(
    'quoted-pair = "\\" ( HTAB / SP / VCHAR / obs-text )',
    _S + "5.6.4",
    seq(lit("\\"), alt(htab, sp, vchar, obs_text)),
    lambda v: v[1],
)
quoted_string = rule(
    "quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE",
    _S + "5.6.4",
    seq(dquote, rep(alt(qdtext, quoted_pair)), dquote),
    lambda v: b"".join(v[1]),
)

ctext = rule(
    "ctext = HTAB / SP / %x21-27 / %x2A-5B / %x5D-7E / obs-text",
    _S + "5.6.5",
    alt(
        htab,
        sp,
        octet_range(0x21, 0x27),
        octet_range(0x2A, 0x5B),
        octet_range(0x5D, 0x7E),
        obs_text,
    ),
)


def _comment(value: list[Any]) -> Comment:
    parts = (b"(" + part.text + b")" if isinstance(part, Comment) else part for part in value[1])
    return Comment(b"".join(parts))


# Recursive: the one rule (with those built on it) that has no pattern.
comment: Rule[Comment] = rule(
    'comment = "(" *( ctext / quoted-pair / comment ) ")"',
    _S + "5.6.5",
    lambda: seq(lit("("), rep(alt(ctext, quoted_pair, comment)), lit(")")),
    _comment,
)

parameter_name = rule("parameter-name = token", _S + "5.6.6", token, _lower)
parameter_value: Rule[bytes] = rule(
    "parameter-value = ( token / quoted-string )", _S + "5.6.6", alt(token, quoted_string), identity
)
parameter: Rule[tuple[bytes, bytes]] = rule(
    'parameter = parameter-name "=" parameter-value',
    _S + "5.6.6",
    seq(parameter_name, lit("="), parameter_value),
    lambda v: (v[0], v[2]),
)
parameters: Rule[Parameters] = rule(
    'parameters = *( OWS ";" OWS [ parameter ] )',
    _S + "5.6.6",
    rep(seq(ows, lit(";"), ows, opt(parameter))),
    lambda v: tuple(item[3] for item in v if item[3] is not None),
)

# --- §5.6.7 Date/Time Formats -------------------------------------------------------------

_DAY_NAMES = (b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun")
_DAY_NAMES_L = (b"Monday", b"Tuesday", b"Wednesday", b"Thursday", b"Friday", b"Saturday", b"Sunday")
_MONTHS = (
    b"Jan",
    b"Feb",
    b"Mar",
    b"Apr",
    b"May",
    b"Jun",
    b"Jul",
    b"Aug",
    b"Sep",
    b"Oct",
    b"Nov",
    b"Dec",
)
_S_DATE = _S + "5.6.7"

day_name = rule(
    "day-name = %x4D.6F.6E / %x54.75.65 / %x57.65.64 / %x54.68.75 / %x46.72.69 / %x53.61.74"
    " / %x53.75.6E",
    _S_DATE,
    alt(*(exact(name) for name in _DAY_NAMES)),
)
day_name_l = rule(
    "day-name-l = %x4D.6F.6E.64.61.79 / %x54.75.65.73.64.61.79 / %x57.65.64.6E.65.73.64.61.79"
    " / %x54.68.75.72.73.64.61.79 / %x46.72.69.64.61.79 / %x53.61.74.75.72.64.61.79"
    " / %x53.75.6E.64.61.79",
    _S_DATE,
    alt(*(exact(name) for name in _DAY_NAMES_L)),
)
month = rule(
    "month = %x4A.61.6E / %x46.65.62 / %x4D.61.72 / %x41.70.72 / %x4D.61.79 / %x4A.75.6E"
    " / %x4A.75.6C / %x41.75.67 / %x53.65.70 / %x4F.63.74 / %x4E.6F.76 / %x44.65.63",
    _S_DATE,
    alt(*(exact(name) for name in _MONTHS)),
    lambda v: _MONTHS.index(v) + 1,
)
day = rule("day = 2DIGIT", _S_DATE, times(2, digit), decimal)
year = rule("year = 4DIGIT", _S_DATE, times(4, digit), decimal)
hour = rule("hour = 2DIGIT", _S_DATE, times(2, digit), decimal)
minute = rule("minute = 2DIGIT", _S_DATE, times(2, digit), decimal)
second = rule("second = 2DIGIT", _S_DATE, times(2, digit), decimal)
gmt = rule("GMT = %x47.4D.54", _S_DATE, exact(b"GMT"))
time_of_day: Rule[tuple[int, int, int]] = rule(
    'time-of-day = hour ":" minute ":" second',
    _S_DATE,
    seq(hour, lit(":"), minute, lit(":"), second),
    lambda v: (v[0], v[2], v[4]),
)
date1: Rule[tuple[int, int, int]] = rule(
    "date1 = day SP month SP year",
    _S_DATE,
    seq(day, sp, month, sp, year),
    lambda v: (v[0], v[2], v[4]),
)
date2: Rule[tuple[int, int, int]] = rule(
    'date2 = day "-" month "-" 2DIGIT',
    _S_DATE,
    seq(day, lit("-"), month, lit("-"), times(2, digit)),
    lambda v: (v[0], v[2], int(v[4])),
)
date3: Rule[tuple[int, int]] = rule(
    "date3 = month SP ( 2DIGIT / ( SP DIGIT ) )",
    _S_DATE,
    seq(month, sp, alt(times(2, digit), seq(sp, digit))),
    lambda v: (int(v[2][1] if isinstance(v[2], list) else v[2]), v[0]),
)


_LEAP_SECOND = (23, 59, 60)


def _utc(year_: int, month_: int, day_: int, clock: tuple[int, int, int]) -> datetime:
    """The instant, or ValueError for a date or time that does not exist (31 Feb, 25:00).

    §5.6.7 allows a leap second, ``23:59:60``, which ``datetime`` cannot hold: it becomes the
    instant after ``23:59:59``, as POSIX time counts it (midnight of the next day).
    """
    if clock == _LEAP_SECOND:
        return datetime(year_, month_, day_, 23, 59, 59, tzinfo=UTC) + timedelta(seconds=1)
    return datetime(year_, month_, day_, *clock, tzinfo=UTC)


def _rfc850_year(two_digits: int) -> int:
    """§5.6.7: a two-digit year more than 50 years in the future is in the past century."""
    this_year = datetime.now(UTC).year
    candidate = this_year - this_year % 100 + two_digits
    return candidate - 100 if candidate > this_year + 50 else candidate


def _date_strategy(render: Callable[[datetime], str]) -> Callable[[], SearchStrategy[bytes]]:
    """Strategy of the dates a date rule accepts: each a real instant, rendered by ``render``."""

    def build() -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        when = st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31))
        return when.map(lambda instant: render(instant).encode())

    return build


def _names(when: datetime) -> tuple[str, str, str]:
    """The day name, long day name and month name of ``when``, as §5.6.7 spells them."""
    return (
        _DAY_NAMES[when.weekday()].decode(),
        _DAY_NAMES_L[when.weekday()].decode(),
        _MONTHS[when.month - 1].decode(),
    )


def _imf_text(when: datetime) -> str:
    name, _, mon = _names(when)
    return f"{name}, {when.day:02d} {mon} {when.year:04d} {when:%H:%M:%S} GMT"


def _rfc850_text(when: datetime) -> str:
    _, long_name, mon = _names(when)
    return f"{long_name}, {when.day:02d}-{mon}-{when.year % 100:02d} {when:%H:%M:%S} GMT"


def _asctime_text(when: datetime) -> str:
    name, _, mon = _names(when)
    return f"{name} {mon} {when.day:2d} {when:%H:%M:%S} {when.year:04d}"


imf_fixdate = rule(
    'IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT',
    _S_DATE,
    seq(day_name, lit(","), sp, date1, sp, time_of_day, sp, gmt),
    lambda v: _utc(v[3][2], v[3][1], v[3][0], v[5]),
    strategy=_date_strategy(_imf_text),
)
rfc850_date = rule(
    'rfc850-date = day-name-l "," SP date2 SP time-of-day SP GMT',
    _S_DATE,
    seq(day_name_l, lit(","), sp, date2, sp, time_of_day, sp, gmt),
    lambda v: _utc(_rfc850_year(v[3][2]), v[3][1], v[3][0], v[5]),
    strategy=_date_strategy(_rfc850_text),
)
asctime_date = rule(
    "asctime-date = day-name SP date3 SP time-of-day SP year",
    _S_DATE,
    seq(day_name, sp, date3, sp, time_of_day, sp, year),
    lambda v: _utc(v[6], v[2][1], v[2][0], v[4]),
    strategy=_date_strategy(_asctime_text),
)
obs_date: Rule[datetime] = rule(
    "obs-date = rfc850-date / asctime-date", _S_DATE, alt(rfc850_date, asctime_date), identity
)
http_date: Rule[datetime] = rule(
    "HTTP-date = IMF-fixdate / obs-date", _S_DATE, alt(imf_fixdate, obs_date), identity
)

# --- §6.6 Message Metadata -----------------------------------------------------------------

date: Rule[datetime] = alias("Date = HTTP-date", _S + "6.6.1", http_date)
trailer = rule(
    'Trailer = [ field-name *( OWS "," OWS field-name ) ]',
    _S + "6.6.2",
    list_of(field_name),
    _lower_all,
)

# --- §7 Routing HTTP Messages -------------------------------------------------------------


def _host(value: list[Any]) -> Authority:
    host_text, port_part = value
    return Authority(host_text, rfc3986.port_number(port_part[1]) if port_part else None)


host = rule(
    'Host = uri-host [ ":" port ]', _S + "7.2", seq(uri_host, opt(seq(lit(":"), port))), _host
)

connection_option = rule("connection-option = token", _S + "7.6.1", token, _lower)
connection: Rule[tuple[bytes, ...]] = rule(
    'Connection = [ connection-option *( OWS "," OWS connection-option ) ]',
    _S + "7.6.1",
    list_of(connection_option),
    _tuple,
)
max_forwards = rule("Max-Forwards = 1*DIGIT", _S + "7.6.2", rep(digit, 1), decimal)

protocol_name = rule("protocol-name = token", _S + "7.8", token)
protocol_version = rule("protocol-version = token", _S + "7.8", token)
pseudonym = rule("pseudonym = token", _S + "7.6.3", token)
received_protocol = rule(
    'received-protocol = [ protocol-name "/" ] protocol-version',
    _S + "7.6.3",
    # `[ protocol-name "/" ]` then a token: "1.1" alone is a protocol-version, "HTTP/1.1" a
    # name and version; PEG's optional backs off when no "/" follows, so the order is safe.
    seq(opt(seq(protocol_name, lit("/"))), protocol_version),
    lambda v: Protocol(v[0][0] if v[0] else None, v[1]),
)
received_by = rule(
    'received-by = pseudonym [ ":" port ]', _S + "7.6.3", seq(pseudonym, opt(seq(lit(":"), port)))
)


def _via_entries(items: list[list[Any]]) -> tuple[ViaEntry, ...]:
    return tuple(ViaEntry(proto, by, note[1] if note else None) for proto, _, by, note in items)


via = rule(
    'Via = [ ( received-protocol RWS received-by [ RWS comment ] ) *( OWS "," OWS'
    " ( received-protocol RWS received-by [ RWS comment ] ) ) ]",
    _S + "7.6.3",
    list_of(seq(received_protocol, rws, received_by, opt(seq(rws, comment)))),
    _via_entries,
)

protocol = rule(
    'protocol = protocol-name [ "/" protocol-version ]',
    _S + "7.8",
    seq(protocol_name, opt(seq(lit("/"), protocol_version))),
    lambda v: Protocol(v[0], v[1][1] if v[1] else None),
)
upgrade: Rule[tuple[Protocol, ...]] = rule(
    'Upgrade = [ protocol *( OWS "," OWS protocol ) ]', _S + "7.8", list_of(protocol), _tuple
)

# --- §8 Representation Data and Metadata --------------------------------------------------

type_ = rule("type = token", _S + "8.3.1", token, _lower)
subtype = rule("subtype = token", _S + "8.3.1", token, _lower)
media_type = rule(
    'media-type = type "/" subtype parameters',
    _S + "8.3.1",
    seq(type_, lit("/"), subtype, parameters),
    lambda v: MediaType(v[0], v[2], v[3]),
)
content_type = alias("Content-Type = media-type", _S + "8.3", media_type)

content_coding = rule("content-coding = token", _S + "8.4.1", token, _lower)
content_encoding: Rule[tuple[bytes, ...]] = rule(
    'Content-Encoding = [ content-coding *( OWS "," OWS content-coding ) ]',
    _S + "8.4",
    list_of(content_coding),
    _tuple,
)

language_tag = alias(
    "language-tag = <Language-Tag, see RFC5646 Section 2.1>", _S + "8.5.1", rfc5646.language_tag
)
content_language: Rule[tuple[bytes, ...]] = rule(
    'Content-Language = [ language-tag *( OWS "," OWS language-tag ) ]',
    _S + "8.5",
    list_of(language_tag),
    _tuple,
)
content_length = rule("Content-Length = 1*DIGIT", _S + "8.6", rep(digit, 1), decimal)
# An absolute-URI begins `scheme ":"`; a partial-URI's first segment cannot hold ":" before
# a "/" (path-noscheme): at most one alternative matches, so PEG order is safe.
content_location: Rule[URIReference] = rule(
    "Content-Location = absolute-URI / partial-URI",
    _S + "8.7",
    alt(absolute_uri, partial_uri),
    identity,
)
last_modified: Rule[datetime] = alias("Last-Modified = HTTP-date", _S + "8.8.2", http_date)

weak = rule("weak = %x57.2F", _S + "8.8.3", exact(b"W/"))
etagc = rule(
    'etagc = "!" / %x23-7E / obs-text',
    _S + "8.8.3",
    alt(lit("!"), octet_range(0x23, 0x7E), obs_text),
)
opaque_tag: Rule[bytes] = rule(
    "opaque-tag = DQUOTE *etagc DQUOTE",
    _S + "8.8.3",
    seq(dquote, rep(etagc), dquote),
    lambda v: v[1],
)
entity_tag = rule(
    "entity-tag = [ weak ] opaque-tag",
    _S + "8.8.3",
    seq(opt(weak), opaque_tag),
    lambda v: EntityTag(v[1], v[0] is not None),
)
etag = alias("ETag = entity-tag", _S + "8.8.3", entity_tag)

# --- §9 Methods, §10 Message Context ------------------------------------------------------

method = rule("method = token", _S + "9.1", token)


def _expectation(value: list[Any]) -> Expectation:
    name, valued = value
    if valued is None:
        return Expectation(name.lower())
    return Expectation(name.lower(), valued[1], valued[2])


expectation = rule(
    'expectation = token [ "=" ( token / quoted-string ) parameters ]',
    _S + "10.1.1",
    seq(token, opt(seq(lit("="), alt(token, quoted_string), parameters))),
    _expectation,
)
expect: Rule[tuple[Expectation, ...]] = rule(
    'Expect = [ expectation *( OWS "," OWS expectation ) ]',
    _S + "10.1.1",
    list_of(expectation),
    _tuple,
)

mailbox = alias("mailbox = <mailbox, see RFC5322 Section 3.4>", _S + "10.1.2", rfc5322.mailbox)
from_ = alias("From = mailbox", _S + "10.1.2", mailbox)
referer: Rule[URIReference] = rule(
    "Referer = absolute-URI / partial-URI", _S + "10.1.3", alt(absolute_uri, partial_uri), identity
)

# --- §12.4.2 Quality Values (before TE and Accept, which weigh their members) --------------

qvalue = rule(
    'qvalue = ( "0" [ "." *3DIGIT ] ) / ( "1" [ "." *3"0" ] )',
    _S + "12.4.2",
    alt(
        seq(lit("0"), opt(seq(lit("."), rep(digit, 0, 3)))),
        seq(lit("1"), opt(seq(lit("."), rep(lit("0"), 0, 3)))),
    ),
    lambda v: float(v[0] + (v[1][0] + v[1][1] if v[1] else b"")),
)
weight: Rule[float] = rule(
    'weight = OWS ";" OWS "q=" qvalue',
    _S + "12.4.2",
    seq(ows, lit(";"), ows, lit("q="), qvalue),
    lambda v: v[4],
)


def _split_weight(params: Parameters) -> tuple[Parameters, float]:
    """The parameters without the first ``q`` that holds a qvalue, and that qvalue (default 1).

    ``media-range [ weight ]`` and ``transfer-coding [ weight ]`` are ambiguous as ABNF: a
    weight is also a parameter. §12.5.1 settles it: "Recipients SHOULD process any parameter
    named "q" as weight, regardless of parameter ordering"; the others stay the media type's.
    A ``q`` whose value is no qvalue (``q=2``) cannot be a weight and stays a parameter.
    """
    for index, (name, value) in enumerate(params):
        if name == b"q" and qvalue.compiled is not None and qvalue.compiled.fullmatch(value):
            return params[:index] + params[index + 1 :], float(value)
    return params, 1.0


# --- §10.1.4 TE, transfer codings --------------------------------------------------------

transfer_parameter: Rule[tuple[bytes, bytes]] = rule(
    'transfer-parameter = token BWS "=" BWS ( token / quoted-string )',
    _S + "10.1.4",
    seq(token, bws, lit("="), bws, alt(token, quoted_string)),
    lambda v: (v[0].lower(), v[4]),
)
transfer_coding = rule(
    'transfer-coding = token *( OWS ";" OWS transfer-parameter )',
    _S + "10.1.4",
    seq(token, rep(seq(ows, lit(";"), ows, transfer_parameter))),
    lambda v: TransferCoding(v[0].lower(), tuple(item[3] for item in v[1])),
)


def _t_codings(coding: TransferCoding) -> Weighted[TransferCoding]:
    params, q = _split_weight(coding.parameters)
    return Weighted(TransferCoding(coding.name, params), q)


# `"trailers" / ( transfer-coding [ weight ] )`: "trailers" is a transfer-coding and a weight
# is a transfer-parameter, so the language is transfer-coding's; a PEG parser taking
# "trailers" first would reject "trailers;q=1". The weight is split off the value.
t_codings = rule(
    't-codings = "trailers" / ( transfer-coding [ weight ] )',
    _S + "10.1.4",
    transfer_coding,
    _t_codings,
)
te: Rule[tuple[Weighted[TransferCoding], ...]] = rule(
    'TE = [ t-codings *( OWS "," OWS t-codings ) ]', _S + "10.1.4", list_of(t_codings), _tuple
)

# --- §10.1.5 User-Agent, §10.2 Response Context ------------------------------------------

product_version = rule("product-version = token", _S + "10.1.5", token)
product = rule(
    'product = token [ "/" product-version ]',
    _S + "10.1.5",
    seq(token, opt(seq(lit("/"), product_version))),
    lambda v: Product(v[0], v[1][1] if v[1] else None),
)


def _products(value: list[Any]) -> tuple[Product | Comment, ...]:
    first, rest = value
    return (first, *(item[1] for item in rest))


user_agent = rule(
    "User-Agent = product *( RWS ( product / comment ) )",
    _S + "10.1.5",
    seq(product, rep(seq(rws, alt(product, comment)))),
    _products,
)
allow: Rule[tuple[bytes, ...]] = rule(
    'Allow = [ method *( OWS "," OWS method ) ]', _S + "10.2.1", list_of(method), _tuple
)
location: Rule[URIReference] = alias("Location = URI-reference", _S + "10.2.2", uri_reference)
delay_seconds = rule("delay-seconds = 1*DIGIT", _S + "10.2.3", rep(digit, 1), decimal)
retry_after: Rule[datetime | int] = rule(
    "Retry-After = HTTP-date / delay-seconds",
    _S + "10.2.3",
    alt(http_date, delay_seconds),
    identity,
)
server = rule(
    "Server = product *( RWS ( product / comment ) )",
    _S + "10.2.4",
    seq(product, rep(seq(rws, alt(product, comment)))),
    _products,
)

# --- §11 HTTP Authentication --------------------------------------------------------------

auth_scheme = rule("auth-scheme = token", _S + "11.1", token, _lower)
auth_param: Rule[tuple[bytes, bytes]] = rule(
    'auth-param = token BWS "=" BWS ( token / quoted-string )',
    _S + "11.2",
    seq(token, bws, lit("="), bws, alt(token, quoted_string)),
    lambda v: (v[0].lower(), v[4]),
)
token68 = rule(
    'token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="',
    _S + "11.2",
    seq(
        rep(alt(alpha, digit, octets(b"-._~+/", '"-" / "." / "_" / "~" / "+" / "/"')), 1),
        rep(lit("=")),
    ),
)

# `auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (§11.3, §11.4; Appendix A writes the list
# out as a sender generates it). A recipient parses the list as §5.6.1.2 says, empty elements
# included: `[ auth-param ] *( OWS "," OWS [ auth-param ] )`. Deterministic form:
# * the auth-param list is tried before token68, which a PEG parser would otherwise take
#   from "realm=" of `realm="x"` and stop; no token68 begins an auth-param list (after an
#   auth-param's "=" comes a value, after a token68's "=" only more "=");
# * every comma the list takes precedes an auth-param; the commas after the last one come
#   after the list. In WWW-Authenticate a challenge is itself a list element, and the commas
#   after its last auth-param may be the ones before the next challenge: there the
#   challenge (`_listed_challenge`) leaves them to the enclosing list.
_list_comma = seq(ows, lit(","), ows)
_auth_params = seq(rep(_list_comma), auth_param, rep(seq(rep(_list_comma, 1), auth_param)))
_auth_tail = seq(
    auth_scheme,
    opt(seq(rep(sp, 1), alt(seq(_auth_params, rep(_list_comma)), token68, rep(_list_comma)))),
)
_listed_challenge = seq(auth_scheme, opt(seq(rep(sp, 1), opt(alt(_auth_params, token68)))))


def _found_params(value: Any) -> Iterator[tuple[bytes, bytes]]:
    """The auth-params in a parsed auth-param list: the tuples among the separators."""
    if isinstance(value, tuple):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _found_params(item)


def _auth_fields(value: list[Any]) -> tuple[bytes, bytes | None, Parameters]:
    scheme, tail = value
    body = tail[1] if tail else None
    if isinstance(body, bytes):
        return scheme, body, ()
    return scheme, None, tuple(_found_params(body))


def _challenges(items: list[list[Any]]) -> tuple[Challenge, ...]:
    return tuple(Challenge(*_auth_fields(item)) for item in items)


challenge = rule(
    'challenge = auth-scheme [ 1*SP ( token68 / [ auth-param *( OWS "," OWS auth-param ) ] ) ]',
    _S + "11.3",
    _auth_tail,
    lambda v: Challenge(*_auth_fields(v)),
)
credentials = rule(
    'credentials = auth-scheme [ 1*SP ( token68 / [ auth-param *( OWS "," OWS auth-param ) ] ) ]',
    _S + "11.4",
    _auth_tail,
    lambda v: Credentials(*_auth_fields(v)),
)
www_authenticate = rule(
    'WWW-Authenticate = [ challenge *( OWS "," OWS challenge ) ]',
    _S + "11.6.1",
    list_of(_listed_challenge),
    _challenges,
)
authorization = alias("Authorization = credentials", _S + "11.6.2", credentials)
authentication_info: Rule[Parameters] = rule(
    'Authentication-Info = [ auth-param *( OWS "," OWS auth-param ) ]',
    _S + "11.6.3",
    list_of(auth_param),
    _tuple,
)
proxy_authenticate = rule(
    'Proxy-Authenticate = [ challenge *( OWS "," OWS challenge ) ]',
    _S + "11.7.1",
    list_of(_listed_challenge),
    _challenges,
)
proxy_authorization = alias("Proxy-Authorization = credentials", _S + "11.7.2", credentials)
proxy_authentication_info: Rule[Parameters] = rule(
    'Proxy-Authentication-Info = [ auth-param *( OWS "," OWS auth-param ) ]',
    _S + "11.7.3",
    list_of(auth_param),
    _tuple,
)

# --- §12.5 Content Negotiation fields -----------------------------------------------------


def _media_range(value: list[Any]) -> Weighted[MediaType]:
    type_text, _, subtype_text, params = value
    own, q = _split_weight(params)
    return Weighted(MediaType(type_text, subtype_text, own), q)


# "*" is a tchar, so "*/*" and `type "/*"` are both `type "/" subtype`: the alternation is
# that one alternative, and a PEG parser then needs no ordering.
media_range = rule(
    'media-range = ( "*/*" / ( type "/*" ) / ( type "/" subtype ) ) parameters',
    _S + "12.5.1",
    seq(type_, lit("/"), subtype, parameters),
    _media_range,
)
# `( media-range [ weight ] )`: the weight is a parameter too; §12.5.1 splits it off.
accept: Rule[tuple[Weighted[MediaType], ...]] = rule(
    'Accept = [ ( media-range [ weight ] ) *( OWS "," OWS ( media-range [ weight ] ) ) ]',
    _S + "12.5.1",
    list_of(media_range),
    _tuple,
)


def _weighted(value: list[Any]) -> Weighted[Any]:
    return Weighted(value[0], 1.0 if value[1] is None else value[1])


accept_charset: Rule[tuple[Weighted[bytes], ...]] = rule(
    'Accept-Charset = [ ( ( token / "*" ) [ weight ] )'
    ' *( OWS "," OWS ( ( token / "*" ) [ weight ] ) ) ]',
    _S + "12.5.2",
    # "*" is a tchar: `token / "*"` is token.
    list_of(seq(token, opt(weight))),
    lambda v: tuple(Weighted(item[0].lower(), 1.0 if item[1] is None else item[1]) for item in v),
)
codings: Rule[bytes] = rule(
    'codings = content-coding / "identity" / "*"',
    _S + "12.5.3",
    # "identity" and "*" are tokens: the alternation is content-coding's language.
    content_coding,
    identity,
)
accept_encoding: Rule[tuple[Weighted[bytes], ...]] = rule(
    'Accept-Encoding = [ ( codings [ weight ] ) *( OWS "," OWS ( codings [ weight ] ) ) ]',
    _S + "12.5.3",
    list_of(seq(codings, opt(weight))),
    lambda v: tuple(_weighted(item) for item in v),
)
language_range = alias(
    "language-range = <language-range, see RFC4647 Section 2.1>",
    _S + "12.5.4",
    rfc4647.language_range,
)
accept_language: Rule[tuple[Weighted[bytes], ...]] = rule(
    "Accept-Language = [ ( language-range [ weight ] )"
    ' *( OWS "," OWS ( language-range [ weight ] ) ) ]',
    _S + "12.5.4",
    list_of(seq(language_range, opt(weight))),
    lambda v: tuple(_weighted(item) for item in v),
)
vary = rule(
    'Vary = [ ( "*" / field-name ) *( OWS "," OWS ( "*" / field-name ) ) ]',
    _S + "12.5.5",
    list_of(field_name),  # "*" is a tchar: `"*" / field-name` is field-name
    _lower_all,
)

# --- §13.1 Preconditions ------------------------------------------------------------------


def _etag_list(value: Any) -> bytes | tuple[EntityTag, ...]:
    return value if value == b"*" else tuple(value)


if_match = rule(
    'If-Match = "*" / [ entity-tag *( OWS "," OWS entity-tag ) ]',
    _S + "13.1.1",
    alt(lit("*"), list_of(entity_tag)),
    _etag_list,
)
if_none_match = rule(
    'If-None-Match = "*" / [ entity-tag *( OWS "," OWS entity-tag ) ]',
    _S + "13.1.2",
    alt(lit("*"), list_of(entity_tag)),
    _etag_list,
)
if_modified_since: Rule[datetime] = alias("If-Modified-Since = HTTP-date", _S + "13.1.3", http_date)
if_unmodified_since: Rule[datetime] = alias(
    "If-Unmodified-Since = HTTP-date", _S + "13.1.4", http_date
)
# An entity-tag starts with DQUOTE or "W/", a date with a day name: no overlap.
if_range: Rule[EntityTag | datetime] = rule(
    "If-Range = entity-tag / HTTP-date", _S + "13.1.5", alt(entity_tag, http_date), identity
)

# --- §14 Range Requests -------------------------------------------------------------------

range_unit = rule("range-unit = token", _S + "14.1", token, _lower)
first_pos = rule("first-pos = 1*DIGIT", _S + "14.1.1", rep(digit, 1), decimal)
last_pos = rule("last-pos = 1*DIGIT", _S + "14.1.1", rep(digit, 1), decimal)
suffix_length = rule("suffix-length = 1*DIGIT", _S + "14.1.1", rep(digit, 1), decimal)
int_range = rule(
    'int-range = first-pos "-" [ last-pos ]',
    _S + "14.1.1",
    seq(first_pos, lit("-"), opt(last_pos)),
    lambda v: IntRange(v[0], v[2]),
)
suffix_range = rule(
    'suffix-range = "-" suffix-length',
    _S + "14.1.1",
    seq(lit("-"), suffix_length),
    lambda v: SuffixRange(v[1]),
)
other_range = rule(
    "other-range = 1*( %x21-2B / %x2D-7E )",
    _S + "14.1.1",
    rep(alt(octet_range(0x21, 0x2B), octet_range(0x2D, 0x7E)), 1),
)


def _range_spec(text: bytes) -> RangeSpec:
    for kind in (int_range, suffix_range):
        if kind.compiled is not None and kind.compiled.fullmatch(text):
            return kind.parse(text)
    return OtherRange(text)


# `int-range / suffix-range / other-range`: other-range holds both others, so a PEG parser
# taking int-range first would stop at "1-2" of "1-2x" (a valid other-range). The language
# is other-range's; which kind a spec is, its value says.
range_spec = rule(
    "range-spec = int-range / suffix-range / other-range", _S + "14.1.1", other_range, _range_spec
)
range_set: Rule[tuple[RangeSpec, ...]] = rule(
    'range-set = range-spec *( OWS "," OWS range-spec )',
    _S + "14.1.1",
    list_of(range_spec, 1),
    _tuple,
)
ranges_specifier = rule(
    'ranges-specifier = range-unit "=" range-set',
    _S + "14.1.1",
    seq(range_unit, lit("="), range_set),
    lambda v: Ranges(v[0], v[2]),
)
range_ = alias("Range = ranges-specifier", _S + "14.2", ranges_specifier)
acceptable_ranges: Rule[tuple[bytes, ...]] = rule(
    'acceptable-ranges = range-unit *( OWS "," OWS range-unit )',
    _S + "14.3",
    list_of(range_unit, 1),
    _tuple,
)
accept_ranges: Rule[tuple[bytes, ...]] = alias(
    "Accept-Ranges = acceptable-ranges", _S + "14.3", acceptable_ranges
)

complete_length = rule("complete-length = 1*DIGIT", _S + "14.4", rep(digit, 1), decimal)
incl_range: Rule[tuple[int, int]] = rule(
    'incl-range = first-pos "-" last-pos',
    _S + "14.4",
    seq(first_pos, lit("-"), last_pos),
    lambda v: (v[0], v[2]),
)
range_resp: Rule[tuple[int, int, int | None]] = rule(
    'range-resp = incl-range "/" ( complete-length / "*" )',
    _S + "14.4",
    seq(incl_range, lit("/"), alt(complete_length, lit("*"))),
    lambda v: (v[0][0], v[0][1], v[2] if isinstance(v[2], int) else None),
)
unsatisfied_range: Rule[tuple[None, None, int]] = rule(
    'unsatisfied-range = "*/" complete-length',
    _S + "14.4",
    seq(lit("*/"), complete_length),
    lambda v: (None, None, v[1]),
)
content_range = rule(
    "Content-Range = range-unit SP ( range-resp / unsatisfied-range )",
    _S + "14.4",
    seq(range_unit, sp, alt(range_resp, unsatisfied_range)),
    lambda v: ContentRange(v[0], *v[2]),
)

# --- Field names, for readers that dispatch on them ---------------------------------------

FIELDS: dict[bytes, Rule[Any]] = {
    r.name.lower().encode(): r
    for r in (
        accept, accept_charset, accept_encoding, accept_language, accept_ranges, allow,
        authentication_info, authorization, connection, content_encoding, content_language,
        content_length, content_location, content_range, content_type, date, etag, expect,
        from_, host, if_match, if_modified_since, if_none_match, if_range, if_unmodified_since,
        last_modified, location, max_forwards, proxy_authenticate, proxy_authentication_info,
        proxy_authorization, range_, referer, retry_after, server, te, trailer, upgrade, user_agent,
        vary, via, www_authenticate,
    )
}  # fmt: skip
"""The rule of each header field RFC 9110 defines, by lower-cased field name."""
