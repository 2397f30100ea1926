"""The plan of a briefing: body sections, annexes and their letters, key events."""

from __future__ import annotations

from typing import Any

from sitrep import model
from sitrep.load import load_project
from sitrep.render.briefing import annexes, body_sections, key_events
from sitrep.select import select

from ..conftest import MINI, ROOT


def briefing(**fields: Any) -> model.Briefing:
    base = {"slug": "b", "title": "T", "number": 1, "as_of": "2020-04-30", "authors": ["A"], "bluf": "B", "key_judgments": ["k"]}
    return model.Briefing.model_validate({**base, **fields})


def lettered(found: list[Any]) -> list[tuple[str, str, bool]]:
    return [(a.letter, a.name, a.in_print) for a in found]


def test_annexes_default_to_all_in_print() -> None:
    found = annexes(briefing())
    assert [a.heading for a in found] == [
        "Annex A: Event catalogue",
        "Annex B: Actors",
        "Annex C: Places",
        "Annex D: Sources",
        "Annex E: Analytic standards",
    ]
    assert all(a.in_print for a in found)
    assert found[0].path("b") == "briefings/b/events.html"


def test_a_briefing_chooses_its_printed_annexes_and_the_rest_stay_on_the_web() -> None:
    assert lettered(annexes(briefing(annexes=["sources", "standards"]))) == [
        ("A", "sources", True),
        ("B", "standards", True),
        ("C", "events", False),
        ("D", "actors", False),
        ("E", "places", False),
    ]
    assert not any(a.in_print for a in annexes(briefing(annexes=[])))


def test_the_project_default_applies_unless_the_briefing_chooses() -> None:
    assert lettered(annexes(briefing(), default=["events"]))[0] == ("A", "events", True)
    assert [a.in_print for a in annexes(briefing(), default=["events"])] == [True, False, False, False, False]
    assert lettered(annexes(briefing(annexes=["places"]), default=["events"]))[0] == ("A", "places", True)


def test_older_section_names_stand_for_annexes() -> None:
    old = briefing(sections=["bluf", "situation", "timeline", "actors", "outlook", "sources", "annex"])
    assert [(a.name, a.in_print) for a in annexes(old)][:4] == [
        ("actors", True),
        ("places", True),
        ("sources", True),
        ("standards", True),
    ]
    assert annexes(old)[4].name == "events" and not annexes(old)[4].in_print


def test_body_sections_leave_out_what_the_edition_has_nothing_for() -> None:
    project = load_project(MINI).project
    first = select(project, project.briefings["ed1"])
    # no previous edition; its judgment rests on one source, a gap
    assert body_sections(first) == ["bluf", "situation", "map", "timeline", "outlook", "gaps"]
    assert first.single_sourced and not first.gaps
    second = select(project, project.briefings["ed2"])
    assert body_sections(second)[:2] == ["bluf", "changes"]


def test_key_events_are_the_briefings_then_the_flagged_then_the_weightiest() -> None:
    project = load_project(ROOT).project
    view = select(project, project.briefings["us-iran-iraq-2020-04-30"])
    listed = key_events(view)
    assert len(listed) == len(view.briefing.key_events) == 15
    assert {e.id for e in listed} == set(view.briefing.key_events)
    unlisted = view.briefing.model_copy(update={"key_events": []})
    automatic = key_events(select(project, unlisted))
    assert len(automatic) == 15 and len({e.id for e in automatic}) == 15
    assert "2020-03-taji-attack-kills-coalition-troops" in {e.id for e in automatic}  # deaths weigh most
    flagged_event = view.events["2019-12-05-balad-rockets"].model_copy(update={"key": True})
    flagged = select(project, unlisted)
    flagged.events["2019-12-05-balad-rockets"] = flagged_event
    assert [e.id for e in key_events(flagged)] == ["2019-12-05-balad-rockets"]
