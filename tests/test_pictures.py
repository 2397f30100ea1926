"""The pictures: well-formed, accessible, deterministic SVG that escapes content and draws what the data says."""

from __future__ import annotations

import datetime as dt
import random
import time
import xml.etree.ElementTree as ET
from typing import Any

from sitrep import model, pictures
from sitrep.load import load_project

from .conftest import MINI

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
CITE = [model.Citation(source="s", quote="q")]


def event(
    event_id: str, date: str, kind: str = "attack", *, title: str = "", end: str | None = None, place: str | None = None
) -> model.Event:
    return model.Event(
        id=event_id,
        title=title or event_id,
        date=date,
        date_end=end,
        type=kind,
        place=place,
        cite=CITE,  # type: ignore[arg-type]
    )


def place(place_id: str, lat: float, lon: float, precision: int, *, name: str = "", status: str | None = None) -> model.Place:
    statuses = [model.PlaceStatus(date="2020-01", status=status, cite=CITE)] if status else []  # type: ignore[arg-type]
    return model.Place(
        id=place_id,
        name=name or place_id,
        kind="base",
        country="IQ",
        lat=lat,
        lon=lon,
        geo_precision=precision,  # type: ignore[arg-type]
        status=statuses,
        cite=CITE,
    )


def actor(actor_id: str, kind: str, *, name: str = "", parent: str | None = None, **relations: str) -> model.Actor:
    links = [model.Relation(type=kind_.replace("_", "-"), target=target, cite=CITE) for kind_, target in relations.items()]  # type: ignore[arg-type]
    return model.Actor(id=actor_id, name=name or actor_id, kind=kind, parent=parent, relations=links, cite=CITE)  # type: ignore[arg-type]


def no_links(kind: str, item_id: str) -> str | None:
    return None


def links(kind: str, item_id: str) -> str | None:
    return f"{kind}s/{item_id}.html"


