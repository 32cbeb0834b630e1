"""The strategy projection: hypothesis strategies of the inputs each ABNF operator matches.

Strategy: hypothesis is a test-time dependency, not a runtime one, so it is imported here
only, and only when a strategy is asked for. An expression builds its strategy from its
parts' (:meth:`~grammar.abnf.nodes.Node.strategy`) with one function of this module per
operator; every strategy draws ``bytes``. Unbounded repetitions are bounded here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

STRATEGY_EXTRA_ITEMS = 6
"""How many items beyond its minimum an unbounded repetition draws at most: enough to
exercise repetition, short enough for slow oracles to judge."""


def one_octet(octets: Iterable[int]) -> SearchStrategy[bytes]:
    """One of ``octets``."""
    from hypothesis import strategies as st

    return st.sampled_from([bytes([octet]) for octet in sorted(octets)])


def concatenation(parts: Iterable[SearchStrategy[bytes]]) -> SearchStrategy[bytes]:
    """Each part's draw, in order: ``a b c``."""
    from hypothesis import strategies as st

    return st.tuples(*parts).map(b"".join)


def alternation(choices: Iterable[SearchStrategy[bytes]]) -> SearchStrategy[bytes]:
    """Any one of ``choices``: ``a / b``."""
    from hypothesis import strategies as st

    return st.one_of(*choices)


def repetition(item: SearchStrategy[bytes], least: int, most: int | None) -> SearchStrategy[bytes]:
    """``least*most item``, an unbounded one cut at :data:`STRATEGY_EXTRA_ITEMS` extra."""
    from hypothesis import strategies as st

    most = least + STRATEGY_EXTRA_ITEMS if most is None else most
    return st.lists(item, min_size=least, max_size=most).map(b"".join)


def optional(item: SearchStrategy[bytes]) -> SearchStrategy[bytes]:
    """``[ item ]``: nothing, or the item."""
    from hypothesis import strategies as st

    return st.one_of(st.just(b""), item)


def deferred(build: Callable[[], SearchStrategy[bytes]]) -> SearchStrategy[bytes]:
    """The strategy ``build`` returns, built when first drawn from: a recursive rule
    (``comment``) meets its own strategy while building it."""
    from hypothesis import strategies as st

    return st.deferred(build)
