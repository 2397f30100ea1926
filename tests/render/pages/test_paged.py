"""Paging: a generated project too big for one page has a timeline and event catalogue a reader pages through."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep import model, pipeline
from sitrep.load import load_project
from sitrep.render.pages import paged

from ...browser import serve
from ...conftest import ROOT
from .test_knowledge import reachable

EVENTS = 230  # three pages of the timeline: 100, 100 and 30
PASSAGES_PER_PAGE = 120  # the source list's pages, in place of paged.PASSAGES_PER_PAGE for this small project


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated project of EVENTS events (bench/generate.py), its HTML built in-process."""
    project = tmp_path_factory.mktemp("paged") / "project"
    generator = ROOT / "bench" / "generate.py"
    subprocess.run([sys.executable, str(generator), str(project), "--events", str(EVENTS)], check=True, capture_output=True)
    out = project.parent / "_site"
    with pytest.MonkeyPatch.context() as patch:  # so its ~300 passages make an edition's source list of 3 pages
        patch.setattr(paged, "PASSAGES_PER_PAGE", PASSAGES_PER_PAGE)
        pipeline.write_site(pipeline.plan_build(load_project(project), project), out, {}, indexer=None)
    return out


def event_ids(html: str) -> list[str]:
    return re.findall(r'<article class="event" id="event-([a-z0-9-]+)"', html)


def test_numbered_pages_never_take_an_items_name() -> None:
    assert [paged.numbered("timeline.html", n) for n in (1, 2, 10)] == ["timeline.html", "timeline.2.html", "timeline.10.html"]
    assert paged.numbered("actors/x-2.html", 2) == "actors/x-2.2.html"  # an id has no dot: "x-2.2" is no actor's


def test_the_page_list_shows_the_ends_and_the_pages_near_this_one() -> None:
    events = [_event(n) for n in range(1, 2001)]  # twenty pages
    chunks = paged.split(events)
    pager = paged.pagers("timeline.html", chunks)[9][1]  # page 10
    shown = [link.number if link else None for link in pager.nearby]
    assert shown == [1, None, 7, 8, 9, 10, 11, 12, 13, None, 20]
    assert (pager.first, pager.last, pager.total) == (901, 1000, 2000)
    assert pager.previous and pager.previous.href == "timeline.9.html"
    assert pager.next and pager.next.href == "timeline.11.html"
    first = paged.pagers("timeline.html", chunks)[0][1]
    assert [link.number if link else None for link in first.nearby] == [1, 2, 3, 4, None, 20] and first.previous is None


def _event(n: int) -> model.Event:
    day = f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return model.Event.model_validate(
        {"id": f"e{n}", "date": day, "type": "other", "title": f"Event {n}", "cite": [{"source": "s", "quote": "q"}]}
    )


def test_the_timeline_is_split_into_pages_that_hold_every_event_once(big_site: Path) -> None:
    pages = ["timeline.html", "timeline.2.html", "timeline.3.html"]
    held = [event_ids((big_site / page).read_text(encoding="utf-8")) for page in pages]
    assert [len(ids) for ids in held] == [100, 100, 30]
    assert not (big_site / "timeline.4.html").exists()
    everything = [event_id for ids in held for event_id in ids]
    assert len(everything) == len(set(everything)) == EVENTS
    # every paged page of the site holds at most PER_PAGE events: the catalogue annex, actors and places too
    for page in big_site.rglob("*.html"):
        assert len(event_ids(page.read_text(encoding="utf-8"))) <= paged.PER_PAGE, page
    edition = next((big_site / "briefings").glob("*/events.html")).parent
    assert (edition / "events.2.html").is_file()


def test_every_page_of_the_timeline_is_reached_and_every_event_link_lands_on_its_page(big_site: Path) -> None:
    texts = reachable(big_site, "timeline.html")
    assert {"timeline.html", "timeline.2.html", "timeline.3.html"} <= set(texts)
    # every link to an event, anywhere in the site, names a page that holds that event
    held = {page: set(event_ids(page.read_text(encoding="utf-8"))) for page in big_site.rglob("*.html")}
    checked = 0
    for page in big_site.rglob("*.html"):
        for href in re.findall(r'href="([^"#]*)#event-([a-z0-9-]+)"', page.read_text(encoding="utf-8")):
            target = (page.parent / href[0]).resolve() if href[0] else page.resolve()
            assert href[1] in held[target], f"{page.relative_to(big_site)} links event {href[1]} to {href[0]}"
            checked += 1
    assert checked > EVENTS


