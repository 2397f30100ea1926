"""The pipeline in one place: load → check → select → render → write; nothing is written until everything checks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import checks, loading
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


def load_and_check(project_dir: Path) -> tuple[loading.Loaded, list[Problem]]:
    loaded = loading.load_project(project_dir)
    return loaded, checks.check(loaded)


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


def run_build(project_dir: Path, out: Path, strict: bool = False, quiet: bool = False) -> int:
    """Check, then render every page, export and PDF into a staging folder swapped in at the end."""
    # rendering needs WeasyPrint, Jinja and the pictures; `check` alone stays light and fast
    from . import exports, output, render, selection
    from .pages import site_pages

    started = time.perf_counter()
    loaded, problems = load_and_check(project_dir)
    if not report(problems, strict):
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    project = loaded.project
    views = {slug: selection.select(project, briefing) for slug, briefing in project.briefings.items()}
    env = render.environment(project_dir / "templates")
    pages = site_pages(project, views)
    with output.build_lock(out), output.staging(out) as stage:
        for page in pages:
            output.write_text(stage, page.path, render.render(env, page.template, page.context))
        for slug, view in views.items():
            output.write_text(stage, f"briefings/{slug}.json", exports.view_json(view))
            output.write_text(stage, f"briefings/{slug}.events.csv", exports.events_csv(view, project))
            output.write_text(stage, f"briefings/{slug}.timeline.json", exports.timelinejs(view))
        output.write_text(stage, "feed.xml", exports.atom(list(project.briefings.values())))
        output.copy_assets([render.DEFAULT_TEMPLATES / "assets", project_dir / "templates" / "assets"], stage / "assets")
        output.index_search(stage)
    if not quiet:
        print(f"built {len(pages)} pages, {len(views)} briefings in {time.perf_counter() - started:.2f} s -> {out}")
    return 0


def run_serve(project_dir: Path, out: Path, host: str, port: int) -> int:
    print("serve is not built yet", file=sys.stderr)
    return 1
