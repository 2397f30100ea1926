"""The site's offline search index: pagefind run over the pages it would index, and only those."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ..problems import Problem
from .site import SiteWriteError

# pagefind's mark of a page to index, an attribute in a tag: once any page has it, a page without it is left out
# of the index. (Text cannot hold a tag: the templates escape `<` in whatever they show.)
BODY_MARK = b"data-pagefind-body"
MARKED_TAG = re.compile(rb"<[A-Za-z][^<>]*?\sdata-pagefind-body(?=[\s=/>])")
# Where the pages to index are gathered (hard links, inside the folder being indexed; removed afterwards).
GATHERED = ".sitrep-search-pages"
# The time pagefind is allowed: its start-up, then ~20 ms a page when quiet, with room for a busy machine (a fixed
# 300 s ran out on a 10,000-event site under load).
SEARCH_SECONDS, SEARCH_SECONDS_PER_PAGE = 120.0, 0.25


def index_search(site: Path) -> None:
    """Build pagefind's offline search index inside the site (`site/pagefind/`).

    pagefind reads and parses every page, yet indexes only those with `data-pagefind-body` when any page has it;
    here two thirds of the pages (the editions' copies of the item pages) have none. So the pages that carry the
    mark are gathered as hard links under their own paths and pagefind reads only those: the same index, byte
    for byte, for a third of the reading. If no page carries the mark, pagefind reads the whole site as before.
    """
    marked = list(marked_pages(site))
    if not marked:
        run_pagefind(site, site / "pagefind", allowed_seconds(sum(1 for _ in site.rglob("*.html"))))
        return
    gathered = site / GATHERED
    try:
        for relative in marked:
            target = gathered / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(site / relative, target)
        run_pagefind(gathered, site / "pagefind", allowed_seconds(len(marked)))
    finally:
        shutil.rmtree(gathered, ignore_errors=True)


def marked_pages(site: Path) -> Iterator[Path]:
    """The site's HTML pages (pagefind's default glob, `**/*.html`) with the mark in a tag, relative to `site`.

    A page that only quotes the mark as text is not one of them: pagefind would not index it either.
    """
    for page in sorted(site.rglob("*.html")):
        if page.is_file() and BODY_MARK in (text := page.read_bytes()) and MARKED_TAG.search(text):
            yield page.relative_to(site)


def pagefind_command() -> list[str]:
    """How to start pagefind: its binary itself, found as `python -m pagefind` finds it, without that Python's start-up
    (its import of asyncio); `python -m pagefind` when the binary is not where its package puts it."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen is not None:
        return [chosen]
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

        return [str(Path(get_executable()).resolve())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def allowed_seconds(pages: int) -> float:
    """How long pagefind may take over `pages` pages."""
    return SEARCH_SECONDS + SEARCH_SECONDS_PER_PAGE * pages


def run_pagefind(pages: Path, bundle: Path, timeout: float) -> None:
    """pagefind over the pages under `pages`, its search bundle written to `bundle`, within `timeout` seconds;
    pagefind failing or running out of time is a SiteWriteError, so the old site is left whole."""
    hint = "run the build again; if it fails again, check that `python -m pagefind --version` runs in sitrep's environment"
    try:
        done = subprocess.run(
            [*pagefind_command(), "--site", str(pages), "--output-path", str(bundle), "--silent"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        problem = f"the search index was not made: pagefind did not finish in {timeout:,.1f} s"
        raise SiteWriteError(Problem("pagefind/", None, None, problem, f"{hint} (a busy machine slows it)")) from None
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip() or f"exit status {done.returncode}").splitlines()[0].strip()
        raise SiteWriteError(Problem("pagefind/", None, None, f"the search index was not made: pagefind said {said!r}", hint))
