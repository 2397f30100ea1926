"""The as-of view: each edition sees only what was known on its date, and what changed since the last."""

from __future__ import annotations

from pathlib import Path

from sitrep.dates import FuzzyDate
from sitrep.load import load_project
from sitrep.model import Project
from sitrep.select import Plain, View, select, visible_sources

from ..conftest import MINI, ROOT, edit


def _views(root: Path = MINI) -> tuple[Project, dict[str, View]]:
    project = load_project(root).project
    return project, {slug: select(project, briefing) for slug, briefing in project.briefings.items()}


def test_month_precision_counts_from_the_last_day() -> None:
    project = load_project(MINI).project
    assert visible_sources(project, FuzzyDate.parse("2020-04-29")) == {"aw", "iw"}
    assert visible_sources(project, FuzzyDate.parse("2020-04-30")) == {"aw", "iw", "meo"}


def test_first_edition_sees_only_its_sources() -> None:
    _, views = _views()
    first = views["ed1"]
    assert list(first.sources) == ["aw"]
    assert list(first.events) == ["2019-12-05-balad-rockets"]
    assert [j.id for j in first.key_judgments] == ["attacks-continue-2019"]
    assert "pmf" not in first.actors  # cited only by later sources
    assert first.changes is None
    assert first.hidden["events"] == 2


def test_only_visible_citations_are_kept() -> None:
    _, views = _views()
    kh_in_april = views["ed2"].actors["kataib-hezbollah"]
    assert [c.source for c in kh_in_april.cite] == ["aw"]
    assert kh_in_april.relations == []  # the part-of relation is cited only by the end-of-April source
    assert [r.target for r in views["ed3"].actors["kataib-hezbollah"].relations] == ["pmf"]


def test_indicator_status_is_the_one_in_force() -> None:
    _, views = _views()
    assert views["ed1"].indicators["rockets-resume"].status == "emerging"
    assert views["ed2"].indicators["rockets-resume"].status == "observed"


def test_changes_against_previous_edition() -> None:
    _, views = _views()
    changes = views["ed2"].changes
    assert changes is not None and changes.previous.slug == "ed1"
    assert [e.id for e in changes.events_added] == ["2020-01-03-soleimani-killed"]
    assert [(c.judgment.id, c.change, c.before.id if c.before else None) for c in changes.judgments] == [
        ("attacks-continue-2020", "raised", "attacks-continue-2019")
    ]
    assert changes.judgments_dropped == []
    assert [(c.indicator.id, c.before, c.after) for c in changes.indicators] == [("rockets-resume", "emerging", "observed")]
    third = views["ed3"].changes
    assert third is not None
    assert [e.id for e in third.events_added] == ["2020-kh-attacks"]
    assert [c.change for c in third.judgments] == ["unchanged"]


def test_lowered_and_dropped_judgments(project: Path) -> None:
    edit(project / "content/judgments.yaml", "  likelihood: very-likely\n", "  likelihood: unlikely\n")
    edit(project / "content/judgments.yaml", "will very likely keep", "will keep")
    edit(project / "content/judgments.yaml", "change: raised", "change: lowered")
    _, views = _views(project)
    changes = views["ed2"].changes
    assert changes is not None and [c.change for c in changes.judgments] == ["lowered"]


def test_dropped_judgment_is_reported(project: Path) -> None:
    edit(project / "content/judgments.yaml", "  supersedes: attacks-continue-2019\n  change: raised\n", "  change: new\n")
    _, views = _views(project)
    changes = views["ed2"].changes
    assert changes is not None
    assert [c.change for c in changes.judgments] == ["new"]
    assert [j.id for j in changes.judgments_dropped] == ["attacks-continue-2019"]


def test_scope_filters_events(project: Path) -> None:
    edit(project / "briefings/ed3.yaml", "previous: ed2", "previous: ed2\nscope: {tags: [rocket-attacks]}")
    _, views = _views(project)
    assert list(views["ed3"].events) == ["2019-12-05-balad-rockets"]


def test_nothing_from_later_leaks_into_the_json() -> None:
    _, views = _views()
    data = views["ed1"].to_json()
    text = str(data)
    for later in ("iw", "meo", "2020-01-03", "attacks-continue-2020", "Soleimani"):
        assert later not in text


def test_published_by_lets_a_month_dated_source_be_seen_earlier(project: Path) -> None:
    edit(project / "content/sources/meo.yaml", "published: 2020-04\n", "published: 2020-04\npublished_by: 2020-04-14\n")
    _, views = _views(project)
    assert "meo" in views["ed2"].sources  # as of 15 April: the text dates itself by the 14th
    assert [r.target for r in views["ed2"].actors["kataib-hezbollah"].relations] == ["pmf"]


