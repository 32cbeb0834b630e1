"""The ABNF layer: RFC 5234 expressions as Python objects, with three projections each.

Every rule of the grammar is a tree of a few ABNF operators -- literals (case-insensitive
``"..."`` and exact ``%x..``), character classes, concatenation, alternation, repetition
``n*m`` and optional ``[ ]`` -- wrapped in a named :class:`Rule`. From that one tree come:

* **the parser** -- the rule itself is a :class:`parsy.Parser`. It has PEG semantics (ordered
  choice, greedy repetition that never backtracks) and builds the rule's *value*;
* **the pattern** -- :attr:`Rule.pattern`, the regular expression of the same tree, for hot
  paths. It has the parser's PEG semantics too -- alternations are atomic groups, repetitions
  and options possessive (Python 3.11's ``(?>...)`` and ``*+``) -- so it accepts exactly what
  the parser accepts and, having no choice to revisit, runs in linear time. Recursive rules
  (``comment``) have no pattern. :attr:`Rule.abnf_pattern` is the same tree as a plain
  backtracking regex, which searches every choice: the ABNF's own semantics, for tests on
  short inputs (it may backtrack exponentially on long ones);
* **the strategy** -- :meth:`Rule.strategy`, a hypothesis strategy of inputs the rule accepts.

PEG and ABNF agree on a tree whose choices are deterministic. Where the RFC's ABNF is not
(``field-content``, ``IPv6address``, ``credentials``, ...), a rule is written in an
equivalent deterministic form with the RFC's text kept as its :attr:`Rule.abnf`; the test
suite proves each parser accepts exactly what its pattern and its ABNF pattern accept, and
all three exactly what an independent ABNF engine accepts for the RFC's text.

Values the parser produces before a rule maps them (documented once, relied on everywhere):

=====================================  ==========================================
literal, character class               the matched ``bytes``
repetition of a character class        the matched ``bytes``
other repetition                       ``list`` of the items' values
concatenation                          ``list`` of the items' values
alternation                            the value of the alternative that matched
optional                               the item's value, or ``None``
rule                                   its value: the matched ``bytes`` unless the
                                       rule was given a ``value`` function
=====================================  ==========================================

A ``value`` function may raise :class:`ValueError` to reject syntactically valid input on
semantic grounds (31 February); the parse then fails with the expectation
``"valid <rule> (<reason>)"`` at the end of the matched text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import parsy

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    _ParserBase = parsy.Parser
else:

    class _ParserBase(parsy.Parser, Generic[TypeVar("T")]):
        """parsy.Parser made subscriptable at run time (the stub makes it generic for mypy)."""


T = TypeVar("T")

# An unbounded repetition's strategy draws at most this many items beyond its minimum:
# enough to exercise repetition, short enough for slow oracles to judge.
_STRATEGY_EXTRA_ITEMS = 6

Source = tuple[str, bool]
"""A regex source (latin-1 text, encoded before compiling) and whether it is an atom."""


def _escape(octet: int) -> str:
    char = chr(octet)
    return char if char.isascii() and char.isalnum() else f"\\x{octet:02x}"


def _class_source(octets: frozenset[int]) -> str:
    """The regex character class matching exactly ``octets``."""
    ordered = sorted(octets)
    if len(ordered) == 1:
        return _escape(ordered[0])
    runs: list[list[int]] = []
    for octet in ordered:
        if runs and runs[-1][1] == octet - 1:
            runs[-1][1] = octet
        else:
            runs.append([octet, octet])
    parts = [
        _escape(lo) if lo == hi else f"{_escape(lo)}{'-' if hi > lo + 1 else ''}{_escape(hi)}"
        for lo, hi in runs
    ]
    return "[" + "".join(parts) + "]"


def _quantifier(least: int, most: int | None, possessive: bool = False) -> str:
    if most is None:
        text = {0: "*", 1: "+"}.get(least, f"{{{least},}}")
    elif least == most:
        return f"{{{least}}}"  # an exact count has no choice to make possessive
    else:
        text = "?" if (least, most) == (0, 1) else f"{{{least},{most}}}"
    return text + "+" if possessive else text


def _leaf(source: str, label: str) -> parsy.Parser[bytes]:
    """A parser matching ``source`` at the current index; fails naming ``label``."""
    match = re.compile(source.encode("latin-1")).match

    def parse(stream: bytes, index: int) -> parsy.Result:
        found = match(stream, index)
        if found is None:
            return parsy.Result.failure(index, label)
        return parsy.Result.success(found.end(), found.group())

    return parsy.Parser(parse)


def _group(source: Source) -> str:
    text, atom = source
    return text if atom else f"(?:{text})"


@dataclass(frozen=True)
class Emit:
    """How a regex is being emitted.

    ``capture``: names of the rules that become named groups. ``visiting``: the rules being
    expanded, to detect recursion. ``peg``: the parser's semantics (atomic alternation,
    possessive repetition: linear time) or, when False, the ABNF's (plain backtracking).
    """

    capture: frozenset[str] = frozenset()
    visiting: frozenset[Rule[Any]] = frozenset()
    peg: bool = True


PEG, ABNF = Emit(), Emit(peg=False)


def walk(node: Node) -> Iterator[Node]:
    """Every expression reachable from ``node``, each once (recursive rules included)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) not in seen:
            seen.add(id(current))
            yield current
            stack.extend(current.children())