@pytest.fixture
def reader(browser: Any, big_site: Path) -> Iterator[tuple[Any, str, Path]]:
    with serve(big_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            yield context.new_page(), url, big_site
        finally:
            context.close()


def test_a_reader_follows_next_and_previous_and_an_event_link_lands_on_its_page(reader: tuple[Any, str, Path]) -> None:
    page, url, site = reader
    page.goto(url + "timeline.html")
    pager = page.locator("nav.pager").first
    where = pager.locator(".pager-where").inner_text()
    assert where.startswith("Events 1–100 of 230 (") and where.endswith("), page 1 of 3."), where
    assert pager.locator("[aria-current=page]").inner_text() == "1"
    pager.get_by_role("link", name="Next →").click()
    page.wait_for_url(url + "timeline.2.html")
    assert "), page 2 of 3." in page.locator("nav.pager .pager-where").first.inner_text()
    assert page.locator("nav.pager").first.get_by_role("link", name="← Previous").count() == 1
    last = page.locator("article.event").last.get_attribute("id")
    page.locator("nav.pager").first.get_by_role("link", name="Next →").click()
    page.wait_for_url(url + "timeline.3.html")
    assert page.locator("nav.pager").first.get_by_role("link", name="Next →").count() == 0
    page.locator("nav.pager").first.get_by_role("link", name="← Previous").click()
    page.wait_for_url(url + "timeline.2.html")
    assert page.locator("article.event").last.get_attribute("id") == last
    # a source's page links each event it supports to the timeline page that holds it (here the third)
    source = next(
        p for p in sorted((site / "sources").glob("*.html")) if "../timeline.3.html#event-" in p.read_text(encoding="utf-8")
    )
    page.goto(url + f"sources/{source.name}")
    link = page.locator("a[href^='../timeline.3.html#event-']").first
    event_id = (link.get_attribute("href") or "").split("#")[1]
    link.click()
    page.wait_for_url(url + f"timeline.3.html#{event_id}")
    assert page.locator(f"#{event_id}").is_visible()
    box = page.locator(f"#{event_id}").bounding_box()
    assert box and -1 <= box["y"] < 900, box  # scrolled to it (its top at the window's)


def source_list_ids(html: str) -> list[str]:
    return re.findall(r'<li id="source-([a-z0-9-]+)"><p class="source-ref">', html)


def test_weighed_pages_hold_whole_items_up_to_the_weight_and_a_heavy_one_alone() -> None:
    weights = [3, 4, 9, 2, 2, 1, 0, 5]
    chunks = paged.split_weighed(weights, lambda w: w, 7)
    assert [list(c) for c in chunks] == [[3, 4], [9], [2, 2, 1, 0], [5]]
    nothing: list[int] = []
    assert [list(c) for c in paged.split_weighed(nothing, lambda w: w, 7)] == [[]]


def test_an_editions_source_list_is_paged_and_its_pages_hold_every_source_once(big_site: Path) -> None:
    edition = max((p for p in (big_site / "briefings").iterdir() if p.is_dir()), key=lambda p: p.name)
    pages = sorted(edition.glob("sources*.html"), key=lambda p: int(p.name.split(".")[1]) if p.name.count(".") > 1 else 1)
    assert [p.name for p in pages][:2] == ["sources.html", "sources.2.html"]
    texts = [p.read_text(encoding="utf-8") for p in pages]
    held = [source_list_ids(text) for text in texts]
    everything = [source_id for ids in held for source_id in ids]
    assert len(everything) == len(set(everything))
    # the same sources, in the same order, as the one list the edition's PDF prints (its HTML source list)
    project = big_site.parent / "project"
    body = pipeline.plan_build(load_project(project), project).pdf_job(edition.name).body_html
    assert everything == source_list_ids(body)
    for text, ids in zip(texts, held, strict=True):
        passages = len(re.findall(r'<li id="passage-', text))
        assert passages <= PASSAGES_PER_PAGE or len(ids) == 1
    where = re.search(r'<p class="pager-where">([^<]*)</p>', texts[0])
    assert where and where.group(1).startswith(f"Sources 1–{len(held[0])} of {len(everything)} (")
    assert where.group(1).endswith(f"), page 1 of {len(pages)}."), where.group(1)
    # every page of the list is reached from the edition's page, by the annexes' links and the page list
    assert {f"briefings/{edition.name}/{p.name}" for p in pages} <= set(reachable(big_site, f"briefings/{edition.name}.html"))


def test_a_reader_pages_through_an_editions_source_list(reader: tuple[Any, str, Path]) -> None:
    page, url, site = reader
    edition = max(p.name for p in (site / "briefings").iterdir() if p.is_dir())
    page.goto(url + f"briefings/{edition}.html")
    page.locator("ul.annex-list").get_by_role("link", name=re.compile("Sources")).click()
    page.wait_for_url(url + f"briefings/{edition}/sources.html")
    pager = page.get_by_role("navigation", name="Source list pages", exact=True)
    assert pager.locator("[aria-current=page]").inner_text() == "1"
    first = page.locator("ol.source-list > li").first.get_attribute("id")
    pager.get_by_role("link", name="Next →").click()
    page.wait_for_url(url + f"briefings/{edition}/sources.2.html")
    pager = page.get_by_role("navigation", name="Source list pages", exact=True)
    assert "page 2 of" in pager.locator(".pager-where").inner_text()
    assert page.locator("ol.source-list > li").first.get_attribute("id") != first
    page.get_by_role("navigation", name="Source list pages, again").get_by_role("link", name="← Previous").click()
    page.wait_for_url(url + f"briefings/{edition}/sources.html")
    assert page.locator("ol.source-list > li").first.get_attribute("id") == first
