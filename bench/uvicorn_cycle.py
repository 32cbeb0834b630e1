"""server-uvicorn: one keep-alive request cycle as uvicorn 0.55 drives its HTTP library.

Strategy: the other server workloads drive a connection the shortest way; a real server does
more per request. These drivers do what uvicorn's two HTTP protocols do for each request of a
small ASGI app on a keep-alive connection -- the GET that wrk sends, answered with uvicorn's
default fields (``date``, ``server``), the app's (``content-type``, ``content-length``) and a
13-byte body -- and nothing of the asyncio, ASGI scope or logging work around it, which costs
the same whatever parses the bytes.

* ``h11_api``: ``uvicorn/protocols/http/h11_impl.py`` (``H11Protocol``): ``receive_data``, the
  ``next_event`` loop with its sentinel and ``isinstance`` checks, the lower-cased copy of the
  request's fields, the target split at ``?``, the method and version decoded, the scan for an
  upgrade, ``they_are_waiting_for_100_continue``, then a ``Response`` built with a reason,
  ``Data``, ``EndOfMessage``, the state checks after the response and ``start_next_cycle``
  followed by one more ``next_event``, as ``on_response_complete`` does it.
* ``native``: ``httptools_impl.py`` (``HttpToolsProtocol``): llhttp's callbacks with
  uvicorn's per-field work, ``parse_url``, and the response head that uvicorn writes itself,
  each field checked (here by the grammar's field-name and field-value patterns) and framed by
  its Content-Length.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from bench.drivers import Op
from bench.messages import APP_FIELDS, HELLO, UVICORN_DEFAULT_FIELDS, WRK_GET
from grammar import rfc9110
from grammar.abnf import compile_pattern

REASON = b"OK"
CLOSE_FIELD = (b"connection", b"close")
STATUS_LINE = b"HTTP/1.1 200 OK\r\n"

_FIELD_NAME = compile_pattern(rfc9110.field_name)
_FIELD_VALUE = compile_pattern(rfc9110.field_value)


def upgrade_of(fields: list[tuple[bytes, bytes]]) -> bytes | None:
    """The protocol an Upgrade request asks for, found as uvicorn looks for it (its own scan
    of the lower-cased fields, run on every request, not h11pc's parsing)."""
    connection: list[bytes] = []
    upgrade = None
    for name, value in fields:
        if name == b"connection":
            connection = [option.lower().strip() for option in value.split(b",")]
        if name == b"upgrade":
            upgrade = value.lower()
    return upgrade if b"upgrade" in connection else None


def h11_api(h11: ModuleType) -> Op:
    """One cycle on a keep-alive ``h11.Connection``, uvicorn's calls in uvicorn's order."""
    conn = h11.Connection(h11.SERVER)
    need_data, paused, done, must_close = h11.NEED_DATA, h11.PAUSED, h11.DONE, h11.MUST_CLOSE
    request, data, end = h11.Request, h11.Data, h11.EndOfMessage
    response = h11.Response
    default_fields = list(UVICORN_DEFAULT_FIELDS)

    def handle_events(events: list[object]) -> None:
        # H11Protocol.handle_events, less the ASGI task it starts for a request.
        while True:
            event = conn.next_event()
            if event is need_data or event is paused:
                break
            events.append(event)
            if isinstance(event, request):
                fields = [(key.lower(), value) for key, value in event.headers]
                _path, _, _query = event.target.partition(b"?")
                event.http_version.decode("ascii")
                event.method.decode("ascii")
                upgrade_of(fields)
                _close = CLOSE_FIELD in fields
                _continue = conn.they_are_waiting_for_100_continue
            elif isinstance(event, data):
                if conn.our_state is done:
                    continue
            elif isinstance(event, end):
                if conn.our_state is done:
                    conn.start_next_cycle()
                    continue
                if conn.their_state == must_close:
                    break

    def op() -> list[object]:
        events: list[object] = []
        conn.receive_data(WRK_GET)
        handle_events(events)
        # RequestResponseCycle.send: the app's http.response.start, then its body.
        fields = default_fields + list(APP_FIELDS)
        events.append(conn.send(event=response(status_code=200, headers=fields, reason=REASON)))
        events.append(conn.send(event=data(data=HELLO)))
        events.append(conn.send(event=end()))
        if conn.our_state is must_close:
            raise RuntimeError("the keep-alive connection must close")
        # H11Protocol.on_response_complete
        if conn.our_state is done and conn.their_state is done:
            conn.start_next_cycle()
            handle_events(events)
        return events

    return op


class _Protocol:
    """The llhttp callbacks as uvicorn's ``HttpToolsProtocol`` implements them, per request."""

    def __init__(self, module: ModuleType) -> None:
        self.parse_url = module.parse_url
        self.parser: Any = module.HttpRequestParser(self)
        self.records: list[object] = []
        self.url = b""
        self.fields: list[tuple[bytes, bytes]] = []
        self.expect_100_continue = False

    def on_message_begin(self) -> None:
        self.url = b""
        self.expect_100_continue = False
        self.fields = []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        name = name.lower()
        # llhttp keeps a value's trailing whitespace, which is not part of it (RFC 9110 §5.5).
        value = value.rstrip(b" \t")
        if name == b"expect" and value.lower() == b"100-continue":
            self.expect_100_continue = True
        self.fields.append((name, value))

    def on_headers_complete(self) -> None:
        version = self.parser.get_http_version()
        method = self.parser.get_method()
        method.decode("ascii")
        if self.parser.should_upgrade():
            upgrade_of(self.fields)
        url = self.parse_url(self.url)
        url.path.decode("ascii")
        _query = url.query or b""
        _keep_alive = version != "1.0" and self.parser.should_keep_alive()
        self.records.append(("request", method, self.url, tuple(self.fields)))

    def on_body(self, body: bytes) -> None:
        self.records.append(("data", body))

    def on_message_complete(self) -> None:
        self.records.append(("end",))


def response_head(fields: list[tuple[bytes, bytes]]) -> tuple[bytes, int]:
    """The response head as uvicorn writes it on httptools, and the body length it announces."""
    content = [STATUS_LINE]
    length = -1
    for name, value in fields:
        if _FIELD_NAME.fullmatch(name) is None or _FIELD_VALUE.fullmatch(value) is None:
            raise ValueError(f"invalid field {name!r}: {value!r}")
        lower = name.lower()
        if lower == b"content-length" and length < 0:
            length = int(value.decode())
        content.extend([lower, b": ", value, b"\r\n"])
    content.append(b"\r\n")
    return b"".join(content), length


def native(module: ModuleType) -> Op:
    """One cycle of uvicorn's httptools protocol on a keep-alive connection."""
    protocol = _Protocol(module)
    feed = protocol.parser.feed_data
    default_fields = list(UVICORN_DEFAULT_FIELDS)

    def op() -> list[object]:
        records: list[object] = []
        protocol.records = records
        feed(WRK_GET)
        head, length = response_head(default_fields + list(APP_FIELDS))
        records.append(head)
        if len(HELLO) != length:
            raise ValueError("body length differs from Content-Length")
        records.append(HELLO)
        return records

    return op
