"""Entry point for ``python -m bench.e2e``."""

import sys

from bench.e2e.cli import main

sys.exit(main())