def _captures(node: Node, names: frozenset[str]) -> bool:
    """Whether a rule named in ``names`` is inside ``node`` (which then cannot be merged into
    a character class: its group would be lost)."""
    return bool(names) and any(
        isinstance(inner, Rule) and inner.pyname in names for inner in walk(node)
    )


class Node:
    """An ABNF expression; subclasses implement the three projections."""

    def source(self, emit: Emit) -> Source | None:
        """The regex of this expression, or None when it reaches a recursive rule."""
        raise NotImplementedError

    def parser(self) -> parsy.Parser[Any]:
        """The parsy parser of this expression, producing the values listed in the module doc."""
        raise NotImplementedError

    def strategy(self) -> SearchStrategy[bytes]:
        """A hypothesis strategy of byte strings this expression matches."""
        raise NotImplementedError

    def octets(self) -> frozenset[int] | None:
        """The octets this expression matches if it matches exactly one octet, else None."""
        return None

    def leading(self) -> frozenset[int] | None:
        """The octets every match of this expression begins with; None when it can match
        the empty string or the set is not known."""
        return self.octets()

    def describe(self) -> str:
        """This expression in ABNF notation, for error messages."""
        raise NotImplementedError

    def children(self) -> tuple[Node, ...]:
        """The expressions this one is made of (for walks over the grammar)."""
        return ()


class Chars(Node):
    """A set of single octets: ``%x30-39``, ``VCHAR``, or an alternation of such."""

    def __init__(self, octets: Iterable[int], label: str) -> None:
        self._octets = frozenset(octets)
        self.label = label

    def octets(self) -> frozenset[int]:
        return self._octets

    def source(self, emit: Emit) -> Source:
        return _class_source(self._octets), True

    def parser(self) -> parsy.Parser[bytes]:
        return _leaf(_class_source(self._octets), self.label)

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        return st.sampled_from([bytes([octet]) for octet in sorted(self._octets)])

    def describe(self) -> str:
        return self.label


class Literal(Node):
    """A quoted string (ASCII letters match either case, RFC 5234 §2.3) or a ``%x`` string."""

    def __init__(self, text: bytes, *, case_insensitive: bool) -> None:
        self.text = text
        self.case_insensitive = case_insensitive and text.lower() != text.upper()

    def _alternatives(self, octet: int) -> frozenset[int]:
        if not self.case_insensitive:
            return frozenset((octet,))
        letter = bytes((octet,))
        return frozenset((letter.lower()[0], letter.upper()[0]))

    def octets(self) -> frozenset[int] | None:
        return self._alternatives(self.text[0]) if len(self.text) == 1 else None

    def leading(self) -> frozenset[int] | None:
        return self._alternatives(self.text[0]) if self.text else None

    def source(self, emit: Emit) -> Source:
        text = "".join(_class_source(self._alternatives(octet)) for octet in self.text)
        return text, len(self.text) == 1

    def parser(self) -> parsy.Parser[bytes]:
        return _leaf(self.source(PEG)[0], self.describe())

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        choices = [sorted(self._alternatives(octet)) for octet in self.text]
        return st.tuples(*(st.sampled_from(c) for c in choices)).map(bytes)

    def describe(self) -> str:
        if not self.text:
            return '""'
        if self.case_insensitive or self.text.isalnum() or self.text in (b":", b"/"):
            return '"' + self.text.decode("latin-1") + '"'
        return "%x" + ".".join(f"{octet:02X}" for octet in self.text)


