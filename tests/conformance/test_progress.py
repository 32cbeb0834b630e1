"""The progress bar draws on a terminal (or when forced) and stays silent in logs."""

from __future__ import annotations

import io
import threading

from conformance.progress import Progress


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(10, "live", stream)
    progress(3)
    progress.close()
    assert (progress.done, stream.getvalue()) == (3, "")


def test_forced_it_redraws_one_line() -> None:
    stream = io.StringIO()
    progress = Progress(4, "live: x", stream, force=True)
    progress(1)
    progress(3)
    progress.close()
    frames = stream.getvalue().split("\r")[1:]
    assert frames[-1].rstrip("\n").endswith("[" + "#" * 30 + "] 4/4")
    assert frames[0].rstrip().endswith("] 1/4")
    assert stream.getvalue().endswith("\n")


def test_updates_from_many_threads_all_count() -> None:
    progress = Progress(400, "live", io.StringIO())

    def hundred() -> None:
        for _ in range(100):
            progress(1)

    threads = [threading.Thread(target=hundred) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert progress.done == 400
