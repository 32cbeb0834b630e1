"""The grammar's rules as the reference lists them: ABNF, RFC section, link and value type.

Strategy: everything comes from the grammar package at the time of the build, so the
reference cannot drift from the code.

* A module's rules are its module-level :class:`~grammar.abnf.Rule` objects whose section is
  in the module's own RFC, in definition order (the modules are written in section order).
  Rules a module imports from another RFC's module are listed where they are defined.
* A rule's *static* type is the ``T`` of its ``Rule[T]`` as mypy sees it -- what mypy
  reveals its ``parse`` returns (a list rule is a ``Rule[tuple[E, ...]]`` too): one mypy run
  over a generated file of ``reveal_type`` calls. That is what a user's type checker sees.
* Where the static type says ``Any``, the *value* type narrows it by the values the rule
  gives for examples drawn from its own strategy (deterministically: hypothesis derandomized,
  no database), with :func:`rule_types.narrow`. Elsewhere the value type is the static type.
"""

from __future__ import annotations

import functools
import importlib
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rule_types import Type, narrow, parse

from grammar.abnf import Rule

ROOT = Path(__file__).resolve().parents[2]

MODULES = (
    "grammar.rfc5234",
    "grammar.rfc3986",
    "grammar.rfc9110",
    "grammar.rfc9112",
    "grammar.rfc4647",
    "grammar.rfc5646",
    "grammar.rfc5322",
)
"""The grammar modules the reference lists, in the order of its pages."""

EXAMPLES_PER_RULE = 50
"""Examples parsed to narrow an ``Any``: enough to meet each alternative of a small rule."""

_REVEALED = re.compile(r':(\d+): note: Revealed type is "(.*)"$')


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule as the reference shows it."""

    module: str
    attribute: str
    """The rule's name in ``module`` (its ``pyname``)."""
    rule: Rule[Any]
    static: Type
    """The rule's ``T`` in ``Rule[T]``, as mypy reveals it."""
    value_type: Type
    """``static`` with any ``Any`` narrowed by parsed examples."""

    @property
    def narrowed(self) -> bool:
        """Whether the value type is narrower than the static type."""
        return self.value_type != self.static


def own_rules(module_name: str) -> list[tuple[str, Rule[Any]]]:
    """``(attribute, rule)`` for each rule ``module_name`` defines, in definition order."""
    module = importlib.import_module(module_name)
    rfc = "RFC " + module_name.rpartition(".rfc")[2] + " "
    return [
        (name, value)
        for name, value in vars(module).items()
        if isinstance(value, Rule) and value.section.startswith(rfc)
    ]


def static_types(modules: Sequence[str]) -> dict[tuple[str, str], Type]:
    """The value type mypy reveals for each rule, by ``(module, attribute)``."""
    lines = [f"import {name}" for name in modules]
    where: dict[int, tuple[str, str]] = {}
    for module in modules:
        for attribute, _ in own_rules(module):
            lines.append(f'reveal_type({module}.{attribute}.parse(b""))')
            where[len(lines)] = (module, attribute)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "reveal_rules.py"
        path.write_text("\n".join(lines) + "\n")
        command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")]
        result = subprocess.run(
            [*command, "--no-error-summary", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    revealed: dict[tuple[str, str], Type] = {}
    for line in result.stdout.splitlines():
        found = _REVEALED.search(line)
        if found and int(found.group(1)) in where:
            revealed[where[int(found.group(1))]] = parse(found.group(2))
    if result.returncode != 0 or len(revealed) != len(where):
        raise RuntimeError(f"mypy did not reveal every rule's type:\n{result.stdout}")
    return revealed


def examples(rule: Rule[Any], count: int) -> list[bytes]:
    """``count`` inputs drawn from ``rule.strategy()``, the same ones on every run."""
    from hypothesis import HealthCheck, Phase, given, settings

    found: list[bytes] = []

    @settings(
        database=None,
        derandomize=True,
        max_examples=count,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(rule.strategy())
    def collect(data: bytes) -> None:
        found.append(data)

    collect()
    return found


def values(rule: Rule[Any], count: int = EXAMPLES_PER_RULE) -> list[Any]:
    """The values ``rule`` gives for its examples."""
    return [rule.parse(data) for data in examples(rule, count)]


@functools.cache
def catalog(modules: tuple[str, ...] = MODULES) -> dict[str, list[Entry]]:
    """Every rule of ``modules``, by module, with its static and value types."""
    static = static_types(modules)
    listed: dict[str, list[Entry]] = {}
    for module in modules:
        entries = listed.setdefault(module, [])
        for attribute, rule in own_rules(module):
            declared = static[module, attribute]
            value_type = narrow(declared, values(rule)) if declared.has_any() else declared
            entries.append(Entry(module, attribute, rule, declared, value_type))
    return listed
