"""Pictures kept between builds: a timeline is drawn again only when something it shows changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitrep import pipeline
from sitrep.render import html
from sitrep.render.pages import Drawings, site_pages
from sitrep.select import View

from ...conftest import MINI, edit


def _briefing_html(project: Path, drawings: Drawings) -> str:
    views: dict[str, View] = {}
    loaded, problems = pipeline.load_and_check(project, views=views)
    assert not [p for p in problems if p.severity == "error"]
    page = next(p for p in site_pages(loaded.project, views, drawings, loaded.config) if p.path == "briefings/ed3.html")
    return html.render(html.environment(project / "templates"), page.template, page.context)


def _timeline(page: str) -> str:
    """The timeline picture of a page, at both widths."""
    start = page.index('<figure class="picture wide" id="figure-timeline">')
    return page[start : page.index("</figure>", start)]


def test_a_timeline_is_kept_until_what_it_shows_changes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    drawings = Drawings()
    first = _briefing_html(project, drawings)
    kept = dict(drawings.drawn)
    shown = {picture.replace(html.ROOT_MARK, "../") for picture in kept.values()}  # kept with links from any depth
    assert _timeline(first).removeprefix('<figure class="picture wide" id="figure-timeline">') in shown
    # a judgment's words are on the page but not in any picture: every picture is the one kept
    edit(project / "briefings/ed3.yaml", "bluf: Attacks continue.", "bluf: Attacks go on.")
    second = _briefing_html(project, drawings)
    assert second != first and _timeline(second) == _timeline(first)
    assert dict(drawings.drawn) == kept
    # an event's title is in the timeline: it is drawn again, with the new title, and matches a fresh drawing
    edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah strikes")
    third = _briefing_html(project, drawings)
    assert "Kataib Hezbollah strikes" in _timeline(third) and "Kataib Hezbollah attacks" not in _timeline(third)
    assert len(drawings.drawn) > len(kept)
    assert third == _briefing_html(project, Drawings())


def test_drawings_that_keep_none_hold_no_picture_and_draw_each_time_it_is_asked_for() -> None:
    from sitrep.render.pages.drawings import _kept

    drawn: list[int] = []

    def draw(mark: int) -> str:
        drawn.append(mark)
        return "<svg/>"

    drawings = Drawings(kept=0)
    for _ in range(2):
        assert _kept(drawings, "k", lambda: draw(1)) == "<svg/>"
    assert not drawings.drawn and drawn == [1, 1]
    kept = Drawings(kept=1)
    assert _kept(kept, "k", lambda: draw(2)) == _kept(kept, "k", lambda: "other") == "<svg/>"
    assert list(kept.drawn) == ["k"] and drawn == [1, 1, 2]


def test_a_one_off_builds_drawings_keep_only_what_a_page_asks_to_keep_and_hand_it_on_once() -> None:
    from sitrep.render.pages.drawings import _kept

    drawn: list[str] = []

    def draw(mark: str) -> str:
        drawn.append(mark)
        return f"<svg id='{mark}'/>"

    drawings = Drawings(hands_on_once=True)  # a one-off build: a picture only a page in HTML shows is not kept...
    assert _kept(drawings, "html-only", lambda: draw("a")) == "<svg id='a'/>"
    assert _kept(drawings, "html-only", lambda: draw("b")) == "<svg id='b'/>" and drawn == ["a", "b"]
    with drawings.keeping():  # ...one a PDF's page draws is kept, for as long as it asks (two PDFs may share it)...
        assert _kept(drawings, "pdf-page", lambda: draw("first")) == "<svg id='first'/>"
        assert _kept(drawings, "pdf-page", lambda: draw("never")) == "<svg id='first'/>"
    # ...then the same page in HTML is handed the picture its PDF drew, and it is let go
    assert _kept(drawings, "pdf-page", lambda: draw("never")) == "<svg id='first'/>"
    assert _kept(drawings, "pdf-page", lambda: draw("again")) == "<svg id='again'/>"  # shown again: drawn again...
    assert _kept(drawings, "pdf-page", lambda: draw("third")) == "<svg id='third'/>"  # ...and not kept
    assert drawn == ["a", "b", "first", "again", "third"]


def test_what_a_one_off_build_is_asked_to_keep_is_bounded_the_oldest_going_first() -> None:
    from sitrep.render.pages.drawings import _kept

    drawings = Drawings(kept=2, hands_on_once=True)
    with drawings.keeping():
        for key in ("a", "b", "c"):
            _kept(drawings, key, lambda key=key: f"<svg id='{key}'/>")  # type: ignore[misc]
    assert _kept(drawings, "a", lambda: "<svg id='a2'/>") == "<svg id='a2'/>"  # let go unshown: drawn anew
    assert _kept(drawings, "c", lambda: "<svg id='c2'/>") == "<svg id='c'/>"
    assert _kept(drawings, "b", lambda: "<svg id='b2'/>") == "<svg id='b'/>"
    assert _kept(drawings, "b", lambda: "<svg id='b3'/>") == "<svg id='b3'/>"  # handed on once
