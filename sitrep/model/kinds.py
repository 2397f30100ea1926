"""The registry of kinds: each kind of item's folder, label and pages, and the walks over the fields its model declares.

Everything that treats items by kind (the loader, the reference and Markdown checks, the as-of
view, the pages) reads it from here, so a field declared on a model as a reference
(`Annotated[Id, Ref("places")]`), as Markdown or as dated is checked and filtered by construction.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from . import items
from .fields import Attested, Dated, IsMarkdown, Ref

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Kind:
    """One kind of item: where its files live, what a reader calls it, where its pages go."""

    name: str  # plural: the Project attribute, and the name of its file or folder
    singular: str  # in messages: "actor 'iran'"
    model: type[items.Strict]
    folder: str  # relative to the project: content/actors(.yaml), content/sources, briefings
    label: str  # the field that names an item for readers
    one_per_file: bool = False  # sources and briefings: one item per file, named by its id
    key: str = "id"  # the field that identifies an item (briefings: slug)
    page: str | None = None  # the site page of one item, "{id}" filled in; None when it has none
    versioned: bool = False  # a later version (`supersedes`), once an edition sees it, hides the earlier one

    @property
    def where(self) -> str:
        """Where items of this kind are written, as a hint names it."""
        return f"{self.folder}/" if self.one_per_file else self.folder

    def page_of(self, item_id: str) -> str | None:
        return None if self.page is None else self.page.format(id=item_id)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("sources", "source", items.Source, "content/sources", "title", one_per_file=True, page="sources/{id}.html"),
        Kind("actors", "actor", items.Actor, "content/actors", "name", page="actors/{id}.html"),
        Kind("places", "place", items.Place, "content/places", "name", page="places/{id}.html"),
        Kind("events", "event", items.Event, "content/events", "title", page="timeline.html#event-{id}"),
        Kind("judgments", "judgment", items.Judgment, "content/judgments", "statement"),
        Kind("assumptions", "assumption", items.Assumption, "content/assumptions", "statement", versioned=True),
        Kind("scenarios", "scenario", items.Scenario, "content/scenarios", "name", versioned=True),
        Kind("indicators", "indicator", items.Indicator, "content/indicators", "observable"),
        Kind("gaps", "gap", items.Gap, "content/gaps", "summary"),
        Kind("briefings", "briefing", items.Briefing, "briefings", "title", one_per_file=True, key="slug"),
    )
}
LISTED = tuple(kind for kind in KINDS.values() if not kind.one_per_file)  # kinds written as lists of items
BY_SINGULAR = {kind.singular: kind for kind in KINDS.values()}


# --- what each field of a model is, read from its annotations -------------------------------------


@dataclass(frozen=True)
class Shape:
    """What one field of a model holds: a list or one value, and what its values are."""

    name: str
    many: bool
    ref: Ref | None  # the kind an id refers to
    markdown: bool
    dated: bool
    attested: bool  # shown only where a source the edition sees has the words
    text: bool  # free text a reader sees (not an id, a code or a word of a vocabulary)
    part: type[BaseModel] | None  # a nested model (a role, a relation, a citation)


def _shape(name: str, annotation: Any, metadata: list[Any]) -> Shape:
    markers = list(metadata)
    many = False
    while True:
        origin = get_origin(annotation)
        args = get_args(annotation)
        if origin is Annotated:
            markers.extend(annotation.__metadata__)
            annotation = args[0]
        elif origin in (Union, types.UnionType):
            present = [arg for arg in args if arg is not type(None)]
            if len(present) != 1:
                break
            annotation = present[0]
        elif origin in (list, tuple) and args:
            many = True
            annotation = args[0]
        else:
            break
    ref = next((m for m in markers if isinstance(m, Ref)), None)
    part = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    return Shape(
        name,
        many,
        ref,
        markdown=any(isinstance(m, IsMarkdown) for m in markers),
        dated=any(isinstance(m, Dated) for m in markers),
        attested=any(isinstance(m, Attested) for m in markers),
        text=annotation is str and ref is None and not any(getattr(m, "pattern", None) for m in markers),
        part=part,
    )


def _shapes_of(model: type[BaseModel]) -> tuple[Shape, ...]:
    found = [_shape(name, info.annotation, list(info.metadata)) for name, info in model.model_fields.items()]
    return tuple(sorted(found, key=lambda shape: shape.name != "cite"))


def _reachable(models: Iterator[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    for model in models:
        yield model
        yield from _reachable(shape.part for shape in _shapes_of(model) if shape.part is not None)


# Read once: the walks below run over every item of a project in every check.
_SHAPES: Mapping[type[BaseModel], tuple[Shape, ...]] = MappingProxyType(
    {model: _shapes_of(model) for model in _reachable(kind.model for kind in KINDS.values())}
)


def shapes(model: type[BaseModel]) -> tuple[Shape, ...]:
    """The shapes of a model's fields, its own citations ('cite') first."""
    known = _SHAPES.get(model)
    return known if known is not None else _shapes_of(model)


