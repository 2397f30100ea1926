"""`sitrep check`: load, check and report, without importing what rendering needs (so `check` starts fast)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import load
from .check import check
from .problems import Problem, summary


def report(problems: list[Problem], strict: bool) -> bool:
    """Print problems to stderr; True when the project may go on (no errors, no warnings under --strict)."""
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    failing = [p for p in problems if p.severity == "error" or strict]
    if failing:
        print(f"check failed: {summary(problems)}", file=sys.stderr)
    elif problems:
        print(f"{summary(problems)} (warnings fail the check only with --strict)", file=sys.stderr)
    return not failing


def load_and_check(project_dir: Path, cache: load.ParseCache | None = None) -> tuple[load.Loaded, list[Problem]]:
    loaded = load.load_project(project_dir, cache)
    return loaded, check(loaded)


def run_check(project_dir: Path, strict: bool = False, quiet: bool = False) -> int:
    started = time.perf_counter()
    loaded, problems = load_and_check(project_dir)
    if not report(problems, strict):
        return 1
    if not quiet:
        p = loaded.project
        counts = ", ".join(
            f"{len(getattr(p, name))} {name}"
            for name in (
                "sources",
                "actors",
                "places",
                "events",
                "judgments",
                "assumptions",
                "scenarios",
                "indicators",
                "briefings",
            )
        )
        print(f"check passed: {counts} ({time.perf_counter() - started:.2f} s)")
    return 0
