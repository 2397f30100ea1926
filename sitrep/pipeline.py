"""The pipeline in one place: load → check → select → render → write; nothing is written until everything checks."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import jinja2

from . import load, select
from .checking import counts, load_and_check, report
from .model.kinds import item_counts
from .problems import plural
from .render import exports, html, pdf
from .render.exports import docx
from .render.pages import Drawings, Page, SiteData, briefing_page, each_page, pages_near, site_data, site_pages
from .render.templates import Folder, TemplateProblem, template_problems
from .write import inputs, keys, search, shards
from .write import site as output

__all__ = ["counts", "load_and_check", "report"]  # callers reach the check through the pipeline too


def run_build(
    project_dir: Path,
    out: Path,
    strict: bool = False,
    quiet: bool = False,
    pdf_variant: str = "pdf/ua-1",
    shard: shards.Shard = shards.WHOLE,
    formats: tuple[str, ...] = (),
    made_from: str | None = None,
) -> int:
    """Check, then render what changed into a staging folder swapped in at the end; `formats` adds copies (docx).

    `made_from` is the digest of the inputs as they were before loading (`inputs.compare`, which the command line
    runs first, to skip a build with nothing to do); computed here when not given.
    """
    started = time.perf_counter()
    if not out_folder_allowed(out, project_dir):
        return 1
    if made_from is None:  # before loading, so never of newer inputs than the load reads
        made_from = inputs.inputs_digest(project_dir, pdf_variant, formats)
    views: dict[str, select.View] = {}
    loaded, problems = load_and_check(project_dir, views=views)
    if not report(problems, strict):
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    if any(docx.briefing_formats(b, formats) for b in loaded.project.briefings.values()):
        try:
            docx.check_libraries()
        except docx.MissingExtra as missing:
            print(f"error: {missing}\nnothing written: {out} is unchanged", file=sys.stderr)
            return 1
    try:
        progress = not quiet and sys.stderr.isatty()
        clean = made_from if not problems else None  # a build with warnings says them again next time
        stats = build_site(
            loaded, project_dir, out, pdf_variant, progress=progress, shard=shard, formats=formats, views=views, made_from=clean
        )
    except TemplateProblem as failed:
        for problem in failed.problems:
            print(f"error: {problem.format()}", file=sys.stderr)
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    except output.SiteWriteError as failed:
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
        part = "" if shard.is_whole else f" (shard {shard.label()}: join the shards with `sitrep merge`)"
        print(f"{stats.summary()} in {time.perf_counter() - started:.2f} s -> {out}{part}")
    return 0


def run_merge(folders: list[Path], out: Path, project_dir: Path, quiet: bool = False) -> int:
    """Join the out folders of `build --shard K/N` (every K) into `out`: the site one build would make."""
    if not out_folder_allowed(out, project_dir):
        return 1
    try:
        count = shards.merge_shards(folders, out)
    except shards.MergeError as failed:
        for line in failed.lines:
            print(line if line.startswith("    ") else f"error: {line}", file=sys.stderr)
        print(f"nothing written: {out} is unchanged", file=sys.stderr)
        return 1
    except output.SiteWriteError as failed:
        print(f"error: {failed.problem.format()}\nnothing written: {out} is unchanged", file=sys.stderr)
        return 1
    if not quiet:
        print(f"merged {len(folders)} shards: {count} outputs -> {out}")
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
            return inputs.nothing_changed(self.pages_reused, self.pdfs_reused)
        return (
            f"{plural(self.pages_written, 'page')} written, {self.pages_reused:,} reused; "
            f"{plural(self.pdfs_written, 'PDF')} written, {self.pdfs_reused:,} reused"
        )


class Pages(Protocol):
    """Where a plan's pages come from: made as they are asked for (`MadePages`) or listed by the caller."""

    def each_page(self) -> Iterator[Page]: ...

    def briefing_page(self, slug: str) -> Page: ...

    def keeping(self) -> AbstractContextManager[None]:
        """Within it, the pictures a page draws are kept for its next showing (a PDF's page, then the same in HTML)."""
        ...


