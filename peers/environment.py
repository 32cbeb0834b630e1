"""Everything a suite needs on disk: its sdist, unpacked; its virtualenv; the real h11 for the
baseline; the compiled build's wheel; the directory that makes the plugin importable.

Strategy: every step is skipped when its result is already there and still valid (a sdist
whose sha256 matches, a virtualenv stamped with the lock and the h11pc it installs, a wheel
stamped with the sources it was built from), so a second ``make peers`` spends its time in
the tests. Nothing here runs without the package index except when all of it is cached.

The real h11 is never installed into a suite's virtualenv: the locks (``peers/locks/``) pin
each suite's whole closure *without* h11, installed with ``--no-deps``, so code that imports
``h11`` gets h11pc through the plugin or fails loudly; h11pc is installed from the checkout
in editable mode, so a run always measures the working tree. The baseline run puts h11 0.16.0
(installed from its verified sdist into ``h11-lib/``) on ``PYTHONPATH`` instead. The compiled
build's runs have virtualenvs of their own (``venvs-compiled/``), which install h11pc from a
wheel whose modules mypyc compiled (``H11PC_COMPILE=1``; see ``setup.py``), built in
``wheel/`` from a copy of the checkout's sources whenever they have changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from peers.suites import H11, Suite

ROOT = Path(__file__).resolve().parent.parent
"""The checkout: h11pc is installed from here, and ``peers`` is imported from here."""


class SetupError(Exception):
    """A download, an unpacking or an installation failed; the message says which."""


@dataclass(frozen=True)
class Layout:
    """Where each thing lives under the build directory (``build/peers`` by default)."""

    build: Path

    @property
    def sdists(self) -> Path:
        return self.build / "sdists"

    @property
    def sources(self) -> Path:
        return self.build / "src"

    @property
    def venvs(self) -> Path:
        return self.build / "venvs"

    @property
    def compiled_venvs(self) -> Path:
        """The virtualenvs of the compiled build's runs."""
        return self.build / "venvs-compiled"

    @property
    def wheel(self) -> Path:
        """The compiled build's wheel, and the stamp of the sources it was built from."""
        return self.build / "wheel"

    @property
    def h11_lib(self) -> Path:
        """h11 0.16.0 as a plain import directory, for the baseline run only."""
        return self.build / "h11-lib"

    @property
    def plugin_path(self) -> Path:
        """A directory holding only ``peers`` (a link to the checkout's), put on PYTHONPATH:
        the checkout itself cannot go there, as its ``tests`` package would shadow the
        peers' own ``tests``."""
        return self.build / "path"

    def records(self, mode: str, suite: Suite) -> Path:
        return self.build / "records" / mode / suite.name

    def log(self, mode: str, suite: Suite) -> Path:
        return self.build / "logs" / mode / f"{suite.name}.log"


LOCKS = ROOT / "peers" / "locks"
WHEEL_SOURCES = (
    "pyproject.toml",
    "setup.py",
    "README.md",
    "LICENSE",
    "tools",
    "stubs",
    "h11pc",
    "grammar",
    "conformance",
)
"""What the compiled wheel is built from: the build's configuration and backend, and the
packages ``pyproject.toml`` lists (one missing here fails the build)."""


def lock_path(suite: Suite) -> Path:
    """The pinned closure of *suite*'s test environment."""
    return LOCKS / f"{suite.name}.txt"


def run(
    command: list[str], *, cwd: Path | None = None, extra_env: dict[str, str] | None = None
) -> None:
    """Run *command* (with *extra_env* added to our environment); its output goes to ours
    only if it fails."""
    env = {**os.environ, **(extra_env or {})}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()[-30:]
        raise SetupError(f"{' '.join(command)} failed:\n" + "\n".join(output))


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(suite: Suite, layout: Layout) -> Path:
    """The verified sdist of *suite*, downloaded from the package index when missing."""
    target = layout.sdists / f"{suite.release}.tar.gz"
    if not target.exists():
        layout.sdists.mkdir(parents=True, exist_ok=True)
        requirement = f"{suite.name}=={suite.version}"
        download = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        run([*download, "--no-binary", ":all:", "--dest", str(layout.sdists), requirement])
    if not target.exists():
        raise SetupError(f"pip download left no {target.name} in {layout.sdists}")
    digest = sha256_of(target)
    if digest != suite.sha256:
        target.unlink()
        raise SetupError(f"{target.name}: sha256 {digest}, expected {suite.sha256}")
    return target


def unpack(suite: Suite, layout: Layout, sdist: Path) -> Path:
    """The unpacked sdist of *suite* (``src/name-version``), unpacked once."""
    target = layout.sources / suite.release
    if target.exists():
        return target
    layout.sources.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=layout.sources) as scratch:
        with tarfile.open(sdist) as archive:
            archive.extractall(scratch, filter="data")
        unpacked = Path(scratch) / suite.release
        if not unpacked.is_dir():
            raise SetupError(f"{sdist.name} does not hold {suite.release}/")
        unpacked.rename(target)
    return target


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Install:
    """How the suites' virtualenvs get h11pc: pip's arguments, where those virtualenvs live,
    and what identifies this h11pc in their stamps."""

    pip_args: tuple[str, ...]
    venvs: Path
    identity: str


def pure(layout: Layout) -> Install:
    """h11pc from the checkout, editable: the pure build of the working tree (installed
    in the baseline's virtualenvs too, where nothing imports it)."""
    identity = _digest([(ROOT / "pyproject.toml").read_text(), str(ROOT)])
    return Install(("--editable", str(ROOT)), layout.venvs, identity)


