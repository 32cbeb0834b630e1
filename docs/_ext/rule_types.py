"""Type expressions for the grammar reference: a rule's static type, narrowed by its values.

Strategy: mypy states what a type checker sees of each rule (``Rule[T]``, revealed in
:mod:`rule_catalog`); :func:`parse` reads that text into a small tree. Where the grammar's
typing says ``Any`` (a value built by an untyped lambda), :func:`narrow` replaces it with the
types the rule's values actually have, observed on parsed examples -- inferred from the
values alone (:func:`infer`), and only ever in place of ``Any``, so the static part of the
type stands as mypy gave it. :func:`conforms` checks a value against a type; the tests use
it to hold both the static and the narrowed type to every observed value.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

ANY, UNION, ELLIPSIS = "Any", "|", "..."
RECORD_EVIDENCE = 3
"""Tuples seen before an inferred tuple type is fixed-length (see :func:`_fixed_length`)."""
_TOKEN = re.compile(r"\s*(\.\.\.|\(\)|[A-Za-z_][\w.]*=?|[\[\],|])")


@dataclass(frozen=True, slots=True)
class Type:
    """A type: ``name[args]``. ``name`` is qualified as mypy prints it (``bytes``,
    ``grammar.values.Weighted``, ``tuple``); a union is ``|`` with its members as ``args``;
    ``tuple[X, ...]`` ends with :data:`ELLIPSIS`; ``tuple[()]`` is a tuple with no args."""

    name: str
    args: tuple[Type, ...] = ()

    def __str__(self) -> str:
        return self.render()

    def render(self, *, qualified: bool = False) -> str:
        """Python's notation; class names with their module when ``qualified``."""
        if self.name == UNION:
            return " | ".join(arg.render(qualified=qualified) for arg in self.args)
        if self.name == "tuple" and not self.args:
            return "tuple[()]"
        name = self.name if qualified else self.name.rpartition(".")[2] or self.name
        if not self.args:
            return name
        return f"{name}[{', '.join(arg.render(qualified=qualified) for arg in self.args)}]"

    @property
    def variadic(self) -> bool:
        """Whether this is ``tuple[X, ...]``."""
        return self.name == "tuple" and len(self.args) == 2 and self.args[1].name == ELLIPSIS

    def has_any(self) -> bool:
        """Whether ``Any`` occurs anywhere in this type."""
        return self.name == ANY or any(arg.has_any() for arg in self.args)


# -- reading mypy's text ----------------------------------------------------------------------


def parse(text: str) -> Type:
    """The type mypy prints as ``text`` (``tuple[grammar.values.Weighted[Any], ...]``).

    A named tuple prints as ``tuple[int, int, fallback=grammar.values.HTTPVersion]``: it is
    read as its class.
    """
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    if "".join(tokens) != "".join(text.split()):
        raise ValueError(f"unreadable type: {text!r}")
    try:
        parsed, rest = _union(tokens)
    except IndexError:
        raise ValueError(f"type ends too early: {text!r}") from None
    if rest:
        raise ValueError(f"unexpected {rest[0]!r} in type {text!r}")
    return parsed


def _union(tokens: list[str]) -> tuple[Type, list[str]]:
    members = []
    while True:
        member, tokens = _atom(tokens)
        members.append(member)
        if not tokens or tokens[0] != "|":
            return (members[0] if len(members) == 1 else Type(UNION, tuple(members))), tokens
        tokens = tokens[1:]


def _atom(tokens: list[str]) -> tuple[Type, list[str]]:
    name, tokens = tokens[0].removeprefix("builtins."), tokens[1:]
    if name == ELLIPSIS or not tokens or tokens[0] != "[":
        return Type(name), tokens
    args: list[Type] = []
    fallback = None
    tokens = tokens[1:]
    while tokens[0] != "]":
        if tokens[0] == "()":
            tokens = tokens[1:]
        elif tokens[0] == "fallback=":
            fallback, tokens = _atom(tokens[1:])
        else:
            arg, tokens = _union(tokens)
            args.append(arg)
        if tokens[0] == ",":
            tokens = tokens[1:]
    return (fallback or Type(name, tuple(args))), tokens[1:]


# -- types of values ----------------------------------------------------------------------


def _resolve(name: str) -> type | None:
    """The class a qualified name refers to; None for ``Any``, ``None`` and the like."""
    module, _, attr = name.rpartition(".")
    found = getattr(importlib.import_module(module or "builtins"), attr, None)
    return found if isinstance(found, type) else None


def _type_parameters(cls: type) -> dict[Any, list[str]]:
    """For a generic dataclass, the fields typed by each of its type parameters."""
    if not dataclasses.is_dataclass(cls):
        return {}
    hints = typing.get_type_hints(cls)
    return {
        parameter: [name for name, hint in hints.items() if hint is parameter]
        for parameter in getattr(cls, "__parameters__", ())
    }


def _parameter_values(cls: type, values: Iterable[Any]) -> list[list[Any]]:
    """The values each type parameter of ``cls`` takes in ``values`` (instances of ``cls``)."""
    fields = _type_parameters(cls)
    return [[getattr(v, name) for v in values for name in names] for names in fields.values()]


