"""Entry point: ``python -m conformance --help``."""

import sys

from conformance.cli import main

sys.exit(main())
