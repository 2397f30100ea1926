"""Briefings: key judgments an edition can see, listed once; editions in order."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..problems import Problem
from ..select import View, visible_sources
from .walk import problem


def briefings(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for briefing in project.briefings.values():
        origin = origins[("briefings", briefing.slug)]
        seen = visible_sources(project, briefing.as_of)
        for i, judgment_id in enumerate(briefing.key_judgments):
            judgment = project.judgments.get(judgment_id)
            if judgment and not any(c.source in seen or ("sources", c.source) in loaded.invalid for c in judgment.cite):
                yield problem(
                    origin,
                    ("key_judgments", i),
                    f"briefing '{briefing.slug}': key judgment '{judgment_id}' cites no source published by {briefing.as_of}",
                    "an edition sees only sources published by its as_of date: cite an earlier source or drop the judgment",
                )
        if len(set(briefing.key_judgments)) != len(briefing.key_judgments):
            yield problem(
                origin,
                ("key_judgments",),
                f"briefing '{briefing.slug}': a key judgment is listed twice",
                "list each judgment once",
            )
        previous = project.briefings.get(briefing.previous or "")
        if previous is not None:
            if previous.as_of.latest >= briefing.as_of.earliest:
                yield problem(
                    origin,
                    ("previous",),
                    f"briefing '{briefing.slug}': previous edition '{previous.slug}' is as of {previous.as_of}, not before {briefing.as_of}",
                    "'previous' names an earlier edition",
                )
            if (previous.number or 0) >= (briefing.number or 0):
                yield problem(
                    origin,
                    ("number",),
                    f"briefing '{briefing.slug}': edition number {briefing.number} is not after the previous edition's ({previous.number})",
                    "number editions in order",
                )


def outcomes(project: model.Project, loaded: Loaded, views: dict[str, View]) -> Iterator[Problem]:
    """A judgment the previous edition made and this one does not carry on says what became of it."""
    for view in views.values():
        changes = view.changes
        if changes is None:
            continue
        for judgment in changes.judgments_dropped:
            if judgment.id not in changes.outcomes:
                yield problem(
                    loaded.origins[("judgments", judgment.id)],
                    ("id",),
                    f"judgment '{judgment.id}' of edition '{changes.previous.slug}' is not carried on in "
                    f"'{view.briefing.slug}', and has no outcome that edition can see",
                    "add outcome: {status: borne-out, not-borne-out or overtaken, note: ..., cite: [...]} so readers "
                    "learn what became of it",
                    "warning",
                )
