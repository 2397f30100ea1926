"""The diagram's layers: the rivals apart with few crossings, partners on their patron's side, on any project."""

from __future__ import annotations

import pytest

from sitrep import model, pictures

from ..helpers import links, sulu
from ..layout import desc, inside, overlapping, parse, texts, view_box
from .drawing import crossings, curves, node_boxes


@pytest.mark.parametrize("width", [pictures.svg.WIDE, pictures.svg.NARROW])
def test_shipped_relations_put_the_rivals_apart_with_few_crossings(shipped: dict[str, model.Actor], width: float) -> None:
    root = parse(pictures.relations_svg(shipped, href=links, id_prefix="r", width=width))
    boxes = node_boxes(root)
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
    assert not any("part of" in words for words, _ in curves(root))
    said = {
        (frozenset((a.id, r.target)), r.type)
        for a in shipped.values()
        for r in a.relations
        if r.type in ("backs", "opposes", "allied-with", "leads")
    }
    assert len(curves(root)) == len(said)  # one line for each, a relation said both ways drawn once
    words = texts(root)
    assert "Part of: who belongs to whom" in words and "Quds Force" in words and "US Central Command" in words
    assert "Iran backs Kataib Hezbollah" in desc(root)
    assert "Quds Force is part of Islamic Revolutionary Guard Corps" in desc(root)


def test_a_project_in_the_sulu_sea_puts_its_rivals_apart() -> None:
    actors = dict(sulu().actors)
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r"))
    boxes = node_boxes(root)
    assert overlapping(list(boxes.items()), pad=-2.0) == []
    assert all(inside(box, view_box(root)) for box in boxes.values())
    front, manila = (sum(boxes[n][0::2]) / 2 for n in ("Sulu Liberation Front", "Philippines"))
    malaysia = sum(boxes["Malaysia"][0::2]) / 2
    assert abs(malaysia - manila) < abs(malaysia - front)  # Kuala Lumpur backs Manila: on its side
    assert crossings(root) == 0
    assert "Patikul cell" in texts(root) and "Sulu Liberation Front opposes Philippines" in desc(root)
