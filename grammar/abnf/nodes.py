"""The ABNF operators (RFC 5234 §3) as expression trees, and the constructors that write them.

Strategy: an expression is a tree of a few node kinds -- literals, character classes,
concatenation, alternation, repetition, option -- each of which knows its three projections:
its parsy parser (:meth:`Node.parser`), its regex (:meth:`Node.source`, written with
:mod:`grammar.abnf.regex`) and its hypothesis strategy (:meth:`Node.strategy`, with
:mod:`grammar.abnf.strategies`). A node is itself a :class:`parsy.Parser` of its value, and
``|`` and ``+`` between nodes are ABNF's alternation and concatenation: they build nodes, so
``token | quoted_string`` keeps its pattern and its strategy.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, cast, overload

import parsy

from grammar.abnf import strategies
from grammar.abnf.regex import (
    PEG,
    Emit,
    Source,
    alternatives,
    chain,
    chain_runs,
    char_class,
    group,
    leaf,
    mapped,
    quantifier,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy
    from typing_extensions import TypeVar

    _ParserBase = parsy.Parser
    # A bare ``Node`` is a ``Node[Any]`` (a TypeVar default, PEP 696, which Python 3.11's
    # typing cannot state: at run time the TypeVar has none).
    V = TypeVar("V", default=Any)
else:
    from typing import TypeVar

    class _ParserBase(parsy.Parser, Generic[TypeVar("T")]):
        """parsy.Parser made subscriptable at run time (the stub makes it generic for mypy)."""

    V = TypeVar("V")

U = TypeVar("U")


def matched(octets: bytes) -> bytes:
    """The value of an expression whose value is the octets it matched."""
    return octets


class Node(_ParserBase[V]):
    """An ABNF expression producing values of type ``V``; subclasses implement the three
    projections. As a parser it parses with :meth:`parser`, built when first used."""

    pyname: str | None = None
    """The Python name of a named rule (see :class:`~grammar.abnf.rules.Rule`); None here."""

    def __init__(self) -> None:
        super().__init__(self._parse_first)

    def _parse_first(self, stream: bytes, index: int) -> parsy.Result:
        self.wrapped_fn = self.parser().wrapped_fn
        return self.wrapped_fn(stream, index)

    def source(self, emit: Emit) -> Source | None:
        """The regex of this expression, or None when it reaches a recursive rule."""
        raise NotImplementedError

    def parser(self) -> parsy.Parser[V]:
        """The parsy parser of this expression, producing the values listed in
        :mod:`grammar.abnf`."""
        raise NotImplementedError

    def leaf_source(self) -> str | None:
        """The regex of this expression's parser when that parser is one regex step whose
        value is the octets it matched (a class, a run of one, a literal); else None."""
        return None

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

    def leading_if_any(self) -> frozenset[int] | None:
        """For an expression that may match nothing (``[ x ]``, ``*x``), the octets its
        other matches begin with; None for the others, or when not known."""
        return None

    def text_value(self) -> Callable[[bytes], V] | None:
        """The function giving this expression's value from the octets it matched, where
        those alone decide it (a token, a run of digits); None where it takes a parse."""
        return None

    def choices(self) -> tuple[Node[Any], ...]:
        """The alternatives of this expression in the parser's order, nested alternations
        flattened (``( a / b ) / c`` chooses as ``a / b / c``); itself if it is none."""
        return (self,)

    def describe(self) -> str:
        """This expression in ABNF notation, for error messages."""
        raise NotImplementedError

    def children(self) -> tuple[Node[Any], ...]:
        """The expressions this one is made of (for walks over the grammar)."""
        return ()

    # ABNF's operators. With a plain parsy parser on the other side they are parsy's.

    @overload
    def __or__(self, other: Node[Any]) -> Alt: ...
    @overload
    def __or__(self, other: parsy.Parser[U]) -> parsy.Parser[V | U]: ...
    def __or__(self, other: parsy.Parser[Any]) -> parsy.Parser[Any]:
        """Alternation ``a / b``: ``token | quoted_string``."""
        if isinstance(other, Node):
            return Alt((*_operands(self, Alt), *_operands(other, Alt)))
        return super().__or__(other)

    @overload
    def __add__(self, other: Node[Any]) -> Seq: ...
    @overload
    def __add__(self, other: parsy.Parser[Any]) -> parsy.Parser[Any]: ...
    def __add__(self, other: parsy.Parser[Any]) -> parsy.Parser[Any]:
        """Concatenation ``a b``: ``ows + lit(";") + ows`` is ``seq(ows, lit(";"), ows)``."""
        if isinstance(other, Node):
            return Seq((*_operands(self, Seq), *_operands(other, Seq)))
        return super().__add__(other)


def _operands(node: Node[Any], kind: type[Alt] | type[Seq]) -> tuple[Node[Any], ...]:
    """``node``'s items if it is an unnamed ``kind`` (``a | b | c`` is one alternation of
    three), else ``node`` itself."""
    if isinstance(node, kind) and not (isinstance(node, Seq) and node.names):
        return node.items
    return (node,)


def walk(node: Node[Any]) -> Iterator[Node[Any]]:
    """Every expression reachable from ``node``, each once (recursive rules included)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) not in seen:
            seen.add(id(current))
            yield current
            stack.extend(current.children())


