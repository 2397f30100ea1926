"""The pipeline in one place: load → check → select → render → write; nothing is written until everything checks."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import load
from .check import check
from .problems import Problem, plural, summary


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
        print(f"check passed: {counts(loaded.project)} ({time.perf_counter() - started:.2f} s)")
    return 0


def counts(project: Any) -> str:
    """'1 source, 5 actors, 2 places, ...': how much a project holds, in words that read right."""
    from .model.kinds import KINDS

    return ", ".join(plural(len(getattr(project, kind.name)), kind.singular) for kind in KINDS.values())


def run_build(
    project_dir: Path,
    out: Path,
    strict: bool = False,
    quiet: bool = False,
    pdf_variant: str = "pdf/ua-1",
    formats: tuple[str, ...] = (),
) -> int:
    """Check, then render what changed into a staging folder swapped in at the end; `formats` adds copies (docx)."""
    started = time.perf_counter()
    if not out_folder_allowed(out, project_dir):
        return 1
    loaded, problems = load_and_check(project_dir)
    if not report(problems, strict):
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    from .render import pdf  # rendering needs WeasyPrint, Jinja and the pictures; `check` alone stays light
    from .render.exports import docx
    from .render.templates import TemplateProblem
    from .write.site import SiteWriteError

    wanted = {slug: docx.briefing_formats(b, formats) for slug, b in loaded.project.briefings.items()}
    if any(wanted.values()):
        try:
            docx.check_libraries()
        except docx.MissingExtra as missing:
            print(f"error: {missing}\nnothing written: {out} is unchanged", file=sys.stderr)
            return 1
    try:
        stats = build_site(loaded, project_dir, out, pdf_variant, progress=not quiet and sys.stderr.isatty(), formats=formats)
    except TemplateProblem as failed:
        for problem in failed.problems:
            print(f"error: {problem.format()}", file=sys.stderr)
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    except SiteWriteError as failed:
        print(f"error: {failed.problem.format()}\nnothing written: {out} is unchanged", file=sys.stderr)
        return 1
    except pdf.RefusedResource as refused:
        print(
            f"error: {refused}\n    fix: templates may use only files inside the project's templates/ folder; nothing is fetched from the network",
            file=sys.stderr,
        )
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    if not quiet:
        print(f"{stats.summary()} in {time.perf_counter() - started:.2f} s -> {out}")
    return 0


@dataclass
class BuildStats:
    pages_written: int = 0
    pages_reused: int = 0
    pdfs_written: int = 0
    pdfs_reused: int = 0
    files_written: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.files_written:
            return f"nothing changed: {plural(self.pages_reused, 'page')} and {plural(self.pdfs_reused, 'PDF')} up to date"
        return (
            f"{plural(self.pages_written, 'page')} written, {self.pages_reused:,} reused; "
            f"{plural(self.pdfs_written, 'PDF')} written, {self.pdfs_reused:,} reused"
        )


@dataclass
class Plan:
    """Everything a build decides before writing: views, pages, and the key of every output."""

    loaded: load.Loaded
    project_dir: Path
    pdf_variant: str
    views: dict[str, Any]
    env: Any
    pages: list[Any]
    evidence: dict[str, str]
    keys: dict[str, str]
    template_folders: tuple[Path, ...]

    def pdf_job(self, slug: str) -> Any:
        from .render import pdf

        page = next(p for p in self.pages if p.path == f"briefings/{slug}.html")
        cover, body = pdf.html_for(self.env, page.context)
        as_of = self.views[slug].briefing.as_of.latest
        config = self.loaded.config
        logo, logo_asset = config.logo_file(self.project_dir.resolve()), config.logo_asset()
        extra = ((logo_asset, logo),) if logo is not None and logo_asset is not None else ()
        return pdf.PdfJob(slug, cover, body, self.evidence[slug], as_of, self.template_folders, self.pdf_variant, extra)

    def stale_pdfs(self, out: Path) -> list[str]:
        """Slugs whose PDF in `out` is missing or was made from other inputs."""
        from .write.keys import read_manifest

        old = read_manifest(out)
        return [slug for slug in self.views if old.get(f"briefings/{slug}.pdf") != self.keys[f"briefings/{slug}.pdf"]]


# Context every page is given whose content `shared` (names, sources, code) already keys; hashing these on every
# page would cost pages x items. Each other context value is hashed in full, so a new one is keyed by itself.
SHARED_CONTEXT = frozenset({"medium", "notes", "actor_names", "place_names", "section_titles", "latest_status"})


def plan_build(loaded: load.Loaded, project_dir: Path, pdf_variant: str = "pdf/ua-1", formats: tuple[str, ...] = ()) -> Plan:
    """Select each briefing's view, list the pages, and key every output by exactly what it depends on."""
    from . import select
    from .render import exports, html
    from .render.exports import docx
    from .render.pages import site_pages
    from .write import keys as incremental

    project = loaded.project
    views = {slug: select.select(project, briefing) for slug, briefing in project.briefings.items()}
    template_folders = (project_dir / "templates", html.DEFAULT_TEMPLATES)
    config = loaded.config
    pages = site_pages(project, views, config)
    evidence = {slug: exports.view_json(view) for slug, view in views.items()}

    code = incremental.code_version()
    templates = incremental.files_digest(template_folders)
    content = incremental.files_digest(loaded.files, project_dir.resolve())
    # names and sources appear on every page (links, notes): a change to them changes every page
    logo = config.logo_file(project_dir.resolve())
    settings = incremental.digest(config.model_dump_json(), logo.read_bytes() if logo else b"")
    shared = incremental.digest(
        code,
        settings,
        *(f"{a.id}={a.name}" for a in project.actors.values()),
        *(f"{p.id}={p.name}" for p in project.places.values()),
        *(s.model_dump_json() for s in project.sources.values()),
    )
    view_key = {slug: incremental.digest(shared, text) for slug, text in evidence.items()}
    keys: dict[str, str] = {}
    memo: dict[int, tuple[Any, str]] = {}
    for page in pages:  # a page's key is everything it is given to show: whatever it shows, its key holds
        shown = {name: value for name, value in page.context.items() if name not in SHARED_CONTEXT}
        keys[page.path] = incremental.digest(templates, shared, page.path, incremental.value_digest(shown, memo))
    places = incremental.items_digest(project.places.values())  # the CSV names places the view may not hold
    for slug in views:
        for suffix in exports.SUFFIXES:
            keys[f"briefings/{slug}{suffix}"] = incremental.digest(view_key[slug], places if suffix == ".events.csv" else "")
        # the PDF is made from the briefing page's own context, so it follows the page's key
        keys[f"briefings/{slug}.pdf"] = incremental.digest(keys[f"briefings/{slug}.html"], pdf_variant)
        for name in docx.briefing_formats(project.briefings[slug], formats):  # made from the view, like the exports
            keys[f"briefings/{slug}.{name}"] = incremental.digest(view_key[slug], places, name)
    keys["feed.xml"] = incremental.digest(code, content, settings)
    keys["assets/"] = incremental.digest(templates, settings)
    env = html.environment(project_dir / "templates")
    return Plan(loaded, project_dir, pdf_variant, views, env, pages, evidence, keys, template_folders)


