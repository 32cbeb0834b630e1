"""RFC 5646 §2.1: the language tag HTTP's ``Content-Language`` imports.

Strategy: every rule of §2.1, defined before it is used (the RFC's order read from the end,
``alphanum`` first and ``Language-Tag`` last). A tag is subtags joined by "-", and the ABNF
tells them apart by their length alone: ``3ALPHA`` is an extlang, ``4ALPHA`` a script,
``5*8alphanum`` a variant. A PEG parser, which commits to the first alternative that matches
and never looks past it, takes the first three letters of "abcd" as an extlang, or the script
"abcd" of the variant "abcde", and then fails. Four rules are therefore rewritten, each noted
where it stands:

* ``language`` -- its alternatives tried longest first;
* ``regular`` -- "zh-min-nan" tried before its prefix "zh-min";
* ``langtag`` -- written as the automaton its subtags run through: after each subtag, one
  alternation of every kind of subtag that may come next, longest first, each followed by
  what may follow it. A shorter kind then matches only when no longer kind could, so each
  subtag is read whole;
* ``Language-Tag`` -- the grandfathered tags that are (``regular``) or overlap (four of
  ``irregular``) a langtag are folded into it.

Every rule keeps a pattern; the rewritten forms keep the patterns linear-time (every subtag
of a tag has one reading, so a failing match backtracks a bounded amount at each subtag).
"""

from __future__ import annotations

from grammar.abnf import Node, alt, lit, octet_range, opt, rep, rule, seq, times
from grammar.rfc5234 import alpha, digit

__all__ = [
    "alphanum",
    "extension",
    "extlang",
    "grandfathered",
    "irregular",
    "langtag",
    "language",
    "language_tag",
    "privateuse",
    "region",
    "regular",
    "script",
    "singleton",
    "variant",
]

_S = "RFC 5646 §"
_DASH = lit("-")

alphanum = rule("alphanum = (ALPHA / DIGIT)", _S + "2.1", alpha | digit)

# --- subtags --------------------------------------------------------------------------------

extlang = rule(
    'extlang = 3ALPHA *2("-" 3ALPHA)',
    _S + "2.1",
    times(3, alpha) + rep(_DASH + times(3, alpha), 0, 2),
)
# RFC order is `2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA`: a PEG parser would take "abc" of
# "abcd" by the first alternative and stop. The alternatives are disjoint in the length of
# their first subtag, so trying them longest first is the same language, and each one that
# matches has read its whole run of letters.
language = rule(
    'language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA',
    _S + "2.1",
    rep(alpha, 5, 8) | times(4, alpha) | rep(alpha, 2, 3) + opt(_DASH + extlang),
)
script = rule("script = 4ALPHA", _S + "2.1", times(4, alpha))
region = rule("region = 2ALPHA / 3DIGIT", _S + "2.1", times(2, alpha) | times(3, digit))
# Already longest first: `5*8alphanum` fails on a 4-character subtag, which the second
# alternative then reads whole.
variant = rule(
    "variant = 5*8alphanum / (DIGIT 3alphanum)",
    _S + "2.1",
    rep(alphanum, 5, 8) | digit + times(3, alphanum),
)
singleton = rule(
    "singleton = DIGIT / %x41-57 / %x59-5A / %x61-77 / %x79-7A",
    _S + "2.1",
    alt(
        digit,
        octet_range(0x41, 0x57),
        octet_range(0x59, 0x5A),
        octet_range(0x61, 0x77),
        octet_range(0x79, 0x7A),
    ),
)
# A singleton is one character and must be followed by "-": an extension never matches part
# of a longer subtag, so the repetitions below need no rewrite.
extension = rule(
    'extension = singleton 1*("-" (2*8alphanum))',
    _S + "2.1",
    singleton + rep(_DASH + rep(alphanum, 2, 8), 1),
)
privateuse = rule(
    'privateuse = "x" 1*("-" (1*8alphanum))',
    _S + "2.1",
    lit("x") + rep(_DASH + rep(alphanum, 1, 8), 1),
)

# --- grandfathered tags ---------------------------------------------------------------------

