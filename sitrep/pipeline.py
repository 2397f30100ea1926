"""The pipeline in one place: load → check → select → render → write; nothing is written until everything checks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import checks, loading, model
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


def run_build(project_dir: Path, out: Path, strict: bool = False, quiet: bool = False, pdf_variant: str = "pdf/ua-1") -> int:
    """Check, then render every page, export and PDF into a staging folder swapped in at the end."""
    started = time.perf_counter()
    loaded, problems = load_and_check(project_dir)
    if not report(problems, strict):
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    # rendering needs WeasyPrint, Jinja and the pictures; `check` alone stays light and fast
    from . import pdf

    try:
        pages, pdfs = build_site(loaded.project, project_dir, out, pdf_variant)
    except pdf.RefusedResource as refused:
        print(
            f"error: {refused}\n    fix: templates may use only files inside the project's templates/ folder; nothing is fetched from the network",
            file=sys.stderr,
        )
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    if not quiet:
        print(f"built {pages} pages and {pdfs} PDFs in {time.perf_counter() - started:.2f} s -> {out}")
    return 0


def build_site(project: model.Project, project_dir: Path, out: Path, pdf_variant: str = "pdf/ua-1") -> tuple[int, int]:
    """Select each briefing's view, render pages, exports and PDFs, and swap the finished site in."""
    from . import exports, output, pdf, render, selection
    from .pages import site_pages

    views = {slug: selection.select(project, briefing) for slug, briefing in project.briefings.items()}
    env = render.environment(project_dir / "templates")
    template_folders = (project_dir / "templates", render.DEFAULT_TEMPLATES)
    pages = site_pages(project, views)
    with output.build_lock(out), output.staging(out) as stage:
        for page in pages:
            output.write_text(stage, page.path, render.render(env, page.template, page.context))
        for slug, view in views.items():
            evidence = exports.view_json(view)
            output.write_text(stage, f"briefings/{slug}.json", evidence)
            output.write_text(stage, f"briefings/{slug}.events.csv", exports.events_csv(view, project))
            output.write_text(stage, f"briefings/{slug}.timeline.json", exports.timelinejs(view))
            cover, body = pdf.html_for(env, next(p.context for p in pages if p.path == f"briefings/{slug}.html"))
            job = pdf.PdfJob(slug, cover, body, evidence, view.briefing.as_of.latest, template_folders, pdf_variant)
            (stage / "briefings" / f"{slug}.pdf").write_bytes(pdf.render_pdf(job))
        output.write_text(stage, "feed.xml", exports.atom(list(project.briefings.values())))
        output.copy_assets([render.DEFAULT_TEMPLATES / "assets", project_dir / "templates" / "assets"], stage / "assets")
        output.index_search(stage)
    return len(pages), len(views)


def run_serve(project_dir: Path, out: Path, host: str, port: int) -> int:
    print("serve is not built yet", file=sys.stderr)
    return 1
