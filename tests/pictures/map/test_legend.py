"""The map's legend: each symbol shown is explained under the map."""

from __future__ import annotations

from ..helpers import event, place
from ..layout import parse, texts
from .drawing import draw


def test_symbol_shows_what_happened_and_the_legend_says_so() -> None:
    places = [place("a", 33.0, 44.0, name="A"), place("b", 35.0, 43.0, name="B"), place("c", 34.0, 42.0, name="C")]
    events = [event("x", "2020-01-01", "attack", place="a"), event("y", "2020-01-02", "deployment", place="b")]
    root = parse(draw(places, events))
    words = " ".join(texts(root))
    for legend in ("Attack", "Deployment", "No event in view", "Symbol: what happened there."):
        assert legend in words
