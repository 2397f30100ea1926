"""Names fitted to boxes: broken at spaces only, never cut, the narrowest width that keeps them to three lines."""

from __future__ import annotations

from sitrep.pictures.relations.fit import name_lines, name_width
from sitrep.pictures.svg import SMALL, text_width


def test_a_long_name_takes_three_lines_at_the_narrowest_width_that_allows_it() -> None:
    name = "Hayat Tahrir al-Sham Coordination Committee"
    width = name_width(name)
    assert name_lines(name, width) == ["Hayat Tahrir al-Sham", "Coordination", "Committee"]
    assert width == text_width("Hayat Tahrir al-Sham", SMALL)
    assert len(name_lines(name, width - 0.1)) == 4  # any narrower takes a fourth line
    assert name_lines(name, name_width(name, most=2)) == ["Hayat Tahrir al-Sham", "Coordination Committee"]
    assert name_width("Syrian Democratic Forces", most=1) == text_width("Syrian Democratic Forces", SMALL)


def test_a_word_wider_than_the_box_is_a_line_of_its_own_never_cut() -> None:
    word = "Counterterrorism-and-Stabilisation"
    assert name_lines(f"{word} Directorate", 40.0) == [word, "Directorate"]
    assert name_width(f"{word} Directorate") == text_width(word, SMALL)
    assert name_width("Iran", bold=True) == text_width("Iran", SMALL, bold=True) > text_width("Iran", SMALL)
