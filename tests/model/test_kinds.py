"""The kinds registry: every kind is declared once, and a field declared on a model is checked and filtered by construction."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from sitrep import model
from sitrep.check import check
from sitrep.load import Loaded, load_project
from sitrep.model import Id, Markdown, Ref, kinds
from sitrep.select import select

from ..conftest import MINI, ROOT


class EventWithOrigin(model.Event):
    """An event with two fields no check or view knows by name: a new reference and a new Markdown field."""

    origin: Annotated[Id | None, Ref("places")] = None
    aside: Markdown = ""


def _with_event(loaded: Loaded, replace: dict[str, Any], places: dict[str, model.Place] | None = None) -> Loaded:
    events = dict(loaded.project.events)
    event = events["2019-12-05-balad-rockets"]
    events[event.id] = EventWithOrigin(**{**dict(event), **replace})
    project = dataclasses.replace(loaded.project, events=events, places={**loaded.project.places, **(places or {})})
    return dataclasses.replace(loaded, project=project)


def test_every_collection_of_a_project_is_a_kind() -> None:
    collections = {f.name for f in dataclasses.fields(model.Project)} - {"texts"}
    assert collections == set(kinds.KINDS)
    assert {kind.name for kind in kinds.LISTED} == collections - {"sources", "briefings"}


def test_every_reference_names_a_kind() -> None:
    targets = {shape.ref.kind for shapes in kinds._SHAPES.values() for shape in shapes if shape.ref}
    assert targets == set(kinds.KINDS) - {"gaps"}  # and every other kind is referred to from somewhere


def test_references_of_an_actor_include_its_parts_and_citations() -> None:
    loaded = load_project(MINI)
    found = list(kinds.references(loaded.project.actors["kataib-hezbollah"]))
    assert found == [
        (("cite", 0, "source"), "sources", "aw"),
        (("parent",), "actors", "pmf"),
        (("relations", 0, "cite", 0, "source"), "sources", "meo"),
        (("relations", 0, "target"), "actors", "pmf"),
    ]


def test_a_new_reference_field_is_checked() -> None:
    loaded = _with_event(load_project(MINI), {"origin": "balad-air-base"})
    problems = [p.format() for p in check(loaded) if p.severity == "error"]
    assert problems == ["content/events.yaml:1:3: place 'balad-air-base' does not exist\n    fix: did you mean 'balad-airbase'?"]


def test_a_new_markdown_field_is_checked() -> None:
    loaded = _with_event(load_project(MINI), {"aside": "See ![map](https://example.com/map.png)"})
    problems = [p.format() for p in check(loaded) if p.severity == "error"]
    assert problems == [
        "content/events.yaml:1:3: event '2019-12-05-balad-rockets': aside has an image from the network "
        "(https://example.com/map.png): nothing is fetched at build time\n"
        "    fix: remove the image and link to it instead: [description](https://example.com/map.png)"
    ]


def test_a_new_reference_field_is_filtered_by_the_as_of_rule() -> None:
    loaded = load_project(MINI)
    balad = loaded.project.places["balad-airbase"]
    later = balad.model_copy(
        update={
            "id": "later-place",
            "cite": [model.Citation(source="iw", quote="Deputy Chief of the Popular Mobilization Forces")],
        }
    )
    project = _with_event(loaded, {"origin": "later-place"}, {"later-place": later}).project
    december = select(project, project.briefings["ed1"]).events["2019-12-05-balad-rockets"]
    april = select(project, project.briefings["ed2"]).events["2019-12-05-balad-rockets"]
    assert isinstance(december, EventWithOrigin) and december.origin is None
    assert isinstance(april, EventWithOrigin) and april.origin == "later-place"


def test_each_walk_finds_what_the_walk_over_every_field_finds() -> None:
    """The walks read only the fields that can lead to what they look for: they find the same, in the same order."""
    project = load_project(ROOT).project
    items = [item for kind in kinds.KINDS.values() for item in getattr(project, kind.name).values()]
    assert len(items) > 50
    for item in items:
        every = list(kinds.fields(item))
        assert list(kinds.references(item)) == [(loc, s.ref.kind, v) for loc, s, v in every if s.ref is not None]
        assert list(kinds.citations(item)) == [(loc, v) for loc, _, v in every if isinstance(v, model.Citation)]
        assert list(kinds.markdown(item)) == [(loc, v) for loc, s, v in every if s.markdown and isinstance(v, str)]
        texts = [(loc, v) for loc, s, v in every if s.text and isinstance(v, str) and "cite" not in loc]
        assert list(kinds.texts(item)) == texts
        assert kinds.seen_shapes(type(item)) == tuple(
            s for s in kinds.shapes(type(item)) if s.dated or s.part or (s.ref and not s.ref.earlier) or (s.attested and s.many)
        )
    assert any(kinds.texts(item) for item in items) and any(kinds.citations(item) for item in items)
