"""References: every id an item names exists, and actors' parents form no loop."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..model.kinds import KINDS
from ..problems import Problem
from .walk import article, items, key, problem


def references(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """Every reference the model declares (`Ref`) names an item that exists."""
    origins, invalid, unreadable = loaded.origins, loaded.invalid, loaded.unreadable
    for kind, item in items(project):
        origin = origins[key(kind, item)]
        for loc, target, ref in model.kinds.references(item):
            if ref in getattr(project, target) or (target, ref) in invalid or target in unreadable:
                continue
            known = sorted(getattr(project, target))
            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.75)
            wanted = KINDS[target]
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"use the id of {article(wanted.singular)} defined in {wanted.where}, or add one"
            )
            yield problem(origin, loc, f"{wanted.singular} '{ref}' does not exist", hint)


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