def test_status_entries_follow_their_sources_not_their_dates(project: Path) -> None:
    """An entry dated December but reported only in April is not in the December edition."""
    edit(
        project / "content/indicators.yaml",
        "{date: 2019-12-05, status: emerging, cite: [{source: aw,",
        "{date: 2019-12-05, status: emerging, cite: [{source: iw,",
    )
    edit(
        project / "content/indicators.yaml",
        "quote: Two Katyusha rockets hit Balad Airbase}]}",
        "quote: Iran has used Iraqi forces}]}",
    )
    _, views = _views(project)
    assert views["ed1"].indicators["rockets-resume"].status == "not-observed"
    assert views["ed1"].indicators["rockets-resume"].status_history == []
    assert views["ed2"].indicators["rockets-resume"].status == "observed"


def test_aliases_are_shown_only_where_an_edition_s_sources_use_them() -> None:
    _, views = _views()
    assert views["ed1"].actors["kataib-hezbollah"].aliases == []  # "Hezbollah Brigades" is first written in April
    assert views["ed3"].actors["kataib-hezbollah"].aliases == ["Hezbollah Brigades"]


SUMMARY_VERSIONS = """  summary: Shia faction close to Tehran.
  summary_versions:
    - text: Shia faction under the umbrella of the Popular Mobilisation Forces.
      cite:
        - source: meo
          quote: operates under the umbrella of the Popular Mobilisation Forces
"""


def test_summary_versions_are_shown_from_the_edition_that_sees_their_sources(project: Path) -> None:
    edit(project / "content/actors.yaml", "  parent: pmf\n", "  parent: pmf\n" + SUMMARY_VERSIONS)
    project_, views = _views(project)
    assert views["ed1"].actors["kataib-hezbollah"].summary == "Shia faction close to Tehran."
    assert views["ed2"].actors["kataib-hezbollah"].summary == "Shia faction close to Tehran."
    assert views["ed3"].actors["kataib-hezbollah"].summary.startswith("Shia faction under the umbrella")
    from sitrep.select import latest

    assert latest(project_)["actors"]["kataib-hezbollah"].summary.startswith("Shia faction under the umbrella")


LATER_SCENARIO = """- id: rocket-campaign-2020
  name: Rocket campaign after the January killings
  supersedes: rocket-campaign
  narrative: Militias avenge the January killings with rocket fire on bases hosting US troops.
  likelihood: likely
  indicators: [rockets-resume]
  cite:
    - source: aw
      quote: Two Katyusha rockets hit Balad Airbase
    - source: meo
      quote: The Hezbollah Brigades faction in Iraq
"""


def test_a_later_version_replaces_the_earlier_once_every_source_it_cites_is_seen(project: Path) -> None:
    edit(project / "content/scenarios.yaml", "- id: rocket-campaign\n", LATER_SCENARIO + "- id: rocket-campaign\n")
    _, views = _views(project)
    assert list(views["ed1"].scenarios) == []
    assert list(views["ed2"].scenarios) == ["rocket-campaign"]  # the later version also rests on a source of late April
    assert list(views["ed3"].scenarios) == ["rocket-campaign-2020"]
    # a reference to the earlier version leads to the one shown
    assert views["ed3"].indicators["rockets-resume"].supports == ["rocket-campaign-2020"]


OUTCOME = """  outcome:
    status: not-borne-out
    note: Attacks stopped after the January killings.
    cite:
      - source: meo
        quote: The Hezbollah Brigades faction in Iraq
"""


def test_a_dropped_judgment_s_outcome_follows_the_as_of_rule(project: Path) -> None:
    judgments = project / "content/judgments.yaml"
    edit(judgments, "  supersedes: attacks-continue-2019\n  change: raised\n", "  change: new\n")
    edit(judgments, "  assumptions: [iran-controls-proxies]\n", "  assumptions: [iran-controls-proxies]\n" + OUTCOME)
    _, views = _views(project)
    april = views["ed2"].changes
    assert april is not None and [j.id for j in april.judgments_dropped] == ["attacks-continue-2019"]
    assert april.outcomes == {}  # the outcome rests on a source of late April: mid-April cannot see it


def test_outcome_is_shown_once_its_source_is_seen(project: Path) -> None:
    judgments = project / "content/judgments.yaml"
    edit(judgments, "  supersedes: attacks-continue-2019\n  change: raised\n", "  change: new\n")
    edit(judgments, "  assumptions: [iran-controls-proxies]\n", "  assumptions: [iran-controls-proxies]\n" + OUTCOME)
    edit(project / "briefings/ed3.yaml", "previous: ed2", "previous: ed1")
    _, views = _views(project)
    changes = views["ed3"].changes
    assert changes is not None and list(changes.outcomes) == ["attacks-continue-2019"]
    assert changes.outcomes["attacks-continue-2019"].status == "not-borne-out"


