"""Adapter for httptools, the Python binding of llhttp (Node.js's HTTP/1.1 parser).

Strategy: httptools reports a message through callbacks; a small collector turns them into
:class:`~conformance.model.Message` values (field lines after the header section are trailers).
httptools is a parser only -- it has no serializer, cannot be told that the input ended and
cannot be told that a response answers a HEAD or CONNECT request -- so the cases that need
those are reported as not applicable rather than failed. As with every adapter, once a
message says the connection closes the remaining input is not processed (RFC 9112 §9.6).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from conformance.adapters.base import Adapter, MessageBuilder
from conformance.model import Case, Message, Observation, Role


class HttptoolsAdapter(Adapter):
    name = "httptools"

    def __init__(self) -> None:
        self._module: ModuleType | None = None

    def module(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module("httptools")
        return self._module

    def unavailable(self) -> str | None:
        try:
            self.module()
        except ImportError as exc:
            return f"httptools is not installed ({exc})"
        return None

    def version(self) -> str:
        return str(getattr(self.module(), "__version__", ""))

    def supports(self, case: Case) -> str | None:
        if not case.role.parses:
            return "httptools has no serializer"
        if case.eof:
            return "httptools cannot be told that the input ended"
        if case.respond_close:
            return "httptools is a parser: it does not know what the server answered"
        if case.role is Role.RESPONSE and case.request_method != b"GET":
            return f"httptools cannot be told the response answers {case.request_method!r}"
        return None

    def parse(self, case: Case, chunks: Sequence[bytes]) -> Observation:
        httptools = self.module()
        collector = _Collector()
        request = case.role is Role.REQUEST
        parser_class = httptools.HttpRequestParser if request else httptools.HttpResponseParser
        parser = parser_class(collector)
        collector.parser = parser
        collector.request = request
        collector.responses_wanted = case.requests
        error: str | None = None
        crashed = False
        for chunk in chunks:
            try:
                parser.feed_data(chunk)
            except httptools.HttpParserUpgrade:
                collector.stopped = True
            except httptools.HttpParserError as exc:
                # An error about bytes after a closing message is not a rejection of anything
                # a server may process: it stopped reading there.
                if not collector.stopped:
                    error = f"{type(exc).__name__}: {exc}"
            except Exception as exc:
                error, crashed = f"{type(exc).__name__}: {exc}", True
            if error is not None or collector.stopped:
                break
        return Observation(
            messages=tuple(collector.builder.done),
            partial=collector.builder.in_progress and error is None,
            error=error,
            close=collector.close,
            crashed=crashed,
        )

    def send(self, case: Case) -> Observation:
        raise NotImplementedError("httptools has no serializer; supports() says so")


class _Collector:
    """The httptools callback protocol, building messages with :class:`MessageBuilder`."""

    def __init__(self) -> None:
        self.parser: Any = None
        self.request = True
        self.builder = MessageBuilder()
        self.url: list[bytes] = []
        self.reason: list[bytes] = []
        self.headers: list[tuple[bytes, bytes]] = []
        self.trailers: list[tuple[bytes, bytes]] = []
        self.in_head = True
        self.close: bool | None = None
        self.stopped = False
        self.responses_wanted = 1
        self.final_responses = 0

    def on_message_begin(self) -> None:
        if self.stopped:
            return
        self.url, self.reason, self.headers, self.trailers = [], [], [], []
        self.in_head = True
        self.builder.start(Message())

    def on_url(self, url: bytes) -> None:
        self.url.append(url)

    def on_status(self, status: bytes) -> None:
        self.reason.append(status)

    def on_header(self, name: bytes, value: bytes) -> None:
        (self.headers if self.in_head else self.trailers).append((bytes(name), bytes(value)))

    def on_headers_complete(self) -> None:
        if self.stopped:
            return
        self.in_head = False
        parser = self.parser
        version = parser.get_http_version().encode("ascii")
        if self.request:
            message = Message(
                method=parser.get_method(),
                target=b"".join(self.url),
                version=version,
                headers=tuple(self.headers),
            )
        else:
            message = Message(
                status=parser.get_status_code(),
                reason=b"".join(self.reason),
                version=version,
                headers=tuple(self.headers),
            )
        self.builder.current = message

    def on_body(self, body: bytes) -> None:
        if not self.stopped:
            self.builder.add_body(body)

    def on_message_complete(self) -> None:
        if self.stopped:
            return
        self.builder.finish(tuple(self.trailers))
        self.close = not self.parser.should_keep_alive()
        status = self.builder.done[-1].status
        if status is not None and status >= 200:
            self.final_responses += 1
        # Like a client with no outstanding request, read nothing further (RFC 9112 §9.2).
        answered = not self.request and self.final_responses >= self.responses_wanted
        self.stopped = self.close or answered
