"""The relations diagram: who backs, opposes, allies with or leads whom, rivals apart; who is part of whom beside it."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
import shapely

from sitrep import model, pictures
from sitrep.load import load_project

from ..conftest import ROOT
from .helpers import actor, links, sulu
from .layout import SVG, Box, desc, inside, markers, overlapping, parse, texts, view_box


def _curves(root: ET.Element) -> list[tuple[str, shapely.LineString]]:
    """Each drawn relation (its hover words) as a polyline through its path, cubic segments sampled."""
    found = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "edge":
            continue
        d = group.find(f"{SVG}path")
        assert d is not None
        points: list[tuple[float, float]] = []
        for command, numbers in re.findall(r"([MLC])([^MLC]*)", d.get("d", "")):
            values = [float(v) for v in numbers.split()]
            if command in "ML":
                points.append((values[0], values[1]))
                continue
            (x0, y0), (x1, y1, x2, y2, x3, y3) = points[-1], values
            for k in range(1, 13):
                t = k / 12
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
                points.append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
        found.append((group.findtext(f"{SVG}title") or "", shapely.LineString(points)))
    return found


def crossings(root: ET.Element) -> int:
    return sum(1 for (_, a), (_, b) in itertools.combinations(_curves(root), 2) if a.crosses(b))


def _boxes(root: ET.Element) -> dict[str, Box]:
    return {name.split(" (")[0]: box for name, box in markers(root, "node")}


@pytest.fixture(scope="module")
def shipped() -> dict[str, model.Actor]:
    return dict(load_project(ROOT).project.actors)


@pytest.mark.parametrize("width", [pictures.svg.WIDE, pictures.svg.NARROW])
def test_shipped_relations_put_the_rivals_apart_with_few_crossings(shipped: dict[str, model.Actor], width: float) -> None:
    root = parse(pictures.relations_svg(shipped, href=links, id_prefix="r", width=width))
    boxes = _boxes(root)
    assert overlapping(list(boxes.items()), pad=-2.0) == []  # and 2 units apart at least
    frame = view_box(root)
    assert all(inside(box, frame) for box in boxes.values()), boxes
    # across the page (rows on a phone: down it), Iran, then Iraq, then the United States
    axis = 1 if width < pictures.svg.WIDE else 0
    iran, iraq, us = (sum(boxes[n][axis::2]) / 2 for n in ("Iran", "Iraq", "United States"))
    assert iran < iraq < us
    # Iran's proxies sit on its side, the coalition the US leads on the far side of the US
    for proxy in ("Kataib Hezbollah", "Asa'ib Ahl al-Haq", "Houthis", "Popular Mobilization Forces"):
        assert sum(boxes[proxy][axis::2]) / 2 < iran, proxy
    coalition = next(n for n in boxes if n.startswith("US-led international coalition"))
    assert sum(boxes[coalition][axis::2]) / 2 > us
    assert crossings(root) <= 4
    # the part-of hierarchy is a tree below, not lines in the graph
    assert not any("part of" in words for words, _ in _curves(root))
    said = {
        (frozenset((a.id, r.target)), r.type)
        for a in shipped.values()
        for r in a.relations
        if r.type in ("backs", "opposes", "allied-with", "leads")
    }
    assert len(_curves(root)) == len(said)  # one line for each, a relation said both ways drawn once
    words = texts(root)
    assert "Part of: who belongs to whom" in words and "Quds Force" in words and "US Central Command" in words
    assert "Iran backs Kataib Hezbollah" in desc(root)
    assert "Quds Force is part of Islamic Revolutionary Guard Corps" in desc(root)


def test_every_actor_keeps_its_link_in_graph_and_tree(shipped: dict[str, model.Actor]) -> None:
    root = parse(pictures.relations_svg(shipped, href=links, id_prefix="r"))
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert {"actors/iran.html", "actors/quds-force.html", "actors/tasnim.html"} <= hrefs


def test_a_triangle_without_rivals_and_a_tree_only() -> None:
    actors = {
        "a": actor("a", "state", name="Atlantis", backs="b"),
        "b": actor("b", "armed-group", name="Blue Brigade", allied_with="c"),
        "c": actor("c", "armed-group", name="Coral Front", leads="a"),
    }
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r"))
    assert len(_curves(root)) == 3 and crossings(root) == 0
    assert overlapping(list(_boxes(root).items())) == []
    tree_only = {"p": actor("p", "state", name="Pelagia"), "q": actor("q", "government-body", name="Navy", parent="p")}
    root = parse(pictures.relations_svg(tree_only, href=links, id_prefix="r"))
    assert _curves(root) == [] and "Navy" in texts(root) and "Navy is part of Pelagia" in desc(root)


def test_no_relations_says_so_and_same_input_same_bytes() -> None:
    assert "No relations among these actors" in pictures.relations_svg({"a": actor("a", "state")}, href=links, id_prefix="r")
    actors = {
        "a": actor("a", "state", opposes="b"),
        "b": actor("b", "state", opposes="a"),
        "c": actor("c", "armed-group", parent="a"),
    }
    assert pictures.relations_svg(actors, href=links, id_prefix="r") == pictures.relations_svg(
        dict(reversed(actors.items())), href=links, id_prefix="r"
    )


def test_a_project_in_the_sulu_sea_puts_its_rivals_apart() -> None:
    actors = dict(sulu().actors)
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r"))
    boxes = _boxes(root)
    assert overlapping(list(boxes.items()), pad=-2.0) == []
    assert all(inside(box, view_box(root)) for box in boxes.values())
    front, manila = (sum(boxes[n][0::2]) / 2 for n in ("Sulu Liberation Front", "Philippines"))
    malaysia = sum(boxes["Malaysia"][0::2]) / 2
    assert abs(malaysia - manila) < abs(malaysia - front)  # Kuala Lumpur backs Manila: on its side
    assert crossings(root) == 0
    assert "Patikul cell" in texts(root) and "Sulu Liberation Front opposes Philippines" in desc(root)
