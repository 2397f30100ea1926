"""The relations diagram: who backs, opposes, allies with, belongs to or leads whom."""

from __future__ import annotations

from sitrep import pictures
from sitrep.load import load_project

from ..conftest import ROOT
from .helpers import actor, links
from .layout import desc, parse


def test_relations_are_drawn_and_described_for_the_shipped_actors() -> None:
    actors = load_project(ROOT).project.actors
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r"))
    assert "Iran backs" in desc(root) or "backs" in desc(root)


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
