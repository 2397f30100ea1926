"""References: every id an item names exists, and actors' parents form no loop."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from .. import model
from ..load import SINGULAR, Loaded
from ..problems import Problem
from .walk import article, citations_of, items, key, problem


def references_of(name: str, item: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location in the item, target collection, target id) for every reference an item makes."""
    if name == "actors":
        if item.parent:
            yield ("parent",), "actors", item.parent
        for i, role in enumerate(item.roles):
            yield ("roles", i, "org"), "actors", role.org
        for i, relation in enumerate(item.relations):
            yield ("relations", i, "target"), "actors", relation.target
        for i, designation in enumerate(item.designations):
            if designation.by:
                yield ("designations", i, "by"), "actors", designation.by
    elif name == "events":
        for i, participant in enumerate(item.actors):
            yield ("actors", i, "actor"), "actors", participant.actor
        if item.place:
            yield ("place",), "places", item.place
    elif name == "judgments":
        for i, event_id in enumerate(item.basis):
            yield ("basis", i), "events", event_id
        for i, assumption_id in enumerate(item.assumptions):
            yield ("assumptions", i), "assumptions", assumption_id
        if item.supersedes:
            yield ("supersedes",), "judgments", item.supersedes
    elif name == "scenarios":
        for i, indicator_id in enumerate(item.indicators):
            yield ("indicators", i), "indicators", indicator_id
    elif name == "indicators":
        for i, scenario_id in enumerate(item.supports):
            yield ("supports", i), "scenarios", scenario_id
        for i, event_id in enumerate(item.evidence):
            yield ("evidence", i), "events", event_id
    elif name == "briefings":
        for i, judgment_id in enumerate(item.key_judgments):
            yield ("key_judgments", i), "judgments", judgment_id
        if item.previous:
            yield ("previous",), "briefings", item.previous
        for i, event_id in enumerate(item.key_events):
            yield ("key_events", i), "events", event_id
        for field in ("actors", "places"):
            for i, ref in enumerate(getattr(item.scope, field)):
                yield ("scope", field, i), field, ref
    if hasattr(item, "cite") and name not in ("sources", "briefings"):
        for loc, citation in citations_of(item):
            yield (*loc, "source"), "sources", citation.source


def references(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins, invalid, unreadable = loaded.origins, loaded.invalid, loaded.unreadable
    for name, item in items(project):
        origin = origins[key(name, item)]
        for loc, target, ref in references_of(name, item):
            if ref in getattr(project, target) or (target, ref) in invalid or target in unreadable:
                continue
            known = sorted(getattr(project, target))
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.75)
            where = (
                "content/sources/" if target == "sources" else ("briefings/" if target == "briefings" else f"content/{target}")
            )
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"use the id of {article(SINGULAR[target])} defined in {where}, or add one"
            )
            yield problem(origin, loc, f"{SINGULAR[target]} '{ref}' does not exist", hint)


def parent_cycles(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    reported: set[str] = set()
    for actor in project.actors.values():
        chain = [actor.id]
        current = actor
        while current.parent and current.parent in project.actors:
            if current.parent in chain:
                cycle = chain[chain.index(current.parent) :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    loop = " -> ".join([*cycle, current.parent])
                    yield problem(
                        origins[("actors", current.id)],
                        ("parent",),
                        f"actor '{current.id}': parents form a loop: {loop}",
                        "an actor cannot operate under itself: remove 'parent' from one of them",
                    )
                break
            chain.append(current.parent)
            current = project.actors[current.parent]
