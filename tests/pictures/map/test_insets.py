"""The map's insets: a crowded spot enlarged, a far place in its own box, the locator."""

from __future__ import annotations

from sitrep import pictures

from ..helpers import links, sulu
from ..layout import SVG, desc, markers, parse, texts
from .drawing import assert_readable, world


def test_a_project_in_the_sulu_sea_gets_its_own_frame_insets_and_locator() -> None:
    view = sulu()
    places, events = list(view.places.values()), list(view.events.values())
    for width in (720.0, 360.0):
        svg = pictures.map_svg(places, events, world=world(), href=links, id_prefix="m", width=width, as_of="2 April 2031")
        assert_readable(svg, [p.name for p in places])
        root = parse(svg)
        assert len(markers(root, "marker")) == len(places)  # every located place drawn, Geneva too
        words = " ".join(texts(root))
        assert "Map of places as of 2 April 2031" in words and "Natural Earth" in words
        assert "11,300 km north-west" in words  # Geneva in its own inset
        assert "Geneva talks venue lies far from the rest" in desc(root)
        assert "area (enlarged)" in words or "area…" in words  # the three Jolo sites, crowded, enlarged
        assert "MALAYSIA" in words
        assert any(g.get("class") == "locator" for g in root.iter(f"{SVG}g"))
        assert "Names left off" not in svg
        for symbol_words in ("Attack", "Deployment", "Handover", "Dashed circle: region only"):
            assert symbol_words in words
