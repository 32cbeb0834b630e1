"""The pattern projection's vocabulary: how ABNF pieces are written as a Python regex.

Strategy: an expression's regex is emitted as text by the expression itself
(:meth:`~grammar.abnf.nodes.Node.source`), from the pieces this module writes: character
classes from sets of octets, quantifiers, groups. Two forms come from one tree, chosen by
:class:`Emit`: the PEG form, the parser's semantics -- alternations atomic (``(?>...)``),
repetitions and options possessive (``*+``, ``?+``) -- which never revisits a choice and so
runs in linear time; and the ABNF form, plain backtracking, which searches every choice as
ABNF means it (for tests on short inputs). Sources are latin-1 text, each octet one
character, encoded to bytes when compiled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import parsy

if TYPE_CHECKING:
    from grammar.abnf.nodes import Node
    from grammar.abnf.rules import Rule

Source = tuple[str, bool]
"""A regex source (latin-1 text, encoded before compiling) and whether it is an atom."""


@dataclass(frozen=True)
class Emit:
    """How a regex is being emitted.

    ``capture``: names of the rules that become named groups. ``visiting``: the rules being
    expanded, to detect recursion. ``peg``: the parser's semantics (atomic alternation,
    possessive repetition: linear time) or, when False, the ABNF's (plain backtracking).
    """

    capture: frozenset[str] = frozenset()
    visiting: frozenset[Node[Any]] = frozenset()
    peg: bool = True


PEG, ABNF = Emit(), Emit(peg=False)


def escape(octet: int) -> str:
    """One octet as regex text: itself if alphanumeric, else a ``\\x`` escape."""
    char = chr(octet)
    return char if char.isascii() and char.isalnum() else f"\\x{octet:02x}"


def char_class(octets: frozenset[int]) -> str:
    """The regex character class matching exactly ``octets``."""
    ordered = sorted(octets)
    if len(ordered) == 1:
        return escape(ordered[0])
    runs: list[list[int]] = []
    for octet in ordered:
        if runs and runs[-1][1] == octet - 1:
            runs[-1][1] = octet
        else:
            runs.append([octet, octet])
    parts = [
        escape(lo) if lo == hi else f"{escape(lo)}{'-' if hi > lo + 1 else ''}{escape(hi)}"
        for lo, hi in runs
    ]
    return "[" + "".join(parts) + "]"


def quantifier(least: int, most: int | None, possessive: bool = False) -> str:
    """``n*m`` as a regex quantifier (possessive in the PEG form)."""
    if most is None:
        text = {0: "*", 1: "+"}.get(least, f"{{{least},}}")
    elif least == most:
        return f"{{{least}}}"  # an exact count has no choice to make possessive
    else:
        text = "?" if (least, most) == (0, 1) else f"{{{least},{most}}}"
    return text + "+" if possessive else text


def group(source: Source) -> str:
    """``source`` as an atom, grouped unless it is one already."""
    text, atom = source
    return text if atom else f"(?:{text})"


def alternatives(branches: list[str], emit: Emit) -> Source:
    """Alternatives, in order: atomic in the PEG form (the first that matches is kept, as
    the parser keeps it), searched in the ABNF form."""
    return ("(?>" if emit.peg else "(?:") + "|".join(branches) + ")", True


def leaf(source: str, label: str) -> parsy.Parser[bytes]:
    """A parser matching ``source`` at the current index; fails naming ``label``."""
    match = re.compile(source.encode("latin-1")).match

    def parse(stream: bytes, index: int) -> parsy.Result:
        found = match(stream, index)
        if found is None:
            return parsy.Result.failure(index, label)
        return parsy.Result.success(found.end(), found.group())

    return parsy.Parser(parse)


def mapped(parser: parsy.Parser[Any], function: Callable[[Any], Any]) -> parsy.Parser[Any]:
    """parsy's ``parser.map(function)`` in one call: the same value, end and failure record."""

    def parse(stream: bytes, index: int) -> parsy.Result:
        result = parser(stream, index)
        if not result.status:
            return result
        value = function(result.value)
        return parsy.Result(True, result.index, value, result.furthest, result.expected)

    return parsy.Parser(parse)


def _steps(sources: list[str], captured: bool) -> bytes:
    # Each step atomic: it keeps the match its own ``re.match`` would find, as the parser's
    # steps, taken one after another, do.
    form = "((?>{}))" if captured else "(?>{})"
    return "".join(form.format(source) for source in sources).encode("latin-1")


def chain(sources: list[str], steps: parsy.Parser[list[bytes]]) -> parsy.Parser[list[bytes]]:
    """``steps``, the concatenation of one-step parsers of ``sources`` (each valued by the
    octets it matched), as one regex step with the same value; where it does not match,
    ``steps`` says where and why. A one-step parser that succeeds records no failure, so a
    success of the concatenation is its values and its end, with an empty failure record."""
    match = re.compile(_steps(sources, captured=True)).match

    def parse(stream: bytes, index: int) -> parsy.Result:
        found = match(stream, index)
        if found is None:
            return steps(stream, index)
        return parsy.Result.success(found.end(), list(found.groups()))

    return parsy.Parser(parse)


def chain_runs(
    sources: list[str],
    shape: Callable[[list[bytes]], Any] | None,
    item: parsy.Parser[Any],
    least: int,
) -> parsy.Parser[list[Any]] | None:
    """``least*`` (unbounded) repetitions of ``item``, the concatenation of one-step parsers
    of ``sources`` (two or more: :meth:`Seq.step_sources`) whose value ``shape`` makes of
    the list of their octets (None: the list is the value), taken by two regex passes: one
    finds where the repetitions end, one cuts them. The parser's own loop would take a step
    per repetition; ``item`` runs only where the repetitions end, for the failure that ends
    them, which is all a parsy repetition of such an item records (its successful
    repetitions record none). None if the item can match nothing: a parser's loop on it
    would not end."""
    one = re.compile(_steps(sources, captured=True))
    if one.fullmatch(b"") is not None:
        return None
    runs = re.compile(b"(?:" + _steps(sources, captured=False) + b")*+").match

    def parse(stream: bytes, index: int) -> parsy.Result:
        found = runs(stream, index)
        assert found is not None  # zero repetitions match anywhere
        end = found.end()
        # findall, not a Match per repetition: a tuple of the groups each (two or more).
        cut = map(list, one.findall(stream, index, end))
        values = [*(cut if shape is None else map(shape, cut))]
        stop = item(stream, end)
        if len(values) < least:
            return stop
        return parsy.Result.success(end, values).aggregate(stop)

    return parsy.Parser(parse)


def compile_pattern(node: Node[Any], *capture: Rule[Any]) -> re.Pattern[bytes]:
    """Compile ``node`` with the given rules as named groups (named by ``Rule.pyname``).

    For hot paths that need the parts of a match: ``compile_pattern(request_line, method)``.
    A rule captured twice in one pattern is an error (Python's ``re`` allows one group per
    name); so is a node that reaches a recursive rule.
    """
    source = node.source(Emit(capture=frozenset(r.pyname for r in capture)))
    if source is None:
        raise ValueError(f"{node.describe()} is not regular: it has no pattern")
    return re.compile(source[0].encode("latin-1"))
