"""The outlook: indicators' status histories are in order and end in their status."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..problems import Problem
from .walk import problem


def indicators(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for indicator in project.indicators.values():
        history = indicator.status_history
        origin = origins[("indicators", indicator.id)]
        if history and history[-1].status != indicator.status:
            yield problem(
                origin,
                ("status",),
                f"indicator '{indicator.id}': status is {indicator.status} but the last status_history entry says {history[-1].status}",
                "make 'status' equal the latest entry of status_history",
            )
        for i in range(1, len(history)):
            if history[i].date.sort_key() < history[i - 1].date.sort_key():
                yield problem(
                    origin,
                    ("status_history", i, "date"),
                    f"indicator '{indicator.id}': status_history is not in date order",
                    "list status changes oldest first",
                )
