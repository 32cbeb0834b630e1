"""h11's public-API tests made to import h11 by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from peers import h11tests

SOURCE = """\
from typing import Any

from .._connection import _body_framing, Connection, NEED_DATA
from .._events import (
    Data,
    Request,
)
from .. import _util
from .helpers import ConnectionPair


def test_x() -> None:
    from .._state import CLIENT
"""


def test_relative_imports_of_h11_become_absolute_and_keep_their_lines() -> None:
    result = h11tests.absolute_imports(SOURCE)
    lines = result.splitlines()
    assert len(lines) == len(SOURCE.splitlines())
    assert lines[2] == "from h11._connection import _body_framing, Connection, NEED_DATA"
    assert lines[3] == "from h11._events import Data, Request"
    assert lines[4:7] == ["", "", ""]  # the rest of the parenthesised import
    assert lines[7] == "from h11 import _util"
    assert lines[8] == "from .helpers import ConnectionPair"  # the suite's own helper stays
    assert lines[12] == "from h11._state import CLIENT"  # indented in the original
    assert lines[-2] == "def test_x() -> None:"


def test_private_names_are_dropped_from_the_imports() -> None:
    result = h11tests.absolute_imports(SOURCE, frozenset({"_body_framing"}))
    assert "from h11._connection import Connection, NEED_DATA" in result.splitlines()
    assert "_body_framing" not in result


def test_an_import_left_with_no_name_is_removed() -> None:
    result = h11tests.absolute_imports(SOURCE, frozenset({"Data", "Request"}))
    assert "h11._events" not in result
    assert len(result.splitlines()) == len(SOURCE.splitlines())


def test_a_name_to_drop_that_is_not_imported_is_an_error() -> None:
    with pytest.raises(ValueError, match="validate"):
        h11tests.absolute_imports(SOURCE, frozenset({"validate"}))


def test_the_prepared_tree_holds_the_public_modules_and_deselects_private_tests(
    tmp_path: Path,
) -> None:
    tests = tmp_path / "sdist" / "h11" / "tests"
    (tests / "data").mkdir(parents=True)
    (tests / "data" / "test-file").write_text("payload")
    for name in (*h11tests.PUBLIC_MODULES, "helpers.py", "__init__.py", "test_io.py"):
        drop = sorted(h11tests.PRIVATE_NAMES.get(name, ()))
        names = ", ".join([*drop, "Connection"])
        (tests / name).write_text(f"from .._connection import {names}\n")
    target = tmp_path / "prepared"
    arguments = h11tests.prepare(tmp_path / "sdist", target)
    written = {path.name for path in (target / "tests").iterdir()}
    assert written == {*h11tests.PUBLIC_MODULES, "helpers.py", "__init__.py", "data"}
    assert (target / "tests" / "test_util.py").read_text() == (
        "from h11._connection import Connection\n"
    )
    assert (target / "pytest.ini").read_text().endswith("[pytest]\n")
    assert arguments[: len(h11tests.PUBLIC_MODULES)] == [
        f"tests/{name}" for name in h11tests.PUBLIC_MODULES
    ]
    deselected = arguments[len(h11tests.PUBLIC_MODULES) + 1 :: 2]
    assert "tests/test_connection.py::test__body_framing" in deselected
    assert "tests/test_util.py::test_bytesify" in deselected
    assert len(deselected) == sum(len(names) for names in h11tests.PRIVATE_TESTS.values())