def compiled(layout: Layout) -> Install:
    """h11pc from the compiled build's wheel, built first if the sources changed."""
    wheel = compiled_wheel(layout)
    return Install((str(wheel),), layout.compiled_venvs, sha256_of(wheel))


def _stamp(suite: Suite, h11pc: Install) -> str:
    """What a suite's virtualenv was built from: when it changes, the venv is rebuilt."""
    parts = [sys.version, suite.release, suite.sha256, lock_path(suite).read_text()]
    return _digest([*parts, h11pc.identity])


def venv(suite: Suite, sdist: Path, h11pc: Install) -> Path:
    """The python of *suite*'s virtualenv: the lock, the peer (from its sdist) and h11pc,
    all without dependencies."""
    home = h11pc.venvs / suite.name
    python = home / "bin" / "python"
    stamp_file = home / ".peers-stamp"
    stamp = _stamp(suite, h11pc)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return python
    shutil.rmtree(home, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(home)])
    pip = [str(python), "-m", "pip", "install", "--quiet", "--no-deps"]
    run([*pip, "--requirement", str(lock_path(suite))])
    if suite.installs_peer:
        run([*pip, str(sdist)])
    run([*pip, *h11pc.pip_args])
    stamp_file.write_text(stamp)
    return python


def wheel_sources() -> list[Path]:
    """The checkout's files the compiled wheel is built from (WHEEL_SOURCES' files)."""
    files = []
    for name in WHEEL_SOURCES:
        path = ROOT / name
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [f for f in found if f.is_file() and "__pycache__" not in f.parts]
    return files


def compiled_wheel(layout: Layout) -> Path:
    """h11pc's wheel with its modules compiled by mypyc, built again when the sources have
    changed since, in a copy of them: the build writes ``build/`` where it runs, which in
    the checkout would hold other builds' modules, and pack them."""
    sources = wheel_sources()
    stamp = _digest(
        [sys.version, *(f"{path.relative_to(ROOT)} {sha256_of(path)}" for path in sources)]
    )
    stamp_file = layout.wheel / ".peers-stamp"
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return the_wheel(layout.wheel)
    shutil.rmtree(layout.wheel, ignore_errors=True)
    layout.wheel.mkdir(parents=True)
    with tempfile.TemporaryDirectory(dir=layout.build) as scratch:
        for path in sources:
            copy = Path(scratch) / path.relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
        build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
        run([*build, "--wheel-dir", str(layout.wheel), scratch], extra_env={"H11PC_COMPILE": "1"})
    wheel = the_wheel(layout.wheel)
    if not compiled_modules(wheel):
        raise SetupError(f"{wheel.name} holds no compiled module of h11pc")
    stamp_file.write_text(stamp)
    return wheel


def the_wheel(directory: Path) -> Path:
    """The one wheel of h11pc in *directory*."""
    wheels = sorted(directory.glob("h11pc-*.whl"))
    if len(wheels) != 1:
        raise SetupError(f"{directory}: expected one wheel of h11pc, found {len(wheels)}")
    return wheels[0]


def compiled_modules(wheel: Path) -> list[str]:
    """The extension modules of the h11pc package in *wheel*."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return [
        name
        for name in names
        if name.startswith("h11pc/") and name.endswith(tuple(EXTENSION_SUFFIXES))
    ]


def h11_lib(layout: Layout, sdist: Path) -> Path:
    """h11 0.16.0 installed from its verified sdist into a directory of its own."""
    marker = layout.h11_lib / "h11" / "__init__.py"
    if not marker.exists():
        shutil.rmtree(layout.h11_lib, ignore_errors=True)
        install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
        run([*install, "--target", str(layout.h11_lib), str(sdist)])
    return layout.h11_lib


def plugin_path(layout: Layout) -> Path:
    """The directory that makes ``-p peers.plugin`` importable in a suite's interpreter."""
    link = layout.plugin_path / "peers"
    source = ROOT / "peers"
    if not (link.is_symlink() and link.resolve() == source):
        layout.plugin_path.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(source, target_is_directory=True)
    return layout.plugin_path


def lock(suite: Suite, sdist: Path) -> str:
    """Resolve *suite*'s test environment afresh and return it pinned, h11 and the peer left
    out (``python -m peers --lock`` writes it to ``peers/locks/``)."""
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "venv"
        run([sys.executable, "-m", "venv", str(home)])
        python = str(home / "bin" / "python")
        wanted = list(suite.test_requires) + h11pc_dependencies()
        if suite.installs_peer:
            extras = f"[{','.join(suite.extras)}]" if suite.extras else ""
            wanted.append(f"{sdist}{extras}")
        run([python, "-m", "pip", "install", "--quiet", *wanted])
        done = subprocess.run(
            [python, "-m", "pip", "freeze", "--exclude", H11.name, "--exclude", suite.name],
            capture_output=True,
            text=True,
            check=True,
        )
    header = (
        f"# {suite.release}'s test environment, pinned by `python -m peers --lock`:\n"
        f"# {', '.join(suite.test_requires)}; extras: {', '.join(suite.extras) or 'none'}.\n"
        "# h11 and the peer itself are left out: the peer comes from its sdist, h11 is h11pc.\n"
    )
    return header + done.stdout


def h11pc_dependencies() -> list[str]:
    """h11pc's own runtime requirements, as pyproject.toml states them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return list(project["dependencies"])


def clean_environment(extra: dict[str, str]) -> dict[str, str]:
    """Our environment for a suite's pytest, less what would change how pytest runs."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "VIRTUAL_ENV"}
    }
    env.update(extra)
    return env
