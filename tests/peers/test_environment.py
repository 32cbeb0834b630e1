"""The compiled build's wheel: what it is built from, when it is built, and what it must hold.

The build itself (mypyc, half a minute of both cores) is left to ``make peers-compiled``;
here pip's part is played by a stand-in that writes the wheel it is given.
"""

from __future__ import annotations

import tomllib
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from peers import environment

ROOT = environment.ROOT


def test_the_wheel_is_built_from_everything_pyproject_names() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    setuptools = config["tool"]["setuptools"]
    directories = {
        setuptools["package-dir"].get(package, package.replace(".", "/"))
        for package in setuptools["packages"]
    }
    needed = directories | set(config["build-system"]["backend-path"])
    needed |= {config["project"]["readme"], "setup.py", "pyproject.toml"}
    roots = {name.split("/")[0] for name in needed}
    assert roots <= set(environment.WHEEL_SOURCES)


def test_the_wheel_sources_are_the_packages_files_without_caches() -> None:
    names = {str(path.relative_to(ROOT)) for path in environment.wheel_sources()}
    assert {"setup.py", "pyproject.toml", "h11pc/_connection.py", "tools/build_backend.py"} <= names
    assert not any(name.startswith(("tests/", "peers/")) for name in names)
    assert not any("__pycache__" in name for name in names)


class FakePip:
    """``pip wheel`` as ``environment.run`` calls it: writes a wheel holding *module*."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.builds: list[tuple[Path, dict[str, str] | None]] = []

    def __call__(
        self,
        command: list[str],
        *,
        cwd: Path | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        source = Path(command[-1])
        assert (source / "setup.py").is_file()  # a copy of the sources, not the checkout
        assert source != ROOT
        self.builds.append((source, extra_env))
        wheel_dir = Path(command[command.index("--wheel-dir") + 1])
        wheel = wheel_dir / "h11pc-0.1.0-cp311-cp311-linux_x86_64.whl"
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr(self.module, b"")
            archive.writestr("h11pc/__init__.py", b"")


def test_the_wheel_is_built_compiled_once_for_unchanged_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pip = FakePip(f"h11pc/_connection{EXTENSION_SUFFIXES[0]}")
    monkeypatch.setattr(environment, "run", pip)
    layout = environment.Layout(tmp_path)
    wheel = environment.compiled_wheel(layout)
    assert [env for _, env in pip.builds] == [{"H11PC_COMPILE": "1"}]
    assert environment.compiled_wheel(layout) == wheel
    assert len(pip.builds) == 1
    assert environment.compiled_modules(wheel) == [pip.module]
    install = environment.compiled(layout)
    assert install.pip_args == (str(wheel),)
    assert install.venvs != environment.pure(layout).venvs


def test_a_wheel_without_compiled_modules_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(environment, "run", FakePip("h11pc/_connection.py"))
    with pytest.raises(environment.SetupError, match="holds no compiled module of h11pc"):
        environment.compiled_wheel(environment.Layout(tmp_path))
    assert not (tmp_path / "wheel" / ".peers-stamp").exists()
