"""The SVG kit: elements written the same as the plain way, whatever their values."""

from __future__ import annotations

import html
import random
from enum import IntEnum

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.pictures import svg


def _plain_tag(name: str, content: str | None = None, /, **attrs: str | float | None) -> str:
    """`tag` as it was first written: every value printed then escaped, each name worked out anew."""
    parts = [name]
    for key, value in attrs.items():
        if value is None:
            continue
        text = svg.num(value) if isinstance(value, float) else str(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{html.escape(text, quote=True)}"')
    head = " ".join(parts)
    return f"<{head}/>" if content is None else f"<{head}>{content}</{name}>"


class Level(IntEnum):
    LOW = 1


def test_tag_writes_what_the_plain_way_writes_for_every_kind_of_value() -> None:
    values: list[str | float | None] = [
        0.04, -0.04, -0.0, 12.25, 1e21, float("inf"), float("nan"), 3, -7, 0, True, None, Level.LOW,
        np.float64(2.35), np.float32(-0.01), np.int64(5),  # type: ignore[list-item]
        "", "plain", 'a "quoted" <b>&amp;</b>', "it's", "\u202eflipped", "M1.0 2.0 L3.0 4.0 Z",
    ]  # fmt: skip
    for value in values:
        for content in (None, "", "<title>x</title>"):
            attrs = {"x": value, "stroke_width": value, "class_": value, "font_family": "'DejaVu Sans', sans-serif"}
            assert svg.tag("rect", content, **attrs) == _plain_tag("rect", content, **attrs), value
    assert (
        svg.tag("text", "a", x=1.0, font_weight=700, class_="label") == '<text x="1.0" font-weight="700" class="label">a</text>'
    )
    assert svg.tag("line", x1=-0.01, y1=None) == '<line x1="0.0"/>'


def test_text_width_is_the_sum_of_each_characters_advance_and_a_lacking_one_counts_wide() -> None:
    table = svg._widths()
    for words in ("", "Iraq", "Kataib Hezbollah’s 2nd brigade — “north”", "日本語 ☃ \U0001f600", "W" * 300):
        for bold in (False, True):
            advances = table.by_char_bold if bold else table.by_char
            plain = sum(advances.get(char, svg.UNKNOWN_ADVANCE) for char in words) * 11.0 / 100
            assert svg.text_width(words, 11.0, bold) == plain, (words, bold)
    assert svg.text_width("\U0001f600", 10.0) == svg.UNKNOWN_ADVANCE / 10  # a character DejaVu Sans lacks
    assert svg.text_width("WW", 12.0, bold=True) > svg.text_width("WW", 12.0) > svg.text_width("ii", 12.0) > 0


# --- boxes --------------------------------------------------------------------------------------


def _plain_free_box(size: svg.Point, spots: list[svg.Point], blocked: list[svg.Box], bounds: svg.Box) -> svg.Box | None:
    """`free_box` as it was first written: each spot's box asked against every box taken."""
    width, height = size
    for x, y in spots:
        box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        if svg.within(box, bounds) and not any(svg.overlaps(svg.grow(box, 1.5), other) for other in blocked):
            return box
    return None


# edges on and beside the grid's lines, far out and negative, the same twice (a box of no width), unordered, not finite
_EDGES = st.one_of(
    st.floats(-200.0, 900.0, allow_nan=False),
    st.sampled_from([0.0, 32.0, -32.0, 64.0, 31.999999, 32.000001, 1e9, -1e9, float("inf"), float("nan")]),
)
_BOXES = st.tuples(_EDGES, _EDGES, _EDGES, _EDGES)


@settings(max_examples=200, deadline=None)
@given(st.lists(_BOXES, max_size=40), st.lists(_BOXES, min_size=1, max_size=20))
def test_boxes_say_a_box_is_clear_exactly_when_the_plain_scan_does(taken: list[svg.Box], asked: list[svg.Box]) -> None:
    boxes = svg.Boxes(taken)
    assert list(boxes) == taken and len(boxes) == len(taken)
    for box in asked:
        assert boxes.clear_of(box) == (not any(svg.overlaps(box, other) for other in taken)), box


def test_boxes_place_labels_where_the_plain_scan_does_on_random_crowded_maps() -> None:
    rng = random.Random(14)
    for _ in range(20):
        bounds = (rng.uniform(-50, 50), rng.uniform(-50, 50), rng.uniform(300, 800), rng.uniform(200, 600))
        symbols = [(x - r, y - r, x + r, y + r) for x, y, r in ((rng.uniform(0, 700), rng.uniform(0, 500), rng.uniform(3, 12)) for _ in range(rng.randint(0, 200)))]  # fmt: skip
        plain, indexed = list(symbols), svg.Boxes(symbols)
        for x0, y0, x1, _ in symbols:
            size = (rng.choice([rng.uniform(20, 140), 32.0, 64.0]), rng.choice([13.0, 27.4, 41.8]))
            spots = svg.around((x0 + x1) / 2, y0, (x1 - x0) / 2 + 1.5, size, (0.0, 5.0, 12.0, 22.0, 36.0))
            found = svg.free_box(size, spots, indexed, bounds)
            assert found == _plain_free_box(size, spots, plain, bounds)
            if found is not None:
                plain.append(found)
                indexed.append(found)
        assert list(indexed) == plain


def test_boxes_without_some_keep_the_rest_in_order_and_copies_are_apart() -> None:
    a, b, c = (0.0, 0.0, 10.0, 10.0), (5.0, 5.0, 200.0, 15.0), (-40.0, 3.0, -30.0, 9.0)
    boxes = svg.Boxes([a, b, c, b])
    rest = boxes.without([b])
    assert list(rest) == [a, c]
    assert not rest.clear_of((0.0, 0.0, 1.0, 1.0)) and rest.clear_of((150.0, 6.0, 160.0, 8.0))
    copy = boxes.copy()
    copy.append((500.0, 500.0, 510.0, 510.0))
    assert len(boxes) == 4 and len(copy) == 5 and boxes.clear_of((501.0, 501.0, 502.0, 502.0))
