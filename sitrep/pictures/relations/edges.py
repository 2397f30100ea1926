"""What the relations diagram shows: the analytic relations among actors and their line styles, the part-of parents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from ... import model

ANALYTIC: Final = ("backs", "opposes", "allied-with", "leads")


# relation: (stroke, width, dash, legend words)
EDGE_STYLE: Final[Mapping[str, tuple[str, float, str | None, str]]] = MappingProxyType(
    {
        "backs": ("#333333", 1.6, None, "backs"),
        "opposes": ("#D55E00", 1.6, "6 4", "opposes"),
        "allied-with": ("#009E73", 4.2, None, "allied with"),
        "leads": ("#333333", 0.8, None, "leads"),
    }
)


_VERBS: Final[Mapping[str, str]] = MappingProxyType(
    {"backs": "backs", "opposes": "opposes", "allied-with": "is allied with", "leads": "leads"}
)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    both: bool  # the same relation both ways: one line, two heads
    words: str


def find_edges(actors: Mapping[str, model.Actor]) -> list[Edge]:
    """The analytic relations among the given actors, merged when they say the same thing both ways."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for actor in actors.values():
        for relation in actor.relations:
            if relation.type in ANALYTIC and relation.target in actors and relation.target != actor.id:
                found[(actor.id, relation.target, relation.type)].append(relation.note or "")
    edges = []
    for (source, target, kind), notes in sorted(found.items()):
        both = (target, source, kind) in found
        if both and source > target:
            continue  # drawn once, from the other end
        verb = _VERBS[kind]
        name, other = actors[source].name, actors[target].name
        words = f"{name} {verb} {other}" + (f" (and {other} {verb} {name})" if both else "")
        note = "; ".join(sorted({n.rstrip(".") for n in notes if n}))
        edges.append(Edge(source, target, kind, both, words + (f": {note}" if note else "")))
    return edges


def find_parents(actors: Mapping[str, model.Actor]) -> dict[str, list[str]]:
    """Each actor's parents among the given actors: its `parent`, then what it says it is part of."""
    found: dict[str, list[str]] = {}
    for actor in sorted(actors.values(), key=lambda a: a.id):
        ups = [actor.parent] if actor.parent else []
        ups += sorted(r.target for r in actor.relations if r.type == "part-of")
        ups = [u for u in dict.fromkeys(ups) if u in actors and u != actor.id]
        if ups:
            found[actor.id] = ups
    return found


MOST_SHOWN: Final = 50  # actors in one diagram: past this the boxes and lines stop reading (466 ran 24,000 units tall)


def link_counts(actors: Mapping[str, model.Actor], edges: Sequence[Edge], parents: Mapping[str, list[str]]) -> dict[str, int]:
    """Each actor the picture draws (in the graph or the part-of tree) and how many lines or part-of links it has."""
    links: dict[str, int] = {a.id: 0 for a in actors.values() if a.kind == "state"}
    for e in edges:
        links[e.source] = links.get(e.source, 0) + 1
        links[e.target] = links.get(e.target, 0) + 1
    for child, ups in parents.items():
        for n in (child, *ups):
            links[n] = links.get(n, 0) + 1
    return links


def most_related(
    actors: Mapping[str, model.Actor], edges: Sequence[Edge], parents: Mapping[str, list[str]], most: int = MOST_SHOWN
) -> tuple[set[str], int] | None:
    """When more than `most` actors would be drawn: `most` of them at the centre of the relations, and how many would
    have been drawn; None when all fit.

    Grown from the most linked actor, each time adding the one with the most links into those chosen (then the most
    links in all, then by name), so the diagram shows one connected web rather than scattered hubs.
    """
    links = link_counts(actors, edges, parents)
    if len(links) <= most:
        return None
    near: dict[str, list[str]] = defaultdict(list)
    for a, b in [(e.source, e.target) for e in edges] + [(c, up) for c, ups in parents.items() for up in ups]:
        near[a].append(b)
        near[b].append(a)

    def rank(n: str) -> tuple[int, int, str, str]:
        return (-into.get(n, 0), -links[n], actors[n].name, n)

    chosen: set[str] = set()
    into: dict[str, int] = {}  # links into the chosen, of each actor beside them
    while len(chosen) < most:
        pick = min(into, key=rank) if into else min((n for n in links if n not in chosen), key=rank)
        chosen.add(pick)
        into.pop(pick, None)
        for m in near[pick]:
            if m not in chosen:
                into[m] = into.get(m, 0) + 1
    return chosen, len(links)
