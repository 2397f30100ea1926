"""Where the timeline's names go: key events named above the chart without overlaps, at most so many rows, packed on a phone."""

from __future__ import annotations

import datetime as dt
import random
import re

from sitrep import pictures, select
from sitrep.load import load_project
from sitrep.pictures.svg import SMALL, Box
from sitrep.pictures.timeline.layout import Label, LaneRows, first_fit, name_key_events
from sitrep.pictures.timeline.spans import Span, rank, span_of

from ...conftest import ROOT
from ..helpers import sulu
from ..layout import inside, labels, markers, overlapping, parse, texts, view_box
from .drawing import draw, shipped


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


def _named_from_the_first(
    key_spans: list[Span],
    measured: dict[str, tuple[float, list[str], float, float]],
    rows_allowed: int,
    width: float,
    narrow: bool,
) -> tuple[list[Label], list[list[Box]]]:
    """The plain way: every name placed again from empty rows each time the least weighty one is dropped."""
    while True:
        rows: list[list[Box]] = []
        named: list[Label] = []
        for span in key_spans:
            x, lines, w, h = measured[span.event.id]
            spot = first_fit(rows, x, w, h, rows_allowed, width=width, narrow=narrow)
            if spot is None:
                break
            named.append((span, x, lines, w, h, *spot))
        else:
            return named, rows
        key_spans.remove(max(key_spans, key=lambda span: rank(span.event)))


def test_names_placed_again_from_where_a_dropped_one_was_are_those_placed_from_the_first() -> None:
    """Crowded name rows at both widths: starting again before the dropped name gives what starting over gives."""
    events, _ = shipped()
    spans = sorted((span_of(e) for e in events), key=lambda s: (s.first, s.event.id))
    chance = random.Random(14)
    dropped = 0
    for trial in range(300):
        width, narrow = (720.0, False) if trial % 2 else (360.0, True)
        key_spans = chance.sample(spans, chance.randint(1, len(spans)))
        key_spans.sort(key=lambda s: (s.first, s.event.id))
        measured = {
            s.event.id: (chance.uniform(0, width), ["words"], chance.uniform(20, 160), chance.choice((11.0, 20.0, 29.0)))
            for s in key_spans
        }
        rows_allowed = chance.randint(1, 8)
        plain_spans = list(key_spans)
        plain, plain_rows = _named_from_the_first(plain_spans, measured, rows_allowed, width, narrow)
        rows: list[list[Box]] = []
        assert name_key_events(key_spans, measured, rows, rows_allowed, width=width, narrow=narrow) == plain, trial
        assert key_spans == plain_spans and [row for row in rows if row] == [row for row in plain_rows if row], trial
        dropped += len(measured) - len(plain)
    assert dropped > 1000  # the rows were crowded: names were dropped, often after others had been placed


def test_a_lanes_marks_go_in_the_first_free_row_of_their_kind_as_trying_every_row_finds() -> None:
    """Dots and bars in rows of their own, each mark in the first row of its kind free where it starts: the tree
    finds the row that looking at every row in order finds, through the doublings of its size."""
    rng = random.Random(3)
    for _ in range(40):
        rows, tried = LaneRows(), list[tuple[bool, float]]()
        for _ in range(rng.choice([1, 5, 70, 600])):
            dots, start = rng.random() < 0.6, rng.uniform(0, 400)
            free_from = start + rng.choice([4.0, 30.0, 200.0])
            expected = next((i for i, (kind, free) in enumerate(tried) if kind == dots and free <= start), len(tried))
            if expected == len(tried):
                tried.append((dots, free_from))
            tried[expected] = (dots, free_from)
            assert rows.place(dots, start, free_from) == expected
