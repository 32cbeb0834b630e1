"""h11pc.compat makes code that imports h11 run on h11pc."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import cast

import pytest

import h11pc
from h11pc import compat


def test_install_and_uninstall_in_process() -> None:
    before = sys.modules.get("h11")
    compat.install()
    try:
        import h11
        from h11._connection import DEFAULT_MAX_INCOMPLETE_EVENT_SIZE
        from h11._headers import Headers

        assert h11 is h11pc and compat.installed()
        assert DEFAULT_MAX_INCOMPLETE_EVENT_SIZE == 16384
        assert cast(object, Headers) is h11pc._headers.Headers
        compat.install()  # idempotent
    finally:
        compat.uninstall()
    assert sys.modules.get("h11") is before
    assert not compat.installed()


def test_code_written_for_h11_keeps_h11s_empty_default_reason() -> None:
    """h11pc's own users get the standard reason phrase; code that imports h11 gets the
    bytes h11 writes while compat is installed (frameworks' tests compare them)."""
    assert h11pc.Response(status_code=201).reason == b"Created"
    compat.install()
    try:
        import h11

        assert h11.Response(status_code=201, headers=[]).reason == b""
        conn = h11.Connection(h11.SERVER)
        conn.receive_data(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        conn.next_event()
        sent = conn.send(h11.Response(status_code=201, headers=[("Content-Length", "0")]))
        assert sent == b"HTTP/1.1 201 \r\nContent-Length: 0\r\n\r\n"
        # h11pc's headers are optional; h11's type says they are not.
        created = h11.Response(status_code=201, reason="Created")  # type: ignore[call-arg]
        assert created.reason == b"Created"
    finally:
        compat.uninstall()
    assert h11pc.Response(status_code=201).reason == b"Created"


def test_the_command_line_says_how_to_use_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert compat.main(["--help"]) == 0
    assert "python -m h11pc.compat uvicorn" in capsys.readouterr().out
    assert compat.main([]) == 2
    assert compat.main(["no-such-command-here"]) == 2
    assert "no installed command 'no-such-command-here'" in capsys.readouterr().err
    assert not compat.installed()


def test_the_command_line_runs_a_console_script_on_h11pc() -> None:
    """``python -m h11pc.compat COMMAND ...`` runs COMMAND's entry point after install():
    uvicorn's, asked for its version here (the server itself: tests/h11pc/integration)."""
    result = subprocess.run(
        [sys.executable, "-m", "h11pc.compat", "uvicorn", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.startswith("Running uvicorn ")


def test_real_projects_pick_h11pc_up() -> None:
    """uvicorn, httpcore (httpx) and wsproto, imported after install(), hold h11pc."""
    script = textwrap.dedent(
        """
        import h11pc.compat
        h11pc.compat.install()
        import httpcore._sync.http11 as httpcore_h11
        import uvicorn.protocols.http.h11_impl as uvicorn_h11
        import wsproto.handshake as wsproto_h11
        print(httpcore_h11.h11.__name__, uvicorn_h11.h11.__name__, wsproto_h11.h11.__name__)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["h11pc", "h11pc", "h11pc"]
