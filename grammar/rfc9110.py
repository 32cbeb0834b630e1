"""RFC 9110 Appendix A: the collected ABNF of HTTP semantics, every rule, in section order.

Strategy: each rule is written as the RFC writes it unless a PEG parser would reject input
the ABNF accepts; such rules are rewritten into an equivalent deterministic form and say so
beside the definition (their ``abnf`` stays the RFC's text). Rules follow the RFC's sections,
each under its section's header; a subsection's rules come before the rule of its parent
section that is built of them, and the two rules built of rules a later section defines
(``field-name``, ``received-protocol``) name them through a function, as recursive rules
do. Values are built from the parts of a rule by name. Lists (``#rule``, §5.6.1) use the
recipient form of §5.6.1.2, and a list-valued field's rule reads field values with the list
reader of :mod:`grammar.abnf.lists` (``connection.elements(value)``). Rules the RFC imports
by prose (``<host, see URI Section 3.2.2>``) are aliases of the rules in ``rfc3986``,
``rfc4647``, ``rfc5646`` and ``rfc5322``. Value types are described in :mod:`grammar.values`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from grammar import rfc3986, rfc4647, rfc5322, rfc5646
from grammar.abnf import (
    ListOf,
    ListRule,
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
E = TypeVar("E")


def list_of(element: Node[E], least: int = 0) -> ListOf[E]:
    """§5.6.1 ``#element`` (``least=0``) or ``1#element`` (``least=1``), as a recipient
    parses it (§5.6.1.2): for your own list-valued fields, ``rule(..., list_of(token))``."""
    return ListOf(element, least, ows)


def list_rule(abnf: str, section: str, element: Node[E], least: int = 0) -> ListRule[E]:
    """A rule that is a §5.6.1 list of ``element``: its value is the tuple of the elements'
    values, and it reads a field value's elements (:meth:`~grammar.abnf.ListRule.elements`,
    :meth:`~grammar.abnf.ListRule.split`)."""
    return ListRule(abnf, section, list_of(element, least))


def _lower(text: bytes) -> bytes:
    return text.lower()


def _lower_all(items: list[bytes]) -> tuple[bytes, ...]:
    return tuple(item.lower() for item in items)


def _present(items: list[E | None]) -> tuple[E, ...]:
    """The items that are there (``[ parameter ]`` and the like may be empty)."""
    return tuple(item for item in items if item is not None)


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
absolute_path = rule('absolute-path = 1*( "/" segment )', _S + "4.1", rep(lit("/") + segment, 1))
_query_part = opt(seq(_mark=lit("?"), query=query))


def _partial_uri(relative: tuple[Authority | None, bytes], query: bytes | None) -> URIReference:
    """relative-part's value is its authority and its path."""
    authority_part, path = relative
    return URIReference(None, authority_part, path, query)


partial_uri = rule(
    'partial-URI = relative-part [ "?" query ]',
    _S + "4.1",
    seq(relative=relative_part, query=_query_part),
    _partial_uri,
)


def _http_uri(
    scheme: bytes, authority: Authority, path: bytes, query: bytes | None
) -> URIReference:
    return URIReference(scheme.removesuffix(b"://").lower(), authority, path, query)


http_uri = rule(
    'http-URI = "http://" authority path-abempty [ "?" query ]',
    _S + "4.2.1",
    seq(scheme=lit("http://"), authority=authority, path=path_abempty, query=_query_part),
    _http_uri,
)
https_uri = rule(
    'https-URI = "https://" authority path-abempty [ "?" query ]',
    _S + "4.2.2",
    seq(scheme=lit("https://"), authority=authority, path=path_abempty, query=_query_part),
    _http_uri,
)

# --- §5.1 Field Names ---------------------------------------------------------------------

field_name = rule("field-name = token", _S + "5.1", lambda: token)

# --- §5.5 Field Values --------------------------------------------------------------------

