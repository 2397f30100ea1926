"""An edition's pages: what its page says about itself, in its own terms."""

from __future__ import annotations

from sitrep import pipeline
from sitrep.render import html
from sitrep.render.pages import Drawings, site_pages
from sitrep.select import View

from ...conftest import SULU


def test_the_date_legend_gives_examples_from_the_editions_own_time() -> None:
    """A project about 2031 is not told how dates read with dates from 2020: the examples are its as-of day and month."""
    views: dict[str, View] = {}
    loaded, _ = pipeline.load_and_check(SULU, views=views)
    env = html.environment(SULU / "templates")
    (page,) = [p for p in site_pages(loaded.project, views, Drawings(), loaded.config) if p.template == "briefing.html"]
    text = html.render(env, page.template, page.context)  # the edition as of 2 April 2031
    assert (
        "Dates: 2 Apr 2031 is a day; Apr 2031 a day in that month; 1–5 Apr 2031 a window the sources allow; "
        "by 2 Apr 2031 on or before that day, in a window of more than two months." in text
    )
    assert "2020" not in text
