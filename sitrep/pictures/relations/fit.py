"""Actors' names fitted whole into their boxes: broken at spaces only, never cut; the box grows to the name."""

from __future__ import annotations

from typing import Final

from ..svg import SMALL, break_lines, text_width

MOST_LINES: Final = 3  # a box's name takes at most this many lines; a longer name makes its box wider


def name_lines(name: str, width: float, bold: bool = False) -> list[str]:
    """The name broken at spaces into lines no wider than `width`, never cut: a word wider is a line of its own."""
    return break_lines(name, width, SMALL, bold) or [""]


def name_width(name: str, bold: bool = False, most: int = MOST_LINES) -> float:
    """The narrowest width at which the name fits in `most` lines (never narrower than its longest word).

    A line always runs from one word to a later one, so the widths worth trying are those of such runs; breaking
    lines as full as they go takes the fewest lines at a width, and never more at a wider one.
    """
    words = name.split()
    runs = sorted(
        {text_width(" ".join(words[i:j]), SMALL, bold) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    )
    longest_word = max((text_width(w, SMALL, bold) for w in words), default=0.0)
    return next(w for w in runs if w >= longest_word and len(name_lines(name, w, bold)) <= most) if words else 0.0
