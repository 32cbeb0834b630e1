"""Starting a server on a free loopback port, waiting until it accepts, always stopping it.

Strategy: ``running`` is a context manager whose exit stops the server however the block
ends (an error, Ctrl-C, or the SIGTERM that ``bench.e2e.cli`` turns into an exception). The
server starts in a session of its own, so that stopping it reaches its worker processes
(hypercorn serves from a child process) and a Ctrl-C in the terminal reaches only the
benchmark, which then stops the server itself: SIGTERM to the process group, SIGKILL after a
grace period. Its output goes to a log file, whose end is quoted when it fails to start.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench.e2e.variants import APP_DIR, HOST

START_SECONDS = 30.0
"""How long a server may take to accept its first connection."""
STOP_SECONDS = 10.0
"""How long a server may take to stop after SIGTERM, before SIGKILL."""
POLL_SECONDS = 0.05


class ServerError(Exception):
    """The server exited or did not accept connections in time."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def accepts(port: int) -> bool:
    """Whether a connection to ``HOST:port`` is accepted now."""
    try:
        with socket.create_connection((HOST, port), timeout=1.0):
            return True
    except OSError:
        return False


@contextmanager
def running(
    argv: Sequence[str], port: int, log: Path, env: Mapping[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run *argv* (a server told to listen on *port*) for the duration of the block, in
    the environment *env* (by default this process's)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            argv,
            cwd=APP_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_accepting(process, port, log)
        yield process
    finally:
        stop(process)


def _wait_until_accepting(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not accepts(port):
        if process.poll() is not None:
            raise ServerError(f"exited with {process.returncode} before accepting:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(f"not accepting after {START_SECONDS:.0f} s:\n{_tail(log)}")
        time.sleep(POLL_SECONDS)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server and every process of its session; return once it has exited."""
    _signal_group(process, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):  # then it is killed below
        process.wait(timeout=STOP_SECONDS)
    # Also whatever outlived the leader: a worker it failed to stop stays in its group.
    _signal_group(process, signal.SIGKILL)
    process.wait()


def _signal_group(process: subprocess.Popen[bytes], sent: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # no process of the group is left
        os.killpg(process.pid, sent)


def _tail(log: Path, lines: int = 20) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:])
