"""Loading: read a project's YAML and archived texts into validated models, collecting every problem."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model
from .problems import Problem
from .yamlsafe import Document, decode, parse

SINGULAR = {
    "actors": "actor",
    "places": "place",
    "events": "event",
    "judgments": "judgment",
    "assumptions": "assumption",
    "scenarios": "scenario",
    "indicators": "indicator",
    "sources": "source",
    "briefings": "briefing",
}


@dataclass(frozen=True)
class Origin:
    """Where an item was written: its document and the path of the item inside it."""

    doc: Document
    loc: tuple[str | int, ...]

    def at(self, *sub: str | int, key: bool = False) -> tuple[str, int, int]:
        line, col = self.doc.locate(self.loc + sub, at_key=key)
        return self.doc.path, line, col


@dataclass
class Loaded:
    """The validated project, where each item came from, and the problems met on the way."""

    project: model.Project
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # ids written but invalid, and collections with a file that could not be read: references to
    # them are not reported again as dangling
    invalid: set[tuple[str, str]] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)


def load_project(root: Path) -> Loaded:
    """Read every content file under `root`; invalid items are left out and reported."""
    root = root.resolve()
    problems: list[Problem] = []
    origins: dict[tuple[str, str], Origin] = {}
    files: list[Path] = []
    collections: dict[str, dict[str, Any]] = {}
    invalid: set[tuple[str, str]] = set()
    unreadable: set[str] = set()

    if not (root / "content").is_dir() and not (root / "briefings").is_dir():
        problems.append(
            Problem(
                str(root),
                None,
                None,
                "no 'content/' or 'briefings/' folder here: this is not a sitrep project",
                "run from a project folder or pass --project DIR",
            )
        )

    sources: dict[str, model.Source] = {}
    texts: dict[str, str] = {}
    for path in sorted((root / "content" / "sources").glob("*.yaml")):
        files.append(path)
        source_id = path.stem
        doc = _read(root, path, problems)
        txt_path = path.with_suffix(".txt")
        invalid.add(("sources", source_id))  # until it has loaded in full
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(_shape_problem(doc, "source", "a mapping of fields", "write one field per line, 'title: ...'"))
            continue
        data = dict(doc.data)
        if "id" in data and data["id"] != source_id:
            line, col = doc.locate(("id",))
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    f"id '{data['id']}' differs from the file name '{source_id}'",
                    "drop 'id:': a source's id is its file name",
                )
            )
            continue
        data["id"] = source_id
        item = _validate(model.Source, data, Origin(doc, ()), "source", source_id, problems)
        if item is None:
            continue
        if not txt_path.is_file():
            problems.append(
                Problem(
                    doc.path,
                    1,
                    1,
                    f"source '{source_id}' has no archived text: {_rel(root, txt_path)} is missing",
                    f"save the article's text, exactly as published, as {_rel(root, txt_path)}",
                )
            )
            continue
        files.append(txt_path)
        text, problem = decode(_rel(root, txt_path), txt_path.read_bytes())
        if problem:
            problems.append(problem)
            continue
        assert text is not None
        sources[source_id] = item  # type: ignore[assignment]
        texts[source_id] = text
        invalid.discard(("sources", source_id))
        origins[("sources", source_id)] = Origin(doc, ())
    for txt_path in sorted((root / "content" / "sources").glob("*.txt")):
        if not txt_path.with_suffix(".yaml").exists():
            problems.append(
                Problem(
                    _rel(root, txt_path),
                    None,
                    None,
                    f"archived text '{txt_path.name}' has no metadata file",
                    f"add {_rel(root, txt_path.with_suffix('.yaml'))} with the source's title, outlet, published, kind, reliability and descriptor",
                    severity="warning",
                )
            )

    for name, cls in model.COLLECTIONS.items():
        paths = []
        single = root / "content" / f"{name}.yaml"
        if single.is_file():
            paths.append(single)
        paths += sorted((root / "content" / name).glob("*.yaml"))
        items: dict[str, Any] = {}
        for path in paths:
            files.append(path)
            doc = _read(root, path, problems)
            if doc is None or not isinstance(doc.data, list):
                unreadable.add(name)
            if doc is None:
                continue
            if doc.data is None:
                problems.append(
                    Problem(
                        doc.path,
                        None,
                        None,
                        f"file is empty: expected a list of {name}",
                        f"add {name} as a YAML list ('- id: ...'), or delete the file",
                    )
                )
                continue
            if not isinstance(doc.data, list):
                problems.append(
                    _shape_problem(doc, name, f"a list of {name}", f"start each {SINGULAR[name]} with '- ' (a list item)")
                )
                continue
            for index, raw in enumerate(doc.data):
                origin = Origin(doc, (index,))
                if not isinstance(raw, dict):
                    path_, line, col = origin.at()
                    problems.append(
                        Problem(
                            path_,
                            line,
                            col,
                            f"{SINGULAR[name]} #{index + 1} is not a mapping",
                            f"write the {SINGULAR[name]}'s fields as 'key: value' lines under '- '",
                        )
                    )
                    continue
                item_id = raw.get("id") if isinstance(raw.get("id"), str) else None
                item = _validate(cls, raw, origin, SINGULAR[name], item_id, problems)
                if item is None:
                    if item_id:
                        invalid.add((name, item_id))
                    else:
                        unreadable.add(name)
                    continue
                key = (name, item.id)  # type: ignore[attr-defined]
                if key in origins:
                    first = origins[key].at("id")
                    path_, line, col = origin.at("id")
                    problems.append(
                        Problem(
                            path_,
                            line,
                            col,
                            f"duplicate {SINGULAR[name]} id '{item.id}' (first used at {first[0]}:{first[1]})",  # type: ignore[attr-defined]
                            "ids are unique across a collection and never reused: rename one",
                        )
                    )
                    continue
                origins[key] = origin
                items[item.id] = item  # type: ignore[attr-defined]
        collections[name] = items

    briefings: dict[str, model.Briefing] = {}
    for path in sorted((root / "briefings").glob("*.yaml")):
        files.append(path)
        doc = _read(root, path, problems)
        invalid.add(("briefings", path.stem))
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(_shape_problem(doc, "briefing", "a mapping of fields", "write one field per line, 'title: ...'"))
            continue
        data = dict(doc.data)
        if "slug" in data and data["slug"] != path.stem:
            line, col = doc.locate(("slug",))
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    f"slug '{data['slug']}' differs from the file name '{path.stem}'",
                    "drop 'slug:': a briefing's slug is its file name",
                )
            )
            continue
        data["slug"] = path.stem
        briefing = _validate(model.Briefing, data, Origin(doc, ()), "briefing", path.stem, problems)
        if briefing is not None:
            briefings[path.stem] = briefing  # type: ignore[assignment]
            invalid.discard(("briefings", path.stem))
            origins[("briefings", path.stem)] = Origin(doc, ())

    project = model.Project(sources=sources, texts=texts, briefings=briefings, **collections)
    return Loaded(project, origins, problems, files, invalid, unreadable)


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _read(root: Path, path: Path, problems: list[Problem]) -> Document | None:
    rel = _rel(root, path)
    text, problem = decode(rel, path.read_bytes())
    if problem is None:
        assert text is not None
        if not text.strip() and text:
            problem = Problem(rel, None, None, "file holds only white space", "write the content, or delete the file")
        else:
            doc, problem = parse(rel, text)
            if problem is None:
                return doc
    problems.append(problem)
    return None


def _shape_problem(doc: Document, what: str, expected: str, hint: str) -> Problem:
    found = _kind_of(doc.data)
    if doc.data is None:
        return Problem(doc.path, None, None, f"file is empty: expected {expected}", hint)
    line, col = doc.locate(())
    return Problem(doc.path, line, col, f"expected {expected}, found {found}", hint)


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"


def _validate(
    cls: type[BaseModel], data: dict[str, Any], origin: Origin, what: str, item_id: str | None, problems: list[Problem]
) -> BaseModel | None:
    try:
        return cls.model_validate(data)
    except ValidationError as error:
        label = f"{what} '{item_id}'" if item_id else what
        for detail in error.errors(include_url=False):
            problems.append(_pydantic_problem(origin, label, cls, detail))
        return None


def _pydantic_problem(origin: Origin, label: str, cls: type[BaseModel], detail: Any) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    names = [part for part in loc if isinstance(part, str)]
    name = names[-1] if names else "value"
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")
    value = detail.get("input")
    ctx = detail.get("ctx", {})
    if kind == "missing":
        path, line, col = origin.at(*loc[:-1])
        return Problem(path, line, col, f"{label}: '{where}' is required", f"add '{name}: ...' to this {label.split(' ')[0]}")
    path, line, col = origin.at(*loc, key=kind == "extra_forbidden")
    if kind == "extra_forbidden":
        allowed = _fields_at(cls, loc[:-1])
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return Problem(path, line, col, f"{label}: unknown key '{where}'", f"{hint}allowed keys here: {', '.join(allowed)}")
    if kind == "literal_error":
        return Problem(
            path,
            line,
            col,
            f"{label}: '{where}' is {_show(value)}, not an allowed value",
            f"use one of {ctx.get('expected', '')}",
        )
    if kind == "string_pattern_mismatch":
        if "A-Z" in str(ctx.get("pattern", "")):
            return Problem(
                path,
                line,
                col,
                f"{label}: '{where}' is {_show(value)}, not a country code",
                "use an ISO 3166 alpha-2 code in capitals, e.g. IQ, US, IR",
            )
        return Problem(
            path,
            line,
            col,
            f"{label}: '{where}' is {_show(value)}, not a valid id",
            "ids are lower-case kebab: letters, digits and single hyphens, e.g. 'kataib-hezbollah'",
        )
    if kind in (
        "string_type",
        "int_type",
        "int_parsing",
        "float_type",
        "float_parsing",
        "bool_type",
        "list_type",
        "dict_type",
        "model_type",
        "int_from_float",
    ):
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "int_from_float": "a whole number",
            "float_type": "a number",
            "float_parsing": "a number",
            "bool_type": "true or false",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping",
        }[kind]
        hint = {
            "a list": f"write each entry of '{name}' on its own line starting with '- '",
            "a mapping": f"write '{name}' as 'key: value' lines indented under it",
            "text": "put the value in quotes",
        }.get(expected, f"write '{name}' as {expected}")
        return Problem(path, line, col, f"{label}: '{where}' should be {expected}, found {_kind_of(value)}", hint)
    if kind == "too_short":
        what = "citation" if name == "cite" else "entry"
        return Problem(path, line, col, f"{label}: '{where}' needs at least one {what}", f"add a {what} to '{name}'")
    if kind in ("string_too_short",):
        return Problem(path, line, col, f"{label}: '{where}' is empty", f"write the {name}")
    hint = FIELD_HINTS.get(str(name), f"correct '{name}'")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "below the lowest" if kind == "greater_than_equal" else "above the highest"
        limit = f"{ctx.get('ge', ctx.get('le')):g}"
        return Problem(path, line, col, f"{label}: '{where}' is {_show(value)}, {bound} allowed value, {limit}", hint)
    if kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
        return Problem(path, line, col, f"{label}: '{where}': {message}", hint)
    return Problem(path, line, col, f"{label}: '{where}': {detail['msg']}", hint)


_DATE_HINT = "write the date as YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
FIELD_HINTS = {
    **dict.fromkeys(
        ("date", "date_end", "published", "accessed", "as_of", "since", "until", "horizon", "start", "end"), _DATE_HINT
    ),
    "credibility": "Admiralty credibility runs from 1 (confirmed by other sources) to 6 (truth cannot be judged)",
    "lat": "latitude is in WGS84 degrees, from -90 to 90",
    "lon": "longitude is in WGS84 degrees, from -180 to 180",
    "number": "editions are numbered from 1",
    "killed": "write {count: N}, or {low: N, high: M} where sources differ; leave it out when not reported",
    "injured": "write {count: N}, or {low: N, high: M} where sources differ; leave it out when not reported",
    "figures": "write {label: ..., count: N}, or low and high where sources differ",
}


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (dict, list)):
        return _kind_of(value)
    return str(value)


def _fields_at(cls: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at `loc` inside a model, following nested models and lists of them."""
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field_info is None:
            return []
        current = _inner_model(field_info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        from_file_name = {"id", "slug"} if not loc and current in (model.Source, model.Briefing) else set()
        return [name for name in current.model_fields if name not in from_file_name]
    return []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
