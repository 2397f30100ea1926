"""sitrep.yaml: settings a reader sees on every page and PDF, defaults without the file, located errors in it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from sitrep import schema
from sitrep.cli import main
from sitrep.config import Config

from .conftest import MINI, Run, edit, pdf_text
from .test_schema_check import EditorLoader

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    '<rect width="40" height="40" fill="#1f3a5f"/><path d="M8 30 L20 8 L32 30 Z" fill="#f5c518"/></svg>\n'
)
SETTINGS = """\
# yaml-language-server: $schema=schema/sitrep.schema.json
title: Northern Desk Weekly
organisation: Ostara Analysis Group
language: fr
base_url: https://briefings.example.org/northern
paper: Letter
marking: "RESTRICTED // PARTNERS"
logo: art/logo.svg
phases:
  - {name: Rocket campaign, start: 2019-12-01, end: 2020-01-03}
formats: [docx]
"""
ED2_OWN = """\
phases:
  - {name: Drawdown, start: 2020-03-01, end: 2020-04-15}
formats: []
"""


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture with every setting given; ed1 writes its own marking, ed2 its own paper, phases and formats."""
    project = tmp_path_factory.mktemp("configured") / "project"
    shutil.copytree(MINI, project)
    with (project / "briefings" / "ed2.yaml").open("a", encoding="utf-8") as ed2:
        ed2.write(ED2_OWN)
    (project / "sitrep.yaml").write_text(SETTINGS, encoding="utf-8")
    (project / "art").mkdir()
    (project / "art" / "logo.svg").write_text(LOGO, encoding="utf-8")
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    return project / "_site"


