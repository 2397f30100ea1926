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
        first: dict[str, int] = {}
        for index, entry in enumerate(value):
            written = entry if isinstance(entry, str) else json.dumps(entry, sort_keys=True, default=str)
            if written in first:
                raise PydanticCustomError(
                    "repeated_entry", "entry {index} repeats entry {first}", {"index": index, "first": first[written]}
                )
            first[written] = index
    return value


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
