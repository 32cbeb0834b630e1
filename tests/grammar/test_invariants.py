"""The invariants every rule of the grammar keeps (one definition, three projections).

* Everything a rule's strategy generates, the rule parses -- value included.
* For every regular rule, the parser and the pattern (both PEG) accept exactly the same
  inputs, valid and mutated: the hot path and the explaining parser never disagree.
* ... and both accept exactly what the rule's tree accepts read as ABNF (a backtracking regex
  that searches every choice, on short inputs). This is what proves the deterministic
  rewrites equivalent to the tree they are built from; the oracle tests of each RFC module
  prove the tree equivalent to the RFC's text.
* What the parser takes in fewer steps than parsy's combinators parses as they would -- the
  same value, end and failure: a rule that is one regex step (a named run of octets, an
  alias of one), a concatenation (one regex step when its items are), a repetition of such
  a concatenation (regex passes), an option.
* Every pattern runs in linear time: its CPU time on adversarial inputs grows with their size
  as a linear match's does (:mod:`tests.linear_time`).
"""

from __future__ import annotations

from typing import Any

import parsy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grammar.abnf import (
    Node,
    Opt,
    Rep,
    Rule,
    Seq,
    alt,
    compile_pattern,
    lit,
    octets,
    opt,
    rep,
    seq,
    walk,
)
from tests.grammar.oracle import short_inputs
from tests.grammar.support import (
    Verdict,
    all_rules,
    alphabet,
    is_alias,
    mutated,
    rule_id,
    shortest,
    verdict,
)
from tests.linear_time import assert_linear_match

RULES = [r for r in all_rules() if not is_alias(r)]
REGULAR = [r for r in RULES if r.compiled is not None]


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
@given(data=st.data())
def test_strategy_inputs_parse(rule: Rule[Any], data: st.DataObject) -> None:
    sample = data.draw(rule.strategy(), label="input")
    rule.parse(sample)
    if rule.compiled is not None:
        assert rule.compiled.fullmatch(sample), "pattern rejects what the strategy made"


@pytest.mark.parametrize("rule", REGULAR, ids=rule_id)
@given(data=st.data())
def test_parser_and_pattern_accept_the_same_inputs(rule: Rule[Any], data: st.DataObject) -> None:
    sample = data.draw(mutated(rule.strategy()), label="input")
    assert rule.compiled is not None
    matched = rule.compiled.fullmatch(sample) is not None
    judged = verdict(rule, sample)
    if judged is Verdict.MEANINGLESS:
        assert matched, "a value was rejected although the syntax did not match"
    else:
        assert matched == (judged is Verdict.ACCEPT)


@pytest.mark.parametrize("rule", REGULAR, ids=rule_id)
@given(data=st.data())
def test_peg_reading_accepts_what_the_abnf_reading_accepts(
    rule: Rule[Any], data: st.DataObject
) -> None:
    # Short inputs: the ABNF reading backtracks, exponentially at worst.
    sample = data.draw(short_inputs(rule), label="input")
    assert rule.compiled is not None and rule.abnf_compiled is not None
    as_abnf = rule.abnf_compiled.fullmatch(sample) is not None
    assert (rule.compiled.fullmatch(sample) is not None) == as_abnf


# One-octet alternatives under a repetition are matched as runs where no other alternative
# can begin with their octets: `*( "a" / "ac" )` cannot, as "ac" begins with "a".
RUNS = {
    "runs": seq(rep(alt(octets(b"ab", "ab"), lit("%1"), octets(b"c", "c"))), lit("%")),
    "nested": rep(alt(alt(octets(b"a", "a"), lit("%1")), octets(b"b", "b")), 1),
    "shadowed": seq(rep(alt(lit("ac"), octets(b"a", "a"))), lit("c")),
    "unknown start": seq(rep(alt(octets(b"a", "a"), seq(opt(lit("b")), lit("c")))), lit("b")),
}


@pytest.mark.parametrize("name", RUNS)
@given(sample=st.lists(st.sampled_from([b"a", b"b", b"c", b"%", b"1", b"ac"]), max_size=8))
def test_runs_of_one_octet_alternatives_choose_as_the_parser(
    name: str, sample: list[bytes]
) -> None:
    data = b"".join(sample)
    try:
        (RUNS[name].parser() << parsy.eof).parse(data)
    except parsy.ParseError:
        parsed = False
    else:
        parsed = True
    assert (compile_pattern(RUNS[name]).fullmatch(data) is not None) == parsed


def test_runs_are_taken_where_no_other_alternative_begins_with_their_octets() -> None:
    run = b"]++|"
    assert run in compile_pattern(RUNS["runs"]).pattern
    assert run in compile_pattern(RUNS["nested"]).pattern
    assert run not in compile_pattern(RUNS["shadowed"]).pattern
    assert run not in compile_pattern(RUNS["unknown start"]).pattern
    # RFC 3986's reg-name: unreserved and sub-delims in runs, pct-encoded between them.
    from grammar.rfc3986 import reg_name

    assert reg_name.compiled is not None
    assert reg_name.compiled.pattern.count(run) == 1


