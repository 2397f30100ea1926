"""Every message and hint the loader prints: what is wrong with a file or an item, and how to fix it."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Mapping
from typing import Any, get_args

from pydantic import BaseModel

from ..model.vocab import likelihood_term
from ..problems import Problem
from .yamlsafe import Document

Where = tuple[str, int | None, int | None]  # path, line, column


def _at(where: Where, message: str, hint: str, severity: str = "error") -> Problem:
    return Problem(*where, message, hint, severity)  # type: ignore[arg-type]


# --- the project and its files -------------------------------------------------------------------


def not_a_project(root: str) -> Problem:
    return Problem(
        root,
        None,
        None,
        "no 'content/' or 'briefings/' folder here: this is not a sitrep project",
        "run from a project folder or pass --project DIR",
    )


def folder_not_file(rel: str) -> Problem:
    return Problem(
        rel, None, None, "this is a folder, not a YAML file", "rename the folder: names ending in .yaml are read as content files"
    )


def link_outside(rel: str) -> Problem:
    return Problem(
        rel, None, None, "is a link to a file outside the project", "copy the file into the project instead of linking to it"
    )


def unreadable_file(rel: str) -> Problem:
    return Problem(rel, None, None, "cannot be read (a broken link?)", "restore the file or remove the link")


def yml_suffix(rel: str) -> Problem:
    return Problem(rel, None, None, "file name ends in '.yml': sitrep reads only '.yaml' files", f"rename it to {rel[:-4]}.yaml")


def only_white_space(rel: str) -> Problem:
    return Problem(rel, None, None, "file holds only white space", "write the content, or delete the file")


def bad_file_name(rel: str, stem: str, what: str, renamed: str) -> Problem:
    return Problem(
        rel,
        None,
        None,
        f"file name '{stem}' is not a valid {what}",
        f"rename the file in lower-case kebab (letters, digits and single hyphens), e.g. {renamed}",
    )


def kebab(stem: str) -> str:
    """A file name's stem made into a valid id, for the hint of a bad file name."""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "name"


# --- sources ---------------------------------------------------------------------------------------


def no_archived_text(path: str, source_id: str, txt: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        f"source '{source_id}' has no archived text: {txt} is missing",
        f"save the article's text, exactly as published, as {txt}",
    )


def text_without_metadata(txt: str, name: str, metadata: str) -> Problem:
    return Problem(
        txt,
        None,
        None,
        f"archived text '{name}' has no metadata file",
        f"add {metadata} with the source's title, outlet, published, kind, reliability and descriptor",
        severity="warning",
    )


# --- shapes of files and items ---------------------------------------------------------------------


def empty_list_file(path: str, name: str) -> Problem:
    return Problem(
        path,
        None,
        None,
        f"file is empty: expected a list of {name}",
        f"add {name} as a YAML list ('- id: ...'), or delete the file",
    )


def list_hint(singular: str) -> str:
    return f"start each {singular} with '- ' (a list item)"


MAPPING_HINT = "write one field per line, 'title: ...'"


def wrong_shape(doc: Document, expected: str, hint: str) -> Problem:
    if doc.data is None:
        return Problem(doc.path, None, None, f"file is empty: expected {expected}", hint)
    line, col = doc.locate(())
    return Problem(doc.path, line, col, f"expected {expected}, found {kind_of(doc.data)}", hint)


def item_not_mapping(where: Where, singular: str, index: int) -> Problem:
    return _at(
        where, f"{singular} #{index + 1} is not a mapping", f"write the {singular}'s fields as 'key: value' lines under '- '"
    )


def duplicate_id(where: Where, singular: str, item_id: str, first: Where) -> Problem:
    return _at(
        where,
        f"duplicate {singular} id '{item_id}' (first used at {first[0]}:{first[1]})",
        "ids are unique across a collection and never reused: rename one",
    )


def key_differs_from_file_name(where: Where, key: str, value: Any, stem: str, what: str) -> Problem:
    return _at(where, f"{key} '{value}' differs from the file name '{stem}'", f"drop '{key}:': a {what}'s {key} is its file name")


# --- fields, as pydantic reports them --------------------------------------------------------------


