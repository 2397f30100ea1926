"""`sitrep check`: load, check and report, without importing what rendering needs (so `check` starts fast)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import load, model, quotes
from .check import Kept, check
from .cycles import collection_paused
from .model.kinds import item_counts
from .problems import Problem, plural, summary
from .select import View


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


def load_and_check(
    project_dir: Path,
    cache: load.ParseCache | None = None,
    views: dict[str, View] | None = None,
    matches: quotes.Matches | None = None,
    made: load.MadeCache | None = None,
    kept: Kept | None = None,
) -> tuple[load.Loaded, list[Problem]]:
    """The project and its problems; `cache` keeps parsed files across calls and `made` what each file made on its
    own (see `load_project`), `views` receives the editions' views, `matches` keeps quote matches across calls (each
    dropped once its text is no longer the project's) and `kept` what the checks read in each text (see `Kept`)."""
    with collection_paused():
        loaded = load.load_project(project_dir, cache, made)
        if matches is not None:
            matches.keep_only(loaded.project.texts.values())
        return loaded, check(loaded, views, matches, kept)


def run_check(project_dir: Path, strict: bool = False, quiet: bool = False) -> int:
    started = time.perf_counter()
    loaded, problems = load_and_check(project_dir)
    if not report(problems, strict):
        return 1
    if not quiet:
        print(f"check passed: {counts(loaded.project)} ({time.perf_counter() - started:.2f} s)")
    return 0


def counts(project: model.Project) -> str:
    """'1 source, 5 actors, 2 places, ...': how much a project holds, in words that read right."""
    return ", ".join(plural(count, kind.singular) for kind, count in item_counts(project).items())