_IRREGULAR = (
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
)
irregular = rule(
    "irregular = " + " / ".join(f'"{tag}"' for tag in _IRREGULAR),
    _S + "2.1",
    alt(*(lit(tag) for tag in _IRREGULAR)),
)
_REGULAR = (
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
)
# "zh-min" is a prefix of "zh-min-nan": the tags are tried longest first. Same set of strings.
regular = rule(
    "regular = " + " / ".join(f'"{tag}"' for tag in _REGULAR),
    _S + "2.1",
    alt(*(lit(tag) for tag in sorted(_REGULAR, key=len, reverse=True))),
)
# No irregular tag is a prefix of a regular one, nor the reverse.
grandfathered = rule("grandfathered = irregular / regular", _S + "2.1", irregular | regular)

# --- langtag --------------------------------------------------------------------------------

# `language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]` read
# left to right by a PEG parser fails whenever an earlier optional subtag matches the start of
# a later, longer one: the script "abcd" of the variant "en-abcde", the region "ab" of the
# variant "de-CH-abcde", the extlang "abc" of the script "zh-abcd", the region "12" ... of
# "en-1234". The rewrite below is the automaton of the same language. Its states are what may
# still come; in each, one alternation offers every kind of subtag allowed next, longest first,
# and follows it with the state it leads to. Two kinds allowed in one state never match the
# same whole subtag (they differ in length or in letters/digits), and a kind that matches only
# the start of a subtag has been tried after every longer kind: such a match fails the tag, as
# it does under the ABNF, which has no kind for that subtag either.

# After a region or a variant: more variants, then extensions, then a private use part.
# Extensions and the private use part start with a one-character subtag and a "-", so they
# cannot take part of a variant.
_AFTER_REGION = seq(
    rep(seq(_DASH, variant)), rep(seq(_DASH, extension)), opt(seq(_DASH, privateuse))
)
# After a script: a region or the first variant (variant first: "123" is the start of "1234").
_AFTER_SCRIPT = seq(opt(seq(_DASH, alt(variant, region))), _AFTER_REGION)
# After a language that can take no (more) extlang: a script, a region or the first variant.
_AFTER_LANGUAGE = alt(
    seq(_DASH, variant, _AFTER_REGION),
    seq(_DASH, script, _AFTER_SCRIPT),
    seq(_DASH, region, _AFTER_REGION),
    _AFTER_REGION,
)


def _after_short_language(extlangs: int) -> Node:
    """After `2*3ALPHA` and ``3 - extlangs`` extlang subtags (`extlang` holds at most 3)."""
    if extlangs == 0:
        return _AFTER_LANGUAGE
    return alt(
        seq(_DASH, variant, _AFTER_REGION),
        seq(_DASH, script, _AFTER_SCRIPT),
        seq(_DASH, times(3, alpha), _after_short_language(extlangs - 1)),
        seq(_DASH, region, _AFTER_REGION),
        _AFTER_REGION,
    )


langtag = rule(
    'langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]',
    _S + "2.1",
    # `language` is `4*8ALPHA / 2*3ALPHA ["-" extlang]`, longest first as in `language`.
    alt(seq(rep(alpha, 4, 8), _AFTER_LANGUAGE), seq(rep(alpha, 2, 3), _after_short_language(3))),
)

# --- Language-Tag ---------------------------------------------------------------------------

# Every regular tag is a langtag (art-lojban: language and variant; no-bok, zh-min-nan:
# language and extlangs), so `grandfathered` adds only the irregular tags. Four of those
# overlap langtags: "en-GB" and "sgn-BE" are langtags, so "en-GB-oed" is a PEG langtag's
# prefix match, and "en-GB-oedxy" (variant "oedxy") a langtag that the irregular literal
# would cut short. Their common prefix is factored out: the irregular tag, optionally
# followed by the rest of a 5 to 8 character variant and what may follow a variant. The other
# irregular tags start "i-", which no langtag or privateuse does.
_IRREGULAR_OR_LANGTAG = alt(
    seq(lit("en-GB-oed"), opt(seq(rep(alphanum, 2, 5), _AFTER_REGION))),
    seq(
        alt(lit("sgn-BE-FR"), lit("sgn-BE-NL"), lit("sgn-CH-DE")),
        opt(seq(rep(alphanum, 3, 6), _AFTER_REGION)),
    ),
)
# A langtag starts with two letters, a privateuse with "x-": disjoint.
language_tag = rule(
    "Language-Tag = langtag / privateuse / grandfathered",
    _S + "2.1",
    alt(_IRREGULAR_OR_LANGTAG, langtag, privateuse, irregular),
)
