"""RFC 9112 Appendix A: the collected ABNF of HTTP/1.1 messaging, every rule.

Strategy: the rules RFC 9112 borrows (``token``, ``OWS``, ``uri-host`` ...) are aliases of
those in ``rfc9110`` and ``rfc3986``, importable from here, so a message parser needs this
one module. Rules follow the RFC's sections, each under its section's header; the two of
§2.1, built of the rest (``HTTP-message``, ``start-line``), name those rules through a
function, as recursive rules do. Framing rules are regular and have patterns, which ``h11pc``
compiles for its hot path -- with one exception the RFC's prose forces: a ``chunk`` carries
exactly ``chunk-size`` octets of data (§7.1), a length no regular expression can count, so
``chunk`` and ``chunked-body`` are parsed with the size in hand and have no pattern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import parsy

from grammar import rfc3986, rfc9110
from grammar.abnf import Emit, Node, Rule, alias, exact, identity, lit, opt, rep, rule, seq, times
from grammar.rfc5234 import crlf, digit, hexdig, htab, octet, sp, vchar
from grammar.values import (
    Authority,
    Chunk,
    ChunkedBody,
    ChunkExtensions,
    FieldLine,
    HTTPMessage,
    HTTPVersion,
    RequestLine,
    StatusLine,
    URIReference,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

_S = "RFC 9112 §"
_IMPORTED = _S + "1.2"

# --- §1.2 Rules imported from HTTP (RFC 9110) and URI (RFC 3986) --------------------------

bws = alias("BWS = <BWS, see HTTP Section 5.6.3>", _IMPORTED, rfc9110.bws)
ows = alias("OWS = <OWS, see HTTP Section 5.6.3>", _IMPORTED, rfc9110.ows)
rws = alias("RWS = <RWS, see HTTP Section 5.6.3>", _IMPORTED, rfc9110.rws)
absolute_path = alias(
    "absolute-path = <absolute-path, see HTTP Section 4.1>", _IMPORTED, rfc9110.absolute_path
)
field_name = alias("field-name = <field-name, see HTTP Section 5.1>", _IMPORTED, rfc9110.field_name)
field_value = alias(
    "field-value = <field-value, see HTTP Section 5.5>", _IMPORTED, rfc9110.field_value
)
obs_text = alias("obs-text = <obs-text, see HTTP Section 5.6.4>", _IMPORTED, rfc9110.obs_text)
quoted_string = alias(
    "quoted-string = <quoted-string, see HTTP Section 5.6.4>", _IMPORTED, rfc9110.quoted_string
)
token = alias("token = <token, see HTTP Section 5.6.2>", _IMPORTED, rfc9110.token)
transfer_coding = alias(
    "transfer-coding = <transfer-coding, see HTTP Section 10.1.4>",
    _IMPORTED,
    rfc9110.transfer_coding,
)
absolute_uri = alias(
    "absolute-URI = <absolute-URI, see URI Section 4.3>", _IMPORTED, rfc3986.absolute_uri
)
authority = alias("authority = <authority, see URI Section 3.2>", _IMPORTED, rfc3986.authority)
port = alias("port = <port, see URI Section 3.2.3>", _IMPORTED, rfc3986.port)
query = alias("query = <query, see URI Section 3.4>", _IMPORTED, rfc3986.query)
uri_host = alias("uri-host = <host, see URI Section 3.2.2>", _IMPORTED, rfc3986.host)

# --- §2 Message ---------------------------------------------------------------------------

http_message = rule(
    "HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]",
    _S + "2.1",
    lambda: seq(
        start_line=start_line,
        _crlf=crlf,
        fields=_field_lines,
        _end=crlf,
        body=opt(message_body),
    ),
    lambda start_line, fields, body: HTTPMessage(start_line, tuple(fields), body or b""),
)
# A method is a token and "/" is not a tchar, so "HTTP/1.1 ..." is never a request-line.
start_line: Rule[RequestLine | StatusLine] = rule(
    "start-line = request-line / status-line",
    _S + "2.1",
    lambda: request_line | status_line,
    identity,
)

http_name = rule("HTTP-name = %x48.54.54.50", _S + "2.3", exact(b"HTTP"))
http_version = rule(
    'HTTP-version = HTTP-name "/" DIGIT "." DIGIT',
    _S + "2.3",
    seq(_name=http_name + lit("/"), major=digit, _dot=lit("."), minor=digit),
    lambda major, minor: HTTPVersion(int(major), int(minor)),
)

# --- §3 Request Line ----------------------------------------------------------------------

method = alias("method = token", _S + "3.1", rfc9110.method)
origin_form = rule(
    'origin-form = absolute-path [ "?" query ]',
    _S + "3.2.1",
    seq(path=absolute_path, query=opt(seq(_mark=lit("?"), query=query))),
    lambda path, query: URIReference(None, None, path, query),
)
absolute_form = alias("absolute-form = absolute-URI", _S + "3.2.2", absolute_uri)
authority_form = rule(
    'authority-form = uri-host ":" port',
    _S + "3.2.3",
    seq(host=uri_host, _colon=lit(":"), port=port),
    lambda host, port: Authority(host, rfc3986.port_number(port)),
)
asterisk_form = rule('asterisk-form = "*"', _S + "3.2.4", lit("*"))
# The forms start differently ("/", a scheme, a host, "*") except absolute-form and
# authority-form, which overlap ("example.com:80" is both); where absolute-form matches
# less than authority-form would, the text holds a character no scheme may, so absolute-form
# fails outright and the authority-form is tried. The value is the target's octets.
request_target = rule(
    "request-target = origin-form / absolute-form / authority-form / asterisk-form",
    _S + "3.2",
    origin_form | absolute_form | authority_form | asterisk_form,
)
request_line: Rule[RequestLine] = rule(
    "request-line = method SP request-target SP HTTP-version",
    _S + "3",
    seq(method=method, _sp=sp, target=request_target, _sp2=sp, version=http_version),
    RequestLine,
)

# --- §4 Status Line -----------------------------------------------------------------------

status_code = rule("status-code = 3DIGIT", _S + "4", times(3, digit), int)
reason_phrase = rule(
    "reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )",
    _S + "4",
    rep(htab | sp | vchar | obs_text, 1),
)
status_line: Rule[StatusLine] = rule(
    "status-line = HTTP-version SP status-code SP [ reason-phrase ]",
    _S + "4",
    seq(version=http_version, _sp=sp, status_code=status_code, _sp2=sp, reason=opt(reason_phrase)),
    lambda version, status_code, reason: StatusLine(version, status_code, reason or b""),
)

# --- §5 Field Syntax ----------------------------------------------------------------------

field_line = rule(
    'field-line = field-name ":" OWS field-value OWS',
    _S + "5",
    seq(name=field_name, _colon=lit(":") + ows, value=field_value, _ows=ows),
    FieldLine,
)
_field_lines: Node = rep(seq(field=field_line, _crlf=crlf))
obs_fold = rule("obs-fold = OWS CRLF RWS", _S + "5.2", ows + crlf + rws)

# --- §6 Message Body ----------------------------------------------------------------------

message_body: Rule[bytes] = rule("message-body = *OCTET", _S + "6", rep(octet))
transfer_encoding = rfc9110.list_rule(
    'Transfer-Encoding = [ transfer-coding *( OWS "," OWS transfer-coding ) ]',
    _S + "6.1",
    transfer_coding,
)

# --- §7.1 Chunked Transfer Coding ---------------------------------------------------------

chunk_size = rule("chunk-size = 1*HEXDIG", _S + "7.1", rep(hexdig, 1), lambda v: int(v, 16))
chunk_data = rule("chunk-data = 1*OCTET", _S + "7.1", rep(octet, 1))
chunk_ext_name = rule("chunk-ext-name = token", _S + "7.1.1", token)
chunk_ext_val: Rule[bytes] = rule(
    "chunk-ext-val = token / quoted-string", _S + "7.1.1", token | quoted_string, identity
)


def _chunk_ext(extensions: list[dict[str, Any]]) -> ChunkExtensions:
    return tuple((extension["name"], extension["value"]) for extension in extensions)


chunk_ext = rule(
    'chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )',
    _S + "7.1.1",
    rep(
        seq(
            _semicolon=bws + lit(";") + bws,
            name=chunk_ext_name,
            value=opt(seq(_equals=bws + lit("=") + bws, value=chunk_ext_val)),
        )
    ),
    _chunk_ext,
)
last_chunk: Rule[ChunkExtensions] = rule(
    'last-chunk = 1*"0" [ chunk-ext ] CRLF',
    _S + "7.1",
    seq(_zeros=rep(lit("0"), 1), extensions=opt(chunk_ext), _crlf=crlf),
    lambda extensions: extensions or (),
)


def _take(size: int) -> parsy.Parser[bytes]:
    """Exactly ``size`` octets, whatever they are."""

    def parse(stream: bytes, index: int) -> parsy.Result:
        end = index + size
        if end > len(stream):
            return parsy.Result.failure(len(stream), f"{size} octets of chunk-data")
        return parsy.Result.success(end, stream[index:end])

    return parsy.Parser(parse)


class _SizedChunk(Node):
    """``chunk-size [ chunk-ext ] CRLF chunk-data CRLF`` where chunk-data is exactly
    chunk-size octets (§7.1: "the chunk-size field ... indicating the size of the
    chunk-data in octets"). The ABNF alone (``1*OCTET``) cannot say so."""

    _head = seq(chunk_size, opt(chunk_ext), crlf)

    def source(self, emit: Emit) -> None:
        return None

    def parser(self) -> parsy.Parser[Chunk]:
        head, end = self._head.parser(), crlf.parser()

        @parsy.generate
        def sized() -> Any:
            size, extensions, _ = yield head
            if size == 0:
                yield parsy.fail("chunk-data (1*OCTET: a chunk-size of at least 1)")
            data = yield _take(size)
            yield end
            return Chunk(size, extensions or (), data)

        return sized

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        def render(parts: tuple[bytes, bytes, bool]) -> bytes:
            data, extension, upper = parts
            size = b"%X" % len(data) if upper else b"%x" % len(data)
            return size + extension + b"\r\n" + data + b"\r\n"

        return st.tuples(
            st.binary(min_size=1, max_size=64), opt(chunk_ext).strategy(), st.booleans()
        ).map(render)

    def describe(self) -> str:
        return "chunk"

    def children(self) -> tuple[Node, ...]:
        return (self._head,)


chunk: Rule[Chunk] = rule(
    "chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF", _S + "7.1", _SizedChunk(), identity
)
trailer_section: Rule[tuple[FieldLine, ...]] = rule(
    "trailer-section = *( field-line CRLF )", _S + "7.1.2", _field_lines, tuple
)
chunked_body = rule(
    "chunked-body = *chunk last-chunk trailer-section CRLF",
    _S + "7.1",
    seq(chunks=rep(chunk), extensions=last_chunk, trailers=trailer_section, _crlf=crlf),
    lambda chunks, extensions, trailers: ChunkedBody(tuple(chunks), extensions, trailers),
)