obs_text = rule("obs-text = %x80-FF", _S + "5.5", octet_range(0x80, 0xFF))
field_vchar = rule("field-vchar = VCHAR / obs-text", _S + "5.5", vchar | obs_text)
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
    rep(field_vchar, 1) + rep(rep(sp | htab, 1) + rep(field_vchar, 1)),
)
# `*field-content`: field-contents concatenated are a field-content, so at most one is needed.
field_value = rule("field-value = *field-content", _S + "5.5", opt(field_content))

# --- §5.6.2 Tokens ------------------------------------------------------------------------

tchar = rule(
    'tchar = "!" / "#" / "$" / "%" / "&" / "\'" / "*" / "+" / "-" / "." / "^" / "_" / "`"'
    ' / "|" / "~" / DIGIT / ALPHA',
    _S + "5.6.2",
    octets(b"!#$%&'*+-.^_`|~", "tchar") | digit | alpha,
)
token: Rule[bytes] = rule("token = 1*tchar", _S + "5.6.2", rep(tchar, 1))

# --- §5.6.3 Whitespace --------------------------------------------------------------------

ows = rule("OWS = *( SP / HTAB )", _S + "5.6.3", rep(sp | htab))
rws = rule("RWS = 1*( SP / HTAB )", _S + "5.6.3", rep(sp | htab, 1))
bws = rule("BWS = OWS", _S + "5.6.3", ows)

# --- §5.6.4 Quoted Strings ----------------------------------------------------------------

qdtext = rule(
    'qdtext = HTAB / SP / "!" / %x23-5B / %x5D-7E / obs-text',
    _S + "5.6.4",
    alt(htab, sp, lit("!"), octet_range(0x23, 0x5B), octet_range(0x5D, 0x7E), obs_text),
)
quoted_pair: Rule[bytes] = rule(
    'quoted-pair = "\\" ( HTAB / SP / VCHAR / obs-text )',
    _S + "5.6.4",
    seq(_backslash=lit("\\"), octet=htab | sp | vchar | obs_text),
    identity,
)
quoted_string = rule(
    "quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE",
    _S + "5.6.4",
    seq(_open=dquote, text=rep(qdtext | quoted_pair), _close=dquote),
    b"".join,
)

# --- §5.6.5 Comments ----------------------------------------------------------------------

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


def _comment(parts: list[bytes | Comment]) -> Comment:
    texts = (b"(" + part.text + b")" if isinstance(part, Comment) else part for part in parts)
    return Comment(b"".join(texts))


# Recursive: the one rule (with those built on it) that has no pattern.
comment: Rule[Comment] = rule(
    'comment = "(" *( ctext / quoted-pair / comment ) ")"',
    _S + "5.6.5",
    lambda: seq(_open=lit("("), parts=rep(ctext | quoted_pair | comment), _close=lit(")")),
    _comment,
)

# --- §5.6.6 Parameters --------------------------------------------------------------------

parameter_name = rule("parameter-name = token", _S + "5.6.6", token, _lower)
parameter_value: Rule[bytes] = rule(
    "parameter-value = ( token / quoted-string )", _S + "5.6.6", token | quoted_string, identity
)
parameter: Rule[tuple[bytes, bytes]] = rule(
    'parameter = parameter-name "=" parameter-value',
    _S + "5.6.6",
    seq(name=parameter_name, _equals=lit("="), value=parameter_value),
    lambda name, value: (name, value),
)
parameters: Rule[Parameters] = rule(
    'parameters = *( OWS ";" OWS [ parameter ] )',
    _S + "5.6.6",
    rep(seq(_semicolon=ows + lit(";") + ows, parameter=opt(parameter))),
    _present,
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
    seq(hour=hour, _colon=lit(":"), minute=minute, _colon2=lit(":"), second=second),
    lambda hour, minute, second: (hour, minute, second),
)
date1: Rule[tuple[int, int, int]] = rule(
    "date1 = day SP month SP year",
    _S_DATE,
    seq(day=day, _sp=sp, month=month, _sp2=sp, year=year),
    lambda day, month, year: (day, month, year),
)
date2: Rule[tuple[int, int, int]] = rule(
    'date2 = day "-" month "-" 2DIGIT',
    _S_DATE,
    seq(day=day, _dash=lit("-"), month=month, _dash2=lit("-"), year=times(2, digit)),
    lambda day, month, year: (day, month, int(year)),
)
date3: Rule[tuple[int, int]] = rule(
    "date3 = month SP ( 2DIGIT / ( SP DIGIT ) )",
    _S_DATE,
    seq(month=month, _sp=sp, day=times(2, digit) | seq(_sp=sp, digit=digit)),
    lambda month, day: (int(day), month),
)


