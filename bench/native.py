"""httptools (llhttp) drivers: the native reference for the parsing workloads.

Strategy: llhttp reports a message through callbacks; a minimal recorder gathers what an h11
event carries (method or status, target, the field list, body pieces, end of message) into plain
tuples, so that the reference does comparable work and its outcome can be checked against h11's
(``bench.workloads.outcome``). httptools has no serialiser, so it has no driver for sending.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from bench.drivers import Op


class _Recorder:
    """The callbacks httptools calls; subclasses add the start-line of their side."""

    def __init__(self) -> None:
        self.records: list[object] = []
        self.url = b""
        self.fields: list[tuple[bytes, bytes]] = []
        self.parser: Any = None

    def on_message_begin(self) -> None:
        self.url = b""
        self.fields = []

    def on_url(self, url: bytes) -> None:
        # llhttp may hand the target over in pieces when it arrives split.
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.fields.append((name, value))

    def on_body(self, body: bytes) -> None:
        self.records.append(("data", body))

    def on_message_complete(self) -> None:
        self.records.append(("end",))


class RequestRecorder(_Recorder):
    """Records requests as ``("request", method, target, fields)``."""

    def on_headers_complete(self) -> None:
        self.records.append(("request", self.parser.get_method(), self.url, tuple(self.fields)))


class ResponseRecorder(_Recorder):
    """Records responses as ``("response", status, fields)``."""

    def on_headers_complete(self) -> None:
        self.records.append(("response", self.parser.get_status_code(), tuple(self.fields)))


def request_parser(httptools: ModuleType) -> tuple[Any, RequestRecorder]:
    """A request parser and its recorder, linked both ways."""
    recorder = RequestRecorder()
    recorder.parser = httptools.HttpRequestParser(recorder)
    return recorder.parser, recorder


def server(httptools: ModuleType, pieces: tuple[bytes, ...]) -> Op:
    """Parse *pieces* as requests on one keep-alive connection, once per call."""
    return _feeder(request_parser(httptools)[1], pieces)


def client(httptools: ModuleType, reads: tuple[bytes, ...]) -> Op:
    """Parse *reads* as one response on a keep-alive connection, once per call."""
    recorder = ResponseRecorder()
    recorder.parser = httptools.HttpResponseParser(recorder)
    return _feeder(recorder, reads)


def refusal(httptools: ModuleType, pieces: tuple[bytes, ...]) -> Op:
    """Feed *pieces* to a new request parser until it refuses them (as
    :func:`bench.drivers.refusal`)."""
    refused = httptools.HttpParserError

    def op() -> list[object]:
        recorder = request_parser(httptools)[1]
        try:
            for piece in pieces:
                recorder.parser.feed_data(piece)
        except refused as error:
            recorder.records.append(type(error).__name__)
        return recorder.records

    return op


def _feeder(recorder: _Recorder, pieces: tuple[bytes, ...]) -> Op:
    feed = recorder.parser.feed_data

    def op() -> list[object]:
        records: list[object] = []
        recorder.records = records
        for piece in pieces:
            feed(piece)
        return records

    return op
