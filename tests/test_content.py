"""The shipped content: five archived sources, curated to the contract, passing `check --strict`."""

from __future__ import annotations

from pathlib import Path

from sitrep.load import load_project
from sitrep.select import select

from .conftest import ROOT, SULU, Run

ARTICLES = ROOT.parent / "shared" / "articles"


def test_shipped_content_passes_strict_check(run: Run) -> None:
    result = run("--project", str(ROOT), "check", "--strict")
    assert result.code == 0, result.err
    assert result.err == ""


def test_the_sulu_fixture_the_pictures_are_tested_on_passes_strict_check(run: Run) -> None:
    result = run("--project", str(SULU), "check", "--strict")
    assert result.code == 0, result.err
    assert result.err == ""


def test_archived_texts_are_the_articles_as_scraped() -> None:
    archived = sorted((ROOT / "content/sources").glob("*.txt"))
    assert len(archived) == 5
    if ARTICLES.is_dir():  # beside the repo on the team's machines and in CI
        originals = {p.read_bytes() for p in ARTICLES.glob("*.txt")}
        assert {p.read_bytes() for p in archived} == originals


def test_editions_see_what_was_known_then() -> None:
    project = load_project(ROOT).project
    views = {slug: select(project, b) for slug, b in project.briefings.items()}
    first = views["us-iran-iraq-2019-12-08"]
    assert list(first.sources) == ["arab-weekly-2019-12-08"]
    assert all(e.date.latest.isoformat() <= "2019-12-08" for e in first.events.values())
    mid_april = views["us-iran-iraq-2020-04-15"]
    assert mid_april.briefing.previous == "us-iran-iraq-2019-12-08"
    # MENA Research is dated only to April 2020, but expects a handover "on April 4": published_by
    assert set(mid_april.sources) == {
        "arab-weekly-2019-12-08",
        "unnamed-outlet-2020-03",
        "iranwire-2020-04-12",
        "mena-research-2020-04",
    }
    assert mid_april.changes is not None and mid_april.changes.events_added
    assert len(views["us-iran-iraq-2020-04-30"].sources) == 5


def test_unknown_outlet_and_dates_are_not_invented() -> None:
    project = load_project(ROOT).project
    unnamed = project.sources["unnamed-outlet-2020-03"]
    assert unnamed.outlet is None
    assert unnamed.published.precision == "month" and unnamed.published_note
    assert project.sources["middle-east-online-2020-04"].published.precision == "month"


def test_every_source_says_why_it_earns_its_grade() -> None:
    # not a check (the contract leaves reliability_reason out), but the shipped sources each give one
    project = load_project(ROOT).project
    assert [s.id for s in project.sources.values() if not s.reliability_reason] == []


def test_quickstart_has_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert len(commands) == 2, commands
    assert Path(ROOT / ".ci/run").is_file()


def test_a_byline_is_cited_with_the_headline_it_signs() -> None:
    """The article says who its author is only in its byline: the quote keeps the headline the name signs."""
    author = load_project(ROOT).project.actors["mahmoud-al-shamari"]
    byline = "Mahmoud Al-Shamari 5 min read After Recent Escalations, Could a US-Iran War Break Out in Iraq?"
    assert [c.quote for c in author.cite] == [f"April 12, 2020 {byline}"]
    assert [c.quote for role in author.roles for c in role.cite] == [byline]