_LEAP_SECOND = (23, 59, 60)


def _utc(date: tuple[int, int, int], clock: tuple[int, int, int]) -> datetime:
    """The instant of a ``(day, month, year)`` and an ``(hour, minute, second)``, or
    ValueError for a date or time that does not exist (31 Feb, 25:00).

    §5.6.7 allows a leap second, ``23:59:60``, which ``datetime`` cannot hold: it becomes the
    instant after ``23:59:59``, as POSIX time counts it (midnight of the next day).
    """
    day_, month_, year_ = date
    if clock == _LEAP_SECOND:
        return datetime(year_, month_, day_, 23, 59, 59, tzinfo=UTC) + timedelta(seconds=1)
    return datetime(year_, month_, day_, *clock, tzinfo=UTC)


def _rfc850_utc(date: tuple[int, int, int], clock: tuple[int, int, int]) -> datetime:
    """§5.6.7: a two-digit year more than 50 years in the future is in the past century."""
    day_, month_, two_digits = date
    this_year = datetime.now(UTC).year
    candidate = this_year - this_year % 100 + two_digits
    year_ = candidate - 100 if candidate > this_year + 50 else candidate
    return _utc((day_, month_, year_), clock)


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
    seq(_day_name=day_name + lit(",") + sp, date=date1, _sp=sp, clock=time_of_day, _gmt=sp + gmt),
    _utc,
    strategy=_date_strategy(_imf_text),
)
rfc850_date = rule(
    'rfc850-date = day-name-l "," SP date2 SP time-of-day SP GMT',
    _S_DATE,
    seq(_day_name=day_name_l + lit(",") + sp, date=date2, _sp=sp, clock=time_of_day, _gmt=sp + gmt),
    _rfc850_utc,
    strategy=_date_strategy(_rfc850_text),
)
asctime_date = rule(
    "asctime-date = day-name SP date3 SP time-of-day SP year",
    _S_DATE,
    seq(_day_name=day_name + sp, date=date3, _sp=sp, clock=time_of_day, _sp2=sp, year=year),
    lambda date, clock, year: _utc((*date, year), clock),
    strategy=_date_strategy(_asctime_text),
)
obs_date: Rule[datetime] = rule(
    "obs-date = rfc850-date / asctime-date", _S_DATE, rfc850_date | asctime_date, identity
)
http_date: Rule[datetime] = rule(
    "HTTP-date = IMF-fixdate / obs-date", _S_DATE, imf_fixdate | obs_date, identity
)

# --- §6.6 Message Metadata -----------------------------------------------------------------

date: Rule[datetime] = alias("Date = HTTP-date", _S + "6.6.1", http_date)
trailer = rule(
    'Trailer = [ field-name *( OWS "," OWS field-name ) ]',
    _S + "6.6.2",
    list_of(field_name),
    _lower_all,
)

# --- §7.2 Host ----------------------------------------------------------------------------

host = rule(
    'Host = uri-host [ ":" port ]',
    _S + "7.2",
    seq(host=uri_host, port=opt(seq(_colon=lit(":"), port=port))),
    lambda host, port: Authority(host, rfc3986.port_number(port)),
)

# --- §7.6 Message Forwarding --------------------------------------------------------------

