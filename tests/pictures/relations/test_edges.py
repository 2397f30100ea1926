"""What the diagram shows: at most fifty actors, one connected web of them, and a line saying where the rest are."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pytest

from sitrep import model, pictures
from sitrep.pictures.relations.edges import MOST_SHOWN, find_edges, find_parents, most_related

from ..helpers import CITE, links
from ..layout import SVG, desc, inside, overlapping, parse, texts, view_box
from .drawing import curves, node_boxes

_TYPES = ("backs", "opposes", "allied-with", "leads")


def _web(count: int, lines: int, seed: int) -> dict[str, model.Actor]:
    """`count` armed groups with `lines` random relations among them, a few part of another."""
    draw = random.Random(seed)
    ids = [f"g{k:03d}" for k in range(count)]
    relations: dict[str, list[dict[str, object]]] = {i: [] for i in ids}
    for _ in range(lines):
        a, b = draw.sample(ids, 2)
        said: dict[str, object] = {"type": draw.choice(_TYPES), "target": b, "cite": CITE}
        if said not in relations[a]:  # the model refuses a relation said twice
            relations[a].append(said)
    return {
        i: model.Actor.model_validate(
            {
                "id": i,
                "name": f"Group {i[1:]}",
                "kind": "armed-group",
                "parent": ids[k - 1] if k % 9 == 1 else None,
                "relations": relations[i],
                "cite": CITE,
            }
        )
        for k, i in enumerate(ids)
    }


def _linked(actors: dict[str, model.Actor]) -> set[str]:
    """The actors in some relation the diagram draws or in a part-of link: all the picture would show uncapped."""
    ends = {n for e in find_edges(actors) for n in (e.source, e.target)}
    return ends | {n for child, ups in find_parents(actors).items() for n in (child, *ups)}


def _drawn(root: ET.Element) -> set[str]:
    """Every actor the picture links to: its boxes in the graph and its entries in the part-of tree."""
    return {(a.get("href") or "").removeprefix("actors/").removesuffix(".html") for a in root.iter(f"{SVG}a")}


@pytest.mark.parametrize("width", [pictures.svg.WIDE, pictures.svg.NARROW])
def test_five_hundred_actors_show_the_fifty_at_the_centre_and_say_so(width: float) -> None:
    actors = _web(500, 650, seed=7)
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r", width=width))
    boxes = node_boxes(root)
    assert 40 <= len(boxes) <= MOST_SHOWN
    assert overlapping(list(boxes.items()), pad=-2.0) == []
    assert all(inside(b, view_box(root)) for b in boxes.values())  # a phone's rows too, however many lines pass them
    drawn = _drawn(root)
    assert len(drawn) == MOST_SHOWN
    linked = _linked(actors)
    assert len(linked) < 500  # some of the 500 have no relation at all: they are not counted
    note = f"Shown: the {MOST_SHOWN} actors at the centre of the relations, of {len(linked)}; each actor's page lists all its relations."
    assert note in " ".join(texts(root)) and desc(root).startswith(note)
    # every relation between two drawn actors is a line, and the most linked actor of all is drawn
    edges = find_edges(actors)
    assert len(curves(root)) == sum(1 for e in edges if e.source in drawn and e.target in drawn)
    degree = {a: sum(a in (e.source, e.target) for e in edges) for a in actors}
    assert max(sorted(actors), key=lambda a: degree[a]) in drawn
    # a page of picture, not a scroll of forty thousand units
    assert view_box(root)[3] < (2000 if width == pictures.svg.WIDE else 4000)


def test_the_chosen_are_one_connected_web_grown_from_the_most_linked() -> None:
    actors = _web(300, 420, seed=3)
    edges = find_edges(actors)
    parents = find_parents(actors)
    shown = most_related(actors, edges, parents)
    assert shown is not None
    chosen, total = shown
    assert len(chosen) == MOST_SHOWN and total == len(_linked(actors))
    near: dict[str, set[str]] = {a: set() for a in chosen}
    for a, b in [(e.source, e.target) for e in edges] + [(c, u) for c, ups in parents.items() for u in ups]:
        if a in chosen and b in chosen:
            near[a].add(b)
            near[b].add(a)
    reached, frontier = set(), [next(iter(chosen))]
    while frontier:
        n = frontier.pop()
        if n not in reached:
            reached.add(n)
            frontier.extend(near[n])
    assert reached == chosen  # one web: the random graph's giant part holds far more than fifty


def test_fifty_or_fewer_are_all_drawn_with_no_note(shipped: dict[str, model.Actor]) -> None:
    actors = _web(50, 80, seed=1)
    assert most_related(actors, find_edges(actors), find_parents(actors)) is None
    for few in (actors, shipped):
        root = parse(pictures.relations_svg(few, href=links, id_prefix="r"))
        assert not any(t.startswith("Shown:") for t in texts(root)) and "Shown:" not in desc(root)
