"""The diagram drawn: every actor linked, a triangle without rivals, a tree alone, the same bytes."""

from __future__ import annotations

from sitrep import model, pictures

from ..helpers import actor, links
from ..layout import SVG, desc, overlapping, parse, texts
from .drawing import crossings, curves, node_boxes


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
    assert len(curves(root)) == 3 and crossings(root) == 0
    assert overlapping(list(node_boxes(root).items())) == []
    tree_only = {"p": actor("p", "state", name="Pelagia"), "q": actor("q", "government-body", name="Navy", parent="p")}
    root = parse(pictures.relations_svg(tree_only, href=links, id_prefix="r"))
    assert curves(root) == [] and "Navy" in texts(root) and "Navy is part of Pelagia" in desc(root)


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
