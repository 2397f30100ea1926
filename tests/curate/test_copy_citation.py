"""serve's "copy citation" in Chromium: select words of an archived text, get a citation that check accepts."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main

from ..browser import axe_violations, describe_violations
from ..conftest import edit
from ..serve.served import server  # noqa: F401 - the served mini project

Served = tuple[str, Path, subprocess.Popen[str]]

SELECT = """([phrase, from, to]) => {
  // select `phrase` inside the archived text, from character `from` to `to` of it (a word may be cut)
  const archive = document.querySelector('.archived');
  const walker = document.createTreeWalker(archive, NodeFilter.SHOW_TEXT, {  // the source's words, not passage numbers
    acceptNode: (n) => n.parentElement.closest('.passage-nos') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
  const at = all.indexOf(phrase);
  if (at < 0) { throw new Error('not on the page: ' + phrase); }
  function point(offset) {
    for (let i = nodes.length - 1; i >= 0; i--) { if (nodes[i][1] <= offset) { return [nodes[i][0], offset - nodes[i][1]]; } }
  }
  const range = document.createRange();
  range.setStart(...point(at + from));
  range.setEnd(...point(at + to));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  archive.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


@pytest.fixture
def source_page(server: Served, browser: Any) -> Iterator[tuple[Any, Path]]:  # noqa: F811 - the fixture imported above
    base, project, _ = server
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    try:
        page.goto(base + "/sources/aw.html")
        yield page, project
    finally:
        context.close()


def select(page: Any, phrase: str, start: int = 0, end: int | None = None) -> None:
    page.evaluate(SELECT, [phrase, start, len(phrase) if end is None else end])
    page.wait_for_selector(".copy-citation:not([hidden])")


def test_a_selection_becomes_a_citation_that_passes_check(
    source_page: tuple[Any, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    page, project = source_page
    phrase = "Five rockets hit Ain Assad Airbase on December 3"
    select(page, phrase, 2, len(phrase) - 5)  # from inside "Five" to inside "December": widened to whole words
    assert page.inner_text(".copy-citation-status") == (
        "Checked: 8 words of one paragraph, word for word (the selection was widened to whole words). "
        "Paste it under cite: in an event, actor or judgment."
    )
    snippet = page.inner_text(".copy-citation-yaml")
    assert snippet == '- source: aw\n  quote: "Five rockets hit Ain Assad Airbase on December"'
    page.click(".copy-citation-copy")
    page.wait_for_function("document.querySelector('.copy-citation-status').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    assert page.inner_text(".copy-citation-status") == (
        "Copied. Paste it under cite: in an event, actor or judgment, then run sitrep check."
    )
    # paste it where the analyst would: as the citation of an event
    events = project / "content/events.yaml"
    edit(events, "    - source: aw\n      quote: Two Katyusha rockets hit Balad Airbase north of Baghdad December 5\n", "")
    text = events.read_text(encoding="utf-8")
    at = text.index("  cite:\n", text.index("credibility: 2") - 200)
    events.write_text(
        text[: at + len("  cite:\n")] + "    " + snippet.replace("\n", "\n    ") + "\n" + text[at + len("  cite:\n") :]
    )
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("phrase", "start", "end", "problem"),
    [
        (
            "Two Katyusha rockets hit",
            0,
            12,
            "A quote is at least 4 words: this selection has 2 words. Select more of the passage.",
        ),
        (
            "the attack.\nFive rockets",
            0,
            None,
            "A quote stays within one paragraph: select words of one paragraph, or cite each paragraph on its own.",
        ),
    ],
)
def test_a_selection_that_would_fail_check_says_why(
    source_page: tuple[Any, Path], phrase: str, start: int, end: int | None, problem: str
) -> None:
    page, _ = source_page
    select(page, phrase, start, end)
    assert page.inner_text(".copy-citation-status") == problem
    assert page.is_disabled(".copy-citation-copy")
    assert not page.is_visible(".copy-citation-yaml")


def test_the_panel_is_accessible(source_page: tuple[Any, Path]) -> None:
    page, _ = source_page
    select(page, "Two Katyusha rockets hit Balad Airbase")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_the_published_site_has_no_copy_script(server: Served) -> None:  # noqa: F811 - the fixture imported above
    _, project, _ = server
    page = (project / "_site/sources/aw.html").read_text(encoding="utf-8")
    assert 'data-source="aw"' in page
    assert "copy-citation" not in page
