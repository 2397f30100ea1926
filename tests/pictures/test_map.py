"""The map: any region, names beside symbols with nothing overlapping, every place inside its frame or an inset."""

from __future__ import annotations

from functools import cache

import pytest

from sitrep import pictures
from sitrep.load import load_project
from sitrep.pictures import geo

from ..conftest import ROOT
from .helpers import event, links, no_links, place, sulu
from .layout import SVG, desc, inside, labels, markers, overlapping, parse, texts, title, view_box


@cache
def world() -> geo.World:
    return pictures.load_world()


def draw(places: list, events: list | None = None, width: float = 720.0, as_of: str | None = "30 April 2020") -> str:  # type: ignore[type-arg]
    return pictures.map_svg(places, events or [], world=world(), href=links, id_prefix="m", width=width, as_of=as_of)


def assert_readable(svg: str, names: list[str]) -> None:
    """No two labels or symbols overlap, each lies inside the picture, and every name is drawn once."""
    root = parse(svg)
    frame = view_box(root)
    shown = labels(root)
    symbols = markers(root, "marker")
    assert overlapping([*shown, *[(f"marker {t}", b) for t, b in symbols]], pad=0.5) == []
    assert [n for n, box in [*shown, *symbols] if not inside(box, frame)] == []
    drawn = " ".join(t for t, _ in shown)
    missing = [n for n in names if n not in drawn]
    # a name with no room is never silently dropped: the note under the map gives it
    note = " ".join(texts(root))
    assert [n for n in missing if n not in note.split("Names left off for want of room:")[-1]] == [], drawn


def andes() -> list:  # type: ignore[type-arg]
    return [
        place("lima", -12.05, -77.04, name="Lima", kind="city"),
        place("cusco", -13.53, -71.97, name="Cusco", status="attacked"),
        place("la-paz", -16.5, -68.15, name="La Paz", kind="city", status="hosting-coalition"),
        place("arica", -18.48, -70.31, name="Arica port", status="handed-over"),
        place("iquique", -20.21, -70.15, name="Iquique"),
        place("puno", -15.84, -70.02, name="Puno border crossing", precision=2),
        place("altiplano", -17.5, -67.5, name="Southern Altiplano", precision=3),
        place("madrid", 40.42, -3.7, name="Madrid talks venue", kind="city"),
    ]


def test_a_project_in_south_america_reads_without_a_lookup_table() -> None:
    places = andes()
    events = [
        event("e1", "2021-03-02", "attack", place="cusco"),
        event("e2", "2021-03-05", "strike", place="la-paz"),
        event("e3", "2021-03", "handover", place="arica"),
    ]
    for width in (720.0, 360.0):
        svg = draw(places, events, width)
        assert_readable(svg, [p.name for p in places])
        root = parse(svg)
        assert title(root) == "Map of places as of 30 April 2020"
        words = " ".join(texts(root))
        assert "Map of places as of 30 April 2020" in words
        assert "Natural Earth" in words
        assert "9,500 km north-east away" in words  # Madrid is in its own inset, not dropped
        assert "PERU" in words or "BOLIVIA" in words
        assert "Madrid talks venue lies far from the rest" in desc(root)


def test_the_shipped_content_reads_at_both_widths() -> None:
    loaded = load_project(ROOT)
    places = list(loaded.project.places.values())
    events = list(loaded.project.events.values())
    for width in (720.0, 360.0):
        svg = draw(places, events, width)
        assert_readable(svg, [p.name for p in places])
    assert "IRAQ" in " ".join(texts(parse(draw(places, events, 720.0))))
    for width in (720.0, 360.0):  # every place named on the map, on a phone too (the Baghdad inset grows)
        assert "Names left off" not in draw(places, events, width)


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


def test_across_the_antimeridian_the_pacific_stays_whole() -> None:
    places = [
        place("suva", -18.14, 178.44, name="Suva", kind="city"),
        place("apia", -13.83, -171.76, name="Apia"),
        place("nuku", -21.14, -175.2, name="Nuku'alofa"),
    ]
    svg = draw(places)
    assert_readable(svg, ["Suva", "Apia", "Nuku'alofa"])
    xs = sorted(box[0] for _, box in markers(parse(svg), "marker"))
    assert xs[-1] - xs[0] < 600  # one compact view, not the whole world's width


def test_places_without_coordinates_are_listed_not_drawn() -> None:
    class NoCoordinates:
        id, name, lat, lon, geo_precision, status, kind = "hq", "Secret HQ", None, None, 1, [], "base"

    svg = draw([place("a", 33.3, 44.4, name="Baghdad"), NoCoordinates()])  # type: ignore[list-item]
    words = " ".join(texts(parse(svg)))
    assert "Not on the map (no coordinates): Secret HQ." in words
    assert len(markers(parse(svg), "marker")) == 1


def test_symbol_shows_what_happened_and_the_legend_says_so() -> None:
    places = [place("a", 33.0, 44.0, name="A"), place("b", 35.0, 43.0, name="B"), place("c", 34.0, 42.0, name="C")]
    events = [event("x", "2020-01-01", "attack", place="a"), event("y", "2020-01-02", "deployment", place="b")]
    root = parse(draw(places, events))
    words = " ".join(texts(root))
    for legend in ("Attack", "Deployment", "No event in view", "Symbol: what happened there."):
        assert legend in words


def test_marks_link_to_their_place_pages_and_hostile_names_are_escaped() -> None:
    svg = draw([place("pl", 33.3, 44.4, name="<script>alert(1)</script>")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'href="places/pl.html"' in svg


def test_same_input_same_bytes_whatever_the_order() -> None:
    places = andes()
    assert draw(places) == draw(list(reversed(places)))


def test_one_place_alone_still_has_its_country_around_it() -> None:
    root = parse(draw([place("kyiv", 50.45, 30.52, name="Kyiv", kind="city")]))
    assert "UKRAINE" in " ".join(texts(root))


@pytest.mark.parametrize(("lons", "centre"), [([178.0, -176.0], -179.0), ([10.0, 20.0], 15.0), ([-170.0, 170.0], -180.0)])
def test_central_longitude_takes_the_short_way_round(lons: list[float], centre: float) -> None:
    assert geo.central_longitude(lons) == pytest.approx(centre)


def test_a_far_place_is_split_off_and_a_spread_is_not() -> None:
    near, far = geo.split_far([("a", (44.0, 33.0)), ("b", (43.0, 36.0)), ("c", (41.0, 34.0)), ("w", (-77.0, 38.9))])
    assert far == ["w"] and near == ["a", "b", "c"]
    assert geo.split_far([("a", (-70.0, -12.0)), ("b", (-60.0, -30.0)), ("c", (-50.0, -5.0))])[1] == []


def test_no_links_means_groups_not_anchors() -> None:
    svg = pictures.map_svg([place("a", 33.3, 44.4)], [], world=world(), href=no_links, id_prefix="m")
    assert "<a " not in svg and parse(svg).get("role") == "img"