@dataclass(frozen=True)
class MadePages:
    """Pages made one at a time from `site` (the data they share, held once): a build holds one page's context at a
    time whatever the size of the project."""

    site: SiteData

    def each_page(self) -> Iterator[Page]:
        return each_page(self.site)

    def briefing_page(self, slug: str) -> Page:
        return briefing_page(self.site, slug)

    def keeping(self) -> AbstractContextManager[None]:
        return self.site.drawings.keeping()


@dataclass(frozen=True)
class ListedPages:
    """Pages a caller made already (the preview), used as they are."""

    pages: Sequence[Page]

    def each_page(self) -> Iterator[Page]:
        return iter(self.pages)

    def briefing_page(self, slug: str) -> Page:
        return next(page for page in self.pages if page.path == f"briefings/{slug}.html")

    def keeping(self) -> AbstractContextManager[None]:
        return nullcontext()  # the caller's Drawings keep what they keep (the preview's, every picture it draws)


@dataclass(frozen=True)
class Plan:
    """Everything a build decides before writing: views, what the pages are made from, and the key of every output."""

    loaded: load.Loaded
    project_dir: Path
    pdf_variant: str
    views: dict[str, select.View]
    env: jinja2.Environment
    pages: Pages
    page_paths: tuple[str, ...]
    evidence_sizes: dict[str, int]  # the length of each view's JSON: what its PDF carries, and how long it takes
    keys: dict[str, str]
    template_folders: tuple[Path, ...]
    shard: shards.Shard = shards.WHOLE
    made_from: str | None = None  # the inputs' digest of a clean build, recorded with the site (write/inputs.py)

    def record(self) -> inputs.Record | None:
        """What the site this plan writes is made from, to record in it; None for a build whose check had problems."""
        if self.made_from is None:
            return None
        return inputs.Record(self.made_from, self.shard.label(), len(self.page_paths), len(self.views))

    def each_page(self) -> Iterator[Page]:
        """The site's pages in order, each made as it is asked for (or the caller's own, if it listed them)."""
        return self.pages.each_page()

    def owns(self, path: str) -> bool:
        """True if this build makes `path` (a shard makes its slice of the PDFs; every build, every page)."""
        return self.shard.owns(path, list(self.views))

    def pdf_job(self, slug: str) -> pdf.PdfJob:
        with self.pages.keeping():  # the pictures its print page draws, for the same page in HTML
            cover, body = pdf.html_for(self.env, self.pages.briefing_page(slug).context)
        as_of = self.views[slug].briefing.as_of.latest
        config = self.loaded.config
        logo, logo_asset = config.logo_file(self.project_dir.resolve()), config.logo_asset()
        extra = ((logo_asset, logo),) if logo is not None and logo_asset is not None else ()
        # the JSON is made again here rather than kept from planning: a big project's views, every one as text,
        # would weigh more than the rest of the plan
        evidence = exports.view_json(self.views[slug])
        return pdf.PdfJob(slug, cover, body, evidence, as_of, self.template_folders, self.pdf_variant, extra)

    def stale_pdfs(self, out: Path, first: str | None = None) -> list[str]:
        """Slugs whose PDF in `out` is missing or was made from other inputs (`first` at the head, if stale)."""
        old = keys.read_manifest(out)
        stale = [
            slug
            for slug in self.views
            if old.get(f"briefings/{slug}.pdf") != self.keys[f"briefings/{slug}.pdf"] and self.owns(f"briefings/{slug}.pdf")
        ]
        return sorted(stale, key=lambda slug: slug != first)


# Context every page is given whose content `shared` (names, sources, code) already keys; hashing these on every
# page would cost pages x items. Each other context value is hashed in full, so a new one is keyed by itself.
SHARED_CONTEXT = frozenset({"medium", "notes", "actor_names", "place_names", "section_titles", "latest_status"})