def captures(node: Node[Any], names: frozenset[str]) -> bool:
    """Whether a rule named in ``names`` is inside ``node`` (which then cannot be merged into
    a character class: its group would be lost)."""
    return bool(names) and any(inner.pyname in names for inner in walk(node))


class Chars(Node[bytes]):
    """A set of single octets: ``%x30-39``, ``VCHAR``, or an alternation of such."""

    def __init__(self, octets: Iterable[int], label: str) -> None:
        super().__init__()
        self._octets = frozenset(octets)
        self.label = label

    def octets(self) -> frozenset[int]:
        return self._octets

    def source(self, emit: Emit) -> Source:
        return char_class(self._octets), True

    def leaf_source(self) -> str:
        return char_class(self._octets)

    def parser(self) -> parsy.Parser[bytes]:
        return leaf(self.leaf_source(), self.label)

    def strategy(self) -> SearchStrategy[bytes]:
        return strategies.one_octet(self._octets)

    def text_value(self) -> Callable[[bytes], bytes]:
        return matched

    def describe(self) -> str:
        return self.label


class Literal(Node[bytes]):
    """A quoted string (ASCII letters match either case, RFC 5234 §2.3) or a ``%x`` string."""

    def __init__(self, text: bytes, *, case_insensitive: bool) -> None:
        super().__init__()
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
        source = "".join(char_class(self._alternatives(octet)) for octet in self.text)
        return source, len(self.text) == 1

    def leaf_source(self) -> str:
        return self.source(PEG)[0]

    def parser(self) -> parsy.Parser[bytes]:
        return leaf(self.leaf_source(), self.describe())

    def strategy(self) -> SearchStrategy[bytes]:
        octets = (strategies.one_octet(self._alternatives(octet)) for octet in self.text)
        return strategies.concatenation(octets)

    def text_value(self) -> Callable[[bytes], bytes]:
        return matched

    def describe(self) -> str:
        if not self.text:
            return '""'
        if self.case_insensitive or self.text.isalnum() or self.text in (b":", b"/"):
            return '"' + self.text.decode("latin-1") + '"'
        return "%x" + ".".join(f"{octet:02X}" for octet in self.text)


class Seq(Node[Any]):
    """Concatenation: ``a b c``.

    Its items may be named, as parsy's ``seq(**parts).combine_dict(...)`` names them: the
    value is then the items' values by name, those whose name starts with ``_`` dropped --
    a ``dict`` (which a rule built on it gets as keyword arguments) or, when one item is
    kept, that item's value. Unnamed, the value is the list of the items' values.
    """

    def __init__(self, items: tuple[Node[Any], ...], names: tuple[str, ...] = ()) -> None:
        super().__init__()
        if names and len(names) != len(items):
            raise ValueError("name every item of a concatenation, or none")
        self.items, self.names = items, names
        self.kept = tuple(name for name in names if not name.startswith("_"))

    @property
    def spreads(self) -> bool:
        """Whether the value is a ``dict`` of named items (named, not keeping exactly one)."""
        return bool(self.names) and len(self.kept) != 1

    def source(self, emit: Emit) -> Source | None:
        parts = [item.source(emit) for item in self.items]
        if any(part is None for part in parts):
            return None
        # Concatenation needs no grouping: alternations render as groups already.
        return "".join(part[0] for part in parts if part is not None), len(parts) == 1

    def leading(self) -> frozenset[int] | None:
        # What optional items begin with, up to the first item that cannot be empty.
        found: frozenset[int] = frozenset()
        for item in self.items:
            first = item.leading()
            if first is not None:
                return found | first
            if_any = item.leading_if_any()
            if if_any is None:
                return None
            found |= if_any
        return None

    def step_sources(self) -> list[str] | None:
        """The regexes of the items, when each is parsed in one regex step valued by the
        octets it matched (:meth:`Node.leaf_source`); None when one is not."""
        sources = [item.leaf_source() for item in self.items]
        if len(sources) < 2 or None in sources:
            return None
        return cast("list[str]", sources)

    def shape(self) -> Callable[[list[Any]], Any] | None:
        """What makes the list of the items' values this expression's value; None when the
        list is the value (the items are not named)."""
        if not self.names:
            return None
        kept = [(index, name) for index, name in enumerate(self.names) if name in self.kept]
        if len(kept) == 1:
            return operator.itemgetter(kept[0][0])
        return lambda found: {name: found[index] for index, name in kept}

    def parser(self) -> parsy.Parser[Any]:
        values = parsy.seq(*(item.parser() for item in self.items))
        sources = self.step_sources()
        if sources is not None:
            # Items of one step each (``BWS ";" BWS``): one regex step for all of them.
            values = chain(sources, values)
        shape = self.shape()
        return values if shape is None else mapped(values, shape)

    def strategy(self) -> SearchStrategy[bytes]:
        return strategies.concatenation(item.strategy() for item in self.items)

    def describe(self) -> str:
        return " ".join(item.describe() for item in self.items)

    def children(self) -> tuple[Node[Any], ...]:
        return self.items


