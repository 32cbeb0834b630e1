"""Progress bars: drawn by rich on a terminal (or when forced), silent in logs."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from conformance.progress import Bars


def console(terminal: bool) -> Console:
    return Console(file=io.StringIO(), force_terminal=terminal, width=100)


def test_silent_when_not_a_terminal() -> None:
    screen = console(terminal=False)
    with Bars(console=screen) as bars:
        bars.task("live: x", 10)(3)
    assert screen.file.getvalue() == ""  # type: ignore[attr-defined]


def test_on_a_terminal_each_task_has_its_bar() -> None:
    screen = console(terminal=True)
    with Bars(console=screen) as bars:
        first = bars.task("live: first", 4)
        second = bars.task("live: second", 2)
        first(4)
        second(1)
    drawn = screen.file.getvalue()  # type: ignore[attr-defined]
    assert "live: first" in drawn and "4/4" in drawn
    assert "live: second" in drawn and "1/2" in drawn


def test_forced_off_on_a_terminal_draws_nothing() -> None:
    screen = console(terminal=True)
    with Bars(enabled=False, console=screen) as bars:
        bars.task("live", 1)(1)
    assert screen.file.getvalue() == ""  # type: ignore[attr-defined]


def test_updates_from_many_threads_all_count() -> None:
    with Bars(enabled=False) as bars:
        advance = bars.task("live", 400)

        def hundred() -> None:
            for _ in range(100):
                advance(1)

        threads = [threading.Thread(target=hundred) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        [task] = bars.progress.tasks
    assert task.completed == 400
