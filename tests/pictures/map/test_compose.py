"""The map as a whole: any region, names beside symbols with nothing overlapping, every place inside its frame or an inset."""

from __future__ import annotations

from sitrep import model, pictures
from sitrep.load import load_project

from ...conftest import ROOT
from ..helpers import CITE, event, links, no_links, place
from ..layout import desc, markers, parse, texts, title
from .drawing import andes, assert_readable, draw, world


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
    secret = model.Place.model_validate({"id": "hq", "name": "Secret HQ", "kind": "base", "country": "IQ", "cite": CITE})
    svg = draw([place("a", 33.3, 44.4, name="Baghdad"), secret])
    words = " ".join(texts(parse(svg)))
    assert "Not on the map (no coordinates): Secret HQ." in words
    assert len(markers(parse(svg), "marker")) == 1


def test_same_input_same_bytes_whatever_the_order() -> None:
    places = andes()
    assert draw(places) == draw(list(reversed(places)))


def test_no_links_means_groups_not_anchors() -> None:
    svg = pictures.map_svg([place("a", 33.3, 44.4)], [], world=world(), href=no_links, id_prefix="m")
    assert "<a " not in svg and parse(svg).get("role") == "img"


def test_editions_of_the_same_places_share_their_land_and_locator_and_draw_the_same_bytes() -> None:
    """A later edition's map (more events, another date) drawn with what the first one kept (land, locator, where
    country names may go) is, byte for byte, the map drawn with freshly read outlines; it made nothing anew."""
    places = andes()
    first_events = [event("e1", "2021-03-02", "attack", place="cusco")]
    later_events = [*first_events, event("e2", "2021-03-05", "strike", place="la-paz"), event("e3", "2021-03", "handover")]
    shared = pictures.load_world()
    for width in (720.0, 360.0):
        pictures.map_svg(places, first_events, world=shared, href=links, id_prefix="m", width=width, as_of="1 March 2021")
        drawn = dict(shared.made)
        later = pictures.map_svg(places, later_events, world=shared, href=links, id_prefix="m", width=width, as_of="9 May 2021")
        assert shared.made == drawn  # land (the map's, the far inset's), locator (and its outlines), names: all kept
        kinds = {key[0] for key in drawn}
        assert kinds == {"land", "locator", "simplified", "country names", "piece bounds"} and len(drawn) >= 6
        fresh = pictures.load_world()
        plain = pictures.map_svg(places, later_events, world=fresh, href=links, id_prefix="m", width=width, as_of="9 May 2021")
        assert later == plain
        assert "9 May 2021" in later and "Arica port" in later
