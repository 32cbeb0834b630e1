"""Loaders for external test suites, turned into :class:`~conformance.model.Case` values.

Their verdicts are the suites' own (basis ``CORPUS``): the report shows how far each
implementation agrees with them, beside -- never mixed with -- the RFC-keyed cases.
"""
