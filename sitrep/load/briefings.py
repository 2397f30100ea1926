"""Loading briefings: briefings/<slug>.yaml, one edition each, named by its slug."""

from __future__ import annotations

from .. import model
from .reading import Origin, Reading


def load_briefings(reading: Reading, defaults: dict[str, str] | None = None) -> dict[str, model.Briefing]:
    """Every edition that loads, numbered; `defaults` (the project's settings) fill fields a briefing leaves out."""
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
        loaded = reading.read_named(path, kind.model, kind.singular, kind.key, defaults)
        if loaded is not None:
            briefing, doc = loaded
            assert isinstance(briefing, model.Briefing)
            briefings[path.stem] = briefing
            reading.origins[(kind.name, path.stem)] = Origin(doc, ())
            reading.invalid.discard((kind.name, path.stem))
    return numbered(briefings)


def numbered(briefings: dict[str, model.Briefing]) -> dict[str, model.Briefing]:
    """Every edition with its number: one left out follows its previous edition's, plus one, or is number 1."""

    def number(slug: str) -> int:
        chain: list[str] = []
        while slug in briefings and briefings[slug].number is None and slug not in chain:
            chain.append(slug)
            slug = briefings[slug].previous or ""
        start = briefings[slug].number if slug in briefings and slug not in chain else 0
        return (start or 0) + len(chain)

    return {slug: b if b.number is not None else b.model_copy(update={"number": number(slug)}) for slug, b in briefings.items()}
