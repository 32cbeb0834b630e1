"""Entry point for ``python -m peers``."""

import sys

from peers.cli import main

sys.exit(main())
