"""JSON Schema for editors, generated from the content model and committed under schema/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from . import model

# file name -> (what a file holds, key the file name supplies)
SCHEMAS: dict[str, tuple[Any, str | None]] = {
    "source": (model.Source, "id"),
    "briefing": (model.Briefing, "slug"),
    **{kind.name: (list[kind.model], None) for kind in model.kinds.LISTED},  # type: ignore[name-defined]
}


def _without(schema: dict[str, Any], key: str) -> dict[str, Any]:
    schema["properties"].pop(key, None)
    schema["required"] = [name for name in schema.get("required", []) if name != key]
    return schema


def generate() -> dict[str, str]:
    """File name -> JSON text of every schema, deterministic so drift is a plain text diff."""
    out: dict[str, str] = {}
    for name, (shape, from_file_name) in SCHEMAS.items():
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            schema = shape.model_json_schema()
        else:
            schema = TypeAdapter(shape).json_schema()
        if from_file_name:
            schema = _without(schema, from_file_name)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"sitrep {name}",
            **schema,
        }
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
