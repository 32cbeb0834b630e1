"""The C half of the standard library's abc module: only what h11pc uses."""

def _abc_init(cls: type, /) -> None:
    """Give the ABC ``cls`` its own registry and cache, as ABCMeta.__new__ does."""
