"""Schema and check agree: a real JSON Schema validator (jsonschema) and `check` give every content file the same verdict.

Every content file of the shipped project, the mini fixture and the contract fixture is validated against the schema
`sitrep schema` writes for its project; then, in each file's first item, every field is replaced in turn by each of a
set of values (good and bad dates, numbers, words, ids, lists, nothing), fields are dropped and unknown keys added, and
each mutated file is judged twice: by the validator, and by `check` on a copy of the project with that one file changed.
The verdicts must be the same.

`check`'s verdict on a file is its shape: what the loader reports (types, required fields, vocabularies, dates) and
references to ids the project does not have. What no JSON Schema can say is left out by construction, and named here:
a quote's words against the archived text, a day that does not exist in its month (2021-02-30), one field against
another (date_end before date, low above high), ICD 203 wording, and checks across items (cycles, the as-of rule).

Files are read as editors read them (YAML 1.2: an unquoted 2019-12-05 is text, not a date object).
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sitrep import schema
from sitrep.check import references
from sitrep.load import ParseCache, load_project

from .conftest import MINI, ROOT

CONTRACT = Path(__file__).resolve().parent / "fixtures" / "contract"
STRANGER = Path(__file__).resolve().parent / "fixtures" / "stranger"
PROJECTS = {"shipped": ROOT, "mini": MINI, "contract": CONTRACT, "stranger": STRANGER}

# Substituted into every field in turn: right and wrong for some field of every kind.
VALUES: list[Any] = [
    None,
    "",
    "   ",
    "any free text",
    "no-such-id",
    "Bad_Id",
    -1,
    3,
    "3",
    True,
    "2020-13-01",
    2024,
    ["any free text"],
    {"count": 2},
]
# The shipped project is large: its mutations run on one file of each kind with fewer values (every file is still
# validated unmutated above); the fixtures get them all.
SAMPLED = {"shipped": [None, "any free text", "Bad_Id", 3, "2020-13-01", ["any free text"]]}


class EditorLoader(yaml.SafeLoader):
    """YAML as editors read it (YAML 1.2 core schema): no timestamps, so dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_as_editor(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506 - a safe loader


def schema_name(relative: str) -> str | None:
    """Which schema a content file follows, by where it is."""
    parts = relative.split("/")
    if relative == "sitrep.yaml":
        return "sitrep"
    if parts[0] == "briefings":
        return "briefing"
    if parts[:2] == ["content", "sources"]:
        return "source"
    if parts[0] == "content":
        return parts[1].removesuffix(".yaml")
    return None


def content_files(project: Path) -> list[str]:
    found = [p for p in (project / "content").rglob("*.yaml")] + list((project / "briefings").glob("*.yaml"))
    if (project / "sitrep.yaml").is_file():
        found.append(project / "sitrep.yaml")
    return sorted(p.relative_to(project).as_posix() for p in found)


def validators(project: Path) -> dict[str, jsonschema.Draft202012Validator]:
    return {
        name.removesuffix(".schema.json"): jsonschema.Draft202012Validator(json.loads(text))
        for name, text in schema.generate(load_project(project).project).items()
    }


def check_accepts(project: Path, relative: str, cache: ParseCache | None = None) -> tuple[bool, list[str]]:
    """Check's verdict on one file's shape: the loader's problems and dangling references located in it.

    `cache` keeps the parse of the files that did not change, as the live preview does.
    """
    loaded = load_project(project, cache)
    found = [*loaded.problems, *references.references(loaded.project, loaded)]
    errors = [p.format() for p in found if p.severity == "error" and p.path == relative]
    return not errors, errors


def schema_accepts(validator: jsonschema.Draft202012Validator, data: Any) -> tuple[bool, list[str]]:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    return not errors, errors


@pytest.mark.parametrize("name", PROJECTS)
def test_every_content_file_is_valid_for_both(name: str) -> None:
    project = PROJECTS[name]
    checks = validators(project)
    files = content_files(project)
    assert len(files) >= 10
    for relative in files:
        kind = schema_name(relative)
        assert kind in checks, relative
        accepted, errors = schema_accepts(checks[kind], read_as_editor(project / relative))
        assert accepted, (relative, errors)
        assert check_accepts(project, relative) == (True, [])


def mutations(data: Any, values: list[Any]) -> Iterator[tuple[str, Any]]:
    """(what was changed, the file's data after the change), for the first item of a file.

    Each field in turn is dropped and given each value; so is each field of its first nested mapping and of the
    first entry of its first list of mappings (a citation, a role).
    """
    item = data[0] if isinstance(data, list) else data
    if not isinstance(item, dict):
        return

    def put(new_item: dict[str, Any]) -> Any:
        if isinstance(data, list):
            return [new_item, *copy.deepcopy(data[1:])]
        return new_item

    nested_mapping = next((key for key in item if isinstance(item[key], dict)), None)
    nested_list = next((k for k in item if isinstance(item[k], list) and item[k] and isinstance(item[k][0], dict)), None)
    for key in list(item):
        dropped = {k: v for k, v in item.items() if k != key}
        yield f"without {key}", put(dropped)
        for value in values:
            yield f"{key} = {value!r}", put({**copy.deepcopy(item), key: value})
        if key == nested_mapping:  # one level down: a period's start, an amount's count
            for sub in list(item[key]):
                for value in values:
                    yield f"{key}.{sub} = {value!r}", put({**copy.deepcopy(item), key: {**item[key], sub: value}})
        if key == nested_list:  # a citation, a role
            first = item[key][0]
            for sub in list(first):
                yield f"{key}[0] without {sub}", put({**copy.deepcopy(item), key: [{k: v for k, v in first.items() if k != sub}]})
                for value in values:
                    yield f"{key}[0].{sub} = {value!r}", put({**copy.deepcopy(item), key: [{**first, sub: value}]})
    yield "unknown key", put({**copy.deepcopy(item), "colour": "blue"})


# Cross-field rules within an item, which a JSON Schema cannot state: a disagreement they explain is expected.
BEYOND_SCHEMA = ("is above 'high'", "is not a real day", "differs from the file name")


@pytest.mark.parametrize("name", ["mini", "contract"])  # the shipped project is validated whole above: too big to mutate
def test_mutated_files_get_the_same_verdict(name: str, tmp_path: Path) -> None:
    source = PROJECTS[name]
    project = tmp_path / name
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("_site", ".*", "node_modules", "tests", "bench", "sitrep"))
    checks = validators(project)
    disagreements: list[str] = []
    tried = 0
    cache: ParseCache = {}
    files = content_files(project)
    values = SAMPLED.get(name, VALUES)
    if name in SAMPLED:
        kinds = sorted({kind for kind in map(schema_name, files) if kind is not None})
        files = [next(f for f in files if schema_name(f) == kind) for kind in kinds]
    for relative in files:
        kind = schema_name(relative)
        assert kind is not None
        path = project / relative
        original = path.read_bytes()
        data = read_as_editor(path)
        seen: set[str] = set()
        try:
            for what, mutated in mutations(data, values):
                text = yaml.safe_dump(mutated, sort_keys=False, allow_unicode=True)
                if text in seen:
                    continue
                seen.add(text)
                path.write_text(text, encoding="utf-8")
                # ids changed: the schema is made again, as serve does
                current = validators(project) if what.startswith(("id ", "without id")) else checks
                by_schema, schema_errors = schema_accepts(current[kind], read_as_editor(path))
                by_check, check_errors = check_accepts(project, relative, cache)
                tried += 1
                if by_schema != by_check and not any(s in e for e in check_errors for s in BEYOND_SCHEMA):
                    disagreements.append(
                        f"{relative}: {what}: schema {by_schema} {schema_errors[:1]}, check {by_check} {check_errors[:1]}"
                    )
        finally:
            path.write_bytes(original)
    assert tried > 150
    assert disagreements == []