class Alt(Node[Any]):
    """Alternation: ``a / b``. Tried in order by the parser (PEG), searched by the pattern."""

    def __init__(self, items: tuple[Node[Any], ...]) -> None:
        super().__init__()
        self.items = items
        classes = [c for c in (item.octets() for item in items) if c is not None]
        self._octets = frozenset[int]().union(*classes) if len(classes) == len(items) else None

    def octets(self) -> frozenset[int] | None:
        return self._octets

    def leading(self) -> frozenset[int] | None:
        firsts = [first for first in (item.leading() for item in self.items) if first is not None]
        return frozenset[int]().union(*firsts) if len(firsts) == len(self.items) else None

    def source(self, emit: Emit) -> Source | None:
        if self._octets is not None and not captures(self, emit.capture):
            return char_class(self._octets), True
        # Runs of one-octet alternatives merge into one class. In PEG form the run keeps its
        # place, as the parser's order is the semantics; in ABNF form every choice is searched,
        # so the merged class goes last, where a prefix match (``re.match``, a by_pattern
        # leaf) still prefers the longer alternatives, as the RFC's order does where it
        # matters (dec-octet's "25" %x30-35 before DIGIT).
        branches: list[Source | None] = []
        run: frozenset[int] = frozenset()
        for item in self.items:
            single = None if captures(item, emit.capture) else item.octets()
            if single is not None:
                run |= single
                continue
            if run and emit.peg:
                branches.append((char_class(run), True))
                run = frozenset()
            branches.append(item.source(emit))
        if run:
            branches.append((char_class(run), True))
        if any(branch is None for branch in branches):
            return None
        return alternatives([branch[0] for branch in branches if branch is not None], emit)

    def leaf_source(self) -> str | None:
        return None if self._octets is None else char_class(self._octets)

    def parser(self) -> parsy.Parser[Any]:
        source = self.leaf_source()
        if source is not None:
            return leaf(source, self.describe())
        return parsy.alt(*(item.parser() for item in self.items))

    def strategy(self) -> SearchStrategy[bytes]:
        return strategies.alternation(item.strategy() for item in self.items)

    def text_value(self) -> Callable[[bytes], Any] | None:
        return matched if self._octets is not None else None

    def choices(self) -> tuple[Node[Any], ...]:
        return tuple(choice for item in self.items for choice in item.choices())

    def describe(self) -> str:
        return "( " + " / ".join(item.describe() for item in self.items) + " )"

    def children(self) -> tuple[Node[Any], ...]:
        return self.items


