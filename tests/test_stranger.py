"""A second project written from content-model.md alone (tests/fixtures/stranger): every optional field used somewhere.

It is fictional (a dam dispute on the Orlan river between two invented states), uses every date precision and
window, flow and block YAML, comments and every quoting style, open values in the contract's own wording
('terrorist listing', 'closed to freight'), a place without coordinates or country, a later version of a judgment,
HTML written inside Markdown, and two editions, the second scoped, reordered and on Letter paper.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import Run, build_fixture, pdf_text

STRANGER = Path(__file__).resolve().parent / "fixtures" / "stranger"
FIRST, SECOND = "orlan-2025-06-08", "orlan-2025-06-20"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(STRANGER, tmp_path_factory)


def flat_text(path: Path) -> str:
    """The PDF's words on one line: what a reader sees, whatever the line breaks."""
    return " ".join(pdf_text(path).split())


def page_text(site: Path, relative: str) -> str:
    written = (site / relative).read_text(encoding="utf-8")
    main_part = written[written.index("<main") : written.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", re.sub(r'<span class="fn".*?</span>', "", main_part, flags=re.S))
    return " ".join(html.unescape(text).split())


def test_checks_strictly(run: Run) -> None:
    result = run("--project", str(STRANGER), "check", "--strict")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(
        "check passed: 4 sources, 7 actors, 5 places, 11 events, 4 judgments, 2 assumptions, 3 scenarios, 4 indicators"
    )


def test_first_edition_sees_only_its_sources(site: Path) -> None:
    first = flat_text(site / "briefings" / f"{FIRST}.pdf")
    assert "As of 8 June 2025" in first and "3 archived sources, 8 events" in first
    # compact dates, their precision said once in the legend: a year, a window from a month to a day
    assert "E1 2023 Joint River Commission meets for the last time" in first
    assert "May–4 Jun 2025 Farmers protest in Dovra" in first
    assert "injured: 2–4 (border guards, in scuffles with drivers)" in first
    assert "Upper Orlan" not in first and "Orlan Watch" not in first  # a source of mid-June: not yet seen
    # the likelihood of a judgment as the first edition knew it, before its later version
    assert "We assess that the Orlan Brigade likely acts without Dovran state direction." in first
    # the source list: a text with no outlet is named by its author, or by its title alone
    assert "“Post on the Orlan Brigade's messaging channel”. Orlan Brigade, 1 Jun 2025." in first
    assert "Unnamed outlet" not in first and "Outlet not named" not in first
    assert (
        "“Statement of the Ministry of Foreign Affairs of the Republic of Dovran on the Karsun Dam”. Jun 2025 (not dated;"
        in first
    )


def test_second_edition_shows_what_changed_and_the_outlook(site: Path) -> None:
    second = flat_text(site / "briefings" / f"{SECOND}.pdf")
    assert "Previous Edition 1, 8 June 2025" in second
    assert "Roughly even chance (45–55%) · Low confidence · LOWERED from likely" in second
    assert "Key judgment 3 LOWERED, from likely to roughly even chance" in second
    assert "Not on the map (no coordinates): Upper Orlan district." in second
    assert "reopened for Dovran" in second and "trucks, 9 Jun 2025" in second  # an open value, shown as written
    assert "Roughly even chance (45–55%) · by Sep 2025" in second
    assert "Unlikely (20–45%) · by 2025" in second
    titles = [t for t in ("Timeline", "Map", "Outlook", "Actors") if t in second]
    assert sorted(titles, key=second.index) == ["Timeline", "Map", "Outlook", "Actors"]  # sections: as ordered


def test_second_edition_is_on_letter_paper(site: Path) -> None:
    info = subprocess.run(["pdfinfo", str(site / "briefings" / f"{SECOND}.pdf")], capture_output=True, text=True)
    assert "612 x 792 pts" in info.stdout
    info = subprocess.run(["pdfinfo", str(site / "briefings" / f"{FIRST}.pdf")], capture_output=True, text=True)
    assert "595.276 x 841.89 pts" in info.stdout or "595.28 x 841.89 pts" in info.stdout


def test_markup_in_markdown_is_shown_as_text(site: Path) -> None:
    written = (site / "actors" / "orlan-brigade.html").read_text(encoding="utf-8")
    assert "<script>alert" not in written
    assert 'wrote &lt;script&gt;alert("dam")&lt;/script&gt; in plain' in written


def test_actor_pages_show_optional_fields_as_written(site: Path) -> None:
    brigade = page_text(site, "actors/orlan-brigade.html")
    assert "Also written: Orlan Brigades" in brigade
    assert "Terrorist listing by Republic of Kestria , 10 June 2025: added to Kestria's list" in brigade
    assert "Watch list, June 2025" in brigade
    farmers = page_text(site, "actors/lowland-farmers.html")
    assert "Allied with Republic of Dovran from May 2025 to June 2025" in farmers
    vesko = page_text(site, "actors/aram-vesko.html")
    assert "Member of the cabinet, Republic of Kestria , from March 2024 to 31 December 2025" in vesko


def test_place_pages(site: Path) -> None:
    tepe = page_text(site, "places/tepe-crossing.html")
    assert "closed to freight Dovran calls it a technical measure." in tepe
    assert "reopened for Dovran-plated trucks" in tepe
    upper = page_text(site, "places/upper-orlan-district.html")
    assert "No coordinates are given: the place is not on the map." in upper
