"""The command line as a user meets it: run from a folder by a Python that lacks what sitrep needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, ROOT

# build.py run by a Python without nh3 (the Markdown sanitiser), as a system Python is before the install
WITHOUT_NH3 = (
    "import runpy, sys; sys.modules['nh3'] = None; sys.argv[0] = 'build.py'; runpy.run_path('build.py', run_name='__main__')"
)


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_python_without_sitreps_packages_says_how_to_install_them(command: str, tmp_path: Path) -> None:
    """No traceback: the missing package, the Python that lacks it, and the two commands of the Quickstart."""
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_NH3, "--project", str(MINI), "--out", str(tmp_path), "--quiet", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"error: sitrep needs the Python package 'nh3', and this Python ({sys.executable}) does not have it\n"
        "    fix: install sitrep with what it needs, then run it with that Python: in the sitrep folder, "
        "`python3 -m venv .venv && .venv/bin/pip install -e .`, then `.venv/bin/python build.py ...`\n"
    )
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_build_py_run_by_a_python_without_sitrep_runs_in_the_checkouts_environment(tmp_path: Path) -> None:
    """`python3 build.py check` with a bare Python (none of sitrep's packages): it moves to the checkout's .venv (the
    Quickstart's) and checks, as `sitrep check` does."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "bare")], check=True)
    bare = tmp_path / "bare" / "bin" / "python"
    assert subprocess.run([bare, "-c", "import nh3"], capture_output=True, check=False).returncode == 1
    done = subprocess.run(
        [bare, str(ROOT / "build.py"), "--project", str(MINI), "check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("check passed: ")
    assert done.stderr == ""
