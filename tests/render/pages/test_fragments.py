"""The fragment store: bounded in bytes, and a piece it forgot is made again exactly as it was."""

from __future__ import annotations

import sys

from markupsafe import Markup

from sitrep import pipeline
from sitrep.render import html
from sitrep.render.pages import Drawings, each_page, site_data
from sitrep.render.pages.fragments import Fragments
from sitrep.select import View

from ...conftest import MINI


def test_the_store_never_holds_more_bytes_than_its_bound_and_forgets_the_least_recently_used() -> None:
    store = Fragments(kept_bytes=10_000)
    for n in range(200):
        text = f"<li>{n}</li>" + "x" * (n * 7)  # pieces of growing size
        piece = store.once("scope", n, caller=text.__str__)
        assert piece == f"<li>{n}</li>" + "x" * (n * 7)
        assert store.held_bytes == sum(sys.getsizeof(p) for p in store.made.values()) <= 10_000
    assert ("scope", 199) in store.made and ("scope", 0) not in store.made
    made: list[int] = []

    def big() -> str:
        made.append(1)
        return "y" * 20_000

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
