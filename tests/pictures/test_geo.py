"""The geography under the maps: the central longitude, far places split off."""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely

from sitrep.pictures import geo


@pytest.mark.parametrize(("lons", "centre"), [([178.0, -176.0], -179.0), ([10.0, 20.0], 15.0), ([-170.0, 170.0], -180.0)])
def test_central_longitude_takes_the_short_way_round(lons: list[float], centre: float) -> None:
    assert geo.central_longitude(lons) == pytest.approx(centre)


def test_a_far_place_is_split_off_and_a_spread_is_not() -> None:
    near, far = geo.split_far([("a", (44.0, 33.0)), ("b", (43.0, 36.0)), ("c", (41.0, 34.0)), ("w", (-77.0, 38.9))])
    assert far == ["w"] and near == ["a", "b", "c"]
    assert geo.split_far([("a", (-70.0, -12.0)), ("b", (-60.0, -30.0)), ("c", (-50.0, -5.0))])[1] == []


def _clip_everywhere(project: geo.Projection, shape: shapely.Geometry) -> list[bytes]:
    """What `clip` would cut from every window, GEOS asked each time (as it was before windows were tested)."""
    return [shapely.to_wkb(shapely.clip_by_rect(shape, *window[:4])) for window in project.windows()]


def test_the_places_left_out_in_turn_are_only_those_that_can_change_the_extent() -> None:
    """Splitting off far places looks again only at the points that can move the extent (a latitude extreme, an
    end of the longitudes' arc...): on sets of every shape, around the antimeridian, with shared coordinates, each
    point it skips leaves the extent as it is, and the split is the one of trying every point."""
    rng = random.Random(7)
    for trial in range(300):
        count = rng.choice([3, 4, 5, 8, 30, 120])
        centre = rng.choice([0.0, 44.0, 179.5, -179.5, 90.0])
        spread = rng.choice([0.5, 5.0, 40.0, 170.0])
        points = [(geo.wrap_lon(centre + rng.uniform(-spread, spread)), rng.uniform(-60, 60)) for _ in range(count)]
        points += [points[rng.randrange(count)] for _ in range(rng.choice([0, 0, 2]))]  # places at one spot
        points += [(rng.uniform(-180, 180), rng.uniform(-70, 70)) for _ in range(rng.choice([0, 1, 3]))]  # far ones
        whole = geo.extent_of(points)
        looked = set(geo._may_change_extent(points))
        for index in set(range(len(points))) - looked:
            assert geo.extent_of(points[:index] + points[index + 1 :]) == whole, (trial, index)
        named = [(f"p{i}", point) for i, point in enumerate(points)]
        assert geo.split_far(named) == geo.split_far(named, candidates=lambda near: range(len(near))), trial


def test_clip_skips_only_windows_a_shape_cannot_reach_and_keeps_what_it_cuts() -> None:
    """Iraq's frame, and a frame across the antimeridian: every country outline's clip is what GEOS cuts from every
    window, and a country `reaches` says is out of the frame has nothing in any window."""
    world = geo.load_world()
    frames = [
        geo.Projection.fit(geo.Extent(38.0, 29.0, 49.0, 38.0), (0.0, 0.0, 720.0, 560.0)),
        geo.Projection.fit(geo.Extent(170.0, -25.0, 190.0, -10.0), (0.0, 0.0, 360.0, 360.0)),
    ]
    for project in frames:
        reached = 0
        for country in world.countries:
            cut = [piece for piece in _clip_everywhere(project, country.shape) if not shapely.from_wkb(piece).is_empty]
            if not project.reaches(country.shape.bounds):
                assert cut == [], country.name
                assert project.clip(country.shape).is_empty
                continue
            reached += 1
            assert project.clip(country.shape).is_empty == (cut == []), country.name
        assert 0 < reached < len(world.countries) / 4  # most of the world is skipped, and the frame's countries are not
    iraq = next(c for c in world.countries if c.name == "Iraq")
    assert frames[0].reaches(iraq.shape.bounds) and not frames[1].reaches(iraq.shape.bounds)
    fiji = next(c for c in world.countries if c.name == "Fiji")  # across the antimeridian: reached through a shifted window
    assert frames[1].reaches(fiji.shape.bounds) and not frames[1].clip(fiji.shape).is_empty


def test_a_locator_simplifies_each_outline_once_per_tolerance_while_that_tolerance_is_kept() -> None:
    world = geo.load_world()
    first = world.simplified_country(0, 0.5)
    assert world.simplified_country(0, 0.5) is first  # kept
    assert shapely.to_wkb(first) == shapely.to_wkb(world.countries[0].shape.simplify(0.5))
    assert world.simplified_country(1, 0.5) is world.simplified_country(1, 0.5)  # another country of the same tolerance
    for step in range(world.made_kept):
        world.simplified_country(0, 1.0 + step)
    again = world.simplified_country(0, 0.5)  # the oldest tolerance went first: simplified anew, the same outline
    assert again is not first and shapely.to_wkb(again) == shapely.to_wkb(first)


def test_a_drawing_is_made_once_per_key_and_the_least_recently_used_goes_first() -> None:
    world = geo.load_world()
    made: list[str] = []

    def draw(name: str) -> str:
        made.append(name)
        return f"<{name}>"

    assert world.once(("a",), lambda: draw("a")) == "<a>"
    assert world.once(("a",), lambda: draw("again")) == "<a>" and made == ["a"]
    for step in range(world.made_kept - 1):  # the bound reached, not passed: everything is kept
        world.once(("b", step), lambda step=step: draw(f"b{step}"))  # type: ignore[misc]
    assert world.once(("a",), lambda: draw("never")) == "<a>"  # a use makes it the latest...
    world.once(("c",), lambda: draw("c"))  # ...so passing the bound lets the oldest, b0, go, and not a
    assert world.once(("a",), lambda: draw("never")) == "<a>" and "never" not in made
    assert world.once(("b", 0), lambda: draw("b0 again")) == "<b0 again>"
    assert world.once(("b", 2), lambda: draw("never")) == "<b2>" and "never" not in made  # b1 went to make room, not b2
    assert world.once(("b", 1), lambda: draw("b1 again")) == "<b1 again>"


def test_the_shipped_outlines_name_every_country_lie_on_the_grid_and_are_valid() -> None:
    world = geo.load_world()
    assert len(world.countries) == 241 and len(world.province_parts) == 9494
    assert {c.name for c in world.countries} >= {"Iraq", "Fiji", "Peru", "Philippines"}
    assert next(c for c in world.countries if c.name == "Iraq").code == "368"
    shapes = [c.shape for c in world.countries]
    assert all(shapely.is_valid(shapes)) and {s.geom_type for s in shapes} == {"Polygon", "MultiPolygon"}
    for parts in (shapes, list(world.province_parts)):
        coords = shapely.get_coordinates(parts)
        assert (np.round(coords * 100) / 100 == coords).all()  # 0.01° grid: what extract_world.py's JSON printed
