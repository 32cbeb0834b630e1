"""The Python HTTP/1.1 ecosystem, judged live: ``python -m conformance --ecosystem``.

A virtualenv of its own under ``build/`` with the servers and clients from the package index
(:mod:`.venv`, :mod:`.catalogue`); each server started on loopback with the same echo
application (:mod:`.serve`, :mod:`.apps`) and sent every request case; each client fed every
response case by a loopback replay (:mod:`.replay`, :mod:`.clients`); every process stopped
however the run ends (:mod:`.processes`); the run itself in :mod:`.run`.
"""
