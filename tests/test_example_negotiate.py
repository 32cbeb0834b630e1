"""examples/negotiate.py: content negotiation as RFC 9110 §12.5.1 describes it, and its CLI."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grammar.rfc9110 import accept, media_type

SCRIPT = Path(__file__).parents[1] / "examples" / "negotiate.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("negotiate_example", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


negotiate = _load()

# RFC 9110 §12.5.1's example of precedence and weights.
RFC_ACCEPT = (
    b"text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, "
    b"text/plain;format=fixed;q=0.4, */*;q=0.5"
)


@pytest.mark.parametrize(
    ("offered", "weight"),
    [
        (b"text/plain;format=flowed", 1.0),
        (b"text/plain", 0.7),
        (b"text/html", 0.3),
        (b"image/jpeg", 0.5),
        (b"text/plain;format=fixed", 0.4),
        # Only text/* and */* cover it: the more specific one wins.
        (b"text/html;level=3", 0.3),
    ],
)
def test_quality_follows_the_most_specific_range(offered: bytes, weight: float) -> None:
    ranges = negotiate.preferences(RFC_ACCEPT)
    assert negotiate.quality(media_type.parse(offered), ranges) == weight


def test_specificity_orders_ranges_as_the_rfc_does() -> None:
    # "text/plain;format=flowed" > "text/plain" > "text/*" > "*/*" (RFC 9110 §12.5.1).
    ranges = [b"*/*", b"text/*", b"text/plain", b"text/plain;format=flowed"]
    keys = [negotiate.specificity(media_type.parse(r)) for r in ranges]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("field", "available", "chosen"),
    [
        (b"application/json", [b"text/html", b"application/json"], b"application/json"),
        (b"text/*;q=0.3, application/json", [b"text/html", b"application/json"],
         b"application/json"),
        # Equal weights: the server's order of preference decides.
        (b"*/*", [b"text/html", b"application/json"], b"text/html"),
        (b"text/html;q=0.5, application/json;q=0.5", [b"application/json", b"text/html"],
         b"application/json"),
        # q=0 means "not acceptable", even under a wildcard that would accept it.
        (b"*/*, text/html;q=0", [b"text/html", b"text/plain"], b"text/plain"),
        (b"text/html;q=0", [b"text/html"], None),
        (b"image/png", [b"text/html"], None),
        # A parameter in the range must be offered, with the same value.
        (b"text/plain;format=flowed", [b"text/plain"], None),
        (b"text/plain;format=flowed", [b"text/plain;format=flowed"], b"text/plain;format=flowed"),
        # charset values compare case-insensitively (RFC 9110 §8.3.2); names are lower-cased.
        (b"text/html;Charset=UTF-8", [b"text/html;charset=utf-8"], b"text/html;charset=utf-8"),
        # Types and subtypes are case-insensitive (RFC 9110 §8.3.1).
        (b"TEXT/HTML", [b"text/html"], b"text/html"),
        # No Accept field, or one that is not valid syntax: anything goes, first choice first.
        (None, [b"text/html", b"application/json"], b"text/html"),
        (b"text/html;;;=", [b"application/json"], b"application/json"),
    ],
)  # fmt: skip
def test_negotiate(field: bytes | None, available: list[bytes], chosen: bytes | None) -> None:
    assert negotiate.negotiate(field, available) == chosen


@given(field=accept.strategy(), available=st.lists(media_type.strategy(), min_size=1, max_size=4))
def test_the_choice_is_acceptable_and_weighted_highest(
    field: bytes, available: list[bytes]
) -> None:
    ranges = negotiate.preferences(field)
    weights = [negotiate.quality(media_type.parse(text), ranges) for text in available]
    chosen = negotiate.negotiate(field, available)
    if max(weights) == 0:
        assert chosen is None
    else:
        assert chosen == available[weights.index(max(weights))]


def test_command_line() -> None:
    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(SCRIPT), *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    chosen = run("text/*;q=0.3, application/json", "text/html", "application/json")
    assert (chosen.returncode, chosen.stdout) == (0, "application/json\n")
    refused = run("image/png", "text/html")
    assert (refused.returncode, refused.stdout) == (1, "406 Not Acceptable\n")
    assert run().returncode == 2
