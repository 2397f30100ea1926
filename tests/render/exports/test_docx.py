"""The Word copy: opened with python-docx, it has the briefing's headings, one real footnote per citation, tables and pictures."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from sitrep import load, model, narrative, pipeline, select
from sitrep.render.exports.docx import EXTRA_MISSING, docx_bytes

from ...conftest import ROOT, edit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def april_30() -> tuple[select.View, bytes]:
    project = load.load_project(ROOT).project
    view = select.select(project, project.briefings["us-iran-iraq-2020-04-30"])
    return view, docx_bytes(view, project)


def test_the_word_copy_has_the_briefings_structure(april_30: tuple[select.View, bytes]) -> None:
    view, data = april_30
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name or "", p.text) for p in document.paragraphs if p.style is not None]
    headings = [(style, text) for style, text in styled if style.startswith(("Title", "Heading"))]
    narrative = [("Heading 2", part.title) for part in view.briefing.narrative if part.title]
    assert len(narrative) >= 3
    assert headings == [
        ("Title", view.briefing.title),
        *(("Heading 1", name) for name in ("Bottom line", "Key judgments", "Timeline")),
        ("Heading 1", "Situation"),
        *narrative,
        *(("Heading 1", name) for name in ("Events", "Map", "Actors", "Places", "Outlook", "Sources", "Analytic standards")),
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    for judgment in view.key_judgments:
        assert f"({judgment.likelihood.replace('-', ' ')}; {judgment.confidence} confidence)" in text
    # events, actors, places, scenarios, indicators, sources: one row each under a header row; then the four scales
    rows = [len(table.rows) - 1 for table in document.tables]
    scales = [len(model.LIKELIHOOD), len(model.CONFIDENCE), len(model.RELIABILITY), len(model.CREDIBILITY)]
    items = [len(view.events), len(view.actors), len(view.places), len(view.scenarios), len(view.indicators), len(view.sources)]
    assert rows == items + scales
    assert document.tables[0].rows[0].cells[1].text == "Event"
    places = document.tables[2]
    assert [c.text for c in places.rows[0].cells] == ["Place", "Kind", "Province", "Located", "Latest status"]
    assert [r.cells[0].text.rstrip("0123456789") for r in places.rows[1:]] == sorted(p.name for p in view.places.values())
    assert {r.cells[3].text for r in places.rows[1:]} <= {
        "exact site",
        "near a town",
        "region only",
        "not on the map: no coordinates",
    }
    assert [c.text for c in document.tables[-1].rows[1].cells] == ["1", *model.CREDIBILITY[1]]
    # the timeline, the map and the relations, rasterised
    assert len(document.inline_shapes) == 3
    assert all(shape.width > 0 for shape in document.inline_shapes)


def test_every_citation_is_a_real_footnote(april_30: tuple[select.View, bytes]) -> None:
    view, data = april_30
    # the narrative's references carry the citations of the events they name, in reading order
    narrated = [
        c
        for part in view.briefing.narrative
        for reference in narrative.references(part.text)
        for event_id in reference.ids
        for c in view.events[event_id].cite
    ]
    assert narrated
    cited = narrated + [
        c
        for items in (view.key_judgments, view.events.values(), view.places.values(), view.scenarios.values())
        for item in items
        for c in item.cite
    ]
    footnotes = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # Word's two separators (ids -1 and 0) are notes too
    assert footnotes.count("<w:footnote ") - 2 == len(cited) == document.count("<w:footnoteReference ")
    assert len(cited) > 100
    first = view.key_judgments[0].cite[0]
    source = view.sources[first.source]
    assert f"\u201c{source.title}\u201d, {source.published.human()}: \u201c{first.quote}\u201d" in footnotes.replace(
        "&quot;", '"'
    )


def test_build_makes_a_word_copy_of_the_briefings_that_ask(project: Path) -> None:
    edit(project / "briefings/ed3.yaml", "bluf:", "formats: [docx]\nbluf:")
    loaded, problems = pipeline.load_and_check(project)
    assert problems == []
    pipeline.write_site(pipeline.plan_build(loaded, project), project / "_site", {}, indexer=None)
    made = sorted(p.name for p in (project / "_site/briefings").glob("*.docx"))
    assert made == ["ed3.docx"]
    assert docx.Document(str(project / "_site/briefings/ed3.docx")).paragraphs[0].text == "Militias and US forces in Iraq"
    # --format docx asks for every briefing
    pipeline.write_site(pipeline.plan_build(loaded, project, formats=("docx",)), project / "_site", {}, indexer=None)
    assert sorted(p.name for p in (project / "_site/briefings").glob("*.docx")) == ["ed1.docx", "ed2.docx", "ed3.docx"]


def test_the_projects_default_annexes_choose_the_word_copys_sections(project: Path) -> None:
    # sitrep.yaml's `annexes` holds for a briefing that sets none, in the Word copy as in the PDF
    (project / "sitrep.yaml").write_text("annexes: [events]\n", encoding="utf-8")
    edit(project / "briefings/ed3.yaml", "bluf:", "formats: [docx]\nbluf:")
    loaded, problems = pipeline.load_and_check(project)
    assert problems == []
    pipeline.write_site(pipeline.plan_build(loaded, project), project / "_site", {}, indexer=None)
    document = docx.Document(str(project / "_site/briefings/ed3.docx"))
    headings = [p.text for p in document.paragraphs if p.style is not None and (p.style.name or "").startswith("Heading 1")]
    assert "Events" in headings
    assert not {"Actors", "Places", "Sources", "Analytic standards"} & set(headings)


def test_without_the_extra_build_says_how_to_install_it(project: Path) -> None:
    # the extra's libraries made unimportable, as in a default install
    snippet = (
        "import sys; sys.modules['pypandoc'] = None; sys.modules['cairosvg'] = None\n"
        "from sitrep.cli import main\n"
        f"sys.exit(main(['--project', {str(project)!r}, 'build', '--format', 'docx']))\n"
    )
    done = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"error: {EXTRA_MISSING}\nnothing written: {project / '_site'} is unchanged\n")
    assert EXTRA_MISSING == "the Word copy needs the docx extra: pip install 'sitrep[docx]' (pypandoc-binary and cairosvg)"
    assert not (project / "_site").exists()
