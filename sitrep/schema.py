"""JSON Schema for editors, generated from the content model and committed under schema/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from . import model
from .config import Config
from .dates import DATE_PATTERN
from .model.descriptions import MEANINGS

# file name -> (what a file holds, key the file name supplies)
SCHEMAS: dict[str, tuple[Any, str | None]] = {
    "source": (model.Source, "id"),
    "briefing": (model.Briefing, "slug"),
    **{kind.name: (list[kind.model], None) for kind in model.kinds.LISTED},  # type: ignore[name-defined]
    "sitrep": (Config, None),  # sitrep.yaml, the project's settings
}


# What `check` accepts as a date, as far as a pattern can say it: months 01-12, days 01-31, no year 0000; or a bare
# year written as a number (`date: 2024`). A day past the end of its month (2021-02-30) only `check` can see.
DATE = r"^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
# count, or low and high, not both (null counts as left out, as it does for check)
AMOUNT_ONE_OF = [
    {"required": ["count"], "properties": {"count": {"type": "integer"}, "low": {"type": "null"}, "high": {"type": "null"}}},
    {
        "required": ["low", "high"],
        "properties": {"count": {"type": "null"}, "low": {"type": "integer"}, "high": {"type": "integer"}},
    },
]
LOCATED = ("lat", "lon", "geo_precision")
PLACE_ANY_OF = [  # coordinates: all three or none
    {"required": list(LOCATED), "properties": {name: {"not": {"type": "null"}} for name in LOCATED}},
    {"properties": {name: {"type": "null"} for name in LOCATED}},
]


def _from_file_name(schema: dict[str, Any], key: str) -> dict[str, Any]:
    """The file name supplies `key`: not required; if written it must equal the file name (check says so)."""
    schema["required"] = [name for name in schema.get("required", []) if name != key]
    return schema


def _refine(node: Any) -> None:
    """Say in JSON Schema what check says beyond pydantic's schema: dates, non-blank text, descriptions, cross-field rules."""
    if isinstance(node, list):
        for child in node:
            _refine(child)
        return
    if not isinstance(node, dict):
        return
    if node.get("pattern") == DATE_PATTERN:
        description = node.get("description")
        node.clear()
        node["anyOf"] = [{"type": "string", "pattern": DATE}, {"type": "integer", "minimum": 1, "maximum": 9999}]
        if description:
            node["description"] = description
    if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node:
        node["pattern"] = "\\S"  # check strips white space first: "   " is empty
    title = node.get("title")
    if isinstance(title, str) and isinstance(node.get("properties"), dict):
        meanings = MEANINGS.get(title, {})
        for field, prop in node["properties"].items():
            if isinstance(prop, dict) and not prop.get("description") and field in meanings:
                prop["description"] = meanings[field]
        if title in ("Amount", "Figure"):
            node["oneOf"] = AMOUNT_ONE_OF
        if title == "Place":
            node["anyOf"] = PLACE_ANY_OF
    for value in node.values():
        _refine(value)


def generate(project: model.Project | None = None) -> dict[str, str]:
    """File name -> JSON text of every schema, deterministic so drift is a plain text diff.

    Given a project, reference fields list its ids (enum), so editors complete them and flag a dangling one.
    """
    out: dict[str, str] = {}
    for name, (shape, from_file_name) in SCHEMAS.items():
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            schema = shape.model_json_schema()
        else:
            schema = TypeAdapter(shape).json_schema()
        if from_file_name:
            schema = _from_file_name(schema, from_file_name)
        _refine(schema)
        if project is not None:
            _list_ids(schema, project)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "sitrep.yaml (project settings)" if name == "sitrep" else f"sitrep {name}",
            **schema,
        }
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def _references() -> dict[tuple[str, str], str]:
    """(model name, field) -> the kind of item the field names, from the models' Ref markers."""
    found: dict[tuple[str, str], str] = {}
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for shape in model.kinds.shapes(cls):
            if shape.ref is not None:
                found[(cls.__name__, shape.name)] = shape.ref.kind
            if shape.part is not None:
                visit(shape.part)

    for kind in model.kinds.KINDS.values():
        visit(kind.model)
    return found


REFERENCES = _references()


def _list_ids(node: Any, project: model.Project) -> None:
    """Reference fields take the project's ids as an enum: editors complete them and flag one that does not exist."""
    if isinstance(node, list):
        for child in node:
            _list_ids(child, project)
        return
    if not isinstance(node, dict):
        return
    title = node.get("title")
    for field, prop in (node.get("properties") or {}).items():
        kind = REFERENCES.get((str(title), field))
        if kind is None or not isinstance(prop, dict):
            continue
        target = prop.get("items", prop)
        branches = [b for b in target.get("anyOf", [target]) if b.get("type") == "string"]
        for branch in branches:
            branch["enum"] = sorted(getattr(project, kind))
    for value in node.values():
        _list_ids(value, project)


def write(folder: Path, project: model.Project | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(project).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def write_project(root: Path) -> list[Path]:
    """The schema a project's files point at, in its schema/ folder, with the project's own ids."""
    from .load import load_project

    return write(root / "schema", load_project(root).project)
