"""The pipeline's shape: a build keys and writes its pages one at a time, holding none of them between."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitrep import pipeline
from sitrep.load import load_project
from sitrep.pipeline import list_pages, plan_build, write_site
from sitrep.render import html
from sitrep.render.pages import Drawings, Page
from sitrep.write.shards import Shard

from .conftest import MINI


def live_pages() -> list[Page]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, Page)]


def test_a_build_holds_one_page_at_a_time(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    loaded = load_project(project)
    plan = plan_build(loaded, project)
    assert live_pages() == []  # every page was keyed, and none is kept
    paths = []
    for page in plan.each_page():
        paths.append(page.path)
        del page
        assert len(live_pages()) <= 1  # the one being made (an index page is finished after it is made)
    assert tuple(paths) == plan.page_paths
    assert len(paths) == len(set(paths)) > 40
    stats = write_site(plan, tmp_path / "site", {}, indexer=None)
    assert stats.pages_written == len(paths)
    assert live_pages() == []
    # the pages listed up front (as the preview does) are the same pages, keyed the same
    listed = list_pages(loaded, project, plan.views, Drawings())
    assert [p.path for p in listed] == paths
    assert plan_build(loaded, project, views=plan.views, pages=listed).keys == plan.keys


def test_a_one_off_build_lets_go_of_what_only_the_check_read_before_it_makes_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    loaded, problems = pipeline.load_and_check(project)
    assert not [p for p in problems if p.severity == "error"]
    origin = next(iter(loaded.origins.values()))
    document, node = weakref.ref(origin.doc), weakref.ref(origin.doc.root)
    del origin
    alive_at_html: list[bool] = []
    real_write_site = pipeline.write_site

    def write_site_watched(*args: Any, **kwargs: Any) -> pipeline.BuildStats:
        gc.collect()
        alive_at_html.append(document() is not None or node() is not None)
        return real_write_site(*args, **kwargs)

    monkeypatch.setattr(pipeline, "write_site", write_site_watched)
    stats = pipeline.build_site(loaded, project, tmp_path / "site", shard=Shard(9, 9))  # no PDF: pages only
    assert alive_at_html == [False]  # the YAML node trees, raw data and texts were freed before the first page
    assert loaded.origins == {} and stats.pages_written > 40


def test_a_one_off_build_draws_the_pictures_of_a_pdf_page_once_for_the_pdf_and_its_html_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF's page draws the briefing's map and timeline; the same page in HTML is handed them, not drawn again."""
    from sitrep import pictures

    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    drawn: list[str] = []

    def counted(name: str) -> Callable[..., str]:
        real = getattr(pictures, name)

        def draw(*args: Any, **kwargs: Any) -> str:
            drawn.append(name)
            return str(real(*args, **kwargs))

        return draw

    for name in ("map_svg", "timeline_svg"):
        monkeypatch.setattr(pictures, name, counted(name))

    def drawings_of(shard: Shard) -> tuple[list[str], int]:
        drawn.clear()
        loaded, _ = pipeline.load_and_check(project)
        stats = pipeline.build_site(loaded, project, tmp_path / f"site-{shard.label().replace('/', '-')}", shard=shard)
        return sorted(drawn), stats.pdfs_written

    pages_alone, no_pdf = drawings_of(Shard(9, 9))
    with_a_pdf, one_pdf = drawings_of(Shard(1, 3))
    assert (no_pdf, one_pdf) == (0, 1)
    assert with_a_pdf == pages_alone and "map_svg" in pages_alone and "timeline_svg" in pages_alone
    site = tmp_path / "site-1-3"
    assert (site / "briefings").is_dir() and any(site.glob("briefings/*.pdf"))


def test_a_one_off_build_holds_only_the_pictures_a_pdf_drew_and_only_until_its_page_in_html_shows_them(
    tmp_path: Path,
) -> None:
    """The PDF's job asks to keep what its print page draws; every page in HTML is handed its picture or draws it and
    lets it go. So nothing is held after the pages are written, and the site is the one a build without PDFs makes."""
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    loaded = load_project(project)
    drawings = Drawings(hands_on_once=True)
    plan = plan_build(loaded, project, drawings=drawings)
    assert not drawings.drawn  # keying a page draws nothing
    plan.pdf_job("ed3")
    kept = {picture.replace(html.ROOT_MARK, "../") for picture in drawings.drawn.values()}
    assert len(kept) == 2  # its map and its timeline (the relations picture is drawn where it is shown)
    write_site(plan, tmp_path / "site", {}, indexer=None)
    assert not drawings.drawn  # handed on to the briefing's page; the other pages' pictures (all-time, per edition)
    page = (tmp_path / "site/briefings/ed3.html").read_text(encoding="utf-8")
    assert all(picture in page for picture in kept)
    write_site(plan_build(loaded, project), tmp_path / "plain", {}, indexer=None)
    written = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("*") if p.is_file())
    for path in written:
        if path.name != ".sitrep-manifest.json":
            assert (tmp_path / "site" / path).read_bytes() == (tmp_path / "plain" / path).read_bytes(), path
