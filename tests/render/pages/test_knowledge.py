"""Pages: an edition's content links only to pages that show what it knew; the all-time pages say they show the latest."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from sitrep import pipeline
from sitrep.load import load_project

from ...conftest import MINI, ROOT

DECEMBER = "briefings/us-iran-iraq-2019-12-08.html"
# What the December 2019 edition's one source (The Arab Weekly, 8 December 2019) cannot know: the
# killing of Soleimani, COVID-19, the 122-target plan, al-Zurfi's designation, the Patriot deployment.
LATER_FACTS = re.compile(r"Soleimani|Muhandis|COVID|coronavirus|\b122\b|Zurfi|Patriot|Kadhemi")


class _Content(HTMLParser):
    """The text and the links of a page's <main>, without the links out to the latest knowledge and to other editions."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self.depth += 1
        if (
            self.depth
            and tag == "a"
            and attributes.get("href")
            and not {"to-latest", "to-edition"} & set((attributes.get("class") or "").split())
        ):
            self.links.append(attributes["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def reachable(site: Path, start: str) -> dict[str, str]:
    """Every page a reader reaches from `start` by the links in its content, and theirs: page -> its text."""
    texts: dict[str, str] = {}
    todo = [start]
    while todo:
        page = todo.pop()
        if page in texts:
            continue
        content = _Content()
        content.feed((site / page).read_text(encoding="utf-8"))
        texts[page] = " ".join(content.text)
        for href in content.links:
            target, _ = urldefrag(urljoin(page, href))
            if target.endswith(".html") and "//" not in target and (site / target).is_file():
                todo.append(target)
    return texts


def _html_site(project: Path, out: Path) -> Path:
    loaded = load_project(project)
    pipeline.write_site(pipeline.plan_build(loaded, project), out, {}, indexer=None)
    return out


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _html_site(ROOT, tmp_path_factory.mktemp("shipped") / "_site")


def test_december_edition_and_every_page_it_reaches_say_nothing_later(shipped_site: Path) -> None:
    pages = reachable(shipped_site, DECEMBER)
    assert len(pages) > 20  # the edition links to its actors, places, sources and timeline
    assert all(page == DECEMBER or page.startswith("briefings/us-iran-iraq-2019-12-08/") for page in pages)
    leaks = {
        page: sorted({m.group(0) for m in LATER_FACTS.finditer(text)}) for page, text in pages.items() if LATER_FACTS.search(text)
    }
    assert leaks == {}


def test_the_all_time_pages_show_the_latest_knowledge_and_say_so(shipped_site: Path) -> None:
    soleimani = (shipped_site / "actors/qassem-soleimani.html").read_text(encoding="utf-8")
    assert "This page shows the latest knowledge, from every source." in soleimani
    december_iran = (shipped_site / "briefings/us-iran-iraq-2019-12-08/actors/iran.html").read_text(encoding="utf-8")
    assert "As known on 8 December 2019, to edition 1" in december_iran
    assert not (shipped_site / "briefings/us-iran-iraq-2019-12-08/actors/qassem-soleimani.html").exists()


def test_edition_pages_link_within_the_edition(tmp_path: Path) -> None:
    site = _html_site(MINI, tmp_path / "_site")
    pages = reachable(site, "briefings/ed1.html")
    assert sorted(pages) == [
        "briefings/ed1.html",
        "briefings/ed1/actors.html",  # the annexes
        "briefings/ed1/actors/iran.html",
        "briefings/ed1/actors/kataib-hezbollah.html",
        "briefings/ed1/events.html",
        "briefings/ed1/places.html",
        "briefings/ed1/places/balad-airbase.html",
        "briefings/ed1/sources.html",
        "briefings/ed1/sources/aw.html",
        "briefings/ed1/standards.html",
        "briefings/ed1/timeline.html",
    ]
    assert "Soleimani" not in " ".join(pages.values())
    kh = (site / "briefings/ed1/actors/kataib-hezbollah.html").read_text(encoding="utf-8")
    assert "Hezbollah Brigades" not in kh  # the alias is first written by a later source
    assert 'class="to-latest" href="../../../actors/kataib-hezbollah.html"' in kh


def _text(site: Path, page: str) -> str:
    content = _Content()
    content.feed((site / page).read_text(encoding="utf-8"))
    return " ".join(" ".join(content.text).split())


def test_gaps_and_conflicts_show_what_each_edition_sees(shipped_site: Path) -> None:
    late_april = _text(shipped_site, "briefings/us-iran-iraq-2020-04-30.html")
    assert "Gaps and conflicts" in late_april
    assert "Sources disagree (place): The sources differ on which attack the mid-March US raids answered" in late_april
    assert "Rests on one source (figure): The 122 targets rest on one unnamed senior Iraqi official" in late_april
    mid_april = _text(shipped_site, "briefings/us-iran-iraq-2020-04-15.html")
    assert "The sources differ on which attack" not in mid_april  # it sees only IranWire's side
    december = _text(shipped_site, "briefings/us-iran-iraq-2019-12-08.html")
    # its one source: every key judgment rests on it, said once
    assert "Rests on one source (key judgments 1, 2, 3, 4): their evidence is from The Arab Weekly alone." in december


def test_a_grade_is_shown_with_its_reason(shipped_site: Path) -> None:
    page = _text(shipped_site, "briefings/us-iran-iraq-2019-12-08/sources/arab-weekly-2019-12-08.html")
    assert "Reliability B: Usually reliable. Established weekly that attributes each claim" in page
