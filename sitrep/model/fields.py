"""Field types of the content model, and the markers that say what a field is: a reference, Markdown, a dated start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, StringConstraints, WithJsonSchema

from ..dates import DATE_PATTERN, FuzzyDate


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to an item of another kind: `Annotated[Id, Ref("places")]`.

    The checks report a reference to an item that does not exist; the as-of view drops a
    reference to an item the edition cannot see. Both follow from this marker alone.
    """

    kind: str


@dataclass(frozen=True)
class IsMarkdown:
    """Marks a text field as Markdown: shown formatted, checked for what would fetch or run."""


@dataclass(frozen=True)
class Dated:
    """Marks the date from which an item or a part holds: an edition as of an earlier day does not show it."""


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True), IsMarkdown()]
MarkdownText = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), IsMarkdown()]  # required Markdown


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