def plan_build(
    loaded: load.Loaded,
    project_dir: Path,
    pdf_variant: str = "pdf/ua-1",
    drawings: Drawings | None = None,
    shard: shards.Shard = shards.WHOLE,
    formats: tuple[str, ...] = (),
    views: dict[str, select.View] | None = None,
    pages: list[Page] | None = None,
    env: jinja2.Environment | None = None,
    made_from: str | None = None,
) -> Plan:
    """Select each briefing's view, list the pages, and key every output by exactly what it depends on.

    `drawings` is the caller's picture cache (the live preview keeps one across edits); by default a one-off build's,
    which keeps only what a PDF's page drew, until the same page in HTML shows it.
    `shard` is the slice of the outputs this build makes (all of them by default); the keys are the whole site's.
    `formats` are the extra copies asked for on the command line (a briefing's own `formats:` add to them).
    `views` are the editions' views the check already made of this `loaded` (selected here when not given).
    `pages` are what `list_pages` made of the same `loaded` and `views`, when the caller listed them already.
    `env` is the caller's Jinja environment for the project's templates (the preview keeps one); a fresh one by default.
    `made_from` is the digest of the inputs a clean check read (`inputs.inputs_digest`), recorded with the site.
    """
    project = loaded.project
    if not views:
        views = {slug: select.select(project, briefing) for slug, briefing in project.briefings.items()}
    template_folders = (project_dir / "templates", html.DEFAULT_TEMPLATES)
    config = loaded.config
    source: Pages
    if pages is None:  # made here, one at a time, from data they share
        refuse_unsafe_templates(project_dir)
        source = MadePages(site_data(project, views, drawings if drawings is not None else Drawings(hands_on_once=True), config))
    else:
        source = ListedPages(pages)
    code = keys.code_version()
    templates = inputs.files_digest(template_folders)
    content = inputs.files_digest(loaded.files, project_dir.resolve())
    # names and sources appear on every page (links, notes): a change to them changes every page
    logo = config.logo_file(project_dir.resolve())
    settings = inputs.digest(config.model_dump_json(), logo.read_bytes() if logo else b"")
    shared = inputs.digest(
        code,
        settings,
        *(f"{a.id}={a.name}" for a in project.actors.values()),
        *(f"{p.id}={p.name}" for p in project.places.values()),
        *(s.model_dump_json() for s in project.sources.values()),
    )
    view_key: dict[str, str] = {}
    evidence_sizes: dict[str, int] = {}
    for slug, view in views.items():  # one view's JSON at a time, dropped once keyed
        text = exports.view_json(view)
        view_key[slug], evidence_sizes[slug] = inputs.digest(shared, text), len(text)
        del text
    made: dict[str, str] = {}
    memo = keys.PageMemo()
    paths: list[str] = []
    # a page's key is everything it is given to show: whatever it shows, its key holds. Pages are made one at a
    # time and dropped once keyed; the memo keeps what they share (views, items) and forgets the rest as it goes
    for page in source.each_page():
        shown = {name: value for name, value in page.context.items() if name not in SHARED_CONTEXT}
        made[page.path] = inputs.digest(templates, shared, page.path, memo.digest(shown))
        paths.append(page.path)
        del page, shown
        memo.forget_unshared()
    del memo
    places = keys.items_digest(project.places.values())  # the CSV names places the view may not hold
    for slug in views:
        for suffix in exports.SUFFIXES:
            made[f"briefings/{slug}{suffix}"] = inputs.digest(view_key[slug], places if suffix == ".events.csv" else "")
        # the PDF is made from the briefing page's own context, so it follows the page's key
        made[f"briefings/{slug}.pdf"] = inputs.digest(made[f"briefings/{slug}.html"], pdf_variant)
        for name in docx.briefing_formats(project.briefings[slug], formats):  # made from the view, like the exports
            made[f"briefings/{slug}.{name}"] = inputs.digest(view_key[slug], places, name)
    made["feed.xml"] = inputs.digest(code, content, settings)
    made["assets/"] = inputs.digest(templates, settings)
    made["pagefind/"] = inputs.digest(*(made[path] for path in paths))  # the search index reads every page
    if env is None:
        env = html.environment(project_dir / "templates")
    html.make_room_for_texts(env, sum(item_counts(project).values()))
    return Plan(
        loaded,
        project_dir,
        pdf_variant,
        views,
        env,
        source,
        tuple(paths),
        evidence_sizes,
        made,
        template_folders,
        shard,
        made_from,
    )


