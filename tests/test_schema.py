"""The committed JSON Schema matches the model, and every content file points editors at it."""

from __future__ import annotations

import json

from sitrep import schema

from .conftest import MINI, ROOT


def test_committed_schema_matches_the_model() -> None:
    generated = schema.generate()
    for name, text in generated.items():
        committed = ROOT / "schema" / name
        assert committed.is_file(), f"schema/{name} is missing: run `python build.py schema`"
        assert committed.read_text(encoding="utf-8") == text, (
            f"schema/{name} drifted from the model: run `python build.py schema`"
        )
    assert sorted(p.name for p in (ROOT / "schema").glob("*.json")) == sorted(generated)


def test_schema_rejects_unknown_keys_and_knows_vocabularies() -> None:
    events = json.loads(schema.generate()["events.schema.json"])
    event = events["$defs"]["Event"]
    assert event["additionalProperties"] is False
    assert "attack" in event["properties"]["type"]["enum"]
    source = json.loads(schema.generate()["source.schema.json"])
    assert "id" not in source["properties"]  # the file name gives it


def test_every_shipped_content_file_names_its_schema() -> None:
    for path in [*(ROOT / "content").rglob("*.yaml"), *(ROOT / "briefings").glob("*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"
    assert MINI.is_dir()