def _values(item: BaseModel, shape: Shape, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    value = getattr(item, shape.name)
    if shape.many:
        for i, each in enumerate(value or ()):
            yield (*loc, shape.name, i), each
    elif value is not None:
        yield (*loc, shape.name), value


def fields(item: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Shape, Any]]:
    """Every value an item holds, in its parts too: (location in the item, the field's shape, the value)."""
    for shape in shapes(type(item)):
        for where, value in _values(item, shape, loc):
            yield where, shape, value
            if shape.part is not None and isinstance(value, BaseModel):
                yield from fields(value, where)


# A walk for one question: per model, each field's shape, whether its values are wanted, and whether to go into its
# parts. A field that can lead to no wanted value is not read at all: the checks walk every item of a project.
Walk = Mapping[type[BaseModel], tuple[tuple[Shape, bool, bool], ...]]


def _walk_plan(wanted: Any, enters: Any) -> Walk:
    """The walk that yields the values of the shapes `wanted(shape)` accepts, going only into parts `enters(shape)` allows."""
    leads: dict[type[BaseModel], bool] = {}

    def leads_to_wanted(model: type[BaseModel]) -> bool:
        if model not in leads:
            leads[model] = any(
                wanted(shape) or (shape.part is not None and enters(shape) and leads_to_wanted(shape.part))
                for shape in _SHAPES[model]
            )
        return leads[model]

    plan = {
        model: tuple(
            (shape, bool(wanted(shape)), shape.part is not None and enters(shape) and leads_to_wanted(shape.part))
            for shape in model_shapes
        )
        for model, model_shapes in _SHAPES.items()
    }
    return MappingProxyType({model: tuple(step for step in steps if step[1] or step[2]) for model, steps in plan.items()})


def _walk(item: BaseModel, plan: Walk, loc: Loc = ()) -> Iterator[tuple[Loc, Shape, Any]]:
    """`fields(item)` with only what `plan` wants, in the same order."""
    steps = plan.get(type(item))
    if steps is None:  # a model outside the registry: every field, as `fields` reads them
        steps = tuple((shape, True, shape.part is not None) for shape in shapes(type(item)))
    for shape, wanted, enters in steps:
        value = getattr(item, shape.name)
        if value is None:
            continue
        for where, each in enumerate(value) if shape.many else ((None, value),):
            at = (*loc, shape.name) if where is None else (*loc, shape.name, where)
            if wanted:
                yield at, shape, each
            if enters and isinstance(each, BaseModel):
                yield from _walk(each, plan, at)


_REFERENCES = _walk_plan(lambda shape: shape.ref is not None, lambda shape: True)
_CITATIONS = _walk_plan(lambda shape: shape.part is items.Citation, lambda shape: shape.part is not items.Citation)
_MARKDOWN = _walk_plan(lambda shape: shape.markdown, lambda shape: True)
_TEXTS = _walk_plan(lambda shape: shape.text and shape.name != "cite", lambda shape: shape.name != "cite")


def references(item: BaseModel) -> Iterator[tuple[Loc, str, str]]:
    """(location, target kind, target id) of every reference an item makes, citations' sources included."""
    for loc, shape, value in _walk(item, _REFERENCES):
        if shape.ref is not None:
            yield loc, shape.ref.kind, value


def citations(item: BaseModel) -> Iterator[tuple[Loc, items.Citation]]:
    """Every citation an item carries, on itself and on its parts (roles, relations, status...)."""
    for loc, _, value in _walk(item, _CITATIONS):
        if isinstance(value, items.Citation):
            yield loc, value


def markdown(item: BaseModel) -> Iterator[tuple[Loc, str]]:
    """(location, text) of every Markdown field of an item and its parts."""
    for loc, shape, value in _walk(item, _MARKDOWN):
        if shape.markdown and isinstance(value, str):
            yield loc, value


def texts(item: BaseModel) -> Iterator[tuple[Loc, str]]:
    """(location, text) of the free text an item shows readers, its citations' quotes left out (those are the source's words)."""
    for loc, shape, value in _walk(item, _TEXTS):
        if shape.text and isinstance(value, str) and "cite" not in loc:
            yield loc, value


def seen_shapes(model: type[BaseModel]) -> tuple[Shape, ...]:
    """The shapes the as-of view acts on (dated, references, attested words, parts): the rest it never reads."""
    known = _SEEN.get(model)
    return known if known is not None else tuple(shape for shape in shapes(model) if _seen(shape))


def _seen(shape: Shape) -> bool:
    return (
        shape.dated
        or (shape.ref is not None and not shape.ref.earlier)
        or (shape.attested and shape.many)
        or shape.part is not None
    )


_SEEN: Mapping[type[BaseModel], tuple[Shape, ...]] = MappingProxyType(
    {model: tuple(shape for shape in model_shapes if _seen(shape)) for model, model_shapes in _SHAPES.items()}
)


def item_counts(project: items.Project) -> dict[Kind, int]:
    """How many items of each kind a project holds, in KINDS' order."""
    return {kind: len(getattr(project, kind.name)) for kind in KINDS.values()}


def kind_of(item: BaseModel) -> Kind:
    """The kind whose model `item` is."""
    return next(kind for kind in KINDS.values() if isinstance(item, kind.model))


def key_of(item: BaseModel) -> str:
    """An item's id (a briefing's slug)."""
    return str(getattr(item, kind_of(item).key))
