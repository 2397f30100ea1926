"""The timeline drawn: faint imprecise dates, history apart, shared windows counted, links, the same bytes, crowded
lanes squeezed at print width."""

from __future__ import annotations

from sitrep.pictures.timeline.draw import STACKS_MOST, squeezed

from ..helpers import event
from ..layout import desc, markers, overlapping, parse, texts, view_box
from .drawing import draw


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


def test_events_sharing_a_window_share_one_counted_bar_each_slice_its_own_link() -> None:
    events = [event(f"s{i}", "2020-03", "statement") for i in range(5)] + [event("day", "2020-03-10", "statement")]
    svg = draw(events)
    root = parse(svg)
    bars = [b for t, b in markers(root, "event-mark") if t.startswith("March 2020:")]
    assert len(bars) == 5 and len({round(b[1], 2) for b in bars}) == 1  # one row, five slices side by side
    assert overlapping([(str(i), b) for i, b in enumerate(bars)], pad=0.5) == []
    assert "5" in texts(root)
    assert all(f'href="events/s{i}.html"' in svg for i in range(5))


def test_squeezing_cuts_the_tallest_stacks_to_one_height_and_keeps_the_rest() -> None:
    assert squeezed([100.0, 50.0], 200.0) == [1.0, 1.0]
    assert squeezed([300.0, 50.0, 100.0], 250.0) == [0.3333333333333333, 1.0, 1.0]  # 50 + 100 kept, 100 left
    assert squeezed([300.0, 200.0, 20.0], 220.0) == [1 / 3, 0.5, 1.0]  # both cut to 100


def test_a_crowded_lane_overlaps_its_rows_at_print_width_so_the_picture_fits_a_page_and_keeps_every_mark() -> None:
    """A hundred statements in one week stack a hundred rows; at print width they are squeezed into a band (the
    picture fits a page at full size), on a phone they stack whole (it scrolls)."""
    crowded = [event(f"s{i}", f"2020-03-{i % 7 + 1:02d}", "statement") for i in range(100)]
    spread = [event(f"a{i}", f"2020-{i % 12 + 1:02d}-15", "attack") for i in range(12)]
    wide, narrow = parse(draw(crowded + spread)), parse(draw(crowded + spread, width=360.0))
    page = 230 / 162 * 720  # the tallest picture that prints 162 mm wide on a page, in its units
    assert view_box(wide)[3] < STACKS_MOST + 200 < page < view_box(narrow)[3]
    for root in (wide, narrow):
        assert len(markers(root, "event-mark")) == 112
    # the lane of attacks, one row, is kept whole: its twelve dots in one row
    attacks = [box for title, box in markers(wide, "event-mark") if "(attack)" in title]
    assert len({round(box[1], 2) for box in attacks}) == 1
