"""The committed JSON Schema matches the model, and every content file points editors at it."""

from __future__ import annotations

import json

from sitrep import schema
from sitrep.load import load_project

from .conftest import MINI, ROOT


def test_committed_schema_matches_the_model() -> None:
    generated = schema.generate(load_project(ROOT).project)
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
    assert "id" not in source["required"]  # the file name gives it


def test_reference_fields_list_the_projects_ids_and_every_field_is_described() -> None:
    project = load_project(MINI).project
    generated = {name: json.loads(text) for name, text in schema.generate(project).items()}
    event = generated["events.schema.json"]["$defs"]["Event"]["properties"]
    assert event["place"]["anyOf"][0]["enum"] == ["balad-airbase"]
    participant = generated["events.schema.json"]["$defs"]["Participant"]["properties"]
    assert participant["actor"]["enum"] == sorted(project.actors)
    citation = generated["events.schema.json"]["$defs"]["Citation"]["properties"]
    assert citation["source"]["enum"] == ["aw", "iw", "meo"]
    judgments = generated["briefing.schema.json"]["properties"]["key_judgments"]["items"]
    assert judgments["enum"] == sorted(project.judgments)

    def undescribed(node: object, where: str) -> list[str]:
        found: list[str] = []
        if isinstance(node, dict):
            declared = node.get("properties") if "title" in node else None  # a model, not a oneOf/anyOf constraint
            for key, prop in (declared or {}).items():
                if not (isinstance(prop, dict) and prop.get("description")):
                    found.append(f"{where}.{key}")
            for key, value in node.items():
                found += undescribed(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                found += undescribed(value, where)
        return found

    for name, tree in generated.items():
        assert undescribed(tree, name) == []


def test_dates_in_the_schema_are_the_dates_check_reads() -> None:
    import jsonschema

    date = json.loads(schema.generate()["events.schema.json"])["$defs"]["Event"]["properties"]["date"]
    validator = jsonschema.Draft202012Validator(date)
    for good in ("2019-12-05", "2019-12", "2019", 2024):
        assert validator.is_valid(good), good
    for bad in ("2020-13-01", "2020-12-32", "2019-1-5", "0000", "5 Dec 2019", 0, True, None):
        assert not validator.is_valid(bad), bad


def test_every_shipped_content_file_names_its_schema() -> None:
    for path in [*(ROOT / "content").rglob("*.yaml"), *(ROOT / "briefings").glob("*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"
    assert MINI.is_dir()
