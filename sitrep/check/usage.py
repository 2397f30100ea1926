"""Warnings: sources nothing cites and actors in no event."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..problems import Problem
from .walk import items, problem


def unused(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    cited = {citation.source for _, item in items(project) for _, citation in model.kinds.citations(item)}
    for source in project.sources.values():
        if source.id not in cited:
            yield problem(
                origins[("sources", source.id)],
                (),
                f"source '{source.id}' is cited by nothing",
                "cite it from an event, actor or judgment, or remove it",
                "warning",
            )
    in_events = {p.actor for event in project.events.values() for p in event.actors}
    for actor in project.actors.values():
        if actor.id not in in_events:
            yield problem(
                origins[("actors", actor.id)],
                ("id",),
                f"actor '{actor.id}' takes part in no event",
                "add it to an event's actors, or remove it",
                "warning",
            )
