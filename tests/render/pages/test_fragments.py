"""Fragments: an event's entry made once and shown at every folder depth and heading level is the entry made anew."""

from __future__ import annotations

import dataclasses
import re

from sitrep import pipeline, quotes
from sitrep.render import html
from sitrep.render.pages import Drawings, site_pages
from sitrep.render.pages.fragments import Fragments
from sitrep.select import View

from ...conftest import MINI, SULU


def test_every_page_with_reused_entries_is_the_page_with_each_entry_made_anew() -> None:
    for project in (MINI, SULU):
        views: dict[str, View] = {}
        loaded, problems = pipeline.load_and_check(project, views=views)
        assert not [p for p in problems if p.severity == "error"]
        pages = site_pages(loaded.project, views, Drawings(matches=quotes.Matches()), loaded.config)
        env = html.environment(project / "templates")
        shared = pages[0].context["fragments"]
        reused = 0
        for page in pages:
            assert page.context["fragments"] is shared  # one store for the whole build
            made_before = len(shared.made)
            text = html.render(env, page.template, page.context)
            # the plain way: no store, so each entry is made where it stands, with its own heading and links
            claims = dataclasses.replace(page.context["claims"], made=0, _anchored=set())  # numbered anew, as at first
            plain = html.render(env, page.template, {**page.context, "fragment_scope": "", "claims": claims})
            assert text == plain, page.path
            assert html.ROOT_MARK not in text and Fragments.HEADING not in text
            entries = len(re.findall(r'<article class="event"', text))
            reused += entries - (len(shared.made) - made_before)
        # an entry made once serves the timeline (h2) and the actor and place pages (h3) one folder deeper
        assert reused > 0 and all(key[0].endswith(("|pages", "|annex")) for key in shared.made), project


def test_a_heading_filled_in_is_escaped() -> None:
    fragments = Fragments()
    made = fragments.headed('h2"><script>', "scope", caller=lambda: f"<{Fragments.HEADING}>x</{Fragments.HEADING}>")
    assert str(made) == "<h2&#34;&gt;&lt;script&gt;>x</h2&#34;&gt;&lt;script&gt;>"
    assert fragments.headed("h3", "scope", caller=lambda: "never called") == "<h3>x</h3>"
