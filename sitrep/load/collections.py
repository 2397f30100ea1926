"""Loading collections: content/<kind>.yaml or content/<kind>/*.yaml, each a list of items with unique ids."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from ..model.kinds import Kind
from ..problems import Problem
from . import messages
from .reading import Origin, Reading
from .yamlsafe import Document


def load_collection(reading: Reading, kind: Kind) -> dict[str, Any]:
    """The valid items of one kind, by id, in file order; each invalid one reported and left out."""
    name = kind.name
    folder = reading.root / kind.folder
    paths, complete = reading.content_files(folder.parent, f"{folder.name}.yaml")
    more, complete_folder = reading.content_files(folder)
    paths += more
    if not (complete and complete_folder):
        reading.unreadable.add(name)
    items: dict[str, Any] = {}
    for path in paths:
        reading.files.append(path)
        doc = reading.read(path)
        if doc is None or not isinstance(doc.data, list):
            reading.unreadable.add(name)
        if doc is None:
            continue
        if doc.data is None:
            reading.problems.append(messages.empty_list_file(doc.path, name))
            continue
        if not isinstance(doc.data, list):
            reading.problems.append(messages.wrong_shape(doc, f"a list of {name}", messages.list_hint(kind.singular)))
            continue
        for made, problems in reading.made_from(path, name, doc, None, partial(_validated, reading, kind, doc, path)):
            reading.problems.extend(problems)
            if made is None:  # not a mapping
                continue
            origin, item_id, item = made
            if item is None:
                if item_id:
                    reading.invalid.add((name, item_id))
                else:
                    reading.unreadable.add(name)
                continue
            key = (name, getattr(item, kind.key))
            if key in reading.origins:
                first = reading.origins[key].at("id")
                reading.problems.append(messages.duplicate_id(origin.at("id"), kind.singular, key[1], first))
                continue
            reading.origins[key] = origin
            items[key[1]] = item
    return items


def _validated(reading: Reading, kind: Kind, doc: Document, path: Path) -> list[tuple[Any, tuple[Problem, ...]]]:
    """Each item of a list file on its own: (origin, id, valid item or None), or None if not a mapping; and its problems.

    What it makes depends on the file alone (and, in a hint, the archived texts): the caller may keep it. An entry
    written exactly as in the file's last version (the caller's `made`), which was valid then, is the item it made
    then: validating depends on the entry alone, and a save of one entry of a long file validates that one.
    """
    valid_before = _valid_entries(reading, path, kind.name)
    made: list[tuple[Any, tuple[Problem, ...]]] = []
    for index, raw in enumerate(doc.data):
        origin = Origin(doc, (index,))
        with reading.problems_apart() as problems:
            if not isinstance(raw, dict):
                reading.problems.append(messages.item_not_mapping(origin.at(), kind.singular, index))
                result = None
            else:
                item_id = raw.get("id") if isinstance(raw.get("id"), str) else None
                item = valid_before.get(repr(raw)) if valid_before else None
                if item is None:
                    item = reading.validate(kind.model, raw, origin, kind.singular, item_id)
                result = (origin, item_id, item)
        made.append((result, tuple(problems)))
    return made


def _valid_entries(reading: Reading, path: Path, name: str) -> dict[str, Any]:
    """The valid items the last version of a list file made, by how their entry was written (its repr: unlike
    equality, it tells 1 from True and 1.0, which validation tells apart too)."""
    before = reading.made.get((path, name)) if reading.made is not None else None
    if before is None or not isinstance(before.doc.data, list):
        return {}
    return {
        repr(raw): made[2]
        for raw, (made, problems) in zip(before.doc.data, before.items, strict=False)
        if made is not None and made[2] is not None and not problems
    }
