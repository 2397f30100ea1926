"""Field types of the content model, and the markers that say what a field is: a reference, Markdown, a dated start."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, PlainValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..dates import DATE_PATTERN, FuzzyDate
from .limits import MAX_ID, MAX_LIST, MAX_MARKDOWN, MAX_QUOTE, MAX_TEXT, MAX_WORD


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to an item of another kind: `Annotated[Id, Ref("places")]`.

    The checks report a reference to an item that does not exist; the as-of view drops a
    reference to an item the edition cannot see. Both follow from this marker alone.
    """

    kind: str
    earlier: bool = False  # a reference to an earlier version of the same item (`supersedes`): kept as written


@dataclass(frozen=True)
class IsMarkdown:
    """Marks a text field as Markdown: shown formatted, checked for what would fetch or run."""


@dataclass(frozen=True)
class Dated:
    """Marks the date from which an item or a part holds: an edition as of an earlier day does not show it."""


@dataclass(frozen=True)
class Attested:
    """Marks a text (an alias) as shown only where a source the edition sees has it, word for word."""


_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1}}}")


def no_long_words(value: str) -> str:
    """Text to be laid out on pages and PDFs may not hold an unbreakable run longer than MAX_WORD characters."""
    found = _LONG_WORD.search(value)
    if found is not None:
        raise PydanticCustomError(
            "word_too_long", "a run of {limit} characters without a space", {"limit": MAX_WORD, "at": found.start()}
        )
    return value


T = TypeVar("T")


def no_repeats(value: Any) -> Any:
    """A list may not hold the same entry twice: a repeat adds nothing but work (2,000 copies of one actor in an
    event made a 309 MB page). Compared as written, before validation, in one pass."""
    if isinstance(value, list):
        first: dict[object, int] = {}
        for index, entry in enumerate(value):
            written = as_written(entry)
            if written in first:
                raise PydanticCustomError(
                    "repeated_entry", "entry {index} repeats entry {first}", {"index": index, "first": first[written]}
                )
            first[written] = index
    return value


_FLAT = (str, int, type(None))  # exact types whose equality is their JSON's (True == 1 and 1.0 == 1, in JSON not)


def as_written(entry: Any) -> object:
    """What makes two list entries the same as written: their JSON with sorted keys, or for the usual entry (text, or
    a mapping of text keys to text, whole numbers or nulls, e.g. a citation) a key equal exactly when that JSON is,
    without writing it."""
    if type(entry) is str:
        return entry
    if type(entry) is dict and all(type(key) is str and type(item) in _FLAT for key, item in entry.items()):
        return tuple(sorted(entry.items()))
    return json.dumps(entry, sort_keys=True, default=str)


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Every size limit is in limits.py (and docs/limits.md); these types carry them.
_Words = AfterValidator(no_long_words)
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, max_length=MAX_TEXT), _Words]
Note = Annotated[str, StringConstraints(max_length=MAX_TEXT)]  # optional free text: an outlet, a note, a URL
Quote = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, max_length=MAX_QUOTE), _Words]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_MARKDOWN), _Words, IsMarkdown()]
MarkdownText = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=True, max_length=MAX_MARKDOWN), _Words, IsMarkdown()
]  # required Markdown
# Every list of the model: no entry twice, at most MAX_LIST entries.
Items = Annotated[list[T], BeforeValidator(no_repeats), Field(max_length=MAX_LIST)]


def _parse_date(value: Any) -> FuzzyDate:
    return FuzzyDate.parse(value)


Date = Annotated[
    FuzzyDate,
    PlainValidator(_parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD, YYYY-MM or YYYY: leave out what is not known"}
    ),
]
