"""h11 0.16.0's tests of its public API, made to run against whatever ``import h11`` gives.

Strategy: h11 ships its tests inside the package (``h11/tests``) and imports what they test by
relative imports (``from .._connection import Connection``), so as they stand they can only
test the h11 they sit in. The public-API modules are copied to ``h11-tests/tests/`` and each
``from .._x import ...`` becomes ``from h11._x import ...`` (the line numbers kept, so a
traceback points at h11's own lines); nothing else in them changes. Under h11pc those imports
reach ``h11pc.compat``'s modules; in the baseline, the real h11.

Which tests count: those that use only names a user of h11 can rely on -- the events, the
``Connection``, the sentinels, the exceptions (``test_connection.py``, ``test_events.py``,
``test_against_stdlib_http.py``, ``test_util.py``'s two exception tests), and the suite's
helper test (``test_helpers.py``, whose helper the others use). Left out: tests of h11's
private functions (``_body_framing``, ``_keep_alive``, ``validate``, ``bytesify``,
``Sentinel``), and the modules that test private modules as such (``test_headers.py``,
``test_io.py``, ``test_receivebuffer.py``, ``test_state.py``: h11's ``_headers``, readers,
writers, receive buffer and state machine, which h11pc need not mimic). That is 38 tests.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

PUBLIC_MODULES = (
    "test_connection.py",
    "test_events.py",
    "test_against_stdlib_http.py",
    "test_helpers.py",
    "test_util.py",
)
SUPPORT = ("__init__.py", "helpers.py", "data")
"""What the public modules import or read besides h11."""

PRIVATE_TESTS: dict[str, tuple[str, ...]] = {
    "test_connection.py": ("test__keep_alive", "test__body_framing"),
    "test_util.py": (
        "test_validate",
        "test_validate_formatting",
        "test_make_sentinel",
        "test_bytesify",
    ),
}
"""Tests of private names inside the public modules: deselected."""

PRIVATE_NAMES: dict[str, frozenset[str]] = {
    "test_connection.py": frozenset({"_body_framing", "_keep_alive"}),
    "test_util.py": frozenset({"bytesify", "validate"}),
}
"""Private names only the deselected tests use: left out of the imports, which would fail."""

TESTS_DIR = "tests"
CONFIG = """\
# The public-API tests of h11 0.16.0, prepared by `python -m peers`; h11 ships no pytest
# configuration, and this file keeps pytest from taking the enclosing project's.
[pytest]
"""


def absolute_imports(source: str, drop: frozenset[str] = frozenset()) -> str:
    """*source* with each ``from .._x import a, b`` made ``from h11._x import a, b``, less
    the names in *drop*; every other line as it was, and as many lines as before."""
    lines = source.splitlines(keepends=True)
    found: set[str] = set()
    imports = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.level == 2
    ]
    for node in sorted(imports, key=lambda node: node.lineno, reverse=True):
        kept = [alias for alias in node.names if alias.name not in drop]
        found.update(alias.name for alias in node.names if alias.name in drop)
        module = "h11" if node.module is None else f"h11.{node.module}"
        text = ast.unparse(ast.ImportFrom(module=module, names=kept, level=0)) if kept else ""
        end = node.end_lineno or node.lineno
        padding = "\n" * (end - node.lineno)
        lines[node.lineno - 1 : end] = [text + "\n" + padding]
    missing = drop - found
    if missing:
        raise ValueError(f"not imported relatively, so not dropped: {sorted(missing)}")
    return "".join(lines)


def prepare(sdist_root: Path, target: Path) -> list[str]:
    """Write the public-API tests of the unpacked h11 sdist at *sdist_root* to *target*;
    return pytest's arguments (run from *target*) for exactly the 38 tests."""
    source = sdist_root / "h11" / "tests"
    shutil.rmtree(target, ignore_errors=True)
    tests = target / TESTS_DIR
    tests.mkdir(parents=True)
    (target / "pytest.ini").write_text(CONFIG)
    for name in SUPPORT:
        origin = source / name
        if origin.is_dir():
            shutil.copytree(origin, tests / name)
        else:
            shutil.copyfile(origin, tests / name)
    for name in (*PUBLIC_MODULES, "helpers.py"):
        text = (source / name).read_text()
        (tests / name).write_text(absolute_imports(text, PRIVATE_NAMES.get(name, frozenset())))
    arguments = [f"{TESTS_DIR}/{name}" for name in PUBLIC_MODULES]
    for module, names in PRIVATE_TESTS.items():
        for test in names:
            arguments += ["--deselect", f"{TESTS_DIR}/{module}::{test}"]
    return arguments
