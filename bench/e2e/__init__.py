"""``make bench-e2e``: HTTP servers measured end to end, as users run them, under wrk.

Strategy: the in-process benchmark (``bench``) times the HTTP library alone; this one times
what a user sees: a small ASGI application (``bench.e2e.app``) served on loopback by uvicorn
and hypercorn, each on h11, on h11pc (through ``h11pc.compat``) and, for uvicorn, on
httptools, loaded by wrk over 50 keep-alive connections, the server pinned to one core and
wrk to the other. Servers are started and stopped by the run, checked before they are
loaded, and measured in interleaved rounds; each row's ratio is to the same server on h11.
With ``--ceiling`` each server also runs on a stand-in that does no HTTP work per request
(``nowork``), the most any library could speed it up. Modules: ``variants`` (which
servers, how started), ``server`` (start, wait, stop), ``probe`` (the checks), ``wrk``
(load and its report), ``measure`` (the rounds), ``results``, ``targets``, ``report``,
``cli``, ``nowork``.
"""
