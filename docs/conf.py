"""Sphinx configuration: Markdown pages (MyST), the API from docstrings, the grammar reference
generated from the grammar package (``_ext/grammar_reference.py``). Everything builds offline:
no intersphinx, no CDN assets (furo ships its own)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from h11pc import __version__  # noqa: E402 -- after the path set-up

project = "h11pc"
author = "the h11pc authors"
copyright = "the h11pc authors, MIT licence"
release = version = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "grammar_reference",
    "readme_sections",
]
# Guides are Markdown; the grammar reference pages are reST, the language its directives write.
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
root_doc = "index"

myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True}
python_use_unqualified_type_names = True
# Links to h11pc's own objects resolve; Python's and parsy's do not exist offline.
nitpicky = False

html_theme = "furo"
html_title = f"h11pc {release}"
html_static_path: list[str] = []
