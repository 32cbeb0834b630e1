"""RFC 5322 §3.2.1-§3.4.1: the ``mailbox`` HTTP's ``From`` field imports, and what it needs.

Strategy: the rules in RFC order, except that §3.4.1 (``addr-spec``) comes before §3.4
(``mailbox``), which uses it, and ``ccontent`` refers to ``comment`` (defined after it) by a
function. Rules of these sections that ``mailbox`` does not reach (``specials``,
``unstructured``, ``group`` and the lists of §3.4) are not written.

**Obsolete syntax is omitted.** RFC 5322 §4 adds ``obs-*`` alternatives to nine of these
rules (``obs-qp``, ``obs-FWS``, ``obs-ctext``, ``obs-qtext``, ``obs-phrase``,
``obs-angle-addr``, ``obs-local-part``, ``obs-domain``, ``obs-dtext``): control characters,
source routes, dotted phrases, CFWS around the dots of an address. §4 says they must be
accepted when reading a mail message but never generated; HTTP's ``From`` field carries no
such legacy, and they make the grammar ambiguous throughout (``obs-local-part`` overlaps
``dot-atom``, ``obs-phrase`` overlaps the ``addr-spec`` a mailbox may be). Those rules are
written without their ``/ obs-...`` alternative, and their :attr:`~grammar.abnf.Rule.abnf`
text is the RFC's definition with that alternative removed, so that the text states the
language the rule accepts.

One rule is rewritten for a PEG parser: ``FWS`` (its optional part, once matched, would not
be given back), noted where it stands. The others are deterministic as written: after an
optional CFWS the alternatives of ``word``, ``local-part`` and ``domain`` differ in their
first character, every repetition stops at a character its item cannot start with, and two
adjacent CFWS split where the ABNF splits them (see ``CFWS``).

``comment`` nests, so it and every rule that reaches it (``CFWS`` and all above it) have no
pattern; ``quoted-pair``, ``FWS``, ``ctext``, ``atext``, ``dot-atom-text``, ``qtext``,
``qcontent`` and ``dtext`` do.
"""

from __future__ import annotations

from grammar.abnf import Rule, exact, identity, lit, octet_range, octets, opt, rep, rule, seq
from grammar.rfc5234 import alpha, crlf, digit, dquote, vchar, wsp
from grammar.values import Mailbox

__all__ = [
    "addr_spec",
    "angle_addr",
    "atext",
    "atom",
    "ccontent",
    "cfws",
    "comment",
    "ctext",
    "display_name",
    "domain",
    "domain_literal",
    "dot_atom",
    "dot_atom_text",
    "dtext",
    "fws",
    "local_part",
    "mailbox",
    "name_addr",
    "phrase",
    "qcontent",
    "qtext",
    "quoted_pair",
    "quoted_string",
    "word",
]

_S = "RFC 5322 §"

# --- §3.2.1 Quoted characters ---------------------------------------------------------------

# Without `/ obs-qp` (a backslash before NUL, CR, LF or another control).
quoted_pair = rule('quoted-pair = ("\\" (VCHAR / WSP))', _S + "3.2.1", exact(b"\\") + (vchar | wsp))

# --- §3.2.2 Folding white space and comments ------------------------------------------------

# Without `/ obs-FWS`. As written, `[*WSP CRLF] 1*WSP`: a PEG parser that took the optional
# `*WSP CRLF` of " \r\n" would not give it back when no WSP follows, and fail where the ABNF
# matches " ". Same language, with the optional part the one that can be given back:
# WSP* CRLF WSP+ is either WSP+ CRLF WSP+ (first alternative) or CRLF WSP+ (second), and
# WSP+ alone is the first alternative without its option.
fws = rule(
    "FWS = ([*WSP CRLF] 1*WSP)",
    _S + "3.2.2",
    rep(wsp, 1) + opt(crlf + rep(wsp, 1)) | crlf + rep(wsp, 1),
)
# Without `/ obs-ctext` (control characters).
ctext = rule(
    "ctext = %d33-39 / %d42-91 / %d93-126",
    _S + "3.2.2",
    octet_range(33, 39) | octet_range(42, 91) | octet_range(93, 126),
)
# `comment` is defined below; the function defers the reference (the rules are recursive).
ccontent = rule(
    "ccontent = ctext / quoted-pair / comment",
    _S + "3.2.2",
    lambda: ctext | quoted_pair | comment,
)
# Each `[FWS] ccontent` that finds no ccontent after its FWS is given back whole by the
# repetition, and the FWS is then read as the closing `[FWS]`: no ccontent starts with WSP or
# CR, so the PEG parser splits the comment as the ABNF does.
comment: Rule[bytes] = rule(
    'comment = "(" *([FWS] ccontent) [FWS] ")"',
    _S + "3.2.2",
    lit("(") + rep(opt(fws) + ccontent) + opt(fws) + lit(")"),
)
# Deterministic as written: the first alternative needs a comment, and FWS alone is tried
# only when there is none. Two CFWS side by side (the end of one word and the start of the
# next, a display-name and its angle-addr) are, to the ABNF, runs of FWS and comments in
# which one run of white space may hold two line breaks -- one FWS ending the first CFWS, one
# starting the second. The greedy first CFWS reads up to that run and takes its first FWS
# (an FWS holds one CRLF), leaving "CRLF 1*WSP ..." to the second: the ABNF's split.
cfws = rule(
    "CFWS = (1*([FWS] comment) [FWS]) / FWS",
    _S + "3.2.2",
    rep(opt(fws) + comment, 1) + opt(fws) | fws,
)

