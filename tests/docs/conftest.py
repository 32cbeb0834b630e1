"""The docs' Sphinx extensions live in docs/_ext, which Sphinx puts on sys.path; so do we."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))
