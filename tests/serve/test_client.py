"""The open page's own script, in Chromium: an edit swapped in place, a page with scripts of its own reloaded whole."""

from __future__ import annotations

from typing import Any

from ..conftest import edit
from .served import Served


def test_the_open_page_shows_an_edit_in_place_and_an_error_until_it_is_fixed(server: Served, browser: Any) -> None:
    base, project, _ = server
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    try:
        page.goto(base + "/briefings/ed3.html")
        assert "Kataib Hezbollah attacks" in page.inner_text("main")
        page.evaluate("window.scrollTo(0, 900); window.__not_reloaded = true")
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 0
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah strikes again")
        # no reload from the test: the page's own script swaps the new version in
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah strikes again')", timeout=30_000)
        assert page.evaluate("window.__not_reloaded === true")  # updated in place: no reload
        # it went first, so it came with the answer to the page's long poll: the page did not ask for itself
        assert [url for url in asked if "/__sitrep/" not in url] == []
        assert page.evaluate("window.scrollY") == scrolled  # where the reader was
        assert "Kataib Hezbollah attacks" not in page.inner_text("body")
        assert page.title() == "Militias and US forces in Iraq, edition 3 · sitrep briefings"
        edit(project / "content/events.yaml", "  date: 2020-03\n", "  date: 2020-13\n")
        page.wait_for_function("document.body.innerText.includes('The project does not check')", timeout=30_000)
        assert "'2020-13' has no month 13" in page.inner_text("body")
        assert page.title() == "Build failed · sitrep"
        edit(project / "content/events.yaml", "  date: 2020-13\n", "  date: 2020-03\n")
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah strikes again')", timeout=30_000)
        assert "The project does not check" not in page.inner_text("body")
        # the page the error gave way to works as a page: its own script waits for the next edit
        edit(project / "content/events.yaml", "title: Kataib Hezbollah strikes again", "title: Kataib Hezbollah strikes twice")
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah strikes twice')", timeout=30_000)
    finally:
        page.close()


def test_a_page_with_scripts_of_its_own_is_reloaded_whole(server: Served, browser: Any) -> None:
    """A source page runs the copy-citation panel, bound to its text: the new version is loaded, not swapped in."""
    base, project, _ = server
    page = browser.new_page()
    try:
        page.goto(base + "/sources/meo.html")
        page.evaluate("window.__not_reloaded = true")
        edit(project / "content/sources/meo.yaml", "outlet: Middle East Online", "outlet: Middle East Online (archived)")
        page.wait_for_function("document.body.innerText.includes('Middle East Online (archived)')", timeout=30_000)
        assert page.evaluate("window.__not_reloaded === undefined")
        assert page.locator(".copy-citation").count() == 1  # the panel, made once for the new page
    finally:
        page.close()
