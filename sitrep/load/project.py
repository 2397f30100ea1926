"""Loading: read a project's YAML and archived texts into validated models, collecting every problem."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import model
from ..problems import Problem
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

    def find(self, sub: tuple[str | int, ...], needle: str, occurrence: int = 0) -> tuple[str, int, int]:
        """Where the `occurrence`-th `needle` is written inside the value at `sub` (e.g. a reference in prose)."""
        line, col = self.doc.find(self.loc + sub, needle, occurrence)
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


ParseCache = dict[Path, tuple[tuple[int, int], Document | None, Problem | None]]


def load_project(root: Path, cache: ParseCache | None = None) -> Loaded:
    """Read every content file under `root`; invalid items are left out and reported.

    `cache` (the live preview keeps one) remembers each file's parse by size and modification
    time, so after an edit only the edited file is read again.
    """
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
    source_paths, complete = _content_files(root, root / "content" / "sources", problems)
    if not complete:
        unreadable.add("sources")
    for path in source_paths:
        files.append(path)
        source_id = path.stem
        txt_path = path.with_suffix(".txt")
        invalid.add(("sources", source_id))  # until it has loaded in full
        if (bad_name := _bad_file_name(root, path, "source id")) is not None:
            problems.append(bad_name)
            invalid.add(("sources", source_id.lower()))
            continue
        loaded_one = _read_named(root, path, model.Source, "id", problems, cache)
        if loaded_one is None:
            continue
        source, source_doc = loaded_one
        if txt_path.exists() and not txt_path.resolve().is_relative_to(root):
            problems.append(
                Problem(
                    _rel(root, txt_path),
                    None,
                    None,
                    "is a link to a file outside the project",
                    "copy the file into the project instead of linking to it",
                )
            )
            continue
        if not txt_path.is_file():
            problems.append(
                Problem(
                    source_doc.path,
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
        sources[source_id] = source  # type: ignore[assignment]
        texts[source_id] = text
        invalid.discard(("sources", source_id))
        origins[("sources", source_id)] = Origin(source_doc, ())
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
        paths, complete = _content_files(root, root / "content", problems, f"{name}.yaml")
        more, complete_folder = _content_files(root, root / "content" / name, problems)
        paths += more
        if not (complete and complete_folder):
            unreadable.add(name)
        items: dict[str, Any] = {}
        for path in paths:
            files.append(path)
            doc = _read(root, path, problems, cache)
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
    briefing_paths, complete = _content_files(root, root / "briefings", problems)
    if not complete:
        unreadable.add("briefings")
    for path in briefing_paths:
        files.append(path)
        invalid.add(("briefings", path.stem))
        if (bad_name := _bad_file_name(root, path, "slug")) is not None:
            problems.append(bad_name)
            continue
        loaded_one = _read_named(root, path, model.Briefing, "slug", problems, cache)
        if loaded_one is not None:
            briefing, doc = loaded_one
            briefings[path.stem] = briefing  # type: ignore[assignment]
            origins[("briefings", path.stem)] = Origin(doc, ())
            invalid.discard(("briefings", path.stem))

    project = model.Project(sources=sources, texts=texts, briefings=briefings, **collections)
    return Loaded(project, origins, problems, files, invalid, unreadable)


def _content_files(root: Path, folder: Path, problems: list[Problem], pattern: str = "*.yaml") -> tuple[list[Path], bool]:
    """The YAML files matching `pattern` in `folder`, and whether all of them can be read.

    Reported here: '.yml' files (silently skipped they would hide data), folders named like files,
    and links that lead outside the project (content never reads what it should not).
    """
    complete = True
    found: list[Path] = []
    for path in sorted(folder.glob(pattern)):
        rel = _rel(root, path)
        if path.is_dir():
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "this is a folder, not a YAML file",
                    "rename the folder: names ending in .yaml are read as content files",
                )
            )
            complete = False
        elif not path.resolve().is_relative_to(root):
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "is a link to a file outside the project",
                    "copy the file into the project instead of linking to it",
                )
            )
            complete = False
        elif not path.is_file():
            problems.append(Problem(rel, None, None, "cannot be read (a broken link?)", "restore the file or remove the link"))
            complete = False
        else:
            found.append(path)
    for path in sorted(folder.glob(pattern.replace(".yaml", ".yml"))):
        rel = _rel(root, path)
        problems.append(
            Problem(rel, None, None, "file name ends in '.yml': sitrep reads only '.yaml' files", f"rename it to {rel[:-4]}.yaml")
        )
        complete = False
    return found, complete


def _read_named(
    root: Path, path: Path, cls: type[BaseModel], key: str, problems: list[Problem], cache: ParseCache | None
) -> tuple[BaseModel, Document] | None:
    """One item in a file of its own (a source, a briefing), whose id or slug is the file name."""
    what = "source" if cls is model.Source else "briefing"
    doc = _read(root, path, problems, cache)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(_shape_problem(doc, what, "a mapping of fields", "write one field per line, 'title: ...'"))
        return None
    data = dict(doc.data)
    if key in data and data[key] != path.stem:
        line, col = doc.locate((key,))
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                f"{key} '{data[key]}' differs from the file name '{path.stem}'",
                f"drop '{key}:': a {what}'s {key} is its file name",
            )
        )
        return None
    data[key] = path.stem
    item = _validate(cls, data, Origin(doc, ()), what, path.stem, problems)
    return None if item is None else (item, doc)


def _bad_file_name(root: Path, path: Path, what: str) -> Problem | None:
    if re.match(model.ID_PATTERN, path.stem):
        return None
    kebab = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "name"
    return Problem(
        _rel(root, path),
        None,
        None,
        f"file name '{path.stem}' is not a valid {what}",
        f"rename the file in lower-case kebab (letters, digits and single hyphens), e.g. {_rel(root, path.with_name(kebab + path.suffix))}",
    )


def _rel(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _read(root: Path, path: Path, problems: list[Problem], cache: ParseCache | None = None) -> Document | None:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    if cache is not None and path in cache and cache[path][0] == stamp:
        _, doc, problem = cache[path]
    else:
        doc, problem = _parse_file(root, path)
        if cache is not None:
            cache[path] = (stamp, doc, problem)
    if problem is not None:
        problems.append(problem)
    return doc


def _parse_file(root: Path, path: Path) -> tuple[Document | None, Problem | None]:
    rel = _rel(root, path)
    text, problem = decode(rel, path.read_bytes())
    if problem is not None:
        return None, problem
    assert text is not None
    if not text.strip() and text:
        return None, Problem(rel, None, None, "file holds only white space", "write the content, or delete the file")
    return parse(rel, text)


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
            problems.append(_pydantic_problem(origin, label, cls, detail, data))
        return None


def dotted(loc: tuple[str | int, ...]) -> str:
    """A location inside an item as analysts read it: cite[0].quote."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def _pydantic_problem(origin: Origin, label: str, cls: type[BaseModel], detail: Any, data: dict[str, Any]) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    names = [part for part in loc if isinstance(part, str)]
    name = names[-1] if names else "value"
    where = dotted(loc)
    value = detail.get("input")
    ctx = detail.get("ctx", {})
    if kind == "missing":
        path, line, col = origin.at(*loc[:-1])
        return Problem(path, line, col, f"{label}: '{where}' is required", f"add '{name}: ...' to this {label.split(' ')[0]}")
    path, line, col = origin.at(*loc, key=kind == "extra_forbidden")
    if kind == "extra_forbidden":
        allowed = _fields_at(cls, loc[:-1])
        present = set(_value_at(data, loc[:-1]) or {})
        close = difflib.get_close_matches(str(name), [key for key in allowed if key not in present], n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return Problem(path, line, col, f"{label}: unknown key '{where}'", f"{hint}allowed keys here: {', '.join(allowed)}")
    if value is None and kind in ("literal_error", "string_type"):
        if kind == "literal_error":
            return Problem(
                path, line, col, f"{label}: '{where}' is empty, not an allowed value", f"use one of {ctx.get('expected', '')}"
            )
        return Problem(path, line, col, f"{label}: '{where}' is empty", f"write the {name}")
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
        shaped = expected in ("a list", "a mapping")  # field hints say how a structured value is written
        hint = (FIELD_HINTS.get(str(name)) if shaped else None) or {
            "a list": f"write each entry of '{name}' on its own line starting with '- '",
            "a mapping": f"write '{name}' as 'key: value' lines indented under it",
            "text": "put the value in quotes",
        }.get(expected, f"write '{name}' as {expected}")
        return Problem(path, line, col, f"{label}: '{where}' should be {expected}, found {_kind_of(value)}", hint)
    if kind == "too_short":
        what = "citation" if name == "cite" else "entry"
        article = "an" if what == "entry" else "a"
        return Problem(path, line, col, f"{label}: '{where}' needs at least one {what}", f"add {article} {what} to '{name}'")
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


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, dict) else None


def _show(value: Any) -> str:
    if isinstance(value, str):
        return "'" + " ".join(value.split()) + "'"  # one line, whatever the YAML held
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
