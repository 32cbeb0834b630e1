"""RFC 9112 / RFC 9110 conformance testing for HTTP/1.1 implementations.

Requirement registry, cases as data, in-process adapters (h11pc, h11, httptools), a live mode
that judges a running server over TCP, corpus loaders (llhttp, gunicorn) and reports. Run it
with ``python -m conformance --help``.
"""
