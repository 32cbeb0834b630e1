"""Test-suite settings: hypothesis profiles (HYPOTHESIS_PROFILE=thorough for long runs,
HYPOTHESIS_PROFILE=fuzz for ``make fuzz``, HYPOTHESIS_PROFILE=mutation for ``make mutation``)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# `make mutation`: the same examples in every run, so that a mutant's verdict repeats.
settings.register_profile(
    "mutation",
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_sessionstart(session: object) -> None:
    """Each session starts with h11pc's process-wide caches empty, as a new process does.
    ``make mutation`` runs a session per mutant in a process forked from one that has run the
    suite: readers and headers cached there, built by the unmutated code, would hide the
    mutant."""
    from h11pc._connection import _readers
    from h11pc._headers import _CHECKED

    _readers.cache_clear()
    _CHECKED.clear()
