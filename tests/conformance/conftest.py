"""Fixtures for the conformance suite's own tests: the shared data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.casefile import load_cases
from conformance.model import Case
from conformance.paths import shared_dir
from conformance.registry import Registry, load_registry


def shared(*parts: str) -> Path:
    """``../shared/<parts>`` beside the repository; the test is skipped when it is absent."""
    path = shared_dir(*parts)
    if path is None:
        pytest.skip(f"shared data {'/'.join(parts)} is not beside the repository")
    return path


@pytest.fixture(scope="session")
def cases() -> list[Case]:
    return load_cases()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(shared("rfc"))