def refuse_unsafe_templates(project_dir: Path) -> None:
    """Raise TemplateProblem if the project's templates do something a template may not (before any is run)."""
    refused = template_problems(project_dir / "templates")
    if refused:
        raise TemplateProblem(refused)


def list_pages(loaded: load.Loaded, project_dir: Path, views: dict[str, select.View], drawings: Drawings) -> list[Page]:
    """Every HTML page of the site with what it shows, once the project's templates are known to be safe to run."""
    refuse_unsafe_templates(project_dir)
    return site_pages(loaded.project, views, drawings, loaded.config)


def pages_around(
    loaded: load.Loaded, project_dir: Path, views: dict[str, select.View], drawings: Drawings, path: str
) -> list[Page] | None:
    """The few pages made together with `path` (see `pages_near`), once the templates are known to be safe to run;
    None when `path` is an index page, made only with the whole list."""
    refuse_unsafe_templates(project_dir)
    return pages_near(loaded.project, views, drawings, path, loaded.config)


def render_pdfs(
    plan: Plan, slugs: list[str], progress: bool = False, cancelled: Callable[[], bool] | None = None
) -> dict[str, bytes]:
    """The PDFs of `slugs`, rendered on the fork pool; with `cancelled`, given up (partly made) once it says True."""
    return dict(pdf.render_all([plan.pdf_job(slug) for slug in slugs], progress=progress, cancelled=cancelled))


def write_site(
    plan: Plan,
    out: Path,
    pdfs: Mapping[str, bytes],
    indexer: Callable[[Path], None] | None = search.index_search,
    rendered: Mapping[str, str] | None = None,
) -> BuildStats:
    """Write what `plan` keys as changed and reuse (hard-link) the rest, in a folder swapped in whole.

    `pdfs` are the PDFs rendered for this plan; a stale PDF not among them is carried over under its old key
    (the preview writes pages first and hands the PDFs in later), and so is the search index when there is no
    `indexer` to remake it. `rendered` are pages already rendered from this plan's contexts (the preview's viewed
    page): rendering a page again would number its citation calls on from where the first rendering stopped.
    """
    project = plan.loaded.project
    old = keys.read_manifest(out)
    stats = BuildStats()
    owned = {path: key for path, key in plan.keys.items() if plan.owns(path)}
    record = plan.record()
    if old == owned and all((out / path).exists() for path in owned):
        stats.pages_reused, stats.pdfs_reused = len(plan.page_paths), len(plan.views)
        if record is not None and inputs.read_record(out) != record:  # e.g. after the preview, or a warning fixed
            with output.build_lock(out):
                output.replace_file(out / inputs.RECORD, record.text())
        return stats  # nothing changed: not an output is touched

    with output.build_lock(out), output.staging(out) as stage:
        site = output.Staged(out, stage, old, plan.keys, stats.files_written)
        done = rendered or {}
        for page in plan.each_page():  # made, rendered and written one at a time; a reused page is not rendered
            text = done.get(page.path)
            if site.reuse(page.path) or site.write_text(  # True: reused or unchanged
                page.path, text if text is not None else html.render(plan.env, page.template, page.context)
            ):
                stats.pages_reused += 1
            else:
                stats.pages_written += 1
            del page, text
        memo = html.markdown_memo(plan.env)  # the summaries the pages rendered, for the TimelineJS export
        for slug, view in plan.views.items():
            for suffix in exports.SUFFIXES:
                path = f"briefings/{slug}{suffix}"
                if not site.reuse(path):
                    site.write_text(path, exports.export(suffix, view, project, memo))
            if f"briefings/{slug}.docx" in plan.keys and not site.reuse(f"briefings/{slug}.docx"):
                site.write_bytes(f"briefings/{slug}.docx", docx.docx_bytes(view, project, plan.loaded.config.annexes))
        if not site.reuse("feed.xml"):
            site.write_text("feed.xml", exports.atom(list(project.briefings.values()), plan.loaded.config))
        if not site.reuse("assets/"):
            assets = [Folder(html.DEFAULT_TEMPLATES / "assets", str(html.DEFAULT_TEMPLATES / "assets"))]
            output.copy_assets([*assets, Folder(plan.project_dir / "templates" / "assets", "templates/assets")], stage / "assets")
            config = plan.loaded.config
            logo, logo_asset = config.logo_file(plan.project_dir.resolve()), config.logo_asset()
            if logo is not None and logo_asset is not None:  # part of assets/, keyed with it
                (stage / logo_asset).parent.mkdir(parents=True, exist_ok=True)
                (stage / logo_asset).write_bytes(logo.read_bytes())
        # the search index reads only the pages (the first shard makes it): made while the PDFs still render
        if plan.owns("pagefind/") and not site.reuse("pagefind/"):
            if indexer is None:
                site.carry_over("pagefind/")
            else:
                indexer(stage)
                site.made("pagefind/")
        for slug in plan.views:
            path = f"briefings/{slug}.pdf"
            if not plan.owns(path):
                continue  # another shard's
            if site.reuse(path):
                stats.pdfs_reused += 1
            elif slug in pdfs:
                site.write_bytes(path, pdfs[slug])
                stats.pdfs_written += 1
            else:
                site.carry_over(path)  # the old PDF, if any, until a later write hands in the new one
        site.write_manifest()
        if record is not None:  # a rebuild from the same inputs then has nothing to do (inputs.unchanged_site)
            (stage / inputs.RECORD).write_text(record.text(), encoding="utf-8")
        if not plan.shard.is_whole:  # what `sitrep merge` needs: the slice, and the keys of the whole site
            (stage / shards.RECORD).write_text(shards.record_text(plan.shard, plan.keys), encoding="utf-8")
    return stats


