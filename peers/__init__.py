"""``make peers``: the test suites of h11's users (httpcore, uvicorn, hypercorn, wsproto) and
h11's own public-API tests, run with h11pc in h11's place (``python -m peers``; its compiled
build: ``python -m peers --compiled``) or, as the baseline, on the real h11 0.16.0
(``python -m peers --h11``).

This package is also imported inside the peers' virtualenvs (its pytest plugin): importing it
must stay free of side effects and of anything beyond the standard library.
"""
