"""h11pc holds no syntax of its own: its patterns come from the grammar, and the two
compositions it makes accept exactly what the grammar's rules accept."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import h11pc
from grammar.abnf import compile_pattern
from grammar.rfc9110 import field_value
from grammar.rfc9112 import field_line, obs_fold
from h11pc import _patterns

PACKAGE = Path(h11pc.__file__).parent


def _modules() -> list[tuple[str, ast.Module]]:
    return [(path.name, ast.parse(path.read_text())) for path in sorted(PACKAGE.glob("*.py"))]


def test_no_module_imports_re_except_for_types() -> None:
    """Regular expressions are compiled by the grammar; h11pc never calls ``re``."""
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                used = node.attr
                assert not (node.value.id == "re" and used not in ("Pattern", "Match")), (
                    name,
                    used,
                )
            if isinstance(node, ast.ImportFrom) and node.module == "re":
                raise AssertionError(f"{name} imports from re")


def test_every_pattern_is_compiled_by_the_grammar() -> None:
    """Each compiled pattern h11pc holds is exactly what the grammar compiles."""
    for name, value in vars(_patterns).items():
        if isinstance(value, re.Pattern):
            assert value.flags == re.compile(b"").flags, name
    calls = [
        node.func.id
        for _, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]
    assert "compile" not in calls


def test_no_byte_class_literals_outside_the_grammar() -> None:
    """No module spells a character class: no bytes literal holds a regex class."""
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
                assert not re.search(rb"\[.*-.*\]|\\x[0-9a-f]{2}", node.value), (name, node.value)


_RECEIVED = compile_pattern(_patterns.field_line_received)
_FOLD = obs_fold.compiled


@given(field_line.strategy())
def test_received_field_line_accepts_every_field_line(line: bytes) -> None:
    assert _RECEIVED.fullmatch(line) is not None


@given(
    field_line.strategy(),
    st.sampled_from([b"\r\n ", b" \r\n\t", b"\r\n  "]),
    field_value.strategy(),
)
def test_received_field_line_accepts_obs_fold(line: bytes, fold: bytes, more: bytes) -> None:
    assert _FOLD is not None and _FOLD.fullmatch(fold)
    assert _RECEIVED.fullmatch(line + fold + more) is not None


def test_whitespace_is_the_grammars_wsp() -> None:
    assert set(_patterns.WHITESPACE) == {0x20, 0x09}


def test_start_lines_capture_the_groups_the_head_readers_unpack() -> None:
    """The head readers take a start-line's parts with one ``groups()`` call, in the
    order the pattern captures them: method and version; version, status and reason."""
    assert list(_patterns.REQUEST_LINE.groupindex) == ["method", "http_version"]
    assert _patterns.REQUEST_LINE.groups == 2
    assert list(_patterns.STATUS_LINE.groupindex) == [
        "http_version",
        "status_code",
        "reason_phrase",
    ]
    assert _patterns.STATUS_LINE.groups == 3
