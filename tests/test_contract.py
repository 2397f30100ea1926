"""A project written from the contract alone (tests/fixtures/contract): it checks with --strict and builds, site and PDFs.

It is fictional and set in the South Atlantic; it leaves every optional field out somewhere, uses open vocabularies
(place status, designation type) with values of its own, splits collections over several files, writes HTML inside
Markdown, and has two editions, the first with only the three fields a briefing requires.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitrep.load import load_project

from .conftest import Run, build_fixture, pdf_text

CONTRACT = Path(__file__).resolve().parent / "fixtures" / "contract"
FIRST, SECOND = "saint-aurel-2031-05-10", "saint-aurel-2031-12-01"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(CONTRACT, tmp_path_factory)


def page(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def test_checks_strictly(run: Run) -> None:
    result = run("--project", str(CONTRACT), "check", "--strict")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("check passed: 3 sources, 7 actors, 4 places, 7 events, 3 judgments, 2 assumptions")


def test_collections_split_over_files_load_whole() -> None:
    project = load_project(CONTRACT).project
    assert {"saint-aurel", "black-tern-collective"} <= set(project.actors)  # content/actors/state.yaml and others.yaml
    assert {"2031-04-28-booking-site-defaced", "2031-10-federation-bars-group"} <= set(project.events)
    assert len(project.judgments) == 3


def test_both_editions_build_with_a_pdf_each(site: Path) -> None:
    for slug in (FIRST, SECOND):
        assert (site / "briefings" / f"{slug}.pdf").stat().st_size > 10_000
    first = pdf_text(site / "briefings" / f"{FIRST}.pdf", layout=True)
    assert "Saint Aurel harbour unrest" in first and "10 May 2031" in first
    assert "edition 1" in first.lower()  # no number written: the first of its line
    second = pdf_text(site / "briefings" / f"{SECOND}.pdf", layout=True)
    assert "EXERCISE // FICTIONAL" in second and "edition 2" in second.lower()
    assert "None" not in first + second


def test_a_briefing_with_only_the_required_fields(site: Path) -> None:
    html = page(site, f"briefings/{FIRST}.html")
    assert "UNCLASSIFIED // OPEN SOURCE" in html  # the default marking
    assert "None" not in re.sub(r"<[^>]+>", " ", html)
    assert "Tern Watch" not in html  # published in November: later than this edition


def test_open_vocabularies_are_shown_as_written(site: Path) -> None:
    quay = page(site, "places/north-quay.html")
    assert "cordoned off by police" in quay and "closed to private vessels" in quay and "reopened" in quay
    tern = page(site, "actors/black-tern-collective.html")
    assert "barred from port facilities" in tern
    assert "Booking site offline" in page(site, "places/index.html") or "booking site offline" in page(site, "places/index.html")


def test_a_place_without_coordinates_is_listed_and_left_off_the_map(site: Path) -> None:
    places = page(site, "places/index.html")
    assert "North Quay" in places
    quay = page(site, "places/north-quay.html")
    assert "No coordinates are given: the place is not on the map." in quay
    svg = places[places.index("<svg") : places.index("</svg>")]
    assert "Port Aurel" in svg and "Not on the map (no coordinates): North Quay." in svg
    assert svg.count("North Quay") == svg.count("Not on the map (no coordinates): North Quay.")  # no symbol, no label


def test_a_place_without_a_country(site: Path) -> None:
    kicker = re.search(r'<p class="kicker">(.*?)</p>', page(site, "places/port-aurel.html"))
    assert kicker and kicker.group(1) == "City"


def test_html_in_markdown_is_shown_as_text(site: Path) -> None:
    board = page(site, "actors/aurel-harbour-board.html")
    assert "&lt;script&gt;alert(" in board
    assert "<script>alert" not in board
    assert "<code>&lt;script&gt;</code>" in board
    event = page(site, "timeline.html")
    assert "a &lt;script&gt; tag to the timetable page" in event
    tern = page(site, "actors/black-tern-collective.html")
    assert "<strong>first appeared online</strong>" in tern and "<em>port</em>" in tern  # formatting tags stay
    assert "<script>" in pdf_text(site / "briefings" / f"{SECOND}.pdf", layout=True)


def test_sources_without_outlet_author_or_descriptor(site: Path) -> None:
    notice = page(site, "sources/harbour-board-notice-2031-05.html")
    assert "Notice to harbour users" in notice and "None" not in re.sub(r"<[^>]+>", " ", notice)
    listing = page(site, "sources/index.html")
    assert listing.count("not named in the text") == 2