class Rep(Node[Any]):
    """Repetition ``least*most item`` (``most`` None for unbounded)."""

    def __init__(self, item: Node[Any], least: int, most: int | None) -> None:
        super().__init__()
        if least < 0 or (most is not None and most < max(least, 1)):
            raise ValueError(f"bad repetition bounds {least}*{most}")
        self.item, self.least, self.most = item, least, most

    def leading(self) -> frozenset[int] | None:
        return self.item.leading() if self.least else None

    def leading_if_any(self) -> frozenset[int] | None:
        return None if self.least else self.item.leading()

    def source(self, emit: Emit) -> Source | None:
        inner = self._runs(emit) or self.item.source(emit)
        if inner is None:
            return None
        return group(inner) + quantifier(self.least, self.most, emit.peg), False

    def _runs(self, emit: Emit) -> Source | None:
        """The PEG form of ``*( C1 / B / C2 )`` (``C``: one-octet alternatives) as
        ``(?>[C1 C2]++|B)*+``: one regex step per run of such octets instead of one per
        octet (``reg-name``, ``pchar``). The choices are the parser's when no other
        alternative can begin with those octets (nor match nothing): the run then stands
        for as many iterations, each of which the parser would give to a ``C``."""
        if not emit.peg or self.most is not None or self.least > 1:
            return None
        if captures(self.item, emit.capture):
            return None
        choices = self.item.choices()
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
        branches = [char_class(run) + "++", *(s[0] for s in sources if s is not None)]
        return alternatives(branches, emit)

    def leaf_source(self) -> str | None:
        # A run of single octets is one regex step: the same greedy match, faster.
        octets = self.item.octets()
        return None if octets is None else char_class(octets) + quantifier(self.least, self.most)

    def parser(self) -> parsy.Parser[Any]:
        source = self.leaf_source()
        if source is not None:
            return leaf(source, self.describe())
        item = self.item
        sources = item.step_sources() if isinstance(item, Seq) else None
        if sources is not None and self.most is None:
            # ``*( 1*( SP / HTAB ) 1*field-vchar )``: a regex pass over the repetitions, and
            # the item's parser only for the failure that ends them.
            runs = chain_runs(sources, cast("Seq", item).shape(), item.parser(), self.least)
            if runs is not None:
                return runs
        if self.most is None:
            return self.item.parser().at_least(self.least)
        return self.item.parser().times(self.least, self.most)

    def strategy(self) -> SearchStrategy[bytes]:
        return strategies.repetition(self.item.strategy(), self.least, self.most)

    def text_value(self) -> Callable[[bytes], Any] | None:
        return matched if self.item.octets() is not None else None

    def describe(self) -> str:
        if self.least == self.most:
            return f"{self.least}{self.item.describe()}"
        least = str(self.least) if self.least else ""
        most = "" if self.most is None else str(self.most)
        return f"{least}*{most}{self.item.describe()}"

    def children(self) -> tuple[Node[Any], ...]:
        return (self.item,)


class Opt(Node[Any]):
    """Optional: ``[ item ]``."""

    def __init__(self, item: Node[Any]) -> None:
        super().__init__()
        self.item = item

    def source(self, emit: Emit) -> Source | None:
        inner = self.item.source(emit)
        return None if inner is None else (group(inner) + ("?+" if emit.peg else "?"), False)

    def leading_if_any(self) -> frozenset[int] | None:
        return self.item.leading()

    def parser(self) -> parsy.Parser[Any]:
        item = self.item.parser()

        def parse(stream: bytes, index: int) -> parsy.Result:
            # parsy's ``optional()`` in one call: the item's result if it matched, else
            # None here, with the item's failure on record.
            result = item(stream, index)
            if result.status:
                return result
            return parsy.Result(True, index, None, result.furthest, result.expected)

        return parsy.Parser(parse)

    def strategy(self) -> SearchStrategy[bytes]:
        return strategies.optional(self.item.strategy())

    def describe(self) -> str:
        return f"[ {self.item.describe()} ]"

    def children(self) -> tuple[Node[Any], ...]:
        return (self.item,)


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


def seq(*items: Node[Any], **parts: Node[Any]) -> Node[Any]:
    """Concatenation ``a b c``, of unnamed items or of named parts (see :class:`Seq`):
    ``seq(type=type_, _slash=lit("/"), subtype=subtype, parameters=parameters)`` gives
    ``type``, ``subtype`` and ``parameters`` by name."""
    if items and parts:
        raise ValueError("name every item of a concatenation, or none")
    if parts:
        return Seq(tuple(parts.values()), tuple(parts))
    return items[0] if len(items) == 1 else Seq(items)


def alt(*items: Node[Any]) -> Alt:
    """Alternation ``a / b`` (ordered for the parser: put the longest match first)."""
    return Alt(items)


def rep(item: Node[Any], least: int = 0, most: int | None = None) -> Rep:
    """Repetition ``least*most item``; ``rep(x, 1)`` is ``1*x``."""
    return Rep(item, least, most)


def times(count: int, item: Node[Any]) -> Rep:
    """Specific repetition ``nItem``: ``times(2, DIGIT)`` is ``2DIGIT``."""
    return Rep(item, count, count)


def opt(item: Node[Any]) -> Opt:
    """Optional ``[ item ]``."""
    return Opt(item)
