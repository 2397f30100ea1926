"""Loading a project: every kind of file through its own loader, every problem collected and located."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import model
from ..config import Config, read_config
from ..problems import Problem
from . import messages
from .briefings import load_briefings
from .collections import load_collection
from .reading import MadeCache, Origin, ParseCache, Reading, located_only
from .sources import load_sources


@dataclass
class Loaded:
    """The validated project, where each item came from, and the problems met on the way."""

    project: model.Project
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # ids written but invalid, and collections with a file that could not be read: references to
    # them are not reported again as dangling
    invalid: set[tuple[str, str]] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    config: Config = field(default_factory=Config)


def load_project(root: Path, cache: ParseCache | None = None, made: MadeCache | None = None) -> Loaded:
    """Read every content file under `root`; invalid items are left out and reported.

    `cache` (the live preview keeps one) remembers each file's parse by its bytes, so after an edit only the
    edited file is parsed again; `made` (kept with it) what each file made on its own (its validated items and
    their problems), so only the edited file is validated again. What the files make together (duplicate ids,
    numbering) is done anew each time.
    """
    reading = Reading(root.resolve(), cache, made=made)
    if not (reading.root / "content").is_dir() and not (reading.root / "briefings").is_dir():
        reading.problems.append(messages.not_a_project(str(reading.root)))
    config = read_config(reading)
    sources, texts = load_sources(reading)
    reading.texts = texts
    collections = {kind.name: load_collection(reading, kind) for kind in model.kinds.LISTED}
    briefings = load_briefings(reading, config.briefing_defaults())
    project = model.Project(sources=sources, texts=texts, briefings=briefings, **collections)
    # a caller keeping parses (the live preview) makes items from them again on the next load: it keeps their data
    origins = reading.origins if cache is not None or made is not None else located_only(reading.origins)
    return Loaded(project, origins, reading.problems, reading.files, reading.invalid, reading.unreadable, config)
