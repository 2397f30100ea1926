"""Loading sources: content/sources/<id>.yaml, each with its archived text <id>.txt."""

from __future__ import annotations

from .. import model
from . import messages
from .reading import Origin, Reading
from .yamlsafe import decode, hidden_in_text


def load_sources(reading: Reading) -> tuple[dict[str, model.Source], dict[str, str]]:
    """Every source whose metadata and archived text both load, and the texts by source id."""
    kind = model.kinds.KINDS["sources"]
    folder = reading.root / kind.folder
    sources: dict[str, model.Source] = {}
    texts: dict[str, str] = {}
    paths, complete = reading.content_files(folder)
    if not complete:
        reading.unreadable.add(kind.name)
    for path in paths:
        reading.files.append(path)
        source_id = path.stem
        txt_path = path.with_suffix(".txt")
        reading.invalid.add((kind.name, source_id))  # until it has loaded in full
        if reading.bad_file_name(path, "source id"):
            reading.invalid.add((kind.name, source_id.lower()))
            continue
        loaded = reading.read_named(path, kind.model, kind.singular, kind.key)
        if loaded is None:
            continue
        source, doc = loaded
        if txt_path.exists() and not txt_path.resolve().is_relative_to(reading.root):
            reading.problems.append(messages.link_outside(reading.rel(txt_path)))
            continue
        if not txt_path.is_file():
            reading.problems.append(messages.no_archived_text(doc.path, source_id, reading.rel(txt_path)))
            continue
        reading.files.append(txt_path)
        text, problem = decode(reading.rel(txt_path), txt_path.read_bytes())
        if problem:
            reading.problems.append(problem)
            continue
        assert text is not None and isinstance(source, model.Source)
        if (hidden := hidden_in_text(reading.rel(txt_path), text)) is not None:
            reading.problems.append(hidden)
        sources[source_id] = source
        texts[source_id] = text
        reading.invalid.discard((kind.name, source_id))
        reading.origins[(kind.name, source_id)] = Origin(doc, ())
    for txt_path in sorted(folder.glob("*.txt")):
        if not txt_path.with_suffix(".yaml").exists():
            metadata = reading.rel(txt_path.with_suffix(".yaml"))
            reading.problems.append(messages.text_without_metadata(reading.rel(txt_path), txt_path.name, metadata))
    return sources, texts
