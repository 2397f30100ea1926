"""Fragments (bounded in bytes): an event's entry made once and shown at every folder depth and heading level is the entry made anew."""

from __future__ import annotations

import dataclasses
import re
import secrets

from markupsafe import Markup

from sitrep import pipeline, quotes
from sitrep.render import html
from sitrep.render.pages import Drawings, each_page, site_data, site_pages
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
        # an entry made once serves the timeline (h2) and the actor and place pages (h3) one folder deeper; an
        # edition's annex, which shows each of its events once, keeps none
        assert reused > 0 and all(key[0].endswith("|pages") for key in shared.made), project


def test_a_heading_filled_in_is_escaped() -> None:
    fragments = Fragments()
    made = fragments.headed('h2"><script>', "scope", caller=lambda: f"<{Fragments.HEADING}>x</{Fragments.HEADING}>")
    assert str(made) == "<h2&#34;&gt;&lt;script&gt;>x</h2&#34;&gt;&lt;script&gt;>"
    assert fragments.headed("h3", "scope", caller=lambda: "never called") == "<h3>x</h3>"


def test_the_store_never_holds_more_bytes_than_its_bound_and_forgets_the_least_recently_used() -> None:
    store = Fragments(kept_bytes=10_000)
    for n in range(200):
        text = f"<li>{n}</li>" + secrets.token_hex(n * 4)  # pieces of growing size (packed, about 2n*4 bytes)
        assert store.once("scope", n, caller=text.__str__) == text
        assert store.once("scope", n, caller="made again".__str__) == text  # kept (packed), and given back whole
        assert store.held_bytes == sum(len(p) for p in store.made.values()) <= 10_000
    assert ("scope", 199) in store.made and ("scope", 0) not in store.made
    made: list[int] = []

    def big() -> str:
        made.append(1)
        return secrets.token_hex(10_000)

    store.once("scope", "big", caller=big)  # larger than the whole store
    assert ("scope", "big") not in store.made and store.held_bytes <= 10_000 and made == [1]


def test_a_piece_met_again_is_not_made_again() -> None:
    store, made = Fragments(), list[int]()

    def piece() -> str:
        made.append(1)
        return "<p>a</p>"

    for _ in range(3):
        assert store.once("s", 1, caller=piece) == Markup("<p>a</p>")
    assert made == [1]


def test_pages_rendered_with_a_store_that_forgets_almost_everything_are_byte_identical() -> None:
    views: dict[str, View] = {}
    loaded, _ = pipeline.load_and_check(MINI, views=views)
    env = html.environment(MINI / "templates")

    def rendered(kept_bytes: int | None) -> dict[str, str]:
        site = site_data(loaded.project, views, Drawings(), loaded.config)
        if kept_bytes is not None:
            site.shared["fragments"].kept_bytes = kept_bytes
        return {page.path: html.render(env, page.template, page.context) for page in each_page(site)}

    plain = rendered(None)
    assert rendered(600) == plain  # a few entries at most: nearly every entry is made again
    assert rendered(0) == plain
