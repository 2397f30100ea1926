"""Entry point from a source checkout: `python build.py [--project DIR] [--out DIR] [check|build|serve]` (as `sitrep`).

Run by a Python that lacks sitrep's packages (a system `python3`), it runs itself with the checkout's own environment,
`.venv`, made on first use as the README's Quickstart makes it.
"""

import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENV_PYTHON = HERE / ".venv" / "bin" / "python"
TRIED = "SITREP_BUILD_IN_ITS_ENV"  # set once build.py has moved to .venv: it never moves twice


def has_packages() -> bool:
    """Whether this Python has sitrep installed with every package it needs (the test extras aside)."""
    try:
        needed = metadata.requires("sitrep") or []
    except metadata.PackageNotFoundError:
        return False
    for requirement in needed:
        if "extra ==" in requirement:
            continue
        try:
            metadata.distribution(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])
        except metadata.PackageNotFoundError:
            return False
    return True


def make_env() -> bool:
    """Make `.venv` with sitrep installed in it (editable); False, with what went wrong said, if that failed."""
    print(f"setting up sitrep's environment in {HERE / '.venv'} (once; about a minute)...", file=sys.stderr)
    for command in (
        [sys.executable, "-m", "venv", str(HERE / ".venv")],
        [str(ENV_PYTHON), "-m", "pip", "install", "-q", "-e", str(HERE)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip() or f"exit status {done.returncode}").splitlines()[-1]
            print(f"error: `{' '.join(command)}` failed: {said}", file=sys.stderr)
            return False
    return True


if __name__ == "__main__":
    if not has_packages() and TRIED not in os.environ and (ENV_PYTHON.exists() or make_env()):
        os.environ[TRIED] = "1"
        os.execv(ENV_PYTHON, [str(ENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])  # noqa: S606 - no shell: this script again
    from sitrep.cli import main  # without the packages, it names the one missing and how to install it

    sys.exit(main())