def build_site(
    loaded: load.Loaded,
    project_dir: Path,
    out: Path,
    pdf_variant: str = "pdf/ua-1",
    progress: bool = False,
    shard: shards.Shard = shards.WHOLE,
    formats: tuple[str, ...] = (),
    views: dict[str, select.View] | None = None,
    made_from: str | None = None,
) -> BuildStats:
    """The whole build (or one shard's slice of it): plan, then write while the stale PDFs render.

    What only the check needed is dropped first (`release_check`): `loaded` serves this build and nothing after it.
    `made_from` is the digest of the inputs a clean check read, recorded with the site (see `plan_build`).
    """
    release_check(loaded)
    plan = plan_build(loaded, project_dir, pdf_variant, shard=shard, formats=formats, views=views, made_from=made_from)
    # the PDFs render on the fork pool while this process writes the pages: write_site waits for each PDF when it
    # comes to it. The longest first (its view's size says), so the pool drains evenly.
    stale = sorted(plan.stale_pdfs(out), key=lambda slug: -plan.evidence_sizes[slug])
    with pdf.PdfPool(stale, plan.pdf_job, progress) as pdfs:  # every PDF's job (its page's HTML) is made here
        return write_site(plan, out, pdfs)


def release_check(loaded: load.Loaded) -> None:
    """Drop what only the check reads, before the pages are made: where each item was written (every file's YAML
    node tree, its raw data and its text: three quarters of what a checked project holds). A one-off build's
    `loaded` is not checked again; the live preview loads afresh on each save and keeps its own caches."""
    loaded.origins = {}


def out_folder_allowed(out: Path, project_dir: Path) -> bool:
    """Print why `out` is refused, if it is; a refused out folder is never touched."""
    refused = output.refuse_out_folder(out, project_dir)
    if refused is not None:
        print(f"error: {refused.format()}\nnothing written", file=sys.stderr)
    return refused is None


def run_serve(project_dir: Path, out: Path, host: str, port: int, quiet: bool = False) -> int:
    from .serve import serve  # the server uses this module: imported when it runs

    if not out_folder_allowed(out, project_dir):
        return 1

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: anyone who can reach this machine can read the site", file=sys.stderr)
    return serve(project_dir, out, host, port, quiet)
