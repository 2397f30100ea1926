"""The rebuild loop as a user meets it: an edit refreshes the HTML then the PDF, errors are shown, the viewed page goes first."""

from __future__ import annotations

import multiprocessing
import re
import time
from pathlib import Path
from typing import Any

from sitrep.serve.preview import page_of, pdf_workers_stopped

from ..conftest import edit
from ..write.test_keys import html_build, outputs
from .served import Served, get, until


def test_an_edit_refreshes_html_then_pdf(server: Served) -> None:
    base, project, _ = server
    pdf = project / "_site/briefings/ed3.pdf"
    assert until(pdf.is_file, 120), "the background pass renders the PDFs"
    before = pdf.stat().st_ino
    edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah rocket salvoes")
    assert until(lambda: "Kataib Hezbollah rocket salvoes" in get(base + "/briefings/ed3.html")[1], 30)
    assert until(lambda: pdf.is_file() and pdf.stat().st_ino != before, 120), "the PDF follows in the background"


def test_broken_yaml_shows_the_located_error_and_the_server_lives(server: Served) -> None:
    base, project, process = server
    edit(project / "content/actors.yaml", "  kind: state\n", "  kind: state\n  kind: armed-group\n")
    assert until(lambda: "The project does not check" in get(base + "/index.html")[1], 30)
    body = get(base + "/timeline.html")[1]
    assert "content/actors.yaml:4:3: duplicate key &#x27;kind&#x27; (first written on line 3)" in body
    assert process.poll() is None
    edit(project / "content/actors.yaml", "  kind: state\n  kind: armed-group\n", "  kind: state\n")
    assert until(lambda: "Militias and US forces" in get(base + "/index.html")[1], 30)


def test_the_viewed_page_goes_first_and_no_page_meets_the_old_version(server: Served, browser: Any, tmp_path: Path) -> None:
    base, project, process = server
    page = browser.new_page()
    try:
        page.goto(base + "/briefings/ed3.html")
        page.wait_for_timeout(300)  # the page's long poll tells the server what is open
        edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah shells a base")
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah shells a base')", timeout=60_000)
        # asked for while the rest of the site may still be being written: it waits, and is of the new version
        for other in ("/timeline.html", "/briefings/ed3/timeline.html", "/briefings/ed3/events.html"):
            assert "Kataib Hezbollah shells a base" in get(base + other)[1], other
        assert "Kataib Hezbollah attacks" not in get(base + "/timeline.html")[1]
    finally:
        page.close()
    process.terminate()
    _, err = process.communicate(timeout=10)
    assert "(briefings/ed3.html shown " in err, err  # it went first, from memory
    assert re.search(r"check \d+\.\d\d s, \d+ pages' contexts \d+\.\d\d s, rendered", err), err  # of a few pages, not all
    # the open page asked again once it had painted the new version: the rest of the site waited for that, not longer
    assert re.search(r"swapped in the open page \d+\.\d\d s after", err), err
    clean = tmp_path / "clean"
    html_build(project, clean)
    assert outputs(project / "_site") == outputs(clean)  # the site the preview left is a clean build's


def test_any_viewed_page_goes_first(server: Served, browser: Any, tmp_path: Path) -> None:
    """An annex, an edition's item page, all-time pages, the index: each is the one rendered first."""
    base, project, process = server
    page = browser.new_page()
    viewed = ("/briefings/ed3/events.html", "/briefings/ed3/timeline.html", "/actors/kataib-hezbollah.html", "/timeline.html")
    try:
        for number, path in enumerate(viewed):
            page.goto(base + path)
            page.wait_for_timeout(300)  # the page's long poll tells the server what is open
            title = f"Kataib Hezbollah attack {number}"
            edit(project / "content/events.yaml", "title: Kataib Hezbollah attack", f"title: {title}")
            page.wait_for_function(f"document.body.innerText.includes({title!r})", timeout=60_000)
        page.goto(base + "/")
        page.wait_for_timeout(300)
        edit(project / "briefings/ed3.yaml", "bluf: Attacks continue.", "bluf: Attacks go on.")
        page.wait_for_function("document.body.innerText.includes('Attacks go on.')", timeout=60_000)
        assert "Attacks go on." in get(base + "/briefings/ed3.html")[1]  # held until the rest is written, and said
    finally:
        page.close()
    process.terminate()
    _, err = process.communicate(timeout=10)
    for path in viewed:
        assert f"({page_of(path)} shown " in err, err
    assert "(index.html shown " in err and "every page's context" in err  # an index page needs the whole list
    clean = tmp_path / "clean"
    html_build(project, clean)
    assert outputs(project / "_site") == outputs(clean)


def test_an_edited_source_text_is_matched_afresh(server: Served) -> None:
    """The preview keeps quote matches across edits: one whose text changed is matched again, and fails if it must."""
    base, project, _ = server
    text = project / "content/sources/meo.txt"
    edit(text, "The Hezbollah Brigades faction", "The Hezbollah Brigades group")
    assert until(lambda: "The project does not check" in get(base + "/index.html")[1], 30)
    assert "quote not found in source &#x27;meo&#x27;: &quot;The Hezbollah Brigades faction&quot;" in get(base + "/index.html")[1]
    edit(text, "The Hezbollah Brigades group", "The Hezbollah Brigades faction")
    assert until(lambda: "Militias and US forces" in get(base + "/index.html")[1], 30)


def test_a_template_added_then_edited_is_shown(server: Served) -> None:
    """The preview's templates are read again when their files change (a build reads each once)."""
    base, project, _ = server
    (project / "templates").mkdir(exist_ok=True)
    for words in ("Our own index", "Our own index, edited"):
        text = '{% extends "base.html" %}{% block content %}<h1>' + words + "</h1>{% endblock %}"
        (project / "templates/index.html").write_text(text, encoding="utf-8")

        def shown(heading: str = f"<h1>{words}</h1>") -> bool:
            return heading in get(base + "/index.html")[1]

        assert until(shown, 30), words


def test_serve_keeps_the_schema_current(server: Served) -> None:
    base, project, _ = server
    schema_folder = project / "schema"
    schema_folder.mkdir()
    edit(project / "content/places.yaml", "- id: balad-airbase", "- id: balad-air-base")
    edit(project / "content/events.yaml", "place: balad-airbase", "place: balad-air-base")

    def listed() -> bool:
        path = schema_folder / "events.schema.json"
        return path.is_file() and '"balad-air-base"' in path.read_text(encoding="utf-8")

    assert until(listed, 60), "the schema did not follow the edit"


def _count(counter: Any) -> None:
    while True:
        counter.value += 1


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_pdf_workers_are_stopped_while_a_save_is_checked() -> None:
    fork = multiprocessing.get_context("fork")
    counter = fork.RawValue("q", 0)  # no lock: a worker stopped while holding one would block this test
    worker = fork.Process(target=_count, args=(counter,), daemon=True)
    worker.start()
    try:
        assert until(lambda: counter.value > 0, 10)
        with pdf_workers_stopped() as stopped:
            assert stopped == [worker.pid]
            assert until(lambda: _state(stopped[0]) == "T", 5), "the worker is stopped at once"
            frozen = counter.value
            time.sleep(0.3)
            assert counter.value == frozen, "a stopped worker takes no time from the check"
        assert until(lambda: counter.value > frozen, 5), "continued after the check"
    finally:
        worker.kill()
        worker.join()
