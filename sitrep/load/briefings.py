"""Loading briefings: briefings/<slug>.yaml, one edition each, named by its slug."""

from __future__ import annotations

from .. import model
from .reading import Origin, Reading


def load_briefings(reading: Reading) -> dict[str, model.Briefing]:
    kind = model.kinds.KINDS["briefings"]
    briefings: dict[str, model.Briefing] = {}
    paths, complete = reading.content_files(reading.root / kind.folder)
    if not complete:
        reading.unreadable.add(kind.name)
    for path in paths:
        reading.files.append(path)
        reading.invalid.add((kind.name, path.stem))
        if reading.bad_file_name(path, "slug"):
            continue
        loaded = reading.read_named(path, kind.model, kind.singular, kind.key)
        if loaded is not None:
            briefing, doc = loaded
            assert isinstance(briefing, model.Briefing)
            briefings[path.stem] = briefing
            reading.origins[(kind.name, path.stem)] = Origin(doc, ())
            reading.invalid.discard((kind.name, path.stem))
    return briefings