class Seq(Node):
    """Concatenation: ``a b c``."""

    def __init__(self, items: tuple[Node, ...]) -> None:
        self.items = items

    def source(self, emit: Emit) -> Source | None:
        parts = [item.source(emit) for item in self.items]
        if any(part is None for part in parts):
            return None
        # Concatenation needs no grouping: alternations render as groups already.
        return "".join(part[0] for part in parts if part is not None), len(parts) == 1

    def leading(self) -> frozenset[int] | None:
        return self.items[0].leading() if self.items else None

    def parser(self) -> parsy.Parser[list[Any]]:
        return parsy.seq(*(item.parser() for item in self.items))

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        return st.tuples(*(item.strategy() for item in self.items)).map(b"".join)

    def describe(self) -> str:
        return " ".join(item.describe() for item in self.items)

    def children(self) -> tuple[Node, ...]:
        return self.items


class Alt(Node):
    """Alternation: ``a / b``. Tried in order by the parser (PEG), searched by the pattern."""

    def __init__(self, items: tuple[Node, ...]) -> None:
        self.items = items
        classes = [c for c in (item.octets() for item in items) if c is not None]
        self._octets = frozenset[int]().union(*classes) if len(classes) == len(items) else None

    def octets(self) -> frozenset[int] | None:
        return self._octets

    def leading(self) -> frozenset[int] | None:
        firsts = [first for first in (item.leading() for item in self.items) if first is not None]
        return frozenset[int]().union(*firsts) if len(firsts) == len(self.items) else None

    def source(self, emit: Emit) -> Source | None:
        if self._octets is not None and not _captures(self, emit.capture):
            return _class_source(self._octets), True
        # Runs of one-octet alternatives merge into one class. In PEG form the run keeps its
        # place, as the parser's order is the semantics; in ABNF form every choice is searched,
        # so the merged class goes last, where a prefix match (``re.match``, a by_pattern
        # leaf) still prefers the longer alternatives, as the RFC's order does where it
        # matters (dec-octet's "25" %x30-35 before DIGIT).
        branches: list[Source | None] = []
        run: frozenset[int] = frozenset()
        for item in self.items:
            single = None if _captures(item, emit.capture) else item.octets()
            if single is not None:
                run |= single
                continue
            if run and emit.peg:
                branches.append((_class_source(run), True))
                run = frozenset()
            branches.append(item.source(emit))
        if run:
            branches.append((_class_source(run), True))
        if any(branch is None for branch in branches):
            return None
        body = "|".join(branch[0] for branch in branches if branch is not None)
        return ("(?>" if emit.peg else "(?:") + body + ")", True

    def parser(self) -> parsy.Parser[Any]:
        if self._octets is not None:
            return _leaf(_class_source(self._octets), self.describe())
        return parsy.alt(*(item.parser() for item in self.items))

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        return st.one_of(*(item.strategy() for item in self.items))

    def describe(self) -> str:
        return "( " + " / ".join(item.describe() for item in self.items) + " )"

    def children(self) -> tuple[Node, ...]:
        return self.items