connection_option = rule("connection-option = token", _S + "7.6.1", token, _lower)
connection = list_rule(
    'Connection = [ connection-option *( OWS "," OWS connection-option ) ]',
    _S + "7.6.1",
    connection_option,
)
max_forwards = rule("Max-Forwards = 1*DIGIT", _S + "7.6.2", rep(digit, 1), decimal)

pseudonym = rule("pseudonym = token", _S + "7.6.3", token)
# `[ protocol-name "/" ] protocol-version` (both tokens, defined in §7.8): "1.1" alone is a
# protocol-version, "HTTP/1.1" a name and version; PEG's optional backs off when no "/"
# follows, so the order is safe.
received_protocol = rule(
    'received-protocol = [ protocol-name "/" ] protocol-version',
    _S + "7.6.3",
    lambda: seq(name=opt(seq(name=protocol_name, _slash=lit("/"))), version=protocol_version),
    Protocol,
)
received_by = rule(
    'received-by = pseudonym [ ":" port ]', _S + "7.6.3", pseudonym + opt(lit(":") + port)
)
via = rule(
    'Via = [ ( received-protocol RWS received-by [ RWS comment ] ) *( OWS "," OWS'
    " ( received-protocol RWS received-by [ RWS comment ] ) ) ]",
    _S + "7.6.3",
    list_of(
        seq(
            protocol=received_protocol,
            _rws=rws,
            received_by=received_by,
            comment=opt(seq(_rws=rws, comment=comment)),
        )
    ),
    lambda entries: tuple(ViaEntry(**entry) for entry in entries),
)

# --- §7.8 Upgrade -------------------------------------------------------------------------

protocol_name: Rule[bytes] = rule("protocol-name = token", _S + "7.8", token)
protocol_version: Rule[bytes] = rule("protocol-version = token", _S + "7.8", token)
protocol = rule(
    'protocol = protocol-name [ "/" protocol-version ]',
    _S + "7.8",
    seq(name=protocol_name, version=opt(seq(_slash=lit("/"), version=protocol_version))),
    Protocol,
)
upgrade = list_rule('Upgrade = [ protocol *( OWS "," OWS protocol ) ]', _S + "7.8", protocol)

# --- §8.3 Content-Type --------------------------------------------------------------------

type_ = rule("type = token", _S + "8.3.1", token, _lower)
subtype = rule("subtype = token", _S + "8.3.1", token, _lower)
media_type = rule(
    'media-type = type "/" subtype parameters',
    _S + "8.3.1",
    seq(type=type_, _slash=lit("/"), subtype=subtype, parameters=parameters),
    MediaType,
)
content_type = alias("Content-Type = media-type", _S + "8.3", media_type)

# --- §8.4 Content-Encoding ----------------------------------------------------------------

content_coding = rule("content-coding = token", _S + "8.4.1", token, _lower)
content_encoding = list_rule(
    'Content-Encoding = [ content-coding *( OWS "," OWS content-coding ) ]',
    _S + "8.4",
    content_coding,
)

# --- §8.5 Content-Language ----------------------------------------------------------------

language_tag = alias(
    "language-tag = <Language-Tag, see RFC5646 Section 2.1>", _S + "8.5.1", rfc5646.language_tag
)
content_language = list_rule(
    'Content-Language = [ language-tag *( OWS "," OWS language-tag ) ]',
    _S + "8.5",
    language_tag,
)

# --- §8.6 Content-Length ------------------------------------------------------------------

content_length = rule("Content-Length = 1*DIGIT", _S + "8.6", rep(digit, 1), decimal)
content_length_list: ListOf[int] = list_of(content_length, 1)
"""``1#Content-Length``: a Content-Length field value as a recipient may read it. §8.6: a
recipient of "the same decimal value repeated as a comma-separated list (e.g,
"Content-Length: 42, 42")" MAY "replace that invalid field value with a single instance of
the decimal value" (or reject the message). Not a rule of the RFC: a reader of such lists,
``content_length_list.split(b"42, 42")`` (the lengths as sent) or ``.elements(...)`` (as
numbers)."""

