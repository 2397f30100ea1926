"""`sitrep check`: load, check and report, without importing what rendering needs (so `check` starts fast)."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import load, model, quotes
from .check import Kept, check
from .model.kinds import KINDS
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


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector off while a project is loaded and checked, back on after.

    Loading builds hundreds of thousands of acyclic objects (YAML nodes, values, models) that all stay alive, and
    the collector, run every few hundred allocations, walks them again and again for nothing: at 10,000 events it
    was half of the check's time. Reference counting still frees what is dropped; a cycle left behind is collected
    once the collector is back. It is only turned on again if it was on (a caller that turned it off keeps it off).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    return ", ".join(plural(len(getattr(project, kind.name)), kind.singular) for kind in KINDS.values())
