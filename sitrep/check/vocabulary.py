"""Open vocabularies (place status, designation type): any wording is kept, but one close to a known value is likely a typo."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..problems import Problem
from .walk import problem


def _near(value: str, known: tuple[str, ...]) -> str | None:
    """The known value `value` seems a typo of; None when it is one (in any spelling) or is far from all."""
    if model.known_value(value, known):
        return None  # 'Patriot deployed', 'terrorist listings': the contract's own wordings of known values
    written = "-".join(value.strip().lower().replace("_", " ").split())
    close = difflib.get_close_matches(written, known, n=1, cutoff=0.8)
    return close[0] if close else None


def open_vocabularies(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """Warnings (they fail only --strict): a value a letter or two from a known one loses that value's colour or symbol."""
    for place in project.places.values():
        for i, status in enumerate(place.status):
            meant = _near(status.status, model.KNOWN_PLACE_STATUSES)
            if meant:
                yield problem(
                    loaded.origins[("places", place.id)],
                    ("status", i, "status"),
                    f"place '{place.id}': status '{status.status}' is shown as written, without the symbol of a known status",
                    f"did you mean '{meant}'? known statuses: {', '.join(model.KNOWN_PLACE_STATUSES)}; any other wording is kept",
                    "warning",
                )
    for actor in project.actors.values():
        for i, designation in enumerate(actor.designations):
            meant = _near(designation.type, model.KNOWN_DESIGNATION_TYPES)
            if meant:
                yield problem(
                    loaded.origins[("actors", actor.id)],
                    ("designations", i, "type"),
                    f"actor '{actor.id}': designation '{designation.type}' is shown as written, not as a known type",
                    f"did you mean '{meant}'? known types: {', '.join(model.KNOWN_DESIGNATION_TYPES)}; any other wording is kept",
                    "warning",
                )
