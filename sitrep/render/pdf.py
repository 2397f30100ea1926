"""PDF: a briefing's as-of view through the same templates, paged by WeasyPrint, tagged, carrying its evidence."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..cycles import collection_paused
from ..pictures import wide_only
from .briefing import annex_of
from .citations import Claims
from .html import render
from .pages.drawings import Lazy

# A stable, machine-independent base for the PDF's own relative URLs: the fetcher maps it to the
# template folders, so no build path ends up in the PDF and rebuilds stay byte-identical.
VIRTUAL_BASE = "file:///sitrep-templates/"
MAX_RESOURCE_BYTES = 5 * 1024 * 1024
VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/a-3a")


class RefusedResource(Exception):
    """A template or content asked the PDF renderer for something outside the project's templates."""


def _fetcher_class() -> type[Any]:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):  # type: ignore[misc]
        pass

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        """Reads only files inside the template folders (resolved, no symlinks out, size-capped); no network."""

        def __init__(self, folders: list[Path], files: dict[str, Path] | None = None) -> None:
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
            self.folders = [folder.resolve() for folder in folders if folder.is_dir()]
            self.files = dict(files or {})  # single files named by the project (its logo), checked when loaded
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = self.resolve(url)
            if path is None:
                self.refused.append(url)
                raise Refused(f"refused to fetch {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _content_type(path)})

        def resolve(self, url: str) -> Path | None:
            if not url.startswith(VIRTUAL_BASE):
                return None
            relative = url[len(VIRTUAL_BASE) :].split("?")[0].split("#")[0]
            if relative in self.files:
                return self.files[relative]
            for folder in self.folders:  # the project's templates first: they shadow the defaults
                candidate = (folder / relative).resolve()
                if not candidate.is_relative_to(folder) or not candidate.is_file():
                    continue
                if candidate.stat().st_size > MAX_RESOURCE_BYTES:
                    return None
                return candidate
            return None

    ConfinedFetcher.Refused = Refused
    return ConfinedFetcher


def _content_type(path: Path) -> str:
    return {
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".woff2": "font/woff2",
    }.get(path.suffix, "application/octet-stream")


def _mark_evidence_as_source(document: Any, pdf: Any) -> None:
    """Declare every attachment an associated file with relationship Source (WeasyPrint does so only for PDF/A-3)."""
    import pydyf

    catalog_af = pdf.catalog.get("AF")
    for pdf_object in pdf.objects:
        if (
            isinstance(pdf_object, pydyf.Dictionary)
            and pdf_object.get("Type") == "/Filespec"
            and "AFRelationship" not in pdf_object
        ):
            pdf_object["AFRelationship"] = "/Source"
            if catalog_af is None:
                catalog_af = pdf.catalog["AF"] = pydyf.Array()
            catalog_af.append(pdf_object.reference)


@dataclass(frozen=True)
class PdfJob:
    """Everything one PDF needs, plain data so it can go to a worker process."""

    slug: str
    cover_html: str
    body_html: str
    attachment_json: str
    as_of: dt.date
    template_folders: tuple[Path, ...]
    variant: str = "pdf/ua-1"
    files: tuple[tuple[str, Path], ...] = ()  # extra files the PDF may load, by their path in it (the logo)


def html_for(env: jinja2.Environment, context: dict[str, Any]) -> tuple[str, str]:
    """The cover and the body of a briefing's PDF, from the same templates as its web page."""
    # no links out of the PDF (its source list carries the evidence), calls counted afresh, and only
    # the annexes it prints referred to
    printed = context["print_annexes"]
    inside = {a.name for a in printed}

    def href(kind: str, item_id: str) -> str | None:
        """Links only within the PDF: to an entry of an annex it prints."""
        return f"#{kind}-{item_id}" if annex_of(context["view"], kind, item_id) in inside else None

    pdf_context = {
        **context,
        "root": "",
        "medium": "pdf",
        "href": href,
        "claims": Claims(context["claims"].catalogue, ""),
        "annex_letters": {a.name: a.letter for a in printed},
        "fragment_scope": "",  # nothing reused: each event is printed once
        **{name: _wide(context[name]) for name in PICTURES if name in context},
    }
    cover = render(env, "pdf_cover.html", pdf_context)
    body = render(env, "pdf.html", pdf_context)
    return cover, body


PICTURES = ("map_svg", "timeline_svg", "relations_svg")  # context values drawn at two widths by pictures.both


def _wide(picture: Any) -> Lazy:
    return Lazy(lambda: wide_only(str(picture)))


def render_pdf(job: PdfJob, times: dict[str, float] | None = None) -> bytes:
    """Render cover and body separately and join them, so 'Page x of y' leaves the cover out.

    `times`, if given, gets the seconds of each phase (the benchmark's profile of a render): the cover, parsing the
    body's HTML, its layout (styles included, and the pages fit_pictures_in_place laid out again), and write_pdf.
    """
    with collection_paused():
        return _render_pdf(job, {} if times is None else times)


def _render_pdf(job: PdfJob, clock: dict[str, float]) -> bytes:
    from weasyprint import CSS, HTML, Attachment, __version__

    from .paging import fit_pictures, fit_pictures_in_place, in_place_works

    started = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal started
        now = time.perf_counter()
        clock[phase] = clock.get(phase, 0.0) + now - started
        started = now

    fetcher = _fetcher_class()(list(job.template_folders), dict(job.files))
    try:
        cover = HTML(string=job.cover_html, base_url=VIRTUAL_BASE, url_fetcher=fetcher).render()
        lap("cover")
        body_html = HTML(string=job.body_html, base_url=VIRTUAL_BASE, url_fetcher=fetcher)  # parsed once for every pass
        lap("body_parse")

        # in place: one style pass, and the pages after a shrunk picture laid out once
        body = fit_pictures_in_place(body_html) if in_place_works(__version__) else None
        if body is None:  # a whole layout a pass, with the shrinks as CSS: slower, and only public calls
            body_html = HTML(string=job.body_html, base_url=VIRTUAL_BASE, url_fetcher=fetcher)  # the in-place one used it
            body = fit_pictures(lambda css: body_html.render(stylesheets=[CSS(string=css, url_fetcher=fetcher)] if css else None))
        lap("body_layout")
    except fetcher.Refused as error:
        raise RefusedResource(str(error)) from None
    stamp = dt.datetime.combine(job.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    attachment = Attachment(
        string=job.attachment_json,
        name=f"{job.slug}.json",
        description="The briefing's as-of view: every item and citation it rests on",
        relationship="Source",
        created=stamp,
        modified=stamp,
        url_fetcher=fetcher,
    )
    document = body.copy([*cover.pages, *body.pages])
    pdf = document.write_pdf(
        pdf_variant=job.variant, attachments=[attachment], uncompressed_pdf=False, finisher=_mark_evidence_as_source
    )
    lap("write_pdf")
    assert isinstance(pdf, bytes)
    return pdf


def _render_one(job: PdfJob) -> tuple[str, bytes]:
    return job.slug, render_pdf(job)


CANCEL_POLL_SECONDS = 0.05  # how often a cancellable render asks whether it is still wanted


def render_all(
    jobs: list[PdfJob], progress: bool = False, cancelled: Callable[[], bool] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Render PDFs on every core it may use: a fork pool whose workers inherit WeasyPrint already imported.

    With `cancelled` (the live preview's "a newer edit came"), even one PDF renders in a worker, never in this
    process's threads, and the workers are killed as soon as it says True: what they were making is out of date.
    """
    if not jobs:
        return
    import multiprocessing
    import os

    import weasyprint  # noqa: F401 - imported before forking, so no worker pays for it again

    jobs = sorted(jobs, key=lambda job: -len(job.body_html))  # longest first: the pool drains evenly
    workers = min(len(jobs), len(os.sched_getaffinity(0)))  # the cores this process may use (taskset, CI limits)
    bar = _progress(len(jobs)) if progress else None
    try:
        if workers == 1 and cancelled is None:
            results: Iterator[tuple[str, bytes]] = map(_render_one, jobs)
            for result in results:
                _advance(bar, result[0])
                yield result
            return
        with multiprocessing.get_context("fork").Pool(workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            made = pool.imap_unordered(_render_one, jobs)
            for _ in jobs:
                while True:
                    try:
                        result = made.next(timeout=CANCEL_POLL_SECONDS)
                        break
                    except multiprocessing.TimeoutError:
                        if cancelled is not None and cancelled():
                            return  # leaving the pool's block terminates its workers
                _advance(bar, result[0])
                yield result
    finally:
        if bar is not None:
            bar[0].stop()


class PdfPool(Mapping[str, bytes]):
    """PDFs rendering on the fork pool while the caller does other work (the HTML pages); a lookup waits for its PDF.

    Each worker is given a job as soon as it is made, so the first PDF renders while the next one's HTML (and its
    pictures) is made; a job waits for the first worker to be free, or for this process: a lookup of a PDF no worker
    has begun renders it here (the caller is done with the rest of its work), so no core idles while one remains.
    Used as a context manager: leaving it stops the workers, finished or not.
    """

    def __init__(self, slugs: list[str], job_for: Callable[[str], PdfJob], progress: bool = False) -> None:
        import multiprocessing
        import os

        if slugs:  # a build with no stale PDF (a rebuild with nothing changed) never loads WeasyPrint: 0.45 s
            import weasyprint  # noqa: F401 - imported before forking, so no worker pays for it again

        self.slugs = list(slugs)
        self.made: dict[str, bytes] = {}
        self.bar = _progress(len(slugs)) if progress and slugs else None
        workers = min(len(slugs), len(os.sched_getaffinity(0)))  # the cores this process may use (taskset, CI limits)
        self.pool = (
            multiprocessing.get_context("fork").Pool(workers, initializer=_die_with_parent, initargs=(os.getpid(),))
            if slugs
            else None
        )
        self.pending: dict[str, Any] = {}
        self.waiting: list[PdfJob] = []  # made, in the order given, for the first worker (or lookup) free
        self.lock = threading.Lock()  # the pool's result thread hands a free worker the next job
        try:
            for slug in self.slugs:
                job = job_for(slug)
                with self.lock:
                    if len(self.pending) < workers:
                        self._start(job)
                    else:
                        self.waiting.append(job)
        except BaseException:
            self.__exit__()
            raise

    def _start(self, job: PdfJob) -> None:
        assert self.pool is not None
        self.pending[job.slug] = self.pool.apply_async(render_pdf, (job,), callback=self._next, error_callback=self._next)

    def _next(self, _: object) -> None:
        with self.lock:
            if self.waiting:
                self._start(self.waiting.pop(0))

    def __getitem__(self, slug: str) -> bytes:
        if slug not in self.made:
            with self.lock:
                job = next((job for job in self.waiting if job.slug == slug), None)
                if job is not None:
                    self.waiting.remove(job)
            # not begun: rendered here, while the workers finish theirs; begun: a worker's exception (a refused
            # resource) is raised here
            self.made[slug] = render_pdf(job) if job is not None else self.pending[slug].get()
            _advance(self.bar, slug)
        return self.made[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self.slugs)

    def __len__(self) -> int:
        return len(self.slugs)

    def __contains__(self, slug: object) -> bool:
        return slug in self.slugs

    def __enter__(self) -> PdfPool:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        if self.bar is not None:
            self.bar[0].stop()


def _die_with_parent(parent: int) -> None:
    """In a PDF worker: ask Linux to kill this process when the build that forked it dies (SIGKILL included)."""
    import ctypes
    import os
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the pool's own clean-up is all there is
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the request took hold
        os._exit(1)


def _progress(total: int) -> tuple[Any, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("PDFs"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        transient=True,
    )
    bar.start()
    return bar, bar.add_task("", total=total)


def _advance(bar: tuple[Any, Any] | None, slug: str) -> None:
    if bar is not None:
        bar[0].update(bar[1], advance=1, description=slug)