def dotted(loc: tuple[str | int, ...]) -> str:
    """A location inside an item as analysts read it: cite[0].quote."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


# rules across an item's fields, and how to meet them
ITEM_HINTS = {
    "Place": "give lat, lon and geo_precision together (1 exact site, 2 near a town, 3 only a region), or leave all three out",
}

# fields written to a pattern other than an id's: what the value is not, and how to write it
PATTERN_MESSAGES = {
    "base_url": (
        "not an absolute web address",
        "write the address the site is published at, starting with https://, e.g. https://example.org/briefings/",
    ),
    "language": ("not a language tag", "write a BCP 47 language tag, e.g. en, fr, en-GB"),
}

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
_EXPECTED = {
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
}


def field_problem(
    locate: Any,
    label: str,
    cls: type[BaseModel],
    detail: Any,
    data: dict[str, Any],
    from_file_name: Collection[str],
    texts: Mapping[str, str] | None = None,
) -> Problem:
    """One pydantic error as an analyst reads it; `locate(*loc, key=...)` gives its file, line and column.

    `texts` (the archived sources, by id) let the hint for a missing citation quote real words.
    """
    loc = tuple(detail["loc"])
    kind = detail["type"]
    names = [part for part in loc if isinstance(part, str)]
    name = names[-1] if names else "value"
    where = dotted(loc)
    value = detail.get("input")
    ctx = detail.get("ctx", {})
    if kind == "missing":
        if name == "cite":
            return _at(
                locate(*loc[:-1]), f"{label}: '{where}' is required", cite_example(_value_at(data, loc[:-1]) or {}, texts or {})
            )
        return _at(locate(*loc[:-1]), f"{label}: '{where}' is required", f"add '{name}: ...' to this {label.split(' ')[0]}")
    if kind == "repeated_entry":
        index, first = int(ctx["index"]), int(ctx["first"])
        return _at(
            locate(*loc, index),
            f"{label}: '{where}[{index}]' repeats '{where}[{first}]'",
            f"list each entry of '{name}' once: delete the repeat",
        )
    at = locate(*loc, key=kind == "extra_forbidden")
    if kind == "word_too_long":
        return _at(
            at,
            f"{label}: '{where}' has a run of more than {int(ctx['limit']):,} characters without a space (at character {int(ctx['at']) + 1:,})",
            "break it with spaces: pages and PDFs cannot lay out a word that long (docs/limits.md)",
        )
    if kind in ("string_too_long", "too_long"):
        most = int(ctx.get("max_length", 0))
        size = len(value) if isinstance(value, (str, list, dict)) else int(ctx.get("actual_length") or 0)
        unit = "characters" if kind == "string_too_long" else "entries"
        hint = {
            "id": "ids are short kebab names, so that every file name made from them fits",
            "slug": "slugs are short kebab names, so that every file name made from them fits",
            "quote": "quote the passage that bears the point, or several short fragments joined by '...'",
        }.get(str(name), "shorten it, or split it into several items")
        return _at(at, f"{label}: '{where}' has {size:,} {unit}, over the limit of {most:,}", f"{hint} (docs/limits.md)")
    if kind == "extra_forbidden":
        allowed = [key for key in _fields_at(cls, loc[:-1]) if loc[:-1] or key not in from_file_name]
        present = set(_value_at(data, loc[:-1]) or {})
        close = difflib.get_close_matches(str(name), [key for key in allowed if key not in present], n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'? " if close else ""
        cut = _cut_at_comma(str(name), _value_at(data, loc[:-1]) or {})
        if cut:
            return _at(at, f"{label}: unknown key '{where}'", cut)
        return _at(at, f"{label}: unknown key '{where}'", f"{hint}allowed keys here: {', '.join(allowed)}")
    if value is None and kind in ("literal_error", "string_type"):
        if kind == "literal_error":
            return _at(at, f"{label}: '{where}' is empty, not an allowed value", f"use one of {ctx.get('expected', '')}")
        return _at(at, f"{label}: '{where}' is empty", f"write the {name}")
    if kind == "literal_error":
        return _at(at, f"{label}: '{where}' is {show(value)}, not an allowed value", vocabulary_hint(str(name), value, ctx))
    if kind == "string_pattern_mismatch":
        if str(name) in PATTERN_MESSAGES:
            what, pattern_hint = PATTERN_MESSAGES[str(name)]
            return _at(at, f"{label}: '{where}' is {show(value)}, {what}", pattern_hint)
        if "A-Z" in str(ctx.get("pattern", "")):
            return _at(
                at,
                f"{label}: '{where}' is {show(value)}, not a country code",
                "use an ISO 3166 alpha-2 code in capitals, e.g. IQ, US, IR",
            )
        return _at(
            at,
            f"{label}: '{where}' is {show(value)}, not a valid id",
            "ids are lower-case kebab: letters, digits and single hyphens, e.g. 'kataib-hezbollah'",
        )
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        shaped = expected in ("a list", "a mapping")  # field hints say how a structured value is written
        hint = (FIELD_HINTS.get(str(name)) if shaped else None) or {
            "a list": f"write each entry of '{name}' on its own line starting with '- '",
            "a mapping": f"write '{name}' as 'key: value' lines indented under it",
            "text": "put the value in quotes",
        }.get(expected, f"write '{name}' as {expected}")
        return _at(at, f"{label}: '{where}' should be {expected}, found {kind_of(value)}", hint)
    if kind == "too_short":
        what = "citation" if name == "cite" else "entry"
        article = "an" if what == "entry" else "a"
        return _at(at, f"{label}: '{where}' needs at least one {what}", f"add {article} {what} to '{name}'")
    if kind in ("string_too_short",):
        return _at(at, f"{label}: '{where}' is empty", f"write the {name}")
    hint = FIELD_HINTS.get(str(name), f"correct '{name}'")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "below the lowest" if kind == "greater_than_equal" else "above the highest"
        limit = f"{ctx.get('ge', ctx.get('le')):g}"
        return _at(at, f"{label}: '{where}' is {show(value)}, {bound} allowed value, {limit}", hint)
    if kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
        if not loc:  # a rule across the item's fields
            return _at(at, f"{label}: {message}", ITEM_HINTS.get(cls.__name__, "correct these fields"))
        return _at(at, f"{label}: '{where}': {message}", hint)
    return _at(at, f"{label}: '{where}': {detail['msg']}", hint)


def vocabulary_hint(name: str, value: Any, ctx: dict[str, Any]) -> str:
    """A word outside a closed vocabulary: its ICD 203 term for likelihood words, else the nearest allowed value."""
    allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    choices = f"use one of {ctx.get('expected', '')}"
    if not isinstance(value, str):
        return choices
    if name == "likelihood" and (term := likelihood_term(value)) is not None:
        return f"'{value}' is ICD 203's '{term}': write likelihood: {term}"
    written = value.strip().lower().replace("_", "-").replace(" ", "-")
    if written in allowed:
        return f"write it as '{written}'"
    close = difflib.get_close_matches(written, allowed, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? {choices}" if close else choices


def cite_example(item: dict[str, Any], texts: Mapping[str, str]) -> str:
    """How to add the missing citation, as YAML that checks when pasted: real words of an archived source.

    The passage names the item where a source does (its name, title or an alias); otherwise it is the source's
    first words, to be replaced by the ones that report the item.
    """
    if not texts:
        return "add a source first (content/sources/<id>.yaml and its archived text <id>.txt), then cite its words: cite: [{source: <id>, quote: ...}]"
    names = [item.get(key) for key in ("name", "title", "observable", "statement")] + list(item.get("aliases") or [])
    for source_id, text in texts.items():
        for words in (n for n in names if isinstance(n, str) and len(n.split()) >= 1):
            passage = _passage_around(text, words)
            if passage:
                return _cite_yaml(source_id, passage, "cite the words of a source that report it")
    source_id, text = next(iter(texts.items()))
    first = " ".join(text.split()[:8])
    return _cite_yaml(source_id, first, "cite the words of a source that report it, in place of this quote")


def _passage_around(text: str, words: str) -> str | None:
    """At least four words of `text` around the first place it writes `words` (whole words, any case), in one sentence."""
    match = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE)
    if match is None:
        return None
    start = max(text.rfind(". ", 0, match.start()) + 2, text.rfind("\n", 0, match.start()) + 1, 0)
    stops = [i for i in (text.find(". ", match.end()), text.find("\n", match.end())) if i != -1]
    end = min(stops) if stops else len(text)
    sentence = text[start:end].split()
    if len(sentence) < 4:
        return None
    before = len(text[start : match.start()].split())
    low = max(0, before - 3)
    return " ".join(sentence[low : low + max(8, len(words.split()) + 3)])


def _cite_yaml(source_id: str, quote: str, advice: str) -> str:
    quoted = json.dumps(quote, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return (
        f"{advice}; paste this at the indent of its other keys:\n"
        f"      cite:\n        - source: {source_id}\n          quote: {quoted}"
    )


def kind_of(value: Any) -> str:
    """What a YAML value is, in words: 'a list', 'text', 'nothing (null)'."""
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


def show(value: Any) -> str:
    """A value quoted on one line, whatever the YAML held."""
    if isinstance(value, str):
        return "'" + " ".join(value.split()) + "'"
    if isinstance(value, (dict, list)):
        return kind_of(value)
    return str(value)


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, dict) else None


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
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _cut_at_comma(name: str, mapping: Any) -> str | None:
    """The fix for words read as a key because a comma cut the value before them (`{note: hurt, in scuffles}`)."""
    keys = list(mapping) if isinstance(mapping, dict) else []
    if " " not in name.strip() or name not in keys or mapping[name] is not None or keys.index(name) == 0:
        return None
    before = keys[keys.index(name) - 1]
    return (
        f"in a flow mapping {{...}} a comma ends a value, so '{name}' was cut from the value of '{before}': "
        f'put that value in quotes, e.g. {before}: "{mapping[before]}, {name}"'
    )
