"""The version of h11pc, and the product token it names itself by (RFC 9110 §10.1.5)."""

__version__ = "0.1.0"
PRODUCT_ID = "python-h11pc/" + __version__
