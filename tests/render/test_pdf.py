"""PDF briefings read back: pages, contents numbers, footnotes, markings, metadata, tags, attachment, determinism."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from sitrep.cli import main
from sitrep.load import load_project
from sitrep.select import View, select

from ..conftest import MINI, pdf_text
from ..pdfpages import outline, pdf_stream, pdf_value

MARKING = "UNCLASSIFIED // OPEN SOURCE"
SECTIONS = (
    "Contents",
    "Bottom line",
    "What changed",
    "Situation",
    "Map",
    "Timeline",
    "Outlook",
    "Annex A: Event catalogue",
    "Annex B: Actors",
    "Annex C: Places",
    "Annex D: Sources",
    "Annex E: Analytic standards",
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdfsite") / "_site"
    assert main(["--project", str(MINI), "--out", str(out), "--quiet", "build"]) == 0
    return out


def page_texts(pdf: Path) -> list[str]:
    return pdf_text(pdf, layout=True).split("\f")[:-1]


def test_one_pdf_per_briefing_linked_from_its_page(site: Path) -> None:
    for slug in ("ed1", "ed2", "ed3"):
        assert (site / "briefings" / f"{slug}.pdf").stat().st_size > 10_000
        assert f'href="{slug}.pdf"' in (site / "briefings" / f"{slug}.html").read_text()


def test_cover_has_no_header_and_page_numbers_leave_it_out(site: Path) -> None:
    pages = page_texts(site / "briefings/ed2.pdf")
    assert 6 <= len(pages) <= 40
    cover = pages[0]
    assert "Militias and US forces in Iraq" in cover and "15 April 2020" in cover and "Test Analyst" in cover
    assert "Page " not in cover
    body_total = len(pages) - 1
    for number, text in enumerate(pages[1:], start=1):
        assert f"Page {number} of {body_total}" in text, f"PDF page {number + 1}"
    for text in pages:
        assert MARKING in text


def test_page_two_holds_bottom_line_judgments_and_changes(site: Path) -> None:
    second = page_texts(site / "briefings/ed2.pdf")[1]
    for expected in (
        "CONTENTS",
        "Bottom line",
        "Key judgments",
        "Very likely (80–95%)",
        "Moderate confidence",
        "What changed since edition 1",
    ):
        assert expected in second


def test_contents_numbers_are_the_real_pages(site: Path) -> None:
    pdf = site / "briefings/ed2.pdf"
    pages = page_texts(pdf)
    after = pages[1].split("CONTENTS", 1)[1].strip("\n").split("\n\n\n", 1)[0]
    entries = {
        title: int(number)
        for line in after.splitlines()
        for title, number in re.findall(r"([A-Z][A-Za-z:, ]*[a-z])\s+(\d+)(?=\s{2,}|\s*$)", line)
    }
    assert set(SECTIONS[1:]) <= set(entries)
    bookmarks = {title: page for _, title, page in outline(pdf)}
    for title, number in entries.items():
        found = next(page for name, page in bookmarks.items() if name.startswith(title))
        assert found == number + 1, f"{title}: contents says page {number}, bookmark is on PDF page {found}"
        assert f"Page {number} of" in pages[number]


def test_bookmarks_for_every_section(site: Path) -> None:
    titles = [title for _, title, _ in outline(site / "briefings/ed3.pdf")]
    for section in SECTIONS:
        assert any(t.startswith(section) for t in titles), (section, titles)


def test_a_call_names_its_passage_and_the_source_list_grades_it_once(site: Path) -> None:
    pages = page_texts(site / "briefings/ed2.pdf")
    situation = next(" ".join(t.split()) for t in pages if "Situation" in t and "Two Katyusha rockets hit Balad Airbase [AW" in t)
    call = re.search(r"Two Katyusha rockets hit Balad Airbase \[AW (\d+)\]", situation)
    assert call, situation
    listed = " ".join(" ".join(t.split()) for t in pages if "Annex D: Sources" in t.split("\n", 2)[0])
    assert (
        "AW “Iraq new flashpoint for US-Iran tensions, troop buildup mulled”. The Arab Weekly, 8 Dec 2019. Reliability B, usually reliable:"
        " Established weekly with a record of accurate reporting; relies on named US officials and wires."
        in listed  # the grade once, with its reason
    )
    assert "“Two Katyusha rockets hit Balad Airbase north of Baghdad December 5” credibility 2, probably true" in listed
    assert listed.count("Reliability B") == 1
    everything = " ".join(" ".join(t.split()) for t in pages)
    assert "not graded" not in everything and len(re.findall(r"Reliability [A-F],", everything)) == 2  # aw and iw


def test_metadata_is_the_briefings_not_the_build(site: Path) -> None:
    reader = PdfReader(site / "briefings/ed2.pdf")
    info = reader.metadata
    assert info is not None
    assert info.title == "Militias and US forces in Iraq, edition 2 · sitrep briefings"
    assert info.author == "Test Analyst"
    assert info.subject == "Attacks continue after the killing of Soleimani."
    assert info.get("/Keywords") == "militias, rocket attacks"
    assert info.get("/CreationDate", "").startswith("D:20200415")
    assert pdf_value(reader.trailer, "/Root", "/Lang") == "en"


def test_tagged_pdf_ua(site: Path) -> None:
    info = subprocess.run(["pdfinfo", str(site / "briefings/ed1.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    root = pdf_value(PdfReader(site / "briefings/ed1.pdf").trailer, "/Root")
    assert pdf_value(root, "/StructTreeRoot")
    assert pdf_value(root, "/ViewerPreferences", "/DisplayDocTitle")
    assert b"pdfuaid:part" in pdf_stream(root, "/Metadata")


def test_as_of_view_is_attached_as_source(site: Path) -> None:
    reader = PdfReader(site / "briefings/ed2.pdf")
    attached = reader.attachments["ed2.json"][0]
    project = load_project(MINI).project
    assert json.loads(attached) == select(project, project.briefings["ed2"]).to_json()
    assert pdf_value(reader.trailer, "/Root", "/Names", "/EmbeddedFiles", "/Names", 1, "/AFRelationship") == "/Source"


def test_paper_size_follows_the_briefing(site: Path) -> None:
    letter = PdfReader(site / "briefings/ed2.pdf").pages[1].mediabox
    a4 = PdfReader(site / "briefings/ed1.pdf").pages[1].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_rebuild_is_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["--project", str(MINI), "--out", str(again), "--quiet", "build"]) == 0
    for pdf in sorted((site / "briefings").glob("*.pdf")):
        first, second = pdf.read_bytes(), (again / "briefings" / pdf.name).read_bytes()
        at = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second)))
        assert first == second, f"{pdf.name} differs at byte {at}: {first[at - 80 : at + 40]!r} vs {second[at - 80 : at + 40]!r}"


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "../../../../etc/passwd", "http://127.0.0.1:9/x.css", "assets/link-out.css"],
)
def test_templates_cannot_fetch_outside_the_project(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    (project / "templates/assets").mkdir(parents=True)
    if url == "assets/link-out.css":
        (project / "templates/assets/link-out.css").symlink_to("/etc/passwd")
    (project / "templates/pdf.html").write_text(
        '{% extends "briefing.html" %}{% block head %}{{ super() }}<link rel="stylesheet" href="assets/pdf.css">'
        f'<link rel="stylesheet" href="{url}">{{% endblock %}}{{% block cover %}}{{% endblock %}}'
    )
    out = tmp_path / "_site"
    code = main(["--project", str(project), "--out", str(out), "build"])
    err = capsys.readouterr().err
    assert code == 1
    if url == "assets/link-out.css":  # refused before rendering starts, with the other template files
        assert err.startswith("error: templates/assets/link-out.css: refused: is a link to a file outside the templates folder\n")
    else:
        assert err.startswith("error: refused to fetch ")
        assert (
            "fix: templates may use only files inside the project's templates/ folder; nothing is fetched from the network" in err
        )
    assert err.endswith(f"nothing written: {out} is unchanged\n")
    assert not out.exists()


def test_pdf_a3_variant_keeps_the_evidence(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert main(["--project", str(MINI), "--out", str(out), "--quiet", "build", "--pdf-variant", "pdf/a-3u"]) == 0
    reader = PdfReader(out / "briefings/ed1.pdf")
    assert b'pdfaid:part="3"' in pdf_stream(reader.trailer, "/Root", "/Metadata")
    assert json.loads(reader.attachments["ed1.json"][0])["briefing"]["slug"] == "ed1"
    assert pdf_value(reader.trailer, "/Root", "/Names", "/EmbeddedFiles", "/Names", 1, "/AFRelationship") == "/Source"


def test_a_cancelled_render_stops_its_workers_and_yields_nothing(tmp_path: Path) -> None:
    """The live preview gives up PDFs a newer save made out of date: the workers are killed, none is handed back."""
    import multiprocessing

    from sitrep import pipeline
    from sitrep.render import pdf

    views: dict[str, View] = {}
    loaded, _ = pipeline.load_and_check(MINI, views=views)
    plan = pipeline.plan_build(loaded, MINI, views=views)
    jobs = [plan.pdf_job(slug) for slug in views]
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(len(multiprocessing.active_children()))
        return len(asked) > 1  # the first time, the workers are at work

    assert list(pdf.render_all(jobs, cancelled=cancelled)) == []
    assert asked[0] == min(len(jobs), len(os.sched_getaffinity(0)))  # the workers were rendering when it was asked
    assert multiprocessing.active_children() == []  # and were stopped
    one = [job for job in jobs if job.slug == "ed3"]
    workers: list[int] = []

    def wanted() -> bool:
        workers.append(len(multiprocessing.active_children()))
        return False

    assert [slug for slug, _ in pdf.render_all(one, cancelled=wanted)] == ["ed3"]
    assert set(workers) == {1}  # one PDF, cancellable, renders in a worker, not in the caller's thread


def test_the_shipped_pdfs_built_on_the_pool_are_plain_renders_of_their_whole_html(tmp_path: Path) -> None:
    """The build renders PDFs while it writes pages, from HTML without the phone-width pictures print hides:
    each shipped PDF is still byte for byte what one plain render of the whole HTML makes (so its pages, "Page x of
    y", contents numbers, links, bookmarks, tags, attachment and text are those), and every link lands in it."""
    import dataclasses

    from sitrep import pipeline
    from sitrep.pictures import wide_only
    from sitrep.render import html, pdf

    from ..conftest import ROOT

    project = tmp_path / "shipped"
    for part in ("content", "briefings"):
        shutil.copytree(ROOT / part, project / part)
    out = project / "_site"
    assert main(["--project", str(project), "--out", str(out), "--quiet", "build"]) == 0
    plan = pipeline.plan_build(load_project(project), project)
    assert len(plan.views) == 3
    for slug in plan.views:
        job = plan.pdf_job(slug)
        context = next(p.context for p in plan.each_page() if p.path == f"briefings/{slug}.html")
        whole = job.body_html
        for name in pdf.PICTURES:
            both = str(context[name]).replace(html.ROOT_MARK, "../")  # as the briefing page, one folder down, shows it
            assert 'class="pic-narrow"' in both and wide_only(both) in whole, name
            whole = whole.replace(wide_only(both), both)
        built = (out / f"briefings/{slug}.pdf").read_bytes()
        assert built == pdf.render_pdf(dataclasses.replace(job, body_html=whole)), slug
        reader = PdfReader(out / f"briefings/{slug}.pdf")
        named = reader.named_destinations
        links = [
            annotation.get_object()
            for page in reader.pages
            for annotation in page.get("/Annots", [])
            if annotation.get_object().get("/Subtype") == "/Link"
        ]
        assert links, slug
        pages = [page.indirect_reference for page in reader.pages]
        for link in links:  # WeasyPrint links by name: each name must be a destination on one of the PDF's pages
            target = link.get("/Dest")
            assert isinstance(target, str), f"{slug}: a link that is not to a named place in the PDF: {link}"
            assert target in named, f"{slug}: link to {target}, which is not in the PDF"
            assert named[target].page in pages, f"{slug}: {target} is on no page of the PDF"


WORKERS_SCRIPT = """
import sys
from sitrep.render import pdf

def imported(name):
    return name in sys.modules

if __name__ == "__main__":
    with pdf.Workers(2) as workers:
        print(workers.pool.map(imported, ["weasyprint", "weasyprint"]), imported("weasyprint"))
"""


def test_pdf_workers_import_weasyprint_themselves_so_the_build_need_not_wait_for_it(tmp_path: Path) -> None:
    """`run_build` starts its PDF workers before it loads the project: their server imports WeasyPrint on another
    core while the build checks, and the build's own process does not import it at all."""
    script = tmp_path / "workers.py"  # a file: the workers import the caller's main module to find `imported`
    script.write_text(WORKERS_SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[True, True] False"


def test_a_build_whose_check_fails_leaves_no_pdf_worker_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The workers start before the check; an error in it stops them, and nothing is written."""
    import multiprocessing

    project = tmp_path / "broken"
    shutil.copytree(MINI, project)
    (project / "content" / "events.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    assert main(["--project", str(project), "--out", str(tmp_path / "site"), "--quiet", "build"]) == 1
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "site").exists()
    assert capsys.readouterr().err.endswith(f"nothing written: {tmp_path / 'site'} is unchanged\n")