def build_site(
    loaded: load.Loaded,
    project_dir: Path,
    out: Path,
    pdf_variant: str = "pdf/ua-1",
    *,
    pdfs: bool = True,
    search: bool = True,
    progress: bool = False,
    prerendered: dict[str, bytes] | None = None,
    formats: tuple[str, ...] = (),
) -> BuildStats:
    """Make every output whose key changed and reuse (hard-link) the rest, in a folder swapped in whole.

    The live preview's first pass sets `pdfs=False, search=False`: stale PDFs and the search index
    are carried over under their old keys, and a background pass hands in `prerendered` PDFs later.
    """
    from .render import exports, html, pdf
    from .render.exports.docx import docx_bytes
    from .render.templates import Folder, TemplateProblem, template_problems
    from .write import keys as incremental
    from .write import site as output

    refused = template_problems(project_dir / "templates")
    if refused:
        raise TemplateProblem(refused)
    plan = plan_build(loaded, project_dir, pdf_variant, formats)
    project, keys, pages = loaded.project, plan.keys, plan.pages
    old = incremental.read_manifest(out)
    stats = BuildStats()
    if old == keys and all((out / path).exists() for path in keys) and (out / "pagefind").is_dir():
        stats.pages_reused, stats.pdfs_reused = len(pages), len(plan.views)
        return stats  # nothing changed: not a file is touched

    with output.build_lock(out), output.staging(out) as stage:
        site = output.Staged(out, stage, old, keys, stats.files_written)
        for page in pages:
            if site.reuse(page.path) or site.write_if_changed(page.path, html.render(plan.env, page.template, page.context)):
                stats.pages_reused += 1
            else:
                stats.pages_written += 1
        for slug, view in plan.views.items():
            for suffix in exports.SUFFIXES:
                path = f"briefings/{slug}{suffix}"
                if not site.reuse(path):
                    site.write_if_changed(path, exports.export(suffix, view, project))
            if f"briefings/{slug}.docx" in keys and not site.reuse(f"briefings/{slug}.docx"):
                site.write_bytes(f"briefings/{slug}.docx", docx_bytes(view, project))
        if not site.reuse("feed.xml"):
            site.write_if_changed("feed.xml", exports.atom(list(project.briefings.values()), loaded.config))
        if not site.reuse("assets/"):
            assets = [Folder(html.DEFAULT_TEMPLATES / "assets", str(html.DEFAULT_TEMPLATES / "assets"))]
            output.copy_assets([*assets, Folder(project_dir / "templates" / "assets", "templates/assets")], stage / "assets")
            logo, logo_asset = loaded.config.logo_file(project_dir.resolve()), loaded.config.logo_asset()
            if logo is not None and logo_asset is not None:  # part of assets/, keyed with it
                (stage / logo_asset).parent.mkdir(parents=True, exist_ok=True)
                (stage / logo_asset).write_bytes(logo.read_bytes())

        jobs = []
        for slug in plan.views:
            path = f"briefings/{slug}.pdf"
            if site.reuse(path):
                stats.pdfs_reused += 1
            elif prerendered and slug in prerendered:
                site.write_bytes(path, prerendered[slug])
                stats.pdfs_written += 1
            elif not pdfs:
                site.carry_over(path)  # the old PDF, if any, until the background pass replaces it
            else:
                jobs.append(plan.pdf_job(slug))
        for slug, data in pdf.render_all(jobs, progress=progress):
            site.write_bytes(f"briefings/{slug}.pdf", data)
            stats.pdfs_written += 1

        if (stats.pages_written and search) or not site.reuse_tree("pagefind"):
            output.index_search(stage)
        site.write_manifest()
    return stats


def out_folder_allowed(out: Path, project_dir: Path) -> bool:
    """Print why `out` is refused, if it is; a refused out folder is never touched."""
    from .write.site import refuse_out_folder

    refused = refuse_out_folder(out, project_dir)
    if refused is not None:
        print(f"error: {refused.format()}\nnothing written", file=sys.stderr)
    return refused is None


def run_serve(project_dir: Path, out: Path, host: str, port: int, quiet: bool = False) -> int:
    from .serve import serve

    if not out_folder_allowed(out, project_dir):
        return 1

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: anyone who can reach this machine can read the site", file=sys.stderr)
    return serve(project_dir, out, host, port, quiet)