class Rep(Node):
    """Repetition ``least*most item`` (``most`` None for unbounded)."""

    def __init__(self, item: Node, least: int, most: int | None) -> None:
        if least < 0 or (most is not None and most < max(least, 1)):
            raise ValueError(f"bad repetition bounds {least}*{most}")
        self.item, self.least, self.most = item, least, most

    def leading(self) -> frozenset[int] | None:
        return self.item.leading() if self.least else None

    def source(self, emit: Emit) -> Source | None:
        inner = self._runs(emit) or self.item.source(emit)
        if inner is None:
            return None
        return _group(inner) + _quantifier(self.least, self.most, emit.peg), False

    def _runs(self, emit: Emit) -> Source | None:
        """The PEG form of ``*( C1 / B / C2 )`` (``C``: one-octet alternatives) as
        ``(?>[C1 C2]++|B)*+``: one regex step per run of such octets instead of one per
        octet (``reg-name``, ``pchar``). The choices are the parser's when no other
        alternative can begin with those octets (nor match nothing): the run then stands
        for as many iterations, each of which the parser would give to a ``C``."""
        if not emit.peg or self.most is not None or self.least > 1:
            return None
        if _captures(self.item, emit.capture):
            return None
        choices = _choices(self.item)
        singles = [choice.octets() for choice in choices]
        run = frozenset[int]().union(*(single for single in singles if single is not None))
        others = [choice for choice, single in zip(choices, singles, strict=True) if not single]
        if not run or not others:
            return None
        firsts = [other.leading() for other in others]
        if any(first is None or first & run for first in firsts):
            return None
        sources = [other.source(emit) for other in others]
        if any(source is None for source in sources):
            return None
        branches = [_class_source(run) + "++", *(s[0] for s in sources if s is not None)]
        return "(?>" + "|".join(branches) + ")", True

    def parser(self) -> parsy.Parser[Any]:
        octets = self.item.octets()
        if octets is not None:
            # A run of single octets is one regex step: the same greedy match, faster.
            quantified = _class_source(octets) + _quantifier(self.least, self.most)
            return _leaf(quantified, self.describe())
        if self.most is None:
            return self.item.parser().at_least(self.least)
        return self.item.parser().times(self.least, self.most)

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        most = self.least + _STRATEGY_EXTRA_ITEMS if self.most is None else self.most
        return st.lists(self.item.strategy(), min_size=self.least, max_size=most).map(b"".join)

    def describe(self) -> str:
        if self.least == self.most:
            return f"{self.least}{self.item.describe()}"
        least = str(self.least) if self.least else ""
        most = "" if self.most is None else str(self.most)
        return f"{least}*{most}{self.item.describe()}"

    def children(self) -> tuple[Node, ...]:
        return (self.item,)


def _choices(node: Node) -> list[Node]:
    """The alternatives of ``node`` in the parser's order, nested alternations (and the rules
    naming them) flattened: ``( a / b ) / c`` chooses as ``a / b / c`` does."""
    inner = node
    while isinstance(inner, Rule) and not inner._by_pattern:
        inner = inner.node
    if not isinstance(inner, Alt):
        return [node]
    return [choice for item in inner.items for choice in _choices(item)]


class Opt(Node):
    """Optional: ``[ item ]``."""

    def __init__(self, item: Node) -> None:
        self.item = item

    def source(self, emit: Emit) -> Source | None:
        inner = self.item.source(emit)
        return None if inner is None else (_group(inner) + ("?+" if emit.peg else "?"), False)

    def parser(self) -> parsy.Parser[Any]:
        return self.item.parser().optional()

    def strategy(self) -> SearchStrategy[bytes]:
        from hypothesis import strategies as st

        return st.one_of(st.just(b""), self.item.strategy())

    def describe(self) -> str:
        return f"[ {self.item.describe()} ]"

    def children(self) -> tuple[Node, ...]:
        return (self.item,)


