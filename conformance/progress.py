"""A progress bar for long runs, drawn on a terminal and silent elsewhere.

Strategy: the bar is one line redrawn with a carriage return, and only when the stream is a
TTY (or the caller insists), so logs and CI output stay clean. Updates come from worker
threads, hence the lock.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO

_WIDTH = 30


class Progress:
    def __init__(
        self, total: int, label: str, stream: TextIO | None = None, force: bool = False
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = force or self.stream.isatty()
        self._lock = threading.Lock()

    def __call__(self, count: int = 1) -> None:
        with self._lock:
            self.done += count
            if self.enabled:
                self.stream.write("\r" + self.line())
                self.stream.flush()

    def line(self) -> str:
        filled = _WIDTH * min(self.done, self.total) // self.total
        bar = "#" * filled + "-" * (_WIDTH - filled)
        return f"{self.label:<28} [{bar}] {self.done}/{self.total}"

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