def parse(svg: str) -> ET.Element:
    """The SVG as XML (fails the test when it is not well-formed), checked for what every picture needs."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    # an image; a group when it holds links, which an img role would hide from assistive technology
    assert root.get("role") == ("group" if root.find(f".//{SVG}a") is not None else "img")
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("height") is None
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert ids[title_id].tag == f"{SVG}title" and (ids[title_id].text or "").strip()
    assert ids[desc_id].tag == f"{SVG}desc" and (ids[desc_id].text or "").strip()
    assert not any(el.tag.endswith(("script", "foreignObject", "style")) for el in root.iter())
    return root


def desc(root: ET.Element) -> str:
    return root.findtext(f"{SVG}desc") or ""


def marks(root: ET.Element, words: str) -> list[ET.Element]:
    """The groups whose hover title mentions `words`."""
    return [el for el in root.iter() if el.tag in (f"{SVG}g", f"{SVG}a") and words in (el.findtext(f"{SVG}title") or "")]


def shapes(mark: ET.Element, tag: str) -> list[ET.Element]:
    return [el for el in mark.iter(f"{SVG}{tag}")]


def texts(root: ET.Element) -> str:
    return " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


# --- timeline ----------------------------------------------------------------------------------


def test_timeline_draws_a_day_as_a_dot_and_a_month_as_a_span() -> None:
    root = parse(pictures.timeline_svg([event("day", "2019-12-05"), event("month", "2020-01")], href=no_links, id_prefix="tl"))
    (day,) = marks(root, "day")
    (month,) = marks(root, "month")
    assert shapes(day, "circle") and not shapes(day, "rect")
    (dot,) = shapes(day, "circle")
    (bar,) = shapes(month, "rect")
    assert float(bar.get("width", 0)) > 2 * float(dot.get("r", 0))
    assert "Bars mark events known only to the month" in desc(root)
    assert "Dec 2019" in texts(root) and "Jan 2020" in texts(root)


def test_timeline_spans_an_event_with_an_end_date() -> None:
    root = parse(
        pictures.timeline_svg(
            [event("spell", "2020-01-03", end="2020-01-20"), event("x", "2020-02-01")], href=no_links, id_prefix="tl"
        )
    )
    (spell,) = marks(root, "spell")
    assert shapes(spell, "rect")
    assert "3 January 2020 – 20 January 2020" in (spell.findtext(f"{SVG}title") or "")


def test_timeline_lanes_are_labelled_by_type_in_vocabulary_order() -> None:
    root = parse(
        pictures.timeline_svg(
            [event("a", "2020-01-01", "statement"), event("b", "2020-01-02", "attack")], href=no_links, id_prefix="tl"
        )
    )
    words = texts(root)
    assert words.index("Attack") < words.index("Statement")
    assert "Strike" not in words  # only types that occur get a lane


def test_timeline_with_no_events_says_so() -> None:
    for svg in (
        pictures.timeline_svg([], href=no_links, id_prefix="tl"),
        pictures.timeline_svg([event("a", "2019-01-01")], href=no_links, id_prefix="tl", start=dt.date(2020, 1, 1)),
    ):
        root = parse(svg)
        assert "No events in this period" in texts(root)


def test_timeline_keeps_to_the_period_it_is_given() -> None:
    events = [event("before", "2019-06-01"), event("inside", "2020-02-10"), event("after", "2020-09-01")]
    root = parse(
        pictures.timeline_svg(events, href=no_links, id_prefix="tl", start=dt.date(2020, 1, 1), end=dt.date(2020, 3, 31))
    )
    assert marks(root, "inside") and not marks(root, "before") and not marks(root, "after")
    assert "January 2020 to March 2020" in desc(root)


def test_timeline_draws_far_off_background_apart() -> None:
    events = [event("2014-background", "2014", "political")] + [event(f"e{i}", f"2020-0{i}-01") for i in range(1, 5)]
    root = parse(pictures.timeline_svg(events, href=no_links, id_prefix="tl"))
    assert "drawn apart at the left, off the scale" in desc(root)
    assert "2014" in texts(root) and "Jan 2020" in texts(root)


def test_timeline_links_marks_when_there_is_a_page() -> None:
    root = parse(pictures.timeline_svg([event("linked", "2020-01-01")], href=links, id_prefix="tl"))
    (mark,) = marks(root, "linked")
    assert mark.tag == f"{SVG}a" and mark.get("href") == "events/linked.html"
    assert root.get("role") == "group"
    root = parse(pictures.timeline_svg([event("plain", "2020-01-01")], href=no_links, id_prefix="tl"))
    assert not list(root.iter(f"{SVG}a"))
    assert root.get("role") == "img"


def test_timeline_handles_ten_thousand_events_over_years() -> None:
    rng = random.Random(7)
    events = [
        event(
            f"e{i}",
            f"{2010 + rng.randrange(10)}-{rng.randrange(1, 13):02d}" + (f"-{rng.randrange(1, 29):02d}" if i % 3 else ""),
            rng.choice(["attack", "strike", "statement"]),
        )
        for i in range(10_000)
    ]
    began = time.perf_counter()
    svg = pictures.timeline_svg(events, href=links, id_prefix="tl")
    assert time.perf_counter() - began < 10
    root = parse(svg)
    assert len(marks(root, ": e")) == 10_000
    assert "2015" in texts(root)


# --- escaping, determinism, ids --------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere() -> None:
    def hostile_links(kind: str, item_id: str) -> str:
        return 'x" onload="alert(1)'

    outputs = [
        pictures.timeline_svg([event("ev", "2020-01-01", title=HOSTILE)], href=hostile_links, id_prefix="tl"),
        pictures.map_svg([place("pl", 33.3, 44.4, 1, name=HOSTILE)], [], href=hostile_links, id_prefix="map"),
        pictures.relations_svg(
            {"a": actor("a", "state", name=HOSTILE, backs="b"), "b": actor("b", "armed-group", name="B & <b>")},
            href=hostile_links,
            id_prefix="rel",
        ),
    ]
    for svg in outputs:
        assert "<script" not in svg and 'onload="' not in svg
        root = parse(svg)
        assert any(HOSTILE in (el.findtext(f"{SVG}title") or "") for el in root.iter())
        assert all(el.get("onload") is None for el in root.iter())
        assert {el.get("href") for el in root.iter(f"{SVG}a")} == {'x" onload="alert(1)'}


def test_same_input_same_bytes_whatever_the_order() -> None:
    events = [event(f"e{i}", f"2020-0{i % 9 + 1}-0{i % 7 + 1}", ["attack", "plan"][i % 2], place=f"p{i % 3}") for i in range(30)]
    places = [place("p0", 33.3, 44.4, 1, status="attacked"), place("p1", 33.31, 44.41, 2), place("p2", 36.2, 44.0, 3)]
    actors = {
        "iran": actor("iran", "state", backs="kh"),
        "kh": actor("kh", "armed-group", part_of="pmf"),
        "pmf": actor("pmf", "armed-group"),
        "us": actor("us", "state", opposes="iran"),
    }
    rng = random.Random(3)
    shuffled = dict(rng.sample(sorted(actors.items()), len(actors)))
    assert pictures.timeline_svg(events, href=links, id_prefix="t") == pictures.timeline_svg(
        rng.sample(events, len(events)), href=links, id_prefix="t"
    )
    assert pictures.map_svg(places, events, href=links, id_prefix="m") == pictures.map_svg(
        places[::-1], events[::-1], href=links, id_prefix="m"
    )
    assert pictures.relations_svg(actors, href=links, id_prefix="r") == pictures.relations_svg(
        shuffled, href=links, id_prefix="r"
    )


def test_ids_carry_the_prefix_so_pictures_can_share_a_page() -> None:
    loaded = load_project(MINI).project
    events = list(loaded.events.values())
    svgs = [
        pictures.timeline_svg(events, href=links, id_prefix="one"),
        pictures.timeline_svg(events, href=links, id_prefix="two"),
        pictures.map_svg(list(loaded.places.values()), events, href=links, id_prefix="three"),
        pictures.relations_svg(loaded.actors, href=links, id_prefix="four"),
    ]
    seen: list[str] = []
    for prefix, svg in zip(("one", "two", "three", "four"), svgs, strict=True):
        ids = [str(el.get("id")) for el in parse(svg).iter() if el.get("id")]
        assert all(i.startswith(prefix + "-") for i in ids)
        seen.extend(ids)
    assert len(seen) == len(set(seen))


# --- map -------------------------------------------------------------------------------------


def test_map_marks_each_precision_with_its_own_shape() -> None:
    places = [place("exact", 36.5, 44.3, 1), place("town", 35.5, 44.3, 2), place("region", 31.5, 46.0, 3)]
    root = parse(pictures.map_svg(places, [], href=no_links, id_prefix="map"))
    (exact,), (town,), (region,) = ([c for m in marks(root, f"{p.id}: ") for c in shapes(m, "circle")] for p in places)
    assert exact.get("stroke-dasharray") is None and exact.get("fill") != "#ffffff"
    assert town.get("fill") == "#ffffff"  # a ring
    assert region.get("stroke-dasharray") and float(region.get("r", 0)) > 3 * float(exact.get("r", 0))
    assert float(region.get("fill-opacity", 1)) < 0.5  # translucent
    words = texts(root)
    assert "Exact site" in words and "Near a town" in words and "Region only" in words
    assert "IRAQ" in words


def test_map_shows_status_counts_and_numbers() -> None:
    places = [
        place("handed", 35.0, 43.0, 1, name="Handed base", status="handed-over"),
        place("quiet", 33.0, 41.0, 1, name="Quiet"),
    ]
    events = [
        event("a", "2020-01-01", place="handed"),
        event("b", "2020-01-02", place="handed"),
        event("c", "2020-01-03", place="elsewhere"),
    ]
    root = parse(pictures.map_svg(places, events, href=links, id_prefix="map"))
    words = texts(root)
    assert "Handed over" in words and "No status recorded" in words
    assert "Handed base (2)" in words and "Quiet" in words
    (marker,) = [m for m in marks(root, "Handed base: handed over") if shapes(m, "circle")]
    assert shapes(marker, "line")  # struck through
    assert marker.tag == f"{SVG}a" and marker.get("href") == "places/handed.html"
    assert "cosine of latitude" in desc(root) and "Natural Earth" in desc(root)


def test_map_enlarges_a_crowd_and_lists_far_places() -> None:
    crowd = [place(f"c{i}", 33.30 + i * 0.01, 44.36 + i * 0.01, 1) for i in range(4)]
    root = parse(pictures.map_svg([*crowd, place("far", 38.9, -77.0, 1, name="Washington")], [], href=no_links, id_prefix="map"))
    assert "An inset enlarges" in desc(root)
    assert "Washington (off the map)" in texts(root)
    assert not [m for m in marks(root, "Washington") if shapes(m, "circle")]


def test_map_with_no_places_still_draws_the_region() -> None:
    root = parse(pictures.map_svg([], [], href=no_links, id_prefix="map"))
    assert "IRAQ" in texts(root) and "No places to show" in texts(root)


def test_shipped_outlines_cover_iraq_and_its_neighbours() -> None:
    shipped = {country.iso for country in pictures.countries()}
    assert {"IRQ", "IRN", "SYR", "TUR", "JOR", "SAU", "KWT"} <= shipped


# --- relations -------------------------------------------------------------------------------


def test_relations_draw_only_edges_between_present_actors() -> None:
    actors = {
        "iran": actor("iran", "state", name="Iran", backs="kh", opposes="absent"),
        "kh": actor("kh", "armed-group", name="Kataib Hezbollah", parent="pmf", allied_with="also-absent"),
        "us": actor("us", "state", name="United States", opposes="iran"),
        "loner": actor("loner", "person", name="Someone Alone"),
    }
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="rel"))
    edges = [m.findtext(f"{SVG}title") or "" for m in root.iter(f"{SVG}g") if shapes(m, "path") and not shapes(m, "rect")]
    edges = [e for e in edges if e]
    assert sorted(edges) == ["Iran backs Kataib Hezbollah", "United States opposes Iran"]
    assert "Someone Alone" not in texts(root)
    assert "absent" not in "".join(root.itertext())
    assert marks(root, "Iran (state)")[0].get("href") == "actors/iran.html"
    for path in root.iter(f"{SVG}path"):
        head = path.get("marker-end")
        if head:
            assert head.startswith("url(#rel-head-")


def test_relations_merge_a_relation_held_both_ways() -> None:
    actors = {"a": actor("a", "state", name="A", opposes="b"), "b": actor("b", "state", name="B", opposes="a")}
    root = parse(pictures.relations_svg(actors, href=no_links, id_prefix="rel"))
    (edge,) = marks(root, "A opposes B")
    assert "(and B opposes A)" in (edge.findtext(f"{SVG}title") or "")
    assert len([p for p in shapes(edge, "path") if p.get("marker-end")]) == 2  # a head at each end


def test_relations_indent_a_part_inside_its_column() -> None:
    actors = {
        "irgc": actor("irgc", "state-force", name="IRGC"),
        "quds": actor("quds", "state-force", name="Quds Force", parent="irgc"),
    }
    root = parse(pictures.relations_svg(actors, href=no_links, id_prefix="rel"))
    (irgc,) = shapes(marks(root, "IRGC (state force)")[0], "rect")
    (quds,) = shapes(marks(root, "Quds Force (state force)")[0], "rect")
    assert float(quds.get("x", 0)) > float(irgc.get("x", 0)) and float(quds.get("y", 0)) > float(irgc.get("y", 0))


def test_relations_with_none_say_so() -> None:
    root = parse(pictures.relations_svg({"a": actor("a", "state")}, href=no_links, id_prefix="rel"))
    assert "No relations among these actors" in texts(root)


def test_fixture_project_renders(tmp_path: Any) -> None:
    loaded = load_project(MINI).project
    events = sorted(loaded.events.values(), key=lambda e: (e.date.sort_key(), e.id))
    parse(pictures.timeline_svg(events, href=links, id_prefix="tl"))
    parse(pictures.map_svg(list(loaded.places.values()), events, href=links, id_prefix="map"))
    parse(pictures.relations_svg(loaded.actors, href=links, id_prefix="rel"))