class ListOf(Node):
    """RFC 9110 §5.6.1's list extension to ABNF, ``#element`` and ``1#element``.

    The parser and pattern take the form a recipient MUST accept (RFC 9110 §5.6.1.2)::

        #element  => [ element ] *( OWS "," OWS [ element ] )
        1#element => *( "," OWS ) element *( OWS "," [ OWS element ] )

    so empty elements (``a, , b``) are parsed and dropped; the value is the list of the
    elements' values. The strategy produces what a sender may generate (§5.6.1.1: no empty
    elements), which the recipient form accepts too.
    """

    def __init__(self, element: Node, least: int, ows: Node) -> None:
        if least not in (0, 1):
            raise ValueError("only #element and 1#element are used by HTTP")
        self.element, self.least = element, least
        comma = lit(",")
        if least == 0:
            self._recipient = seq(opt(element), rep(seq(ows, comma, ows, opt(element))))
        else:
            self._recipient = seq(
                rep(seq(comma, ows)), element, rep(seq(ows, comma, opt(seq(ows, element))))
            )
        sender = seq(element, rep(seq(ows, comma, ows, element)))
        self._sender = opt(sender) if least == 0 else sender

    def source(self, emit: Emit) -> Source | None:
        return self._recipient.source(emit)

    def parser(self) -> parsy.Parser[list[Any]]:
        flatten = _flatten_list if self.least == 0 else _flatten_list1
        return self._recipient.parser().map(flatten)

    def strategy(self) -> SearchStrategy[bytes]:
        return self._sender.strategy()

    def describe(self) -> str:
        return f"{'1' if self.least else ''}#{self.element.describe()}"

    def children(self) -> tuple[Node, ...]:
        return (self._recipient,)


def _flatten_list(value: list[Any]) -> list[Any]:
    first, rest = value
    items = [first, *(item[3] for item in rest)]
    return [item for item in items if item is not None]


def _flatten_list1(value: list[Any]) -> list[Any]:
    _, first, rest = value
    return [first, *(item[2][1] for item in rest if item[2] is not None)]


def python_name(abnf_name: str) -> str:
    """The module-level name of an ABNF rule: lower case, ``-`` as ``_``; keywords get ``_``."""
    import builtins
    import keyword

    name = abnf_name.lower().replace("-", "_")
    return name + "_" if keyword.iskeyword(name) or hasattr(builtins, name) else name


SEMANTIC = "valid "
"""Prefix of the expectation a rule reports when its value function rejects the input."""


