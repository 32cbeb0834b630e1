"""One adapter for every library with h11 0.16's API (h11pc, h11), parametrised by module name.

Strategy: the module is imported lazily, on first use, so a missing library (h11pc before it
is merged, h11 when not installed) is reported as unavailable instead of breaking the run.
A request case drives ``Connection(SERVER)``: after each complete request the adapter answers
with an empty ``200`` (``405`` to CONNECT, so that no tunnel opens) and starts the next cycle
while both sides are ``DONE``; when the library decides the connection must close, the adapter
stops reading, as the RFC requires of a server (RFC 9112 §9.6). A response case drives
``Connection(CLIENT)``: it sends a request with ``case.request_method``, and another after
each final response until ``case.requests`` were sent; then it reads no further, like a client
with nothing outstanding (RFC 9112 §9.2). Only ``RemoteProtocolError`` counts as a rejection;
any other exception escaping is recorded as a crash. Send cases make the case's calls on a
fresh connection (a server one having first received the case's request) and keep the bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from conformance.adapters.base import Adapter, MessageBuilder
from conformance.model import Case, Message, Observation, Pairs, Role, SendEvent

_BLANK = b"\r\n"


class H11APIAdapter(Adapter):
    def __init__(self, module_name: str, name: str | None = None) -> None:
        self.module_name = module_name
        self.name = name or module_name
        self._module: ModuleType | None = None
        self._import_error: str | None = None

    def module(self) -> ModuleType:
        if self._module is None:
            if self._import_error is not None:
                raise ImportError(self._import_error)
            try:
                self._module = importlib.import_module(self.module_name)
            except ImportError as exc:
                self._import_error = f"{self.module_name} is not installed ({exc})"
                raise
        return self._module

    def unavailable(self) -> str | None:
        try:
            module = self.module()
        except ImportError:
            return self._import_error
        if not hasattr(module, "Connection"):
            return f"{self.module_name} does not provide the h11 API yet (no Connection)"
        return None

    def version(self) -> str:
        return str(getattr(self.module(), "__version__", ""))

    def supports(self, case: Case) -> str | None:
        return None

    # --- parsing ------------------------------------------------------------------------

    def parse(self, case: Case, chunks: Sequence[bytes]) -> Observation:
        h11 = self.module()
        run = _ParseRun(h11, case)
        feeds = [*chunks, b""] if case.eof else list(chunks)
        for index, chunk in enumerate(feeds):
            at_eof = case.eof and index == len(feeds) - 1
            try:
                run.conn.receive_data(chunk)
                if run.drain():
                    break
            except h11.RemoteProtocolError as exc:
                status = getattr(exc, "error_status_hint", None)
                return run.observation(error=_error_text(exc), at_eof=at_eof, status=status)
            except Exception as exc:
                return run.observation(error=_crash_text(exc), crashed=True)
        return run.observation()

    # --- serialising --------------------------------------------------------------------

    def send(self, case: Case) -> Observation:
        h11 = self.module()
        server = case.role is Role.SEND_RESPONSE
        conn = h11.Connection(h11.SERVER if server else h11.CLIENT)
        output: list[bytes] = []
        if server:
            try:
                conn.receive_data(case.input)
                # Until the request is read: NEED_DATA or PAUSED after it, or ConnectionClosed
                # (which repeats) for a case whose input ends the connection.
                while type(conn.next_event()) not in (
                    h11.NEED_DATA,
                    h11.PAUSED,
                    h11.ConnectionClosed,
                ):
                    pass
            except h11.ProtocolError as exc:
                text = f"the library refused the case's own request: {_error_text(exc)}"
                return Observation(error=text, crashed=True)
        for index, spec in enumerate(case.send):
            try:
                output.append(conn.send(_event(h11, spec)) or b"")
            except h11.LocalProtocolError as exc:
                return Observation(error=_error_text(exc), output=b"".join(output), refused=index)
            except Exception as exc:
                text = _crash_text(exc)
                return Observation(error=text, crashed=True, output=b"".join(output), refused=index)
        return Observation(output=b"".join(output))


class _ParseRun:
    """The state of one parse: the connection, the messages so far, whether we stopped."""

    def __init__(self, h11: ModuleType, case: Case) -> None:
        self.h11 = h11
        self.case = case
        self.server = case.role is Role.REQUEST
        self.conn: Any = h11.Connection(h11.SERVER if self.server else h11.CLIENT)
        self.builder = MessageBuilder()
        self.close: bool | None = None
        self.stopped = False
        self.requests_sent = 0
        if not self.server:
            self._send_request()

    def drain(self) -> bool:
        """Process every event available; True once the connection is finished with."""
        h11 = self.h11
        while not self.stopped:
            event = self.conn.next_event()
            if event is h11.NEED_DATA:
                return False
            if event is h11.PAUSED or isinstance(event, h11.ConnectionClosed):
                self.stopped = True
                if self.conn.their_state is h11.SWITCHED_PROTOCOL:
                    # A 2xx to CONNECT (or a 101) ends the HTTP exchange at its head.
                    self.builder.finish()
            else:
                self._on_event(event)
        return True

    def _on_event(self, event: Any) -> None:
        h11 = self.h11
        if isinstance(event, h11.Request):
            self.builder.start(
                Message(
                    method=event.method,
                    target=event.target,
                    version=event.http_version,
                    headers=_pairs(event.headers),
                )
            )
        elif isinstance(event, h11.InformationalResponse):
            self.builder.complete(_response(event))
        elif isinstance(event, h11.Response):
            self.builder.start(_response(event))
        elif isinstance(event, h11.Data):
            self.builder.add_body(event.data)
        elif isinstance(event, h11.EndOfMessage):
            self.builder.finish(_pairs(event.headers))
            self._next_cycle()

    def _next_cycle(self) -> None:
        h11 = self.h11
        if self.server:
            method = self.builder.done[-1].method
            status = 405 if method == b"CONNECT" else 200
            headers = [("Content-Length", "0")]
            if self.case.respond_close:
                headers.append(("Connection", "close"))
            self.conn.send(h11.Response(status_code=status, headers=headers))
            self.conn.send(h11.EndOfMessage())
        states = (self.conn.our_state, self.conn.their_state)
        self.close = h11.MUST_CLOSE in states or h11.CLOSED in states
        # A client with no outstanding request reads no further (RFC 9112 §9.2): what the
        # server sends beyond its responses stays unread.
        more = self.server or self.requests_sent < self.case.requests
        if states == (h11.DONE, h11.DONE) and more:
            self.conn.start_next_cycle()
            if not self.server:
                self._send_request()
        else:
            self.stopped = True

    def _send_request(self) -> None:
        h11 = self.h11
        method = self.case.request_method
        target = b"example.com:443" if method == b"CONNECT" else b"/"
        headers = [("Host", "example.com")]
        self.conn.send(h11.Request(method=method, target=target, headers=headers))
        self.conn.send(h11.EndOfMessage())
        self.requests_sent += 1

    def observation(
        self,
        error: str | None = None,
        at_eof: bool = False,
        crashed: bool = False,
        status: int | None = None,
    ) -> Observation:
        partial = self.builder.in_progress
        if not self.stopped and not partial:
            unread, _closed = self.conn.trailing_data
            partial = bool(bytes(unread).strip(_BLANK))
        return Observation(
            messages=tuple(self.builder.done),
            partial=partial and error is None,
            error=error,
            at_eof=at_eof,
            close=self.close,
            status=status,
            crashed=crashed,
        )


def _pairs(headers: Any) -> Pairs:
    # raw_items() keeps the sender's casing; the judge compares names case-insensitively.
    return tuple((bytes(n), bytes(v)) for n, v in headers.raw_items())


def _response(event: Any) -> Message:
    return Message(
        version=event.http_version,
        status=event.status_code,
        reason=event.reason,
        headers=_pairs(event.headers),
    )


def _event(h11: ModuleType, spec: SendEvent) -> Any:
    headers = list(spec.headers)
    if spec.type == "Request":
        return h11.Request(
            method=spec.method, target=spec.target, headers=headers, http_version=spec.version
        )
    if spec.type in ("Response", "InformationalResponse"):
        cls = getattr(h11, spec.type)
        return cls(status_code=spec.status, reason=spec.reason, headers=headers)
    if spec.type == "Data":
        return h11.Data(data=spec.data)
    return h11.EndOfMessage(headers=headers)


def _error_text(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    hint = getattr(exc, "error_status_hint", None)
    return f"{text} [{hint}]" if hint and hint != 400 else text


def _crash_text(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"
