"""The map's insets: a crowded spot enlarged, a far place in its own box, the locator."""

from __future__ import annotations

import shapely

from sitrep import pictures
from sitrep.pictures import geo
from sitrep.pictures.map import insets

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


def _plain_locator_land(world: geo.World, project: geo.Projection) -> str:
    """The locator's land the plain way: every country whose whole outline's bounds reach the frame, simplified."""
    box = project.frame
    tolerance = (project.extent.east - project.extent.west) / (box[2] - box[0]) * 1.2
    paths = []
    for country in world.countries:
        if project.reaches(country.shape.bounds):
            shape = project.clip(country.shape.simplify(tolerance))
            if not shape.is_empty:
                paths.append(geo.svg_path(shape))
    return " ".join(paths)


def test_a_locator_skips_a_country_none_of_whose_pieces_reaches_it_and_draws_the_same_land() -> None:
    """Locators around the Gulf, the Sulu Sea, Fiji (across the antimeridian) and half the world, at both widths: the
    land is byte for byte what simplifying every country whose bounds reach the frame draws; the United States, whose
    bounds reach round the world (the Aleutians), is not simplified for the Gulf."""
    world = pictures.load_world()
    regions = [
        geo.Extent(20.0, 10.0, 66.0, 55.0),
        geo.Extent(100.0, -10.0, 140.0, 20.0),
        geo.Extent(160.0, -35.0, 200.0, 0.0),
        geo.Extent(-120.0, -60.0, 60.0, 85.0),
    ]
    for region in regions:
        for box in ((563.5, 36.0, 713.5, 132.0), (243.5, 36.0, 353.5, 108.0)):
            project = geo.Projection.fit(region, box)
            assert insets._locator_land(world, project) == _plain_locator_land(world, project)
    drawing, _ = insets.draw_locator(world, geo.Extent(38.0, 29.0, 49.0, 38.0), (563.5, 36.0, 713.5, 132.0), "loc")
    (land,) = [value for key, value in world.made.items() if key[0] == "locator"]
    assert isinstance(land, str) and f'd="{land}"' in drawing and land.count("M") > 50
    usa = next(c for c in world.countries if c.name == "United States of America")
    gulf = geo.Projection.fit(regions[0], (0.0, 0.0, 150.0, 96.0))
    assert gulf.reaches(usa.shape.bounds) and not gulf.reaches_any(shapely.bounds(shapely.get_parts(usa.shape)))
