"""The build backend: setuptools', with mypy added when a compiled build is asked for.

Strategy: ``pip install .`` builds pure Python and needs nothing but setuptools. With
``H11PC_COMPILE=1`` in the environment, ``setup.py`` compiles h11pc's modules with mypyc,
which comes with mypy: the backend then asks for the mypy the ``lint`` extra pins, so the
compiled build is checked by the same type checker as ``make lint``. Editable installs stay
pure: extension modules built in place would sit in the checkout, where every environment
that imports from it would pick them up.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from setuptools import build_meta
from setuptools.build_meta import (
    build_sdist,
    build_wheel,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]

ConfigSettings = dict[str, Any] | None


def compile_requested() -> bool:
    """True when ``H11PC_COMPILE=1`` asks for the mypyc-compiled build."""
    return os.environ.get("H11PC_COMPILE") == "1"


def pinned_mypy() -> str:
    """The mypy requirement of the ``lint`` extra in ``pyproject.toml``."""
    with Path("pyproject.toml").open("rb") as file:
        lint: list[str] = tomllib.load(file)["project"]["optional-dependencies"]["lint"]
    return next(requirement for requirement in lint if requirement.startswith("mypy=="))


def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> list[str]:
    """setuptools' requirements; for a compiled build, mypy (with mypyc) alone.

    setuptools finds its requirements by running ``setup.py``, which for a compiled build
    imports mypyc: not there yet. ``setup.py`` declares none (no ``setup_requires``), so
    mypy is all a compiled build asks beyond ``[build-system] requires``.
    """
    if compile_requested():
        return [pinned_mypy()]
    return build_meta.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> list[str]:
    """setuptools' requirements: an editable install is always pure."""
    return build_meta.get_requires_for_build_editable(config_settings)


def build_editable(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: str | None = None,
) -> str:
    """setuptools' editable wheel, refused when a compiled build is asked for."""
    if compile_requested():
        raise RuntimeError("H11PC_COMPILE=1: the compiled build installs as a wheel, not -e")
    return build_meta.build_editable(wheel_directory, config_settings, metadata_directory)
