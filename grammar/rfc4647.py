"""RFC 4647 §2.1: the basic language range HTTP's ``Accept-Language`` imports.

Strategy: both rules as the RFC writes them, in its order; neither needs a rewrite. A
``language-range`` is subtags joined by "-", and every repetition in it stops at a "-" or at
the end, which no subtag character can be: a greedy repetition takes exactly the subtag, so
the PEG parser and the ABNF agree. The RFC's ``extended-language-range`` is not used by HTTP
and is not written here.
"""

from __future__ import annotations

from grammar.abnf import lit, rep, rule
from grammar.rfc5234 import alpha, digit

__all__ = ["alphanum", "language_range"]

_S = "RFC 4647 §"

alphanum = rule("alphanum = ALPHA / DIGIT", _S + "2.1", alpha | digit)
# `1*8ALPHA` and `1*8alphanum` are greedy: they stop at "-" or the end (the next subtag or
# nothing), or -- past 8 characters -- where the ABNF fails too. "*" cannot begin a subtag, so
# the two alternatives are disjoint.
language_range = rule(
    'language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"',
    _S + "2.1",
    rep(alpha, 1, 8) + rep(lit("-") + rep(alphanum, 1, 8)) | lit("*"),
)
