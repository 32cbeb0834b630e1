"""The examples run: the asyncio server answers the asyncio client (and curl)."""

from __future__ import annotations

import selectors
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"
TIMEOUT = 30


@pytest.fixture
def server_port() -> Iterator[int]:
    process = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "asyncio_server.py")], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            assert selector.select(TIMEOUT), "the example server did not start"
        yield int(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(TIMEOUT)
        process.stdout.close()


def test_client_example_against_server_example(server_port: int) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "asyncio_client.py"),
            "127.0.0.1",
            str(server_port),
            "/",
            "/nope",
            "/",
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert result.stdout.splitlines() == [
        "200 hello from h11pc",
        "404 not found",
        "200 hello from h11pc",
    ]


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_server_example_with_curl(server_port: int) -> None:
    curl = shutil.which("curl")
    assert curl is not None
    base = f"http://127.0.0.1:{server_port}"
    echoed = subprocess.run(
        [curl, "-sS", "--max-time", "10", "--data-binary", "ping", f"{base}/echo"],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert echoed.stdout == b"ping"
    bad = subprocess.run(
        [
            curl,
            "-sS",
            "--max-time",
            "10",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-H",
            "Bad Header: x",
            base,
        ],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert bad.stdout == b"400"
