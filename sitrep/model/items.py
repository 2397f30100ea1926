"""The content model: every item of the YAML contract and its fields, as frozen pydantic models."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..dates import DATE_PATTERN, FuzzyDate
from .limits import MAX_ID, MAX_LIST, MAX_MARKDOWN, MAX_QUOTE, MAX_TEXT, MAX_WORD
from .vocab import (
    SECTIONS,
    ActorKind,
    AssumptionRating,
    Change,
    Confidence,
    DesignationType,
    EventRole,
    EventType,
    IndicatorStatus,
    Likelihood,
    PlaceKind,
    PlaceStatusKind,
    RelationType,
    Reliability,
    Section,
    SourceKind,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1}}}")


def no_long_words(value: str) -> str:
    """Text to be laid out on pages and PDFs may not hold an unbreakable run longer than MAX_WORD characters."""
    found = _LONG_WORD.search(value)
    if found is not None:
        raise PydanticCustomError(
            "word_too_long", "a run of {limit} characters without a space", {"limit": MAX_WORD, "at": found.start()}
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, max_length=MAX_TEXT), AfterValidator(no_long_words)]
Note = Annotated[str, StringConstraints(max_length=MAX_TEXT)]  # optional free text: an outlet, a note, a URL
Quote = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=True, max_length=MAX_QUOTE), AfterValidator(no_long_words)
]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_MARKDOWN), AfterValidator(no_long_words)]

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


class Strict(BaseModel):
    """Frozen, and unknown keys are an error: a typo never silently drops data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- citations ------------------------------------------------------------------------------


class Citation(Strict):
    source: Id = Field(description="id of a source under content/sources/")
    quote: Quote = Field(description="verbatim words of the source; '...' joins fragments in order")
    credibility: Annotated[int, Field(ge=1, le=6)] | None = Field(
        None, description="Admiralty information credibility 1-6 for this item"
    )


Cites = Annotated[Items[Citation], Field(min_length=1, description="at least one citation")]


