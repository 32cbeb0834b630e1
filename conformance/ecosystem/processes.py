"""The processes an ecosystem run starts: each in its own process group, each stopped.

Strategy: a :class:`Fleet` starts every child (servers, client workers) in a new session, so
a Ctrl-C on the terminal reaches the run alone and the run stops its children in order; it
keeps them in a set so that leaving the ``with`` block -- normally, on an exception, on
Ctrl-C, on SIGTERM (turned into ``SystemExit`` by :func:`exit_on_sigterm`) -- stops them all:
SIGTERM to the whole group, then SIGKILL to whatever is still there after a grace period.
The children also watch their parent themselves (``conformance.ecosystem.serve``), for the
one ending nothing can catch, SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Self

GRACE = 3.0
"""Seconds a child has to exit after SIGTERM before it is killed."""
_POLL = 0.05


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the OS's choice for a bind to port 0)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def exit_on_sigterm() -> None:
    """Let SIGTERM unwind the main thread like Ctrl-C does, through every ``finally``."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


class Fleet:
    """The children of one run; leaving the ``with`` block stops every one still running."""

    def __init__(self) -> None:
        self._children: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with self._lock:
            self._closed = True  # nothing starts once the run is stopping
            children = list(self._children)
        for child in children:
            self.stop(child)

    def start(
        self, argv: Sequence[str], log: Path, *, pipes: bool = False
    ) -> subprocess.Popen[bytes]:
        """``argv`` in a new session; output to ``log`` (stdout piped instead with ``pipes``,
        and stdin too, for a worker that speaks over them)."""
        log.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, log.open("wb") as sink:
            if self._closed:
                raise RuntimeError("the run is stopping: no new process")
            child = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE if pipes else subprocess.DEVNULL,
                stdout=subprocess.PIPE if pipes else sink,
                stderr=sink,
                start_new_session=True,
            )
            self._children.add(child)
        return child

    def stop(self, child: subprocess.Popen[bytes]) -> None:
        """SIGTERM to the child's process group, SIGKILL after :data:`GRACE` seconds."""
        for stream in (child.stdin, child.stdout):
            _close_quietly(stream)
        if child.poll() is None:
            _signal_group(child, signal.SIGTERM)
            try:
                child.wait(GRACE)
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()
        _signal_group(child, signal.SIGKILL)  # workers the child left behind, if any
        _wait_group_gone(child.pid, GRACE)
        with self._lock:
            self._children.discard(child)


def _signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signum)


def _wait_group_gone(group: int, timeout: float) -> None:
    """Until no process of ``group`` is left to signal (killed ones take a moment to go)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(_POLL)


def _close_quietly(stream: IO[bytes] | None) -> None:
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()


def wait_listening(
    child: subprocess.Popen[bytes], host: str, port: int, timeout: float, log: Path
) -> str | None:
    """``None`` once ``host:port`` accepts connections; else why not (the log's last lines)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            return f"exited with status {child.returncode}: {log_tail(log)}"
        try:
            socket.create_connection((host, port), timeout=_POLL).close()
            return None
        except OSError:
            time.sleep(_POLL)
    return f"not listening after {timeout:.0f}s: {log_tail(log)}"


def log_tail(log: Path, lines: int = 3) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "(no log)"
    return " | ".join(text.splitlines()[-lines:]) or "(empty log)"
