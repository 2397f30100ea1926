"""The content model: every item of the YAML contract and its fields, as frozen pydantic models."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
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

from ..dates import DATE_PATTERN, FuzzyDate
from .vocab import (
    ANNEXES,
    SECTIONS,
    ActorKind,
    Annex,
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
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True)]


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
    quote: Text = Field(description="verbatim words of the source; '...' joins fragments in order")
    credibility: Annotated[int, Field(ge=1, le=6)] | None = Field(
        None, description="Admiralty information credibility 1-6 for this item"
    )


Cites = Annotated[list[Citation], Field(min_length=1, description="at least one citation")]


class Amount(Strict):
    """A count, or a range where sources differ; absent means not reported, 0 means reported none."""

    count: Annotated[int, Field(ge=0)] | None = None
    low: Annotated[int, Field(ge=0)] | None = None
    high: Annotated[int, Field(ge=0)] | None = None
    note: str | None = None

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
    outlet: str | None = Field(description="as the text names it; null where it names none")
    author: str | None = None
    published: Date
    published_note: str | None = Field(None, description="why a date is approximate")
    url: str | None = None
    accessed: Date | None = None
    kind: SourceKind
    reliability: Reliability
    descriptor: Text = Field(description="ICD 206 source descriptor: access, bias, currency")
    language: str = "en"


# --- actors ---------------------------------------------------------------------------------


class Role(Strict):
    org: Id
    title: Text
    since: Date | None = None
    until: Date | None = None
    cite: list[Citation] = []


class Relation(Strict):
    type: RelationType
    target: Id
    since: Date | None = None
    until: Date | None = None
    note: str | None = None
    cite: Cites


class Designation(Strict):
    type: DesignationType
    by: Id | None = Field(None, description="actor id of the body that designated")
    date: Date | None = None
    note: str | None = None
    cite: Cites


class Actor(Strict):
    id: Id
    name: Text
    aliases: list[Text] = []
    kind: ActorKind
    parent: Id | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    summary: Markdown = ""
    roles: list[Role] = []
    relations: list[Relation] = []
    designations: list[Designation] = []
    cite: Cites


# --- places ---------------------------------------------------------------------------------


class PlaceStatus(Strict):
    date: Date
    status: PlaceStatusKind
    note: str | None = None
    cite: Cites


class Place(Strict):
    id: Id
    name: Text
    aliases: list[Text] = []
    kind: PlaceKind
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    admin1: str | None = Field(None, description="province")
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    geo_precision: Literal[1, 2, 3] = Field(description="1 exact site, 2 near a town or part of a region, 3 only a region")
    summary: Markdown = ""
    status: list[PlaceStatus] = []
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
    actors: list[Participant] = []
    place: Id | None = None
    killed: Amount | None = None
    injured: Amount | None = None
    figures: list[Figure] = []
    summary: Markdown = ""
    tags: list[Id] = []
    key: bool = Field(
        False, description="a key event: in the briefing's key-events table (unless the briefing lists its own key_events)"
    )
    cite: Cites


# --- judgments, assumptions, outlook -------------------------------------------------------


class Judgment(Strict):
    id: Id
    statement: Text
    likelihood: Likelihood
    confidence: Confidence
    basis: list[Id] = Field([], description="event ids")
    assumptions: list[Id] = []
    change: Change = "new"
    change_note: str | None = None
    supersedes: Id | None = Field(None, description="the judgment of an earlier edition this one updates")
    cite: Cites


class Assumption(Strict):
    id: Id
    statement: Text
    rating: AssumptionRating
    cite: list[Citation] = []


class Scenario(Strict):
    id: Id
    name: Text
    narrative: Markdown
    likelihood: Likelihood
    horizon: Date | None = None
    drivers: list[Text] = []
    indicators: list[Id] = []
    cite: Cites


class StatusChange(Strict):
    date: Date
    status: IndicatorStatus
    note: str | None = None


class Indicator(Strict):
    id: Id
    observable: Text
    supports: list[Id] = Field([], description="scenario ids")
    status: IndicatorStatus
    status_history: list[StatusChange] = Field(
        [], description="dated status changes; the last must equal 'status'; an edition sees the one in force"
    )
    evidence: list[Id] = Field([], description="event ids")
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
    note: str | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Phase:
        if self.end.latest < self.start.earliest:
            raise ValueError(f"'end' ({self.end}) is before 'start' ({self.start})")
        return self


class Scope(Strict):
    actors: list[Id] = []
    places: list[Id] = []
    tags: list[Id] = []


class NarrativeSection(Strict):
    """One part of a briefing's narrative: a phase or a theme, in Markdown, citing events as [[event-id]]."""

    title: Text | None = Field(None, description="the part's heading, e.g. a phase: 'January: from rockets to missiles'")
    text: Markdown = Field(description="Markdown prose; [[event-id]] after a claim cites that event's sources")


def _narrative_parts(value: Any) -> Any:
    """A narrative written as one block of text is one untitled part."""
    return [{"text": value}] if isinstance(value, str) else value


def _narrative_schema(schema: dict[str, Any]) -> None:
    """Editors accept both forms: one block of Markdown, or a list of titled parts."""
    schema["anyOf"] = [{"type": "string"}, {"type": "array", "items": schema.pop("items")}]
    schema.pop("type", None)


Narrative = Annotated[
    list[NarrativeSection],
    BeforeValidator(_narrative_parts),
    Field(
        description="the situation as prose, by phase or theme, citing events as [[event-id]]; without it the briefing lists its key events",
        json_schema_extra=_narrative_schema,
    ),
]


class Briefing(Strict):
    slug: Id
    title: Text
    subtitle: str | None = None
    number: Annotated[int, Field(ge=1)]
    as_of: Date
    period: Period | None = None
    phases: list[Phase] = Field([], description="named periods shaded on the timeline, in order")
    marking: Text = "UNCLASSIFIED // OPEN SOURCE"
    authors: list[Text] = Field(min_length=1)
    bluf: Markdown
    key_judgments: list[Id] = Field(min_length=1)
    scope: Scope = Scope()
    previous: Id | None = None
    sections: list[Section] = list(SECTIONS)
    paper: Literal["A4", "Letter"] = "A4"
    keywords: list[Text] = []
    language: str = "en"
    narrative: Narrative = []
    key_events: list[Id] = Field([], description="event ids for the key-events table, about 15; default: events flagged key")
    annexes: list[Annex] | None = Field(
        None, description=f"annexes of the PDF, in order (A, B...); [] leaves them to the web page; default: {', '.join(ANNEXES)}"
    )


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