def test_site_name_organisation_and_language_on_every_page(configured: Path) -> None:
    pages = sorted(configured.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and title.group(1).endswith(" · Northern Desk Weekly"), page
        assert '<html lang="fr">' in html, page
        assert "Ostara Analysis Group" in html, page
        assert ">sitrep<" not in html and "Built by sitrep" not in html and "sitrep briefings" not in html, page


def test_canonical_links_and_the_feed_are_absolute(configured: Path) -> None:
    page = (configured / "actors" / "iran.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://briefings.example.org/northern/actors/iran.html">' in page
    feed = (configured / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Northern Desk Weekly</title>" in feed
    assert '<link rel="self" href="https://briefings.example.org/northern/feed.xml"/>' in feed
    assert 'href="https://briefings.example.org/northern/briefings/ed2.pdf"' in feed
    assert "<author><name>Ostara Analysis Group</name></author>" in feed
    assert not re.search(r'href="(?!https://)', feed)


def test_briefings_take_marking_and_paper_from_settings_unless_they_set_their_own(configured: Path) -> None:
    def briefing_text(slug: str) -> str:
        return pdf_text(configured / "briefings" / f"{slug}.pdf")

    assert "UNCLASSIFIED // OPEN SOURCE" in briefing_text("ed1")  # ed1 writes its own marking
    assert "RESTRICTED // PARTNERS" in briefing_text("ed2") and "UNCLASSIFIED" not in briefing_text("ed2")
    sizes = {slug: PdfReader(configured / "briefings" / f"{slug}.pdf").pages[1].mediabox for slug in ("ed2", "ed3")}
    assert round(float(sizes["ed2"].width)) == 612  # ed2 writes Letter itself
    assert round(float(sizes["ed3"].width)) == 612 and round(float(sizes["ed3"].height)) == 792  # Letter from settings
    assert "RESTRICTED // PARTNERS" in (configured / "briefings" / "ed3.html").read_text(encoding="utf-8")


def test_briefings_take_phases_and_formats_from_settings_unless_they_set_their_own(configured: Path) -> None:
    def timeline(slug: str) -> str:
        """The phase names the timeline picture draws (its text elements)."""
        page = (configured / "briefings" / f"{slug}.html").read_text(encoding="utf-8")
        return " ".join(f">{name}<" for name in re.findall(r'class="label">([^<]*)</text>', page))

    for slug in ("ed1", "ed3"):
        assert ">Rocket campaign<" in timeline(slug) and ">Drawdown<" not in timeline(slug), slug
    assert ">Drawdown<" in timeline("ed2") and ">Rocket campaign<" not in timeline("ed2")
    assert sorted(path.name for path in (configured / "briefings").glob("*.docx")) == ["ed1.docx", "ed3.docx"]


def test_pdf_language_and_logo(configured: Path) -> None:
    with pikepdf.open(configured / "briefings" / "ed3.pdf") as pdf:
        assert str(pdf.Root.Lang) == "fr"
        cover = pdf.pages[0]
        assert "Northern Desk Weekly" in str(pdf.docinfo.get("/Title"))
        drawn = list(cover.Resources.get("/XObject", {}))
        assert drawn, "the logo is drawn on the cover"
    text = pdf_text(configured / "briefings" / "ed3.pdf", last_page=1)
    assert "Ostara Analysis Group" in text
    assert (configured / "assets" / "site-logo.svg").read_text(encoding="utf-8") == LOGO
    assert '<img class="logo" src="assets/site-logo.svg" alt="">' in (configured / "index.html").read_text(encoding="utf-8")


def test_without_settings_the_defaults_apply(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert main(["--project", str(MINI), "--out", str(out), "--quiet", "build"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Briefings · sitrep briefings</title>" in index and '<html lang="en">' in index
    assert 'rel="canonical"' not in index
    assert "UNCLASSIFIED // OPEN SOURCE" in (out / "briefings" / "ed3.html").read_text(encoding="utf-8")
    assert '<link rel="self" href="feed.xml"/>' in (out / "feed.xml").read_text(encoding="utf-8")
    assert Config().briefing_defaults() == {
        "paper": "A4",
        "marking": "UNCLASSIFIED // OPEN SOURCE",
        "language": "en",
        "phases": [],
        "formats": [],
    }


def test_an_edit_to_settings_remakes_the_pages(project: Path, run: Run) -> None:
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    (project / "sitrep.yaml").write_text("title: Renamed desk\n", encoding="utf-8")
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    assert "· Renamed desk</title>" in (project / "_site" / "timeline.html").read_text(encoding="utf-8")
    assert "<title>Renamed desk</title>" in (project / "_site" / "feed.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "titel: Desk\n",
            "sitrep.yaml:1:1: settings: unknown key 'titel'\n"
            "    fix: did you mean 'title'? allowed keys here: title, organisation, language, base_url, paper, marking, phases, formats, annexes, logo\n",
        ),
        (
            "paper: A5\n",
            "sitrep.yaml:1:8: settings: 'paper' is 'A5', not an allowed value\n    fix: use one of 'A4' or 'Letter'\n",
        ),
        (
            "base_url: briefings.example.org\n",
            "sitrep.yaml:1:11: settings: 'base_url' is 'briefings.example.org', not an absolute web address\n"
            "    fix: write the address the site is published at, starting with https://, e.g. https://example.org/briefings/\n",
        ),
        (
            "language: English\n",
            "sitrep.yaml:1:11: settings: 'language' is 'English', not a language tag\n"
            "    fix: write a BCP 47 language tag, e.g. en, fr, en-GB\n",
        ),
        (
            "logo: art/missing.png\n",
            "sitrep.yaml:1:7: logo 'art/missing.png' does not exist\n"
            "    fix: give the path of the logo file from the project folder, e.g. logo: assets/logo.svg\n",
        ),
        (
            "logo: ../outside.svg\n",
            "sitrep.yaml:1:7: logo '../outside.svg' is outside the project\n"
            "    fix: copy the file into the project and give its path from sitrep.yaml\n",
        ),
        (
            "- title: Desk\n",
            "sitrep.yaml:1:1: expected a mapping of settings, found a list\n    fix: write one setting per line, 'title: ...'\n",
        ),
    ],
    ids=["unknown-key", "paper", "base-url", "language", "logo-missing", "logo-outside", "not-a-mapping"],
)
def test_bad_settings_are_located(project: Path, run: Run, text: str, expected: str) -> None:
    (project / "sitrep.yaml").write_text(text, encoding="utf-8")
    result = run("--project", str(project), "check")
    assert result.code == 1
    assert result.err == expected + "check failed: 1 error, 0 warnings in 1 file\n"
    assert not (project / "_site").exists()


def test_schema_of_settings_agrees_with_the_loader(project: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema.generate()["sitrep.schema.json"]))
    good = yaml.load(SETTINGS, Loader=EditorLoader)  # noqa: S506 - a safe loader
    assert not list(validator.iter_errors(good))
    for bad in ({"titel": "x"}, {"paper": "A5"}, {"base_url": "example.org"}, {"language": "English"}, {"title": ""}):
        assert list(validator.iter_errors(bad)), bad
    described = json.loads(schema.generate()["sitrep.schema.json"])["properties"]
    assert all(field.get("description") for field in described.values())


def test_empty_settings_file_means_the_defaults(project: Path, run: Run) -> None:
    (project / "sitrep.yaml").write_text("# nothing set yet\n", encoding="utf-8")
    result = run("--project", str(project), "check")
    assert result.code == 0, result.err
    edit(project / "sitrep.yaml", "# nothing set yet", "title: Desk")
    assert run("--project", str(project), "check").code == 0


def test_annexes_a_briefing_leaves_out_come_from_settings(tmp_path: Path) -> None:
    from sitrep import load, pipeline

    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    (project / "sitrep.yaml").write_text("annexes: [sources, events]\n", encoding="utf-8")
    chosen = project / "briefings" / "ed2.yaml"
    chosen.write_text(chosen.read_text(encoding="utf-8") + "annexes: [standards]\n", encoding="utf-8")
    plan = pipeline.plan_build(load.load_project(project), project)
    printed = {
        page.path: [(a.letter, a.name) for a in page.context["print_annexes"]]
        for page in plan.each_page()
        if page.template == "briefing.html"
    }
    assert printed["briefings/ed3.html"] == [("A", "sources"), ("B", "events")]
    assert printed["briefings/ed2.html"] == [("A", "standards")]
