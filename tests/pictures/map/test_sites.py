"""A place's mark on the map: linked to its page, its name escaped."""

from __future__ import annotations

from ..helpers import place
from .drawing import draw


def test_marks_link_to_their_place_pages_and_hostile_names_are_escaped() -> None:
    svg = draw([place("pl", 33.3, 44.4, name="<script>alert(1)</script>")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'href="places/pl.html"' in svg
