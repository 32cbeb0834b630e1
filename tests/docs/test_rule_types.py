"""docs/_ext/rule_types.py: reading mypy's types, inferring and narrowing them from values."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from rule_types import ANY, Type, conforms, infer, narrow, parse

from grammar.values import HTTPVersion, MediaType, Weighted

MEDIA = MediaType(b"text", b"html")


@pytest.mark.parametrize(
    "text",
    [
        "bytes",
        "Any",
        "tuple[bytes, ...]",
        "tuple[()]",
        "tuple[grammar.values.Weighted[Any], ...]",
        "grammar.values.IntRange | grammar.values.SuffixRange | grammar.values.OtherRange",
        "tuple[grammar.values.Authority | None, bytes]",
        "bytes | tuple[grammar.values.EntityTag, ...]",
        "Any | tuple[()]",
        "datetime.datetime",
    ],
)
def test_parse_reads_what_it_renders(text: str) -> None:
    assert parse(text).render(qualified=True) == text


def test_parse_reads_named_tuples_as_their_class_and_drops_builtins() -> None:
    assert parse("tuple[int, int, fallback=grammar.values.HTTPVersion]") == Type(
        "grammar.values.HTTPVersion"
    )
    assert parse("builtins.list[builtins.bytes]") == Type("list", (Type("bytes"),))
    assert str(parse("tuple[grammar.values.Weighted[Any], ...]")) == "tuple[Weighted[Any], ...]"


@pytest.mark.parametrize("text", ["tuple[bytes", "bytes]", "bytes bytes", "tuple[$]", ""])
def test_parse_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError):
        parse(text)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([b"a", b"b"], "bytes"),
        ([], "Any"),
        ([None, b"x"], "bytes | None"),
        ([b"x", 3], "bytes | int"),
        ([(b"a",), (b"b", b"c"), ()], "tuple[bytes, ...]"),
        ([(), ()], "tuple[()]"),
        # Three or more tuples of one length (at least two) read as records.
        ([(b"a", 1), (b"b", 2), (b"c", None)], "tuple[bytes, int | None]"),
        ([(b"a", 1), (b"b", 2)], "tuple[bytes | int, ...]"),
        ([[1, 2], [3]], "list[int]"),
        ([Weighted(MEDIA, 0.5)], "Weighted[MediaType]"),
        ([HTTPVersion(1, 1)], "HTTPVersion"),
        ([datetime(2000, 1, 1, tzinfo=UTC)], "datetime"),
    ],
)
def test_infer(values: list[Any], expected: str) -> None:
    inferred = infer(values)
    assert str(inferred) == expected
    assert all(conforms(inferred, value) for value in values)


@pytest.mark.parametrize(
    ("static", "values", "expected"),
    [
        ("Any", [b"a"], "bytes"),
        ("Any", [], "Any"),
        ("tuple[Any, ...]", [(b"a",), (b"b", b"c")], "tuple[bytes, ...]"),
        ("tuple[Any, Any, int]", [(1, b"a", 2)], "tuple[int, bytes, int]"),
        ("tuple[grammar.values.Weighted[Any], ...]", [(Weighted(MEDIA),)],
         "tuple[Weighted[MediaType], ...]"),
        # The non-Any member takes the values it fits; Any narrows to the rest.
        ("Any | tuple[()]", [(), (b"x",)], "tuple[bytes, ...] | tuple[()]"),
        ("Any | tuple[()]", [()], "Any | tuple[()]"),
        ("list[Any]", [[1], [2]], "list[int]"),
    ],
)  # fmt: skip
def test_narrow_replaces_only_any(static: str, values: list[Any], expected: str) -> None:
    narrowed = narrow(parse(static), values)
    assert str(narrowed) == expected
    assert all(conforms(narrowed, value) for value in values)


def test_narrow_leaves_a_type_without_any_alone() -> None:
    static = parse("tuple[bytes, ...]")
    assert narrow(static, [(b"a",), ()]) is static


def test_narrow_refuses_values_outside_a_union() -> None:
    with pytest.raises(ValueError):
        narrow(parse("bytes | tuple[Any, ...]"), [3])


@pytest.mark.parametrize(
    ("expected", "value", "answer"),
    [
        ("bytes", b"x", True),
        ("bytes", "x", False),
        ("None", None, True),
        ("bytes | None", None, True),
        ("tuple[bytes, ...]", (b"a", b"b"), True),
        ("tuple[bytes, ...]", (b"a", 1), False),
        ("tuple[bytes, int]", (b"a", 1), True),
        ("tuple[bytes, int]", (b"a", 1, 2), False),
        ("tuple[()]", (), True),
        ("tuple[()]", (1,), False),
        ("list[int]", [1, 2], True),
        ("list[int]", (1, 2), False),
        ("grammar.values.Weighted[grammar.values.MediaType]", Weighted(MEDIA), True),
        ("grammar.values.Weighted[bytes]", Weighted(MEDIA), False),
        ("grammar.values.HTTPVersion", HTTPVersion(1, 1), True),
        ("grammar.values.HTTPVersion", (1, 1), False),
        (ANY, object(), True),
    ],
)
def test_conforms(expected: str, value: Any, answer: bool) -> None:
    assert conforms(parse(expected), value) is answer
