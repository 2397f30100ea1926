"""The map's names: a country is named inside itself, even around a single place."""

from __future__ import annotations

from ..helpers import place
from ..layout import parse, texts
from .drawing import draw


def test_one_place_alone_still_has_its_country_around_it() -> None:
    root = parse(draw([place("kyiv", 50.45, 30.52, name="Kyiv", kind="city")]))
    assert "UKRAINE" in " ".join(texts(root))