# --- §8.7 Content-Location ----------------------------------------------------------------

# An absolute-URI begins `scheme ":"`; a partial-URI's first segment cannot hold ":" before
# a "/" (path-noscheme): at most one alternative matches, so PEG order is safe.
content_location: Rule[URIReference] = rule(
    "Content-Location = absolute-URI / partial-URI",
    _S + "8.7",
    absolute_uri | partial_uri,
    identity,
)

# --- §8.8 Validator Fields ----------------------------------------------------------------

last_modified: Rule[datetime] = alias("Last-Modified = HTTP-date", _S + "8.8.2", http_date)

weak = rule("weak = %x57.2F", _S + "8.8.3", exact(b"W/"))
etagc = rule(
    'etagc = "!" / %x23-7E / obs-text', _S + "8.8.3", lit("!") | octet_range(0x23, 0x7E) | obs_text
)
opaque_tag: Rule[bytes] = rule(
    "opaque-tag = DQUOTE *etagc DQUOTE",
    _S + "8.8.3",
    seq(_open=dquote, tag=rep(etagc), _close=dquote),
    identity,
)
entity_tag = rule(
    "entity-tag = [ weak ] opaque-tag",
    _S + "8.8.3",
    seq(weak=opt(weak), tag=opaque_tag),
    lambda weak, tag: EntityTag(tag, weak is not None),
)
etag = alias("ETag = entity-tag", _S + "8.8.3", entity_tag)

# --- §9.1 Methods -------------------------------------------------------------------------

method = rule("method = token", _S + "9.1", token)

# --- §10.1 Request Context ----------------------------------------------------------------


def _expectation(name: bytes, valued: dict[str, Any] | None) -> Expectation:
    """An expectation from its token and, if it has one, its value and parameters."""
    return Expectation(name.lower(), **(valued or {}))


expectation = rule(
    'expectation = token [ "=" ( token / quoted-string ) parameters ]',
    _S + "10.1.1",
    seq(
        name=token,
        valued=opt(seq(_equals=lit("="), value=token | quoted_string, parameters=parameters)),
    ),
    _expectation,
)
expect = list_rule(
    'Expect = [ expectation *( OWS "," OWS expectation ) ]', _S + "10.1.1", expectation
)

mailbox = alias("mailbox = <mailbox, see RFC5322 Section 3.4>", _S + "10.1.2", rfc5322.mailbox)
from_ = alias("From = mailbox", _S + "10.1.2", mailbox)
referer: Rule[URIReference] = rule(
    "Referer = absolute-URI / partial-URI", _S + "10.1.3", absolute_uri | partial_uri, identity
)