# --- §3.2.3 Atom ----------------------------------------------------------------------------

atext = rule(
    'atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "\'" / "*" / "+" / "-" / "/" / "="'
    ' / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"',
    _S + "3.2.3",
    alpha | digit | octets(b"!#$%&'*+-/=?^_`{|}~", "atext specials"),
)
atom = rule("atom = [CFWS] 1*atext [CFWS]", _S + "3.2.3", opt(cfws) + rep(atext, 1) + opt(cfws))
# The greedy `1*atext` stops at "." or a character that is no atext; a "." not followed by
# atext is given back with its iteration.
dot_atom_text = rule(
    'dot-atom-text = 1*atext *("." 1*atext)',
    _S + "3.2.3",
    rep(atext, 1) + rep(lit(".") + rep(atext, 1)),
)
dot_atom = rule(
    "dot-atom = [CFWS] dot-atom-text [CFWS]", _S + "3.2.3", opt(cfws) + dot_atom_text + opt(cfws)
)

# --- §3.2.4 Quoted strings ------------------------------------------------------------------

# Without `/ obs-qtext` (control characters).
qtext = rule(
    "qtext = %d33 / %d35-91 / %d93-126",
    _S + "3.2.4",
    exact(b"!") | octet_range(35, 91) | octet_range(93, 126),
)
qcontent = rule("qcontent = qtext / quoted-pair", _S + "3.2.4", qtext | quoted_pair)
# As `comment`: no qcontent starts with WSP or CR, nor is DQUOTE.
quoted_string = rule(
    "quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]",
    _S + "3.2.4",
    opt(cfws) + dquote + rep(opt(fws) + qcontent) + opt(fws) + dquote + opt(cfws),
)

# --- §3.2.5 Miscellaneous tokens ------------------------------------------------------------

# After its optional CFWS, an atom starts with atext and a quoted-string with DQUOTE: when
# `atom` fails, `quoted-string` reads the CFWS again.
word = rule("word = atom / quoted-string", _S + "3.2.5", atom | quoted_string)
# Without `/ obs-phrase` (words separated by "." or by CFWS alone).
phrase = rule("phrase = 1*word", _S + "3.2.5", rep(word, 1))

# --- §3.4.1 Addr-Spec Specification (before §3.4, which uses it) ----------------------------

# Without `/ obs-dtext` (control characters and quoted-pairs).
dtext = rule("dtext = %d33-90 / %d94-126", _S + "3.4.1", octet_range(33, 90) | octet_range(94, 126))
# As `comment`: no dtext starts with WSP or CR, nor is "]".
domain_literal = rule(
    'domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]',
    _S + "3.4.1",
    opt(cfws) + lit("[") + rep(opt(fws) + dtext) + opt(fws) + lit("]") + opt(cfws),
)
# Without `/ obs-domain` (atoms joined by "." with CFWS around the dots).
domain = rule("domain = dot-atom / domain-literal", _S + "3.4.1", dot_atom | domain_literal)
# Without `/ obs-local-part` (words, quoted or not, joined by ".").
local_part = rule("local-part = dot-atom / quoted-string", _S + "3.4.1", dot_atom | quoted_string)
addr_spec = rule('addr-spec = local-part "@" domain', _S + "3.4.1", local_part + lit("@") + domain)

# --- §3.4 Address Specification -------------------------------------------------------------

display_name = rule("display-name = phrase", _S + "3.4", phrase)
# Without `/ obs-angle-addr` (a source route before the addr-spec). Value: the addr-spec's
# bytes, without the angle brackets and the CFWS around them.
angle_addr: Rule[bytes] = rule(
    'angle-addr = [CFWS] "<" addr-spec ">" [CFWS]',
    _S + "3.4",
    seq(_open=opt(cfws) + lit("<"), address=addr_spec, _close=lit(">") + opt(cfws)),
    identity,
)
# The display-name's last word takes the CFWS before "<" (its `[CFWS]` is greedy); the
# angle-addr's leading `[CFWS]` then matches nothing, or the second half of a run of white
# space with two line breaks (see `CFWS`).
name_addr = rule(
    "name-addr = [display-name] angle-addr",
    _S + "3.4",
    seq(display_name=opt(display_name), address=angle_addr),
    Mailbox,
)


def _mailbox(value: Mailbox | bytes) -> Mailbox:
    return value if isinstance(value, Mailbox) else Mailbox(address=value)


# A name-addr always holds a "<" outside comments and quoted strings, and an addr-spec never
# does: at most one alternative matches, so PEG order is safe. When `name-addr` fails,
# `addr-spec` reads the input again.
mailbox = rule("mailbox = name-addr / addr-spec", _S + "3.4", name_addr | addr_spec, _mailbox)
"""RFC 5322 §3.4: ``Mailbox(address=<addr-spec bytes>, display_name=<display-name bytes>)``.

Both are the bytes their rules matched, comments and white space included: the display name
of ``John Doe <jdoe@machine.example>`` is ``b"John Doe "`` (the space before "<" belongs to
the display name's last atom), its address ``b"jdoe@machine.example"``.
"""
