"""Progress bars for long runs, drawn by rich on a terminal and silent elsewhere.

Strategy: one bar per implementation being judged (several run at once in an ecosystem run),
on stderr, and only when stderr is a terminal (or the caller insists), so logs and CI output
stay clean. A task's callback may be called from any thread: rich's ``Progress`` locks.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Bars:
    def __init__(self, enabled: bool | None = None, console: Console | None = None) -> None:
        """``enabled``: draw (True), do not (False), or draw on a terminal (None)."""
        console = console or Console(stderr=True)
        draw = console.is_terminal if enabled is None else enabled
        self.progress = Progress(
            TextColumn("{task.description:<32}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not draw,
        )

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def task(self, label: str, total: int) -> Callable[[int], None]:
        """A new bar; call what it returns with the number of steps just done."""
        task_id = self.progress.add_task(label, total=total)

        def advance(count: int = 1) -> None:
            self.progress.advance(task_id, count)

        return advance