def _pair(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    """A ``token BWS "=" BWS ( token / quoted-string )`` parameter: its name lower-cased."""
    return name.lower(), value


_token_equals = seq(name=token, _equals=bws + lit("=") + bws, value=token | quoted_string)
transfer_parameter = rule(
    'transfer-parameter = token BWS "=" BWS ( token / quoted-string )',
    _S + "10.1.4",
    _token_equals,
    _pair,
)
transfer_coding = rule(
    'transfer-coding = token *( OWS ";" OWS transfer-parameter )',
    _S + "10.1.4",
    seq(
        name=token,
        parameters=rep(seq(_semicolon=ows + lit(";") + ows, parameter=transfer_parameter)),
    ),
    lambda name, parameters: TransferCoding(name.lower(), tuple(parameters)),
)


def _t_codings(coding: TransferCoding) -> Weighted[TransferCoding]:
    params, q = _split_weight(coding.parameters)
    return Weighted(TransferCoding(coding.name, params), q)


# `"trailers" / ( transfer-coding [ weight ] )`: "trailers" is a transfer-coding and a weight
# is a transfer-parameter, so the language is transfer-coding's; a PEG parser taking
# "trailers" first would reject "trailers;q=1". The weight is split off the value (§12.4.2).
t_codings = rule(
    't-codings = "trailers" / ( transfer-coding [ weight ] )',
    _S + "10.1.4",
    transfer_coding,
    _t_codings,
)
te = list_rule('TE = [ t-codings *( OWS "," OWS t-codings ) ]', _S + "10.1.4", t_codings)

product_version = rule("product-version = token", _S + "10.1.5", token)
product = rule(
    'product = token [ "/" product-version ]',
    _S + "10.1.5",
    seq(name=token, version=opt(seq(_slash=lit("/"), version=product_version))),
    Product,
)


def _products(first: Product, rest: list[Product | Comment]) -> tuple[Product | Comment, ...]:
    return (first, *rest)


_products_and_comments = seq(first=product, rest=rep(seq(_rws=rws, item=product | comment)))
user_agent = rule(
    "User-Agent = product *( RWS ( product / comment ) )",
    _S + "10.1.5",
    _products_and_comments,
    _products,
)

# --- §10.2 Response Context ---------------------------------------------------------------

allow = list_rule('Allow = [ method *( OWS "," OWS method ) ]', _S + "10.2.1", method)
location: Rule[URIReference] = alias("Location = URI-reference", _S + "10.2.2", uri_reference)
delay_seconds = rule("delay-seconds = 1*DIGIT", _S + "10.2.3", rep(digit, 1), decimal)
retry_after: Rule[datetime | int] = rule(
    "Retry-After = HTTP-date / delay-seconds", _S + "10.2.3", http_date | delay_seconds, identity
)
server = rule(
    "Server = product *( RWS ( product / comment ) )",
    _S + "10.2.4",
    _products_and_comments,
    _products,
)

# --- §11 HTTP Authentication --------------------------------------------------------------

auth_scheme = rule("auth-scheme = token", _S + "11.1", token, _lower)
auth_param = rule(
    'auth-param = token BWS "=" BWS ( token / quoted-string )', _S + "11.2", _token_equals, _pair
)
token68 = rule(
    'token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="',
    _S + "11.2",
    rep(alpha | digit | octets(b"-._~+/", '"-" / "." / "_" / "~" / "+" / "/"'), 1) + rep(lit("=")),
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
_list_comma = ows + lit(",") + ows
_auth_params = seq(
    _commas=rep(_list_comma),
    first=auth_param,
    rest=rep(seq(_commas=rep(_list_comma, 1), param=auth_param)),
)
_auth_tail = seq(
    scheme=auth_scheme,
    body=opt(
        seq(
            _sp=rep(sp, 1),
            body=seq(params=_auth_params, _commas=rep(_list_comma)) | token68 | rep(_list_comma),
        )
    ),
)
_listed_challenge = seq(
    scheme=auth_scheme, body=opt(seq(_sp=rep(sp, 1), body=opt(_auth_params | token68)))
)


def _auth_fields(scheme: bytes, body: Any) -> tuple[bytes, bytes | None, Parameters]:
    """A challenge's or credentials' scheme, token68 and auth-params, from the scheme and
    what follows it: a token68 (bytes), auth-params (by name), or nothing (commas, None)."""
    if isinstance(body, bytes):
        return scheme, body, ()
    if isinstance(body, dict):
        return scheme, None, (body["first"], *body["rest"])
    return scheme, None, ()


def _challenges(items: list[dict[str, Any]]) -> tuple[Challenge, ...]:
    return tuple(Challenge(*_auth_fields(**item)) for item in items)


challenge = rule(
    'challenge = auth-scheme [ 1*SP ( token68 / [ auth-param *( OWS "," OWS auth-param ) ] ) ]',
    _S + "11.3",
    _auth_tail,
    lambda scheme, body: Challenge(*_auth_fields(scheme, body)),
)
credentials = rule(
    'credentials = auth-scheme [ 1*SP ( token68 / [ auth-param *( OWS "," OWS auth-param ) ] ) ]',
    _S + "11.4",
    _auth_tail,
    lambda scheme, body: Credentials(*_auth_fields(scheme, body)),
)
www_authenticate = rule(
    'WWW-Authenticate = [ challenge *( OWS "," OWS challenge ) ]',
    _S + "11.6.1",
    list_of(_listed_challenge),
    _challenges,
)
authorization = alias("Authorization = credentials", _S + "11.6.2", credentials)
authentication_info = list_rule(
    'Authentication-Info = [ auth-param *( OWS "," OWS auth-param ) ]', _S + "11.6.3", auth_param
)
proxy_authenticate = rule(
    'Proxy-Authenticate = [ challenge *( OWS "," OWS challenge ) ]',
    _S + "11.7.1",
    list_of(_listed_challenge),
    _challenges,
)
proxy_authorization = alias("Proxy-Authorization = credentials", _S + "11.7.2", credentials)
proxy_authentication_info = list_rule(
    'Proxy-Authentication-Info = [ auth-param *( OWS "," OWS auth-param ) ]',
    _S + "11.7.3",
    auth_param,
)

# --- §12.4.2 Quality Values ---------------------------------------------------------------


def _qvalue(units: bytes, fraction: bytes | None) -> float:
    return float(units + b"." + (fraction or b""))


qvalue = rule(
    'qvalue = ( "0" [ "." *3DIGIT ] ) / ( "1" [ "." *3"0" ] )',
    _S + "12.4.2",
    seq(units=lit("0"), fraction=opt(seq(_point=lit("."), digits=rep(digit, 0, 3))))
    | seq(units=lit("1"), fraction=opt(seq(_point=lit("."), digits=rep(lit("0"), 0, 3)))),
    # The alternative that matched, by name.
    lambda parts: _qvalue(**parts),
)
weight: Rule[float] = rule(
    'weight = OWS ";" OWS "q=" qvalue',
    _S + "12.4.2",
    seq(_q=ows + lit(";") + ows + lit("q="), qvalue=qvalue),
    identity,
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


def _weighted(value: E, q: float | None) -> Weighted[E]:
    """``element [ weight ]`` as a Weighted (a missing weight is 1, §12.4.2)."""
    return Weighted(value, 1.0 if q is None else q)


def _all_weighted(items: list[dict[str, Any]]) -> tuple[Weighted[Any], ...]:
    return tuple(_weighted(**item) for item in items)


# --- §12.5 Content Negotiation Fields -----------------------------------------------------


def _media_range(type: bytes, subtype: bytes, parameters: Parameters) -> Weighted[MediaType]:
    own, q = _split_weight(parameters)
    return Weighted(MediaType(type, subtype, own), q)


# "*" is a tchar, so "*/*" and `type "/*"` are both `type "/" subtype`: the alternation is
# that one alternative, and a PEG parser then needs no ordering.
media_range = rule(
    'media-range = ( "*/*" / ( type "/*" ) / ( type "/" subtype ) ) parameters',
    _S + "12.5.1",
    seq(type=type_, _slash=lit("/"), subtype=subtype, parameters=parameters),
    _media_range,
)
# `( media-range [ weight ] )`: the weight is a parameter too; §12.5.1 splits it off.
accept = list_rule(
    'Accept = [ ( media-range [ weight ] ) *( OWS "," OWS ( media-range [ weight ] ) ) ]',
    _S + "12.5.1",
    media_range,
)
accept_charset: Rule[tuple[Weighted[bytes], ...]] = rule(
    'Accept-Charset = [ ( ( token / "*" ) [ weight ] )'
    ' *( OWS "," OWS ( ( token / "*" ) [ weight ] ) ) ]',
    _S + "12.5.2",
    # "*" is a tchar: `token / "*"` is token.
    list_of(seq(value=token, q=opt(weight))),
    lambda items: tuple(Weighted(w.value.lower(), w.q) for w in _all_weighted(items)),
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
    list_of(seq(value=codings, q=opt(weight))),
    _all_weighted,
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
    list_of(seq(value=language_range, q=opt(weight))),
    _all_weighted,
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
    lit("*") | list_of(entity_tag),
    _etag_list,
)
if_none_match = rule(
    'If-None-Match = "*" / [ entity-tag *( OWS "," OWS entity-tag ) ]',
    _S + "13.1.2",
    lit("*") | list_of(entity_tag),
    _etag_list,
)
if_modified_since: Rule[datetime] = alias("If-Modified-Since = HTTP-date", _S + "13.1.3", http_date)
if_unmodified_since: Rule[datetime] = alias(
    "If-Unmodified-Since = HTTP-date", _S + "13.1.4", http_date
)
# An entity-tag starts with DQUOTE or "W/", a date with a day name: no overlap.
if_range: Rule[EntityTag | datetime] = rule(
    "If-Range = entity-tag / HTTP-date", _S + "13.1.5", entity_tag | http_date, identity
)

# --- §14 Range Requests -------------------------------------------------------------------

range_unit = rule("range-unit = token", _S + "14.1", token, _lower)
first_pos = rule("first-pos = 1*DIGIT", _S + "14.1.1", rep(digit, 1), decimal)
last_pos = rule("last-pos = 1*DIGIT", _S + "14.1.1", rep(digit, 1), decimal)
suffix_length = rule("suffix-length = 1*DIGIT", _S + "14.1.1", rep(digit, 1), decimal)
int_range = rule(
    'int-range = first-pos "-" [ last-pos ]',
    _S + "14.1.1",
    seq(first=first_pos, _dash=lit("-"), last=opt(last_pos)),
    IntRange,
)
suffix_range = rule(
    'suffix-range = "-" suffix-length',
    _S + "14.1.1",
    seq(_dash=lit("-"), length=suffix_length),
    SuffixRange,
)
other_range = rule(
    "other-range = 1*( %x21-2B / %x2D-7E )",
    _S + "14.1.1",
    rep(octet_range(0x21, 0x2B) | octet_range(0x2D, 0x7E), 1),
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
range_set = list_rule(
    'range-set = range-spec *( OWS "," OWS range-spec )', _S + "14.1.1", range_spec, 1
)
ranges_specifier = rule(
    'ranges-specifier = range-unit "=" range-set',
    _S + "14.1.1",
    seq(unit=range_unit, _equals=lit("="), specs=range_set),
    Ranges,
)
range_ = alias("Range = ranges-specifier", _S + "14.2", ranges_specifier)
acceptable_ranges = list_rule(
    'acceptable-ranges = range-unit *( OWS "," OWS range-unit )', _S + "14.3", range_unit, 1
)
accept_ranges: Rule[tuple[bytes, ...]] = alias(
    "Accept-Ranges = acceptable-ranges", _S + "14.3", acceptable_ranges
)

complete_length = rule("complete-length = 1*DIGIT", _S + "14.4", rep(digit, 1), decimal)
incl_range: Rule[tuple[int, int]] = rule(
    'incl-range = first-pos "-" last-pos',
    _S + "14.4",
    seq(first=first_pos, _dash=lit("-"), last=last_pos),
    lambda first, last: (first, last),
)
range_resp: Rule[tuple[int, int, int | None]] = rule(
    'range-resp = incl-range "/" ( complete-length / "*" )',
    _S + "14.4",
    seq(span=incl_range, _slash=lit("/"), length=complete_length | lit("*")),
    lambda span, length: (*span, length if isinstance(length, int) else None),
)
unsatisfied_range: Rule[tuple[None, None, int]] = rule(
    'unsatisfied-range = "*/" complete-length',
    _S + "14.4",
    seq(_star=lit("*/"), length=complete_length),
    lambda length: (None, None, length),
)
content_range = rule(
    "Content-Range = range-unit SP ( range-resp / unsatisfied-range )",
    _S + "14.4",
    seq(unit=range_unit, _sp=sp, span=range_resp | unsatisfied_range),
    lambda unit, span: ContentRange(unit, *span),
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
