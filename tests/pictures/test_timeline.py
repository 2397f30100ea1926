"""The timeline: key events named on the chart without overlaps, phases, editions, faint imprecise dates, counts."""

from __future__ import annotations

import datetime as dt
import re

from sitrep import model, pictures, select
from sitrep.load import load_project
from sitrep.pictures.svg import SMALL

from ..conftest import ROOT
from .helpers import event, links, sulu
from .layout import desc, inside, labels, markers, overlapping, parse, texts, view_box


def shipped() -> tuple[list[model.Event], model.Briefing]:
    project = load_project(ROOT).project
    return list(project.events.values()), project.briefings["us-iran-iraq-2020-04-30"]


def draw(events: list[model.Event], width: float = 720.0, **extra: object) -> str:
    return pictures.timeline_svg(events, href=links, id_prefix="t", width=width, **extra)  # type: ignore[arg-type]


def test_key_events_are_named_and_nothing_overlaps_at_either_width() -> None:
    events, briefing = shipped()
    key = pictures.key_events(events)
    editions = [pictures.Edition("Ed. 3, 30 Apr", dt.date(2020, 4, 30))]
    for width in (720.0, 360.0):
        root = parse(draw(events, width, key=key, phases=briefing.phases, editions=editions))
        shown = labels(root)
        assert overlapping(shown, pad=0.5) == []
        assert overlapping(markers(root, "event-mark"), pad=0.5) == []
        words = " ".join(texts(root))
        for e in events:
            if e.id in key:
                assert e.title[:12] in words, e.title
        for phase in briefing.phases:
            assert phase.name in words  # at phone width too
        assert "Ed. 3, 30 Apr" in words
        assert "Events a week" in words


def test_a_month_only_date_is_a_faint_hatched_bar_across_its_month() -> None:
    root = parse(draw([event("day", "2020-01-05"), event("month", "2020-02")]))
    shapes = {t: b for t, b in markers(root, "event-mark")}
    bar = next(b for t, b in shapes.items() if "month" in t)
    dot = next(b for t, b in shapes.items() if "day" in t)
    assert bar[2] - bar[0] > 5 * (dot[2] - dot[0])  # across February, not a point
    assert 'fill="url(#t-hatch-attack)"' in draw([event("month", "2020-02")])
    assert "faint hatched bars span the window" in desc(root)


def test_background_history_is_drawn_apart() -> None:
    root = parse(draw([event("old", "2014"), *[event(f"e{i}", f"2020-01-{i + 1:02d}") for i in range(5)]]))
    assert "2014" in texts(root)
    assert "drawn apart at the left" in desc(root)


def test_no_events_says_so() -> None:
    assert "No events in this period" in draw([])


def test_marks_link_to_events_and_same_input_gives_same_bytes() -> None:
    events = [event(f"e{i}", f"2020-0{i % 9 + 1}-0{i % 7 + 1}", ("attack", "statement", "plan")[i % 3]) for i in range(30)]
    svg = draw(events, key={"e1", "e2"})
    assert 'href="events/e1.html"' in svg
    assert svg == draw(list(reversed(events)), key={"e2", "e1"})


def test_key_events_rule_prefers_the_judgments_basis_and_the_deadly() -> None:
    events = [
        event("quiet", "2020-01-01", "statement"),
        event("basis", "2020-01-02", "statement"),
        event("raid", "2020-01-03", "strike"),
    ]
    assert pictures.key_events(events, {"basis"}) == {"basis", "raid"}


def test_events_sharing_a_window_share_one_counted_bar_each_slice_its_own_link() -> None:
    events = [event(f"s{i}", "2020-03", "statement") for i in range(5)] + [event("day", "2020-03-10", "statement")]
    svg = draw(events)
    root = parse(svg)
    bars = [b for t, b in markers(root, "event-mark") if t.startswith("March 2020:")]
    assert len(bars) == 5 and len({round(b[1], 2) for b in bars}) == 1  # one row, five slices side by side
    assert overlapping([(str(i), b) for i, b in enumerate(bars)], pad=0.5) == []
    assert "5" in texts(root)
    assert all(f'href="events/s{i}.html"' in svg for i in range(5))


def test_a_project_in_the_sulu_sea_names_its_key_events_and_phases() -> None:
    view = sulu()
    events = list(view.events.values())
    key = pictures.key_events(events, {e for j in view.key_judgments for e in j.basis})
    assert key == {"2031-03-04-jolo-raid", "2031-03-04-patikul-fire"}  # the judgment's basis
    for width in (720.0, 360.0):
        root = parse(draw(events, width, key=key, phases=view.briefing.phases))
        assert overlapping(labels(root), pad=0.5) == []
        assert overlapping(markers(root, "event-mark"), pad=0.5) == []
        assert [w for w, box in [*labels(root), *markers(root, "event-mark")] if not inside(box, view_box(root))] == []
        words = " ".join(texts(root))
        for named in ("4 Mar: Gunmen raid", "4 Mar: Second group", "Raids in Sulu", "Deployments and talks"):
            assert named in words
        assert "Mar 2031" in words


def test_on_a_phone_the_key_event_names_pack_two_to_a_row() -> None:
    project = load_project(ROOT).project
    view = select.select(project, project.briefings["us-iran-iraq-2020-04-30"])
    events = list(view.events.values())
    key = pictures.key_events(events, {e for j in view.key_judgments for e in j.basis})  # as the briefing page does
    editions = [pictures.Edition("Ed. 1, 8 Dec", dt.date(2019, 12, 8)), pictures.Edition("Ed. 3, 30 Apr", dt.date(2020, 4, 30))]
    root = parse(draw(events, 360.0, key=key, phases=view.briefing.phases, editions=editions))
    named = [box for words, box in labels(root) if re.match(r"(\d+ [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{4}): ", words)]
    assert len(named) == len(key) == 8
    rows = 2 * SMALL * 1.2 + 2 + 5  # two lines and the gap under them
    assert max(b[3] for b in named) - min(b[1] for b in named) < 5 * rows  # eight names in at most five rows
