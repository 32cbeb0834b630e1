"""The ABNF of HTTP as parsy combinators: RFC 9112 and RFC 9110, with the RFC 5234 core rules
and the RFC 3986 URI rules they import (and the RFC 4647, 5646 and 5322 rules RFC 9110 names).

One module per RFC; every rule is a module-level :class:`grammar.abnf.Rule` -- a
``parsy.Parser`` over ``bytes`` that also has a compiled ``pattern`` and a hypothesis
``strategy()``. Values are described in :mod:`grammar.values`.

>>> from grammar.rfc9110 import media_type
>>> media_type.parse(b"text/html; charset=utf-8")
MediaType(type=b'text', subtype=b'html', parameters=((b'charset', b'utf-8'),))
"""
