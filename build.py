"""Entry point: `python build.py [--project DIR] [--out DIR] [check|build|serve]` (same as `sitrep`)."""

import sys

from sitrep.cli import main

if __name__ == "__main__":
    sys.exit(main())
