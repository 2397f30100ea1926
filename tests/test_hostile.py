"""Hostile content: markup in any field is shown as text or sanitised, never run; nothing outside is fetched."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.render.html import markdown

from .browser import serve
from .conftest import MINI, Run, edit, pdf_text

XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def hostile_project(root: Path) -> Path:
    project = root / "project"
    shutil.copytree(MINI, project)
    # the archived text itself carries markup, so quotes of it do too
    text = project / "content/sources/aw.txt"
    text.write_text(text.read_text() + f"\nAn officer said {XSS} and left.\n", encoding="utf-8")
    edit(project / "content/sources/aw.yaml", "outlet: The Arab Weekly", f"outlet: 'The Arab Weekly {XSS}'")
    edit(
        project / "content/actors.yaml",
        "  name: Iran\n",
        f"  name: 'Iran {XSS}'\n  aliases: ['\"><svg onload=window.__pwned=3>']\n",
    )
    edit(
        project / "content/events.yaml",
        "  title: Two Katyusha rockets hit Balad Airbase\n",
        f"  title: 'Two rockets {XSS}'\n"
        "  summary: |\n"
        '    Reported <b onclick="window.__pwned=4">in bold</b>, see [this](javascript:window.__pwned=5)\n'
        '    and [that](vbscript:msgbox) <a href="data:text/html;base64,PHNjcmlwdD4=">data</a>.\n',
    )
    edit(
        project / "content/events.yaml",
        "      credibility: 2\n",
        f"      credibility: 2\n    - source: aw\n      quote: 'An officer said {XSS}'\n",
    )
    edit(
        project / "briefings/ed1.yaml",
        "bluf: Rocket attacks on bases hosting US troops are rising.",
        "bluf: 'Rocket attacks <span onmouseover=\"window.__pwned=6\">are rising</span>.'",
    )
    return project


def test_fetching_markdown_is_refused_at_check(tmp_path: Path, run: Run) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    edit(
        project / "content/events.yaml",
        "  tags: [rocket-attacks]\n",
        "  tags: [rocket-attacks]\n"
        "  summary: |\n"
        "    ![map](https://example.org/map.png) ![p](file:///etc/passwd) ![q](../../secret.png) ![r](media/r.png)\n"
        "    <object data=x></object> [go](javascript:alert(1))\n",
    )
    result = run("--project", str(project), "check")
    assert result.code == 1
    event = "content/events.yaml:10:12: event '2019-12-05-balad-rockets': summary has"
    assert result.err == (
        f"{event} an image from the network (https://example.org/map.png): nothing is fetched at build time\n"
        "    fix: remove the image and link to it instead: [description](https://example.org/map.png)\n"
        f"{event} an image outside the project (file:///etc/passwd)\n"
        "    fix: remove it: content may not read files outside the project\n"
        f"{event} an image outside the project (../../secret.png)\n"
        "    fix: remove it: content may not read files outside the project\n"
        f"{event} an image (media/r.png): images are not part of the content model\n"
        "    fix: remove it, and describe what it shows in words\n"
        "content/events.yaml:10:12: event '2019-12-05-balad-rockets': summary embeds an <object> tag, which would fetch something when the page is viewed\n"
        "    fix: remove the tag, or, to write it as text, put it in backticks: `<object>`\n"
        "content/events.yaml:10:12: warning: event '2019-12-05-balad-rockets': summary links to a javascript: address, which the site and PDF remove\n"
        "    fix: link only to http, https or mailto addresses\n"
        "check failed: 5 errors, 1 warning in 1 file\n"
    )


def test_markdown_sanitiser_drops_what_runs_or_fetches() -> None:
    html = str(
        markdown(
            'Text <script>x()</script><img src="file:///etc/passwd"><link rel=stylesheet href="file:///etc/passwd">'
            '[a](javascript:x) [b](https://example.org) <b onclick="x()">bold</b> <style>*{}</style>'
        )
    )
    for gone in ("<script", "<img", "<link", "javascript:", "onclick", "<style"):
        assert gone not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">b</a>' in html
    assert "<b>bold</b>" in html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = hostile_project(root)
    assert main(["--project", str(project), "--quiet", "build"]) == 0  # the javascript: link is only a warning
    return project / "_site"


PAGES = [
    "index.html",
    "briefings/ed1.html",
    "briefings/ed3.html",
    "timeline.html",
    "actors/iran.html",
    "sources/aw.html",
    "places/balad-airbase.html",
]


def test_nothing_runs_in_a_real_browser(hostile_site: Path, browser: Any) -> None:
    with serve(hostile_site) as base:
        context = browser.new_context()
        dialogs: list[str] = []
        for path in PAGES:
            page = context.new_page()

            def refuse(dialog: Any) -> None:  # an alert would mean a script ran: note it, and let the page go on
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", refuse)
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
            assert page.evaluate("document.querySelectorAll('[onerror],[onclick],[onload]').length") == 0, path
            assert (
                page.evaluate("document.querySelectorAll('a[href^=javascript], a[href^=data], a[href^=vbscript]').length") == 0
            ), path
            assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('__pwned')).length") == 0, path
            page.close()
        assert dialogs == []
        page = context.new_page()
        page.goto(base + "briefings/ed1.html")
        assert "<script>window.__pwned=1</script>" in page.inner_text("main")  # shown as text, as written
        context.close()


def test_pdf_shows_markup_as_text_and_reads_nothing_outside(hostile_site: Path) -> None:
    text = pdf_text(hostile_site / "briefings/ed1.pdf")
    flat = " ".join(text.split())
    assert "<script>window.__pwned=1</script>" in flat
    assert "root:x:0:0" not in text
