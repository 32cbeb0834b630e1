"""The ecosystem's own virtualenv: the servers and clients from the package index, h11pc from
the checkout.

Strategy: one virtualenv under ``build/`` (never the user's environment: a dozen servers and
their dependencies do not belong there), created once and reused while the list of packages
is unchanged (a stamp file holds the list). Everything is installed in one pip run; if that
fails, the checkout alone and then each package alone, so that one package the index cannot
give costs only the servers and clients that need it, each reported with pip's reason.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from conformance.paths import REPO_ROOT

_PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--timeout", "30")
_VERSIONS = """
import importlib.metadata as metadata, json, sys
found = {}
for name in sys.argv[1:]:
    try:
        found[name] = metadata.version(name)
    except metadata.PackageNotFoundError:
        pass
print(json.dumps(found))
"""


@dataclass(frozen=True, slots=True)
class Environment:
    python: Path
    versions: dict[str, str] = field(default_factory=dict)
    """Installed distribution -> its version."""
    missing: dict[str, str] = field(default_factory=dict)
    """Package that could not be installed -> why."""

    def unavailable(self, packages: Iterable[str]) -> str | None:
        """Why something needing ``packages`` cannot run here, or ``None``."""
        reasons = [f"{name}: {self.missing[name]}" for name in packages if name in self.missing]
        return "cannot install " + "; ".join(reasons) if reasons else None


class SetupError(RuntimeError):
    """The virtualenv or the checkout itself could not be set up: nothing can run."""


def python_in(venv: Path) -> Path:
    return venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"


def prepare(venv: Path, packages: Iterable[str]) -> Environment:
    """The virtualenv at ``venv`` with the checkout and ``packages`` installed (as far as
    the package index allows)."""
    wanted = sorted(set(packages))
    python = python_in(venv)
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)], "create the virtualenv")
    stamp = venv / ".conformance-installed"
    expected = json.dumps({"checkout": str(REPO_ROOT), "packages": wanted})
    missing: dict[str, str] = {}
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != expected:
        missing = _install(python, wanted)
        if not missing:
            stamp.write_text(expected, encoding="utf-8")
    return Environment(python, _versions(python, wanted), missing)


def _install(python: Path, packages: list[str]) -> dict[str, str]:
    checkout = ["-e", str(REPO_ROOT)]
    if _pip(python, [*checkout, *packages]) is None:
        return {}
    failure = _pip(python, checkout)
    if failure is not None:
        raise SetupError(f"cannot install the checkout into {python}: {failure}")
    missing = {}
    for package in packages:
        failure = _pip(python, [package])
        if failure is not None:
            missing[package] = failure
    return missing


def _pip(python: Path, arguments: list[str]) -> str | None:
    done = subprocess.run(
        [str(python), *_PIP, *arguments], capture_output=True, text=True, check=False
    )
    if done.returncode == 0:
        return None
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return " | ".join(lines[-2:]) or f"pip exited with status {done.returncode}"


def _versions(python: Path, packages: list[str]) -> dict[str, str]:
    done = subprocess.run(
        [str(python), "-c", _VERSIONS, "h11pc", *packages],
        capture_output=True,
        text=True,
        check=True,
    )
    versions: dict[str, str] = json.loads(done.stdout)
    return versions


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SetupError(f"cannot {what}: {done.stderr.strip()[-300:]}")
