"""The page list: the few pages made with a viewed page are made as the whole list makes them."""

from __future__ import annotations

from pathlib import Path

from sitrep import pipeline, quotes
from sitrep.render import html
from sitrep.render.pages import Drawings, pages_near, site_pages
from sitrep.select import View

from ...conftest import MINI

INDEX_PAGES = {"index.html", "actors/index.html", "places/index.html", "sources/index.html", "search.html"}


def test_every_page_but_the_index_pages_is_made_near_and_renders_as_in_the_whole_list() -> None:
    views: dict[str, View] = {}
    loaded, problems = pipeline.load_and_check(MINI, views=views)
    assert not [p for p in problems if p.severity == "error"]
    drawings = Drawings(matches=quotes.Matches())
    whole = site_pages(loaded.project, views, drawings, loaded.config)
    env = html.environment(MINI / "templates")
    missing = set()
    for page in whole:
        near = pages_near(loaded.project, views, drawings, page.path, loaded.config)
        if near is None:
            missing.add(page.path)
            continue
        assert len(near) < len(whole) / 3, page.path  # a few pages, not the site
        (same,) = [p for p in near if p.path == page.path]
        assert same.template == page.template and same.title == page.title
        assert html.render(env, same.template, same.context) == html.render(env, page.template, page.context), page.path
    assert missing == INDEX_PAGES
    assert pages_near(loaded.project, views, drawings, "briefings/no-such-edition.html", loaded.config) is None


def test_a_path_that_is_no_page_is_made_near_nothing(tmp_path: Path) -> None:
    views: dict[str, View] = {}
    loaded, _ = pipeline.load_and_check(MINI, views=views)
    drawings = Drawings()
    for path in ("briefings/ed3/no-such-page.html", "actors/nobody.html", "briefings/", "nothing.html"):
        assert pages_near(loaded.project, views, drawings, path, loaded.config) is None, path
