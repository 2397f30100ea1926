"""Walking a project for the checks: every item with its kind, every citation, and located problems."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import model
from ..load import Origin
from ..model.kinds import KINDS, Kind
from ..problems import Problem


def problem(origin: Origin, loc: tuple[str | int, ...], message: str, hint: str, severity: str = "error") -> Problem:
    path, line, col = origin.at(*loc)
    return Problem(path, line, col, message, hint, severity)  # type: ignore[arg-type]


def items(project: model.Project) -> Iterator[tuple[Kind, Any]]:
    """Every item of the project with its kind, kind by kind in the registry's order."""
    for kind in KINDS.values():
        for item in getattr(project, kind.name).values():
            yield kind, item


def key(kind: Kind, item: Any) -> tuple[str, str]:
    """The key of an item's origin: (kind name, id)."""
    return (kind.name, getattr(item, kind.key))


def label(kind: Kind, item: Any) -> str:
    """An item as messages name it: actor 'iran'."""
    return f"{kind.singular} '{getattr(item, kind.key)}'"


def article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