class Rule(_ParserBase[T], Node):
    """A named ABNF rule: a :class:`parsy.Parser` that also knows its pattern and strategy.

    ``abnf`` is the RFC's definition (``name = elements``) and ``section`` where it stands
    (``RFC 9110 §5.6.2``). ``node`` is the expression the rule is built from -- the RFC's own
    or an equivalent deterministic form -- or a function returning it, for rules that refer
    to themselves. ``value`` maps the node's value to the rule's (default: the matched bytes).
    """

    def __init__(
        self,
        abnf: str,
        section: str,
        node: Node | Callable[[], Node],
        value: Callable[[Any], T] | None = None,
        *,
        strategy: Callable[[], SearchStrategy[bytes]] | None = None,
        by_pattern: bool = False,
    ) -> None:
        super().__init__(self._build_and_parse)
        self.abnf = " ".join(abnf.split())
        self.name = self.abnf.split("=", 1)[0].strip()
        self.pyname = python_name(self.name)
        self.section = section
        self.__doc__ = f"{section}: ``{self.abnf}``"
        self._node_or_thunk = node
        self._value = value
        self._custom_strategy = strategy
        self._by_pattern = by_pattern
        self._source_cache: dict[bool, Source | None] = {}
        self._strategy_cache: SearchStrategy[bytes] | None = None
        self._syntax: parsy.Parser[Any] | None = None

    # -- the tree -------------------------------------------------------------------------

    @property
    def node(self) -> Node:
        """The expression this rule is built from."""
        if not isinstance(self._node_or_thunk, Node):
            self._node_or_thunk = self._node_or_thunk()
        return self._node_or_thunk

    @property
    def url(self) -> str:
        """The rule's section on rfc-editor.org (``RFC 9110 §5.6.2`` -> its URL)."""
        rfc, _, number = self.section.removeprefix("RFC ").partition(" §")
        kind = "appendix" if number[:1].isalpha() else "section"
        return f"https://www.rfc-editor.org/rfc/rfc{rfc}#{kind}-{number}"

    def describe(self) -> str:
        return self.name

    def children(self) -> tuple[Node, ...]:
        return (self.node,)

    def __repr__(self) -> str:
        return f"<Rule {self.abnf}  ({self.section})>"

    # -- parser ---------------------------------------------------------------------------

    @property
    def syntax(self) -> parsy.Parser[Any]:
        """The parser of the rule's expression alone: its syntax, before its value is built."""
        if self._syntax is None:
            if self._by_pattern:
                source = self.source(ABNF)
                if source is None:
                    raise ValueError(f"{self.name}: by_pattern needs a regular rule")
                self._syntax = _leaf(source[0], self.name)
            else:
                self._syntax = self.node.parser()
        return self._syntax

    def parser(self) -> Rule[T]:
        return self

    def octets(self) -> frozenset[int] | None:
        return self.node.octets() if self._value is None else None

    def leading(self) -> frozenset[int] | None:
        return self.node.leading()

    def _build_and_parse(self, stream: bytes, index: int) -> parsy.Result:
        self.wrapped_fn = self._build()
        return self.wrapped_fn(stream, index)

    def _build(self) -> Callable[[bytes, int], parsy.Result]:
        syntax, value, name = self.syntax, self._value, self.name

        def parse(stream: bytes, index: int) -> parsy.Result:
            try:
                result = syntax(stream, index)
            except RecursionError:
                # A recursive rule (comment) nested deeper than Python's stack: a failure
                # to parse, not a crash.
                return parsy.Result.failure(index, f"{name} nested less deeply")
            if not result.status:
                # Nothing of this rule matched: say so by its name rather than by a leaf's.
                return parsy.Result.failure(index, name) if result.furthest <= index else result
            if value is None:
                produced: Any = stream[index : result.index]
            else:
                try:
                    produced = value(result.value)
                except ValueError as exc:
                    # Reported where the syntax ended, so it outranks the failures of other
                    # alternatives that matched less: the input was this rule, but invalid.
                    return parsy.Result.failure(result.index, f"{SEMANTIC}{name} ({exc})")
            return parsy.Result(True, result.index, produced, result.furthest, result.expected)

        return parse

    # -- pattern --------------------------------------------------------------------------

    def source(self, emit: Emit) -> Source | None:
        if self in emit.visiting:
            return None
        if not emit.capture and emit.peg in self._source_cache:
            return self._source_cache[emit.peg]
        # A rule RFC 9112 borrows is an alias named as its target (`token`): capturing the name
        # makes one group, around the outer of the two.
        inner_emit = replace(
            emit, visiting=emit.visiting | {self}, capture=emit.capture - {self.pyname}
        )
        if self._by_pattern:
            # A bounded lexical unit whose ABNF no ordering makes deterministic: its parser
            # takes the first match of the backtracking pattern, and the PEG form commits to
            # that match as the parser does.
            inner = self.node.source(replace(inner_emit, peg=False))
            if inner is not None and emit.peg:
                inner = f"(?>{inner[0]})", True
        else:
            inner = self.node.source(inner_emit)
        if inner is not None and self.pyname in emit.capture:
            inner = f"(?P<{self.pyname}>{inner[0]})", True
        if not emit.capture:
            self._source_cache[emit.peg] = inner
        return inner

    @property
    def pattern(self) -> bytes | None:
        """The regex source of this rule (None for a recursive, non-regular rule)."""
        source = self.source(PEG)
        return None if source is None else source[0].encode("latin-1")

    @cached_property
    def compiled(self) -> re.Pattern[bytes] | None:
        """:attr:`pattern` compiled; use ``.fullmatch`` to test a whole input."""
        pattern = self.pattern
        return None if pattern is None else re.compile(pattern)

    @cached_property
    def abnf_compiled(self) -> re.Pattern[bytes] | None:
        """The rule's tree as a plain backtracking regex: the ABNF's semantics, every choice
        searched. For tests on short inputs; it may take exponential time on long ones."""
        source = self.source(ABNF)
        return None if source is None else re.compile(source[0].encode("latin-1"))

    @property
    def regular(self) -> bool:
        """Whether the rule has a pattern (it does not reach a recursive rule)."""
        return self.pattern is not None

    # -- strategy -------------------------------------------------------------------------

    def strategy(self) -> SearchStrategy[bytes]:
        """A hypothesis strategy of inputs this rule accepts (hypothesis is imported lazily)."""
        if self._strategy_cache is None:
            from hypothesis import strategies as st

            # deferred: a recursive rule (comment) meets its own strategy while building it;
            # st.deferred takes only functions, not bound methods, hence the lambda.
            build = self._custom_strategy or (lambda: self.node.strategy())  # noqa: PLW0108
            self._strategy_cache = st.deferred(build)
        return self._strategy_cache


