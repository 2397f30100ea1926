"""The archived text on a source page: quoted passages marked, hidden characters shown as inert, visible marks."""

from __future__ import annotations

from sitrep import model
from sitrep.render.html import highlight, paragraphs_of


def test_control_and_bidi_characters_are_shown_not_obeyed() -> None:
    text = "Officials said\x1b[2J the \u202eesab\u202c was hit.\r\n\r\nSecond\x00 paragraph\x85."
    quote = model.Citation(source="aw", quote="the \u202eesab\u202c was hit")
    html = str(highlight(text, [("event: x", quote)]))
    for char in "\x1b\u202e\u202c\x00\x85":
        assert char not in html
    assert '<span class="hidden-char" title="control character U+001B (ESC)">U+001B</span>[2J' in html
    assert '<span class="hidden-char" title="bidi control U+202E (RIGHT-TO-LEFT OVERRIDE)">U+202E</span>esab' in html
    assert '<span class="hidden-char" title="control character U+0000 (NUL)">U+0000</span>' in html
    assert '<span class="hidden-char" title="control character U+0085 (NEL)">U+0085</span>' in html
    assert html.count("<p>") == 2


def test_paragraphs_are_split_in_linear_time_on_long_runs_of_spaces() -> None:
    """The old pattern (`.*?` with a `\\s*` look-ahead) was quadratic in a run of spaces; this one is linear."""
    text = "first" + " " * 200_000 + "\n\n" + "second" + " \n" * 50_000
    assert [text[a:b] for a, b in paragraphs_of(text)] == ["first", "second"]