class Amount(Strict):
    """A count, or a range where sources differ; absent means not reported, 0 means reported none."""

    count: Annotated[int, Field(ge=0)] | None = None
    low: Annotated[int, Field(ge=0)] | None = None
    high: Annotated[int, Field(ge=0)] | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _count_or_range(self) -> Amount:
        if self.count is None and (self.low is None or self.high is None):
            raise ValueError("give either 'count' or both 'low' and 'high'")
        if self.count is not None and (self.low is not None or self.high is not None):
            raise ValueError("give either 'count' or 'low' and 'high', not both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"'low' ({self.low}) is above 'high' ({self.high})")
        return self

    def human(self) -> str:
        return f"{self.count:,}" if self.count is not None else f"{self.low:,}–{self.high:,}"


class Figure(Amount):
    """A reported number that is not a casualty count: troops, targets, attacks."""

    label: Text


# --- sources --------------------------------------------------------------------------------


class Source(Strict):
    id: Id
    title: Text
    outlet: Note | None = Field(description="as the text names it; null where it names none")
    author: Note | None = None
    published: Date
    published_note: Note | None = Field(None, description="why a date is approximate")
    url: Note | None = None
    accessed: Date | None = None
    kind: SourceKind
    reliability: Reliability
    descriptor: Text = Field(description="ICD 206 source descriptor: access, bias, currency")
    language: Note = "en"


# --- actors ---------------------------------------------------------------------------------


class Role(Strict):
    org: Id
    title: Text
    since: Date | None = None
    until: Date | None = None
    cite: Items[Citation] = []


class Relation(Strict):
    type: RelationType
    target: Id
    since: Date | None = None
    until: Date | None = None
    note: Note | None = None
    cite: Cites


class Designation(Strict):
    type: DesignationType
    by: Id | None = Field(None, description="actor id of the body that designated")
    date: Date | None = None
    note: Note | None = None
    cite: Cites


class Actor(Strict):
    id: Id
    name: Text
    aliases: Items[Text] = []
    kind: ActorKind
    parent: Id | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    summary: Markdown = ""
    roles: Items[Role] = []
    relations: Items[Relation] = []
    designations: Items[Designation] = []
    cite: Cites


# --- places ---------------------------------------------------------------------------------


class PlaceStatus(Strict):
    date: Date
    status: PlaceStatusKind
    note: Note | None = None
    cite: Cites


class Place(Strict):
    id: Id
    name: Text
    aliases: Items[Text] = []
    kind: PlaceKind
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    admin1: Note | None = Field(None, description="province")
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    geo_precision: Literal[1, 2, 3] = Field(description="1 exact site, 2 near a town or part of a region, 3 only a region")
    summary: Markdown = ""
    status: Items[PlaceStatus] = []
    cite: Cites


# --- events ---------------------------------------------------------------------------------


class Participant(Strict):
    actor: Id
    role: EventRole


class Event(Strict):
    id: Id
    title: Text
    date: Date
    date_end: Date | None = None
    type: EventType
    actors: Items[Participant] = []
    place: Id | None = None
    killed: Amount | None = None
    injured: Amount | None = None
    figures: Items[Figure] = []
    summary: Markdown = ""
    tags: Items[Id] = []
    cite: Cites


# --- judgments, assumptions, outlook -------------------------------------------------------


class Judgment(Strict):
    id: Id
    statement: Text
    likelihood: Likelihood
    confidence: Confidence
    basis: Items[Id] = Field([], description="event ids")
    assumptions: Items[Id] = []
    change: Change = "new"
    change_note: Note | None = None
    supersedes: Id | None = Field(None, description="the judgment of an earlier edition this one updates")
    cite: Cites


class Assumption(Strict):
    id: Id
    statement: Text
    rating: AssumptionRating
    cite: Items[Citation] = []


class Scenario(Strict):
    id: Id
    name: Text
    narrative: Markdown
    likelihood: Likelihood
    horizon: Date | None = None
    drivers: Items[Text] = []
    indicators: Items[Id] = []
    cite: Cites


class StatusChange(Strict):
    date: Date
    status: IndicatorStatus
    note: Note | None = None


class Indicator(Strict):
    id: Id
    observable: Text
    supports: Items[Id] = Field([], description="scenario ids")
    status: IndicatorStatus
    status_history: Items[StatusChange] = Field(
        [], description="dated status changes; the last must equal 'status'; an edition sees the one in force"
    )
    evidence: Items[Id] = Field([], description="event ids")
    cite: Cites


# --- briefings ------------------------------------------------------------------------------


class Period(Strict):
    start: Date
    end: Date


class Phase(Strict):
    """A named period the timeline shades, such as 'Rocket campaign' or 'Drawdown'."""

    name: Text
    start: Date
    end: Date
    note: Note | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Phase:
        if self.end.latest < self.start.earliest:
            raise ValueError(f"'end' ({self.end}) is before 'start' ({self.start})")
        return self


class Scope(Strict):
    actors: Items[Id] = []
    places: Items[Id] = []
    tags: Items[Id] = []


class Briefing(Strict):
    slug: Id
    title: Text
    subtitle: Note | None = None
    number: Annotated[int, Field(ge=1)]
    as_of: Date
    period: Period | None = None
    phases: Items[Phase] = Field([], description="named periods shaded on the timeline, in order")
    marking: Text = "UNCLASSIFIED // OPEN SOURCE"
    authors: Items[Text] = Field(min_length=1)
    bluf: Markdown
    key_judgments: Items[Id] = Field(min_length=1)
    scope: Scope = Scope()
    previous: Id | None = None
    sections: Items[Section] = list(SECTIONS)
    paper: Literal["A4", "Letter"] = "A4"
    keywords: Items[Text] = []
    language: Note = "en"


# --- the whole project ------------------------------------------------------------------------

COLLECTIONS: dict[str, type[Strict]] = {
    "actors": Actor,
    "places": Place,
    "events": Event,
    "judgments": Judgment,
    "assumptions": Assumption,
    "scenarios": Scenario,
    "indicators": Indicator,
}


@dataclass(frozen=True)
class Project:
    """Everything loaded and validated; collections keyed by id, in file order."""

    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    judgments: dict[str, Judgment] = field(default_factory=dict)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