def compile_pattern(node: Node, *capture: Rule[Any]) -> re.Pattern[bytes]:
    """Compile ``node`` with the given rules as named groups (named by ``Rule.pyname``).

    For hot paths that need the parts of a match: ``compile_pattern(request_line, method)``.
    A rule captured twice in one pattern is an error (Python's ``re`` allows one group per
    name); so is a node that reaches a recursive rule.
    """
    source = node.source(Emit(capture=frozenset(r.pyname for r in capture)))
    if source is None:
        raise ValueError(f"{node.describe()} is not regular: it has no pattern")
    return re.compile(source[0].encode("latin-1"))


# -- constructors, named after the ABNF they write --------------------------------------


def lit(text: str) -> Literal:
    """A quoted string: ``"HTTP"`` (case-insensitive for ASCII letters, RFC 5234 §2.3)."""
    return Literal(text.encode("ascii"), case_insensitive=True)


def exact(text: bytes) -> Literal:
    """A ``%x`` string: ``%x48.54.54.50`` is ``exact(b"HTTP")`` (case-sensitive)."""
    return Literal(text, case_insensitive=False)


def octet_range(first: int, last: int, label: str | None = None) -> Chars:
    """``%xFIRST-LAST``."""
    return Chars(range(first, last + 1), label or f"%x{first:02X}-{last:02X}")


def octets(values: bytes | Iterable[int], label: str) -> Chars:
    """An explicit set of single octets (an alternation of one-octet literals)."""
    return Chars(values, label)


def empty() -> Literal:
    """The empty string (``0<pchar>`` in RFC 3986's ``path-empty``)."""
    return Literal(b"", case_insensitive=False)


def seq(*items: Node) -> Node:
    """Concatenation ``a b c``."""
    return items[0] if len(items) == 1 else Seq(items)


def alt(*items: Node) -> Alt:
    """Alternation ``a / b`` (ordered for the parser: put the longest match first)."""
    return Alt(items)


def rep(item: Node, least: int = 0, most: int | None = None) -> Rep:
    """Repetition ``least*most item``; ``rep(x, 1)`` is ``1*x``."""
    return Rep(item, least, most)


def times(count: int, item: Node) -> Rep:
    """Specific repetition ``nItem``: ``times(2, DIGIT)`` is ``2DIGIT``."""
    return Rep(item, count, count)


def opt(item: Node) -> Opt:
    """Optional ``[ item ]``."""
    return Opt(item)


@overload
def rule(
    abnf: str,
    section: str,
    node: Node | Callable[[], Node],
    value: None = None,
    *,
    strategy: Callable[[], SearchStrategy[bytes]] | None = None,
    by_pattern: bool = False,
) -> Rule[bytes]: ...
@overload
def rule(
    abnf: str,
    section: str,
    node: Node | Callable[[], Node],
    value: Callable[[Any], T],
    *,
    strategy: Callable[[], SearchStrategy[bytes]] | None = None,
    by_pattern: bool = False,
) -> Rule[T]: ...
def rule(
    abnf: str,
    section: str,
    node: Node | Callable[[], Node],
    value: Callable[[Any], Any] | None = None,
    *,
    strategy: Callable[[], SearchStrategy[bytes]] | None = None,
    by_pattern: bool = False,
) -> Rule[Any]:
    """A named rule; see :class:`Rule`. ``by_pattern`` makes the parser match with the
    rule's pattern -- for bounded lexical units only (``IPv6address``), whose ABNF is
    ambiguous but whose regex cannot backtrack more than a constant."""
    return Rule(abnf, section, node, value, strategy=strategy, by_pattern=by_pattern)


def alias(abnf: str, section: str, target: Rule[T]) -> Rule[T]:
    """A rule defined as another rule, with its value: ``Content-Type = media-type``, or
    one the RFC imports by prose (``uri-host = <host, see URI Section 3.2.2>``)."""
    return Rule(abnf, section, target, identity)


def identity(value: T) -> T:
    """The ``value`` function of a rule whose value is its expression's value."""
    return value
