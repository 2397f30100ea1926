"""Loading collections: content/<kind>.yaml or content/<kind>/*.yaml, each a list of items with unique ids."""

from __future__ import annotations

from functools import partial
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
        for made, problems in reading.made_from(path, name, doc, None, partial(_validated, reading, kind, doc)):
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


def _validated(reading: Reading, kind: Kind, doc: Document) -> list[tuple[Any, tuple[Problem, ...]]]:
    """Each item of a list file on its own: (origin, id, valid item or None), or None if not a mapping; and its problems.

    What it makes depends on the file alone (and, in a hint, the archived texts): the caller may keep it.
    """
    made: list[tuple[Any, tuple[Problem, ...]]] = []
    for index, raw in enumerate(doc.data):
        origin = Origin(doc, (index,))
        with reading.problems_apart() as problems:
            if not isinstance(raw, dict):
                reading.problems.append(messages.item_not_mapping(origin.at(), kind.singular, index))
                result = None
            else:
                item_id = raw.get("id") if isinstance(raw.get("id"), str) else None
                result = (origin, item_id, reading.validate(kind.model, raw, origin, kind.singular, item_id))
        made.append((result, tuple(problems)))
    return made
