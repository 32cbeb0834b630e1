"""The machine and Python a run measured on, stated with its results.

Strategy: absolute numbers only mean something next to the machine that produced them, so
both benchmarks print this line above their tables and keep it in their JSON records. The
processor's model comes from ``/proc/cpuinfo`` where there is one (``platform.processor()``
is often empty on Linux).
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")


def processor() -> str:
    """The processor's model name, or what the platform module knows."""
    try:
        lines = CPUINFO.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == "model name" and value.strip():
            return value.strip()
    return platform.processor() or "unknown processor"


def python() -> str:
    """The interpreter and its version, e.g. ``CPython 3.11.7``."""
    return f"{platform.python_implementation()} {platform.python_version()}"


def describe() -> str:
    """One line: system, architecture, processor, CPU count, Python."""
    cpus = os.cpu_count() or 0
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {processor()} ({cpus} CPUs), {python()}"
