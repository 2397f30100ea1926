"""The rebuild loop of the live preview: on each save check, render the viewed page first, write the rest of the
site, then the stale PDFs in the background."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles

from .. import load, pipeline, quotes, select
from ..check import Kept
from ..problems import plural, summary
from ..render import html as page_html
from ..render.pages import Drawings, Page
from ..write import search

WATCHED = ("content", "briefings", "templates", "sitrep.yaml")
SETTLE_MS = 20  # an editor's save is often several writes (temp file, rename): wait this long for quiet


@dataclass
class State:
    """What the server shows: the site's version (bumped on each rebuild) or the problems that stop it."""

    version: int = 0
    error: str | None = None
    changed: threading.Condition = field(default_factory=threading.Condition)
    waiting: int = 0  # open pages waiting for a new version now (their long polls)
    asked: int = 0  # the newest version an open page has asked past: it shows that version

    def publish(self, error: str | None) -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version after `seen`, once there is one (or `seen` again, after `timeout` seconds)."""
        with self.changed:
            self.asked = max(self.asked, seen)
            self.waiting += 1
            self.changed.notify_all()
            try:
                self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            finally:
                self.waiting -= 1
            return self.version

    def shown(self, version: int, timeout: float) -> bool:
        """True once an open page asks past `version` (it has swapped it in); False after `timeout` seconds."""
        with self.changed:
            return self.changed.wait_for(lambda: self.asked >= version, timeout=timeout)


def edition_of(page: str) -> str | None:
    """The briefing slug a page path shows ('/briefings/x.html' -> 'x'), or None."""
    name = page.rsplit("/", 1)[-1]
    if page.startswith("/briefings/") and name.endswith(".html") and name.count(".") == 1:
        return name.removesuffix(".html")
    return None


EARLY_PARTS = ("content", "briefings")  # edits here change pages, never assets/: the viewed page may go first
SWAP_SECONDS = 0.5  # the longest the rest of the site waits for the open page to swap in the page that went first
HELD_SECONDS = 120  # the longest a request waits for the rest of the site (then it gets the files as they are)


def page_of(request: str) -> str:
    """The site path a request path shows ('/' -> 'index.html', '/actors/' -> 'actors/index.html')."""
    path = unquote(urlsplit(request).path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


@contextlib.contextmanager
def pdf_workers_stopped() -> Iterator[list[int]]:
    """The PDF workers this process forked (its only multiprocessing children) stopped while the block runs.

    A save makes what they render out of date, and the worker thread ends their pool once it notices (within its
    poll, then the pool's own wind-down: ~0.15 s), but until then they took the cores from the save's check.
    Stopped (SIGSTOP) at once they take none; continued after the block, they die of the terminate their pool sent
    meanwhile, or go on if still wanted. Gives the process ids stopped.
    """
    stopped: list[int] = []
    for child in multiprocessing.active_children():
        if child.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGSTOP)
                stopped.append(child.pid)
    try:
        yield stopped
    finally:
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


class Preview:
    """The rebuild loop: on each save, one plan. The page an open browser shows is rendered first and served
    from memory while the rest of the site is written (other requests wait for it, so no reader meets two
    versions), then a worker renders the stale PDFs (the edition being viewed first) and the search index."""

    def __init__(self, project_dir: Path, out: Path, quiet: bool = False) -> None:
        self.project_dir, self.out, self.quiet = project_dir, out, quiet
        self.state = State()
        self.site_lock = threading.Lock()  # one writer of the site at a time
        self.generation = 0
        self.pending: threading.Condition = threading.Condition()
        self.request: tuple[int, pipeline.Plan, int] | None = None  # (generation, plan, saves heard when asked)
        self.last_request: tuple[int, pipeline.Plan, int] | None = None
        self.saves = 0  # saves heard: PDFs being made for an earlier one are out of date, and their workers killed
        self.stopping = threading.Event()
        self.parsed: load.ParseCache = {}  # only the watcher thread loads, so no lock is needed
        self.made: load.MadeCache = {}  # what each file made on its own: a save validates the edited file only
        self.kept = Kept()  # what the checks read in each text: a save reads only the texts it changed
        self.matches = quotes.Matches()  # quote matches kept across edits; only the watcher thread checks
        self.drawings = Drawings(matches=self.matches)  # pictures kept across edits; only the watcher thread plans
        self.env = page_html.environment(self.project_dir / "templates")  # made anew when a template changes
        self.viewing: str | None = None  # the edition an open page last showed: its PDF is made first
        self.viewing_page: str | None = None  # the site path an open page last showed: rendered first
        self.held: threading.Condition = threading.Condition()  # guards `early` and `writing`
        self.early: dict[str, str] = {}  # pages of the new version served from memory while the rest is written
        self.writing = False  # True while the new version is being written: other requests wait
        self.published = 0.0  # when the page that went first was published (perf_counter)

    def log(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def rebuild_html(self, changed: Collection[str] = ()) -> None:
        """Check and rebuild after the edit of `changed` (project-relative paths; empty: anything may have changed)."""
        started = time.perf_counter()
        self.saves += 1  # only this thread counts; the PDF worker reads it
        views: dict[str, select.View] = {}  # selected once, by the check, for the plan too
        if not changed or any(Path(path).parts[0] == "templates" for path in changed):
            # a template added, edited or removed: read them all again (a new one may shadow a default one)
            self.env = page_html.environment(self.project_dir / "templates")
        with pdf_workers_stopped() as stopped:  # what they make is out of date: the check gets the cores
            loaded, problems = pipeline.load_and_check(self.project_dir, self.parsed, views, self.matches, self.made, self.kept)
            self.refresh_schema(loaded)
            errors = [p for p in problems if p.severity == "error"]
            if errors:
                text = "\n".join(p.format() for p in problems)
                self.log(f"{text}\ncheck failed: {summary(problems)} (the last good site is still served)")
                self.state.publish(text)
                self.ask_for_pdfs(self.last_request)  # the PDFs the last good version still lacks, cut short by this save
                return
            checked = time.perf_counter()
            shown, pages = self.render_viewed_first(loaded, views, changed)
        if shown is not None:  # where the time to the browser goes, for bench figure f
            shown[0] += f" {self.published - started:.2f} s after the save was heard: check {checked - started:.2f} s"
            shown.append(f"{plural(len(stopped), 'PDF worker')} stopped meanwhile")
        try:
            plan = pipeline.plan_build(loaded, self.project_dir, drawings=self.drawings, views=views, pages=pages, env=self.env)
            with self.site_lock:
                self.generation += 1
                # the PDFs start now, from the plan (the viewed one alone, on the other core); they are swapped in
                # once this lock is free, after the pages they link from
                self.ask_for_pdfs((self.generation, plan, 0))
                stats = pipeline.write_site(plan, self.out, {}, indexer=None, rendered=self.early)
            said = f" ({', '.join(shown)})" if shown else ""
            self.log(f"html: {stats.summary()} in {time.perf_counter() - started:.2f} s{said}")
        finally:
            self.release_held()  # once said, so that what a held request answers is in the log too
        if shown is None:
            self.state.publish(None)  # the open page is updated now; PDFs and search follow

    def ask_for_pdfs(self, request: tuple[int, pipeline.Plan, int] | None) -> None:
        """Have the worker render the stale PDFs of this request's plan (as of the save now last heard)."""
        if request is None:
            return
        with self.pending:
            self.request = self.last_request = (request[0], request[1], self.saves)
            self.pending.notify()

    def render_viewed_first(
        self, loaded: load.Loaded, views: dict[str, select.View], changed: Collection[str]
    ) -> tuple[list[str] | None, list[Page] | None]:
        """Render the page an open browser shows, hold every other request, and tell the browser to show it.

        Only the few pages made with it are given their contexts (an edition's briefing and annexes, say), not the
        whole site's. Only for an edit of content or briefings (a template or setting may change assets/, which the
        page would then meet at the old version). Returns what to log (None if nothing went first) and the whole
        list of pages, when it had to be made to find the viewed one (an index page), for the plan to take.
        """
        viewing = self.viewing_page
        if not changed or viewing is None or not all(Path(path).parts[0] in EARLY_PARTS for path in changed):
            return None, None
        started = time.perf_counter()
        pages = None
        near = pipeline.pages_around(loaded, self.project_dir, views, self.drawings, viewing)
        if near is None:
            near = pages = pipeline.list_pages(loaded, self.project_dir, views, self.drawings)
        viewed = next((page for page in near if page.path == viewing), None)
        if viewed is None:
            return None, pages
        made = time.perf_counter()
        text = page_html.render(self.env, viewed.template, viewed.context)
        with self.held:
            self.early, self.writing = {viewed.path: text}, True
        watched = self.state.waiting > 0
        self.published = time.perf_counter()
        self.state.publish(None)
        what = f"{len(near)} pages' contexts" if pages is None else "every page's context"
        said = [f"{viewed.path} shown", f"{what} {made - started:.2f} s", f"rendered {self.published - made:.2f} s"]
        # the open page parses and swaps in the new version on these two cores: the rest of the site (and the PDF
        # workers, still stopped) wait until it asks again, which it does once it shows the new version
        if watched and self.state.shown(self.state.version, SWAP_SECONDS):
            said.append(f"swapped in the open page {time.perf_counter() - self.published:.2f} s after")
        return said, pages

    def release_held(self) -> None:
        with self.held:
            self.early, self.writing = {}, False
            self.held.notify_all()

    def early_page(self, path: str) -> str | None:
        """The new version of `path` if it went first and the rest is still being written; None otherwise, at once."""
        with self.held:
            return self.early.get(path)

    def served_early(self, path: str) -> str | None:
        """The new version of `path` if it went first; otherwise None once the site on disk is whole (waiting for it)."""
        with self.held:
            if path in self.early:
                return self.early[path]
            self.held.wait_for(lambda: not self.writing, timeout=HELD_SECONDS)
            return None

    def refresh_schema(self, loaded: load.Loaded) -> None:
        """Keep schema/ current (the project's ids in reference fields), so editors complete what was just added."""
        from .. import schema

        folder = self.project_dir / "schema"
        if folder.is_dir():
            for path in schema.write(folder, loaded.project):
                self.log(f"schema: wrote {path.relative_to(self.project_dir)}")

    def background(self) -> None:
        """Render stale PDFs outside the lock, the viewed edition's alone first, and swap each batch in if no newer
        edit came meanwhile; the search index comes with the last batch."""
        while not self.stopping.is_set():
            with self.pending:
                self.pending.wait_for(lambda: self.request is not None or self.stopping.is_set(), timeout=0.5)
                if self.request is None:
                    continue
                generation, plan, saves = self.request
                self.request = None

            def outdated(saves: int = saves) -> bool:
                return self.saves != saves or self.stopping.is_set()

            started = time.perf_counter()
            stale = plan.stale_pdfs(self.out, first=self.viewing)
            batches = [stale[:1], stale[1:]] if stale and stale[0] == self.viewing else [stale]
            for last, batch in enumerate(batches, 1 - len(batches)):
                rendered = pipeline.render_pdfs(plan, batch, cancelled=outdated)  # the viewed one alone, on its own core
                if outdated():
                    self.log(f"pdf: {len(batch)} given up after {time.perf_counter() - started:.2f} s: a newer save came")
                    break  # its own request follows (or, if it does not check, this one again)
                with self.site_lock:
                    if generation != self.generation:
                        break  # an edit arrived: its own request follows
                    stats = pipeline.write_site(plan, self.out, rendered, indexer=search.index_search if last == 0 else None)
                self.log(f"pdf: {stats.summary()} in {time.perf_counter() - started:.2f} s")

    def watch(self) -> None:
        # the project folder itself, so that sitrep.yaml replaced by an editor (a new inode) is still heard
        root = self.project_dir.resolve()

        def watched(_: watchfiles.Change, path: str) -> bool:
            parts = Path(path).relative_to(root).parts if path.startswith(str(root)) else ()
            return bool(parts) and parts[0] in WATCHED

        for changes in watchfiles.watch(
            root, watch_filter=watched, stop_event=self.stopping, step=SETTLE_MS, debounce=1000, rust_timeout=500
        ):
            try:
                self.rebuild_html({Path(path).relative_to(root).as_posix() for _, path in changes})
            except Exception as error:  # noqa: BLE001 - the preview must survive any one bad edit
                self.log(f"rebuild failed: {error}")
                self.state.publish(f"rebuild failed: {error}")
                self.ask_for_pdfs(self.last_request)
