"""The SVG kit: elements written the same as the plain way, whatever their values."""

from __future__ import annotations

import html
from enum import IntEnum

import numpy as np

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
