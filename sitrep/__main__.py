"""`python -m sitrep`: the same command line as the `sitrep` script."""

import sys

from .cli import main

sys.exit(main())
