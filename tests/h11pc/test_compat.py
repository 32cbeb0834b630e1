"""h11pc.compat makes code that imports h11 run on h11pc."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
        assert Headers is h11pc._headers.Headers
        compat.install()  # idempotent
    finally:
        compat.uninstall()
    assert sys.modules.get("h11") is before
    assert not compat.installed()


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