def test_a_recursive_rule_has_no_pattern() -> None:
    from grammar import rfc9110

    assert rfc9110.comment.pattern is None
    assert rfc9110.user_agent.pattern is None
    assert rfc9110.comment.parse(b"(a (nested \\) one) b)").text == b"a (nested ) one) b"


# -- linear time ---------------------------------------------------------------------------


def pieces(rule: Rule[Any]) -> list[bytes]:
    """Short strings whose repetition stresses ``rule``'s pattern: whitespace and separators
    (runs a regex can split between adjacent repetitions) and a few of the rule's octets."""
    octets = alphabet(rule)
    spread = {octets[0], octets[-1], octets[len(octets) // 2]} if octets else set()
    letter = bytes((octets[len(octets) // 2],)) if octets else b"a"
    shapes = [b" ", b"\t", b" \t", b",", b";", b", ", b"; ", b"=", b"/", b".", b":"]
    return [bytes((octet,)) for octet in sorted(spread)] + shapes + [letter + b" ", letter + b","]


def assert_pattern_linear(rule: Rule[Any], prefix: bytes) -> None:
    """``prefix`` then each piece repeated, then NUL: the CPU time of a match grows with
    the input as a linear match's does."""
    assert rule.compiled is not None
    for piece in pieces(rule):
        assert_linear_match(rule.compiled, prefix, piece, b"\x00", name=rule.name)


@pytest.mark.parametrize("rule", REGULAR, ids=rule_id)
def test_pattern_runs_in_linear_time_after_its_shortest_input(rule: Rule[Any]) -> None:
    assert_pattern_linear(rule, b"")
    assert_pattern_linear(rule, shortest(rule))


@pytest.mark.parametrize("rule", REGULAR, ids=rule_id)
@settings(max_examples=2)
@given(data=st.data())
def test_pattern_runs_in_linear_time_after_valid_inputs(
    rule: Rule[Any], data: st.DataObject
) -> None:
    assert_pattern_linear(rule, data.draw(rule.strategy(), label="prefix"))


LEAVES = [r for r in all_rules() if r.leaf_source() is not None]


def _outcome(parse: Any, data: bytes) -> tuple[Any, ...]:
    result = parse(data, 0)
    return (result.status, result.index, result.value, result.furthest, result.expected)


def test_some_rules_parse_in_one_regex_step() -> None:
    # The named layers over a run of octets (RFC 9112's BWS is RFC 9110's, which is OWS).
    assert {"BWS", "OWS", "token", "obs-text"} <= {r.name for r in LEAVES}
    assert len(LEAVES) < len(all_rules())


@pytest.mark.parametrize("rule", LEAVES, ids=rule_id)
@given(data=st.data())
def test_a_rule_parsed_in_one_step_parses_as_its_wrapper(
    rule: Rule[Any], data: st.DataObject
) -> None:
    # Its value, its end, and its failure (index, and what it says was expected) are the
    # general wrapper's, on valid input and mutated.
    sample = data.draw(mutated(rule.strategy()) | rule.strategy(), label="input")
    assert _outcome(rule._build(), sample) == _outcome(rule._wrapped(), sample)


def _taken_in_regex_steps() -> list[Node[Any]]:
    """The expressions of the grammar whose parser is not parsy's combinator, each once:
    every concatenation (of one-step items it is one regex step; named, its value is picked
    in one call), every unbounded repetition of a concatenation of one-step items (``*( 1*(
    SP / HTAB ) 1*field-vchar )``: regex passes), every option (one call)."""
    found: dict[int, Node[Any]] = {}
    for top in all_rules():
        for node in walk(top):
            repeated = node.item if isinstance(node, Rep) and node.most is None else None
            chained = isinstance(repeated, Seq) and repeated.step_sources() is not None
            if isinstance(node, Seq | Opt) or chained:
                found[id(node)] = node
    return list(found.values())


def _step_by_step(node: Node[Any]) -> parsy.Parser[Any]:
    """``node``'s parser as parsy's combinators alone make it over its items' parsers: a
    step per item and per repetition."""
    if isinstance(node, Rep):
        return _step_by_step(node.item).at_least(node.least)
    if isinstance(node, Opt):
        return node.item.parser().optional()
    assert isinstance(node, Seq)
    steps = parsy.seq(*(item.parser() for item in node.items))
    shape = node.shape()
    return steps if shape is None else steps.map(shape)


TAKEN = _taken_in_regex_steps()


def test_the_grammar_has_expressions_of_each_kind_taken_in_fewer_steps() -> None:
    assert {type(node) for node in TAKEN} == {Seq, Rep, Opt}
    assert any(isinstance(node, Seq) and node.step_sources() for node in TAKEN)


@pytest.mark.parametrize("node", TAKEN, ids=lambda node: node.describe()[:60])
@settings(max_examples=15)
@given(data=st.data())
def test_parsed_as_parsys_steps_would(node: Node[Any], data: st.DataObject) -> None:
    # The value, the end, and the failure recorded (where, and what was expected) are the
    # step-by-step parser's, on valid input, mutated, and followed by more.
    valid = node.strategy()
    sample = data.draw(mutated(valid) | valid | st.tuples(valid, mutated(valid)).map(b"".join))
    assert _outcome(node.parser(), sample) == _outcome(_step_by_step(node), sample)