def _qualified(cls: type) -> str:
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__name__}"


def infer(values: Sequence[Any]) -> Type:
    """The narrowest type this module writes that every one of ``values`` has."""
    groups: dict[str, list[Any]] = {}
    for value in values:
        key = "None" if value is None else _qualified(type(value))
        groups.setdefault(key, []).append(value)
    # None last: ``bytes | None`` reads as the RFC's optional parts do.
    ordered = sorted(groups.items(), key=lambda item: item[0] == "None")
    members = [_infer_group(name, group) for name, group in ordered]
    if not members:
        return Type(ANY)
    return members[0] if len(members) == 1 else Type(UNION, tuple(members))


def _infer_group(name: str, values: list[Any]) -> Type:
    """The type of ``values``, all of the class called ``name``."""
    if name == "tuple" and _fixed_length(values):
        return Type(name, tuple(infer(column) for column in zip(*values, strict=True)))
    if name in ("tuple", "list"):
        items = [item for value in values for item in value]
        if not items:
            return Type(name)
        element = infer(items)
        return Type(name, (element, Type(ELLIPSIS)) if name == "tuple" else (element,))
    cls = type(values[0])
    parameters = _parameter_values(cls, values)
    return Type(name, tuple(infer(group) for group in parameters))


def _fixed_length(tuples: list[tuple[Any, ...]]) -> bool:
    """Whether ``tuples`` look like records (pairs ...) rather than lists: at least
    :data:`RECORD_EVIDENCE` of them, all of one length of at least two."""
    lengths = {len(value) for value in tuples}
    return len(tuples) >= RECORD_EVIDENCE and len(lengths) == 1 and min(lengths) >= 2


def narrow(static: Type, values: Sequence[Any]) -> Type:
    """``static`` with each ``Any`` replaced by the type ``values`` have in its place.

    The values must conform to ``static``; an ``Any`` no value reaches stays ``Any``.
    """
    if not static.has_any():
        return static
    if static.name == ANY:
        return infer(values) if values else static
    if static.name == UNION:
        return _narrow_union(static, values)
    groups = _argument_values(static, values)
    return Type(static.name, tuple(narrow(a, g) for a, g in zip(static.args, groups, strict=True)))


def _argument_values(static: Type, values: Sequence[Any]) -> list[list[Any]]:
    """The values each argument of ``static`` (a tuple, list or generic class) stands for."""
    if static.name == "tuple" and not static.variadic:
        rows = [v for v in values if isinstance(v, tuple) and len(v) == len(static.args)]
        return [[row[i] for row in rows] for i in range(len(static.args))]
    if static.name in ("tuple", "list"):
        items = [item for value in values for item in value]
        return [items, []] if static.variadic else [items]
    cls = _resolve(static.name)
    if cls is None:
        raise ValueError(f"cannot narrow the arguments of {static}")
    return _parameter_values(cls, values)


def _narrow_union(static: Type, values: Sequence[Any]) -> Type:
    """Each value narrows the first member it conforms to, ``Any`` coming last."""
    order = sorted(range(len(static.args)), key=lambda i: static.args[i].name == ANY)
    shares: list[list[Any]] = [[] for _ in static.args]
    for value in values:
        index = next((i for i in order if conforms(static.args[i], value)), None)
        if index is None:
            raise ValueError(f"{value!r} is none of {static}")
        shares[index].append(value)
    members: list[Type] = []
    for member, share in zip(static.args, shares, strict=True):
        narrowed = narrow(member, share)
        for inner in narrowed.args if narrowed.name == UNION else (narrowed,):
            if inner not in members:
                members.append(inner)
    return members[0] if len(members) == 1 else Type(UNION, tuple(members))


def conforms(expected: Type, value: Any) -> bool:
    """Whether ``value`` has type ``expected`` (type parameters of classes included)."""
    if expected.name == ANY:
        return True
    if expected.name == UNION:
        return any(conforms(member, value) for member in expected.args)
    if expected.name == "None":
        return value is None
    if expected.name == "tuple":
        return isinstance(value, tuple) and _conforms_items(expected, value)
    return _conforms_instance(expected, value)


def _conforms_instance(expected: Type, value: Any) -> bool:
    """Whether ``value`` is an instance of the class ``expected`` names, with its arguments."""
    cls = _resolve(expected.name)
    if cls is None:
        raise ValueError(f"cannot check values against {expected.name}")
    if not isinstance(value, cls):
        return False
    if isinstance(value, list) and expected.args:
        return all(conforms(expected.args[0], item) for item in value)
    parameters = _parameter_values(cls, [value]) if expected.args else []
    return all(
        conforms(arg, item)
        for arg, items in zip(expected.args, parameters, strict=True)
        for item in items
    )


def _conforms_items(expected: Type, value: tuple[Any, ...]) -> bool:
    if expected.variadic:
        return all(conforms(expected.args[0], item) for item in value)
    return len(value) == len(expected.args) and all(
        conforms(arg, item) for arg, item in zip(expected.args, value, strict=True)
    )