def test_confidence_changes_are_reported_beside_likelihood(project: Path) -> None:
    edit(
        project / "content/judgments.yaml",
        "  likelihood: very-likely\n  confidence: moderate",
        "  likelihood: very-likely\n  confidence: high",
    )
    _, views = _views(project)
    changes = views["ed2"].changes
    assert changes is not None
    assert [(c.change, c.confidence) for c in changes.judgments] == [("raised", "raised")]


GAP = """- id: who-fired
  type: conflict
  about: attribution
  summary: Who fired the rockets at Balad.
  events: [2019-12-05-balad-rockets]
  accounts:
    - says: US officials suspected Iran.
      cite:
        - source: aw
          quote: US officials said they suspected Iran
    - says: The Hezbollah Brigades are said to act under the PMF.
      cite:
        - source: meo
          quote: The Hezbollah Brigades faction in Iraq
"""


def test_a_conflict_is_shown_once_an_edition_sees_two_sides(project: Path) -> None:
    (project / "content/gaps.yaml").write_text(GAP, encoding="utf-8")
    _, views = _views(project)
    assert views["ed1"].gaps == {}  # one account only: not yet a conflict
    assert views["ed2"].gaps == {}
    assert [a.says for a in views["ed3"].gaps["who-fired"].accounts] == [
        "US officials suspected Iran.",
        "The Hezbollah Brigades are said to act under the PMF.",
    ]


def test_key_judgments_on_one_source_are_listed() -> None:
    _, views = _views()
    assert views["ed1"].single_sourced == {"attacks-continue-2019": "aw"}  # its cite and its basis event: aw alone
    assert views["ed2"].single_sourced == {}


def test_a_window_ends_no_later_than_the_edition_s_date(project: Path) -> None:
    """An edition cannot know an end after its as-of date: its view ends the window on that date."""
    edit(project / "content/events.yaml", "  date: 2019-12-05\n", "  date: 2019-12-05\n  date_end: 2019-12-20\n")
    edit(
        project / "content/events.yaml",
        "      credibility: 2\n",
        "      credibility: 2\n    - source: iw\n      quote: Iran has used Iraqi forces\n",
    )
    _, views = _views(project)
    assert str(views["ed1"].events["2019-12-05-balad-rockets"].date_end) == "2019-12-08"
    assert str(views["ed2"].events["2019-12-05-balad-rockets"].date_end) == "2019-12-20"


def test_scope_matches_an_event_on_any_filter_it_meets(project: Path) -> None:
    """An event without a place is in scope when its actors or tags match: filters are alternatives, not all required."""
    scope = "previous: ed2\nscope: {places: [balad-airbase], actors: [pmf]}"
    edit(project / "briefings/ed3.yaml", "previous: ed2", scope)
    _, views = _views(project)
    assert list(views["ed3"].events) == ["2019-12-05-balad-rockets", "2020-01-03-soleimani-killed"]


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _each_alone_and_in_turn(root: Path) -> tuple[dict[str, View], dict[str, View]]:
    """Every edition selected on its own, and all selected in date order with one `plain`, each from the last."""
    project = load_project(root).project
    alone = {slug: select(project, briefing) for slug, briefing in project.briefings.items()}
    plain: Plain = {}
    ordered = sorted(project.briefings.values(), key=lambda b: (b.as_of.sort_key(), b.slug))
    in_turn = {b.slug: select(project, b, plain=plain) for b in ordered}
    return alone, in_turn


def test_an_edition_started_from_the_last_one_is_the_edition_selected_alone(bench_project: Path) -> None:
    roots = [ROOT, bench_project, *(FIXTURES / name for name in ("mini", "contract", "stranger", "sulu"))]
    for root in roots:
        alone, in_turn = _each_alone_and_in_turn(root)
        assert alone, root
        for slug, view in alone.items():
            assert in_turn[slug] == view, (root, slug)
            assert in_turn[slug].to_json() == view.to_json(), (root, slug)


def test_a_later_version_seen_later_is_shown_in_the_later_edition_only() -> None:
    """The shipped content supersedes a scenario between its editions: the later edition, started from the earlier
    one, shows the new version and not the old."""
    alone, in_turn = _each_alone_and_in_turn(ROOT)
    superseding = {s.id: s.supersedes for view in alone.values() for s in view.scenarios.values() if s.supersedes}
    assert superseding
    for slug, view in in_turn.items():
        assert view.scenarios == alone[slug].scenarios
        assert not {s.supersedes for s in view.scenarios.values()} & set(view.scenarios), slug
