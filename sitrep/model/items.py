"""The content model: every item of the YAML contract and its fields, as frozen pydantic models."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from .fields import Attested, Date, Dated, Id, Items, Markdown, MarkdownText, Note, Quote, Ref, Text
from .vocab import (
    ANNEXES,
    KNOWN_DESIGNATION_TYPES,
    KNOWN_PLACE_STATUSES,
    SECTIONS,
    ActorKind,
    Annex,
    AssumptionRating,
    Attribution,
    Change,
    Confidence,
    EventRole,
    EventType,
    GapSubject,
    GapType,
    IndicatorStatus,
    Likelihood,
    OutcomeStatus,
    PlaceKind,
    RelationType,
    Reliability,
    Section,
    SourceKind,
)


class Strict(BaseModel):
    """Frozen, and unknown keys are an error: a typo never silently drops data.

    Strict types: a quoted "3" is text, not a number, as it is for editors reading the JSON Schema.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    def rests_on_every_source(self) -> bool:
        """True for a later version of prose: an edition sees it only once it sees every source it cites.

        Other items follow the contract's rule: seen once any source that cites them is.
        """
        return False

    def stands(self) -> bool:
        """Whether the item, as an edition sees it, still says something (a conflict needs two accounts)."""
        return True


# --- citations ------------------------------------------------------------------------------


class Citation(Strict):
    source: Annotated[Id, Ref("sources")] = Field(description="id of a source under content/sources/")
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
    outlet: Note | None = Field(None, description="as the text names it; null or left out where it names none")
    author: Note | None = None
    published: Date
    published_note: Note | None = Field(None, description="why a date is approximate")
    published_by: Date | None = Field(
        None,
        description="the latest day the text can have been published, where its content shows it; the as-of rule then uses this day",
    )
    url: Note | None = None
    accessed: Date | None = None
    kind: SourceKind
    reliability: Reliability
    reliability_reason: Text | None = Field(
        None, description="why the source gets its reliability grade: its record, access, bias; shown with the grade"
    )
    descriptor: Text | None = Field(None, description="ICD 206 source descriptor: access, bias, currency")
    language: Note = "en"


# --- actors ---------------------------------------------------------------------------------


class Role(Strict):
    org: Annotated[Id, Ref("actors")]
    title: Text
    since: Annotated[Date | None, Dated()] = None
    until: Date | None = None
    cite: Items[Citation] = []


class Relation(Strict):
    type: RelationType
    target: Annotated[Id, Ref("actors")]
    since: Annotated[Date | None, Dated()] = None
    until: Date | None = None
    note: Note | None = None
    cite: Cites


class Designation(Strict):
    type: Text = Field(
        description=f"what kind of designation, in your words; e.g. {', '.join(KNOWN_DESIGNATION_TYPES)} (an open vocabulary)"
    )
    by: Annotated[Id | None, Ref("actors")] = Field(None, description="actor id of the body that designated")
    date: Annotated[Date | None, Dated()] = None
    note: Note | None = None
    cite: Cites


class SummaryVersion(Strict):
    """A later summary of an actor or place, shown from the day an edition sees every source it cites."""

    text: MarkdownText = Field(description="the summary as its sources tell it from then on (Markdown)")
    cite: Cites

    def rests_on_every_source(self) -> bool:
        return True


Alias = Annotated[Text, Attested()]


class Actor(Strict):
    id: Id
    name: Text
    aliases: Items[Alias] = Field([], description="other spellings met in sources; an edition shows those its sources use")
    kind: ActorKind
    parent: Annotated[Id | None, Ref("actors")] = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    summary: Markdown = Field("", description="what the earliest sources say; later knowledge goes in summary_versions")
    summary_versions: Items[SummaryVersion] = Field(
        [], description="later summaries, oldest first: an edition shows the last one whose sources it sees"
    )
    roles: Items[Role] = []
    relations: Items[Relation] = []
    designations: Items[Designation] = []
    cite: Cites


# --- places ---------------------------------------------------------------------------------


class PlaceStatus(Strict):
    date: Annotated[Date, Dated()]
    status: Text = Field(
        description=f"the place's status from this date, in your words; known values get their own colour and symbol: {', '.join(KNOWN_PLACE_STATUSES)}"
    )
    note: Note | None = None
    cite: Cites


class Place(Strict):
    id: Id
    name: Text
    aliases: Items[Alias] = Field([], description="other spellings met in sources; an edition shows those its sources use")
    kind: PlaceKind
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="ISO 3166 alpha-2; none for a fictional or disputed place"
    )
    admin1: Note | None = Field(None, description="province")
    lat: Annotated[float, Field(ge=-90, le=90)] | None = Field(
        None, description="WGS84 latitude; with lon and geo_precision, or none of them"
    )
    lon: Annotated[float, Field(ge=-180, le=180)] | None = Field(None, description="WGS84 longitude; with lat and geo_precision")
    geo_precision: Annotated[int, Field(ge=1, le=3)] | None = Field(
        None, description="1 exact site, 2 near a town or part of a region, 3 only a region; with lat and lon"
    )
    summary: Markdown = Field("", description="what the earliest sources say; later knowledge goes in summary_versions")
    summary_versions: Items[SummaryVersion] = Field(
        [], description="later summaries, oldest first: an edition shows the last one whose sources it sees"
    )
    status: Items[PlaceStatus] = []
    cite: Cites

    @model_validator(mode="after")
    def _located_in_full_or_not_at_all(self) -> Place:
        given = [name for name in ("lat", "lon", "geo_precision") if getattr(self, name) is not None]
        if given and len(given) < 3:
            missing = [name for name in ("lat", "lon", "geo_precision") if name not in given]
            raise ValueError(f"{' and '.join(given)} given without {' and '.join(missing)}")
        return self

    @property
    def located(self) -> bool:
        """True when the place has coordinates (it is drawn on the map)."""
        return self.lat is not None and self.lon is not None and self.geo_precision is not None


# --- events ---------------------------------------------------------------------------------


class Participant(Strict):
    actor: Annotated[Id, Ref("actors")]
    role: EventRole
    attribution: Attribution = Field(
        "stated",
        description="stated: the source gives it as fact; suspected, alleged, claimed: it reports someone's suspicion, "
        "allegation or claim",
    )
    by: Annotated[Id | None, Ref("actors")] = Field(None, description="who suspects, alleges or claims it")

    def described(self, names: dict[str, str]) -> str:
        """The part as readers see it: 'perpetrator', 'perpetrator, suspected by United States'."""
        if self.attribution == "stated":
            return self.role
        by = f" by {names.get(self.by, self.by)}" if self.by else ""
        return f"{self.role}, {self.attribution}{by}"


class Event(Strict):
    id: Id
    title: Text
    date: Annotated[Date, Dated()]
    date_end: Date | None = None
    type: EventType
    actors: Items[Participant] = []
    place: Annotated[Id | None, Ref("places")] = None
    killed: Amount | None = None
    injured: Amount | None = None
    figures: Items[Figure] = []
    summary: Markdown = ""
    tags: Items[Id] = []
    key: bool = Field(
        False, description="a key event: in the briefing's key-events table (unless the briefing lists its own key_events)"
    )
    cite: Cites


# --- judgments, assumptions, outlook -------------------------------------------------------


class Outcome(Strict):
    """What became of a judgment an edition no longer carries on, on the sources that show it."""

    status: OutcomeStatus = Field(
        description="borne-out, not-borne-out or overtaken: how the judgment fared against what came after"
    )
    note: Text = Field(description="one line on what happened, in the words of the sources cited")
    cite: Cites


class Judgment(Strict):
    id: Id
    statement: MarkdownText
    likelihood: Likelihood
    confidence: Confidence
    basis: Items[Annotated[Id, Ref("events")]] = Field([], description="event ids")
    assumptions: Items[Annotated[Id, Ref("assumptions")]] = []
    change: Change = "new"
    change_note: Note | None = None
    supersedes: Annotated[Id | None, Ref("judgments", earlier=True)] = Field(
        None, description="the judgment of an earlier edition this one updates"
    )
    outcome: Outcome | None = Field(
        None, description="for a judgment a later edition does not carry on: borne out, not borne out or overtaken"
    )
    cite: Cites


class Assumption(Strict):
    id: Id
    statement: Text
    rating: AssumptionRating | None = None
    supersedes: Annotated[Id | None, Ref("assumptions", earlier=True)] = Field(
        None, description="the earlier version of this assumption; editions that see this one no longer show it"
    )
    change_note: Note | None = Field(None, description="what changed since the version it supersedes")
    cite: Items[Citation] = []

    def rests_on_every_source(self) -> bool:
        return self.supersedes is not None


class Scenario(Strict):
    id: Id
    name: Text
    narrative: Markdown = ""
    likelihood: Likelihood
    horizon: Date | None = None
    drivers: Items[Text] = []
    indicators: Items[Annotated[Id, Ref("indicators")]] = []
    supersedes: Annotated[Id | None, Ref("scenarios", earlier=True)] = Field(
        None, description="the earlier version of this scenario; editions that see this one no longer show it"
    )
    change_note: Note | None = Field(None, description="what changed since the version it supersedes")
    alternative: bool = Field(
        False,
        description="true for one of the edition's alternative futures: together they must be able to add up to "
        "100 %, share one horizon and each name an indicator",
    )
    cite: Cites

    def rests_on_every_source(self) -> bool:
        return True  # one piece of analysis, written from all the sources it cites


class StatusChange(Strict):
    date: Annotated[Date, Dated()]
    status: IndicatorStatus
    note: Note | None = None
    cite: Cites


class Indicator(Strict):
    id: Id
    observable: Text
    supports: Items[Annotated[Id, Ref("scenarios")]] = Field([], description="scenario ids")
    status: IndicatorStatus
    status_history: Items[StatusChange] = Field(
        [], description="dated status changes; the last must equal 'status'; an edition sees the one in force"
    )
    evidence: Items[Annotated[Id, Ref("events")]] = Field([], description="event ids")
    cite: Cites


# --- gaps and conflicts ----------------------------------------------------------------------


class Account(Strict):
    """What one source says, where sources disagree."""

    says: Text
    cite: Cites


class Gap(Strict):
    """Where the evidence is thin: sources disagree, a fact rests on one source, or something is not known."""

    id: Id
    type: GapType
    about: GapSubject = Field("other", description="what is uncertain: a date, a place, a figure, an attribution...")
    summary: MarkdownText
    events: Items[Annotated[Id, Ref("events")]] = []
    actors: Items[Annotated[Id, Ref("actors")]] = []
    places: Items[Annotated[Id, Ref("places")]] = []
    accounts: Items[Account] = Field([], description="conflict: what each source says, two or more sources")
    cite: Items[Citation] = Field([], description="single-source and unknown: the citations it rests on")

    def stands(self) -> bool:
        if self.type == "conflict":
            return len({c.source for account in self.accounts for c in account.cite}) >= 2
        return bool(self.cite)


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
    actors: Items[Annotated[Id, Ref("actors")]] = []
    places: Items[Annotated[Id, Ref("places")]] = []
    tags: Items[Id] = []


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
    subtitle: Note | None = None
    number: Annotated[int, Field(ge=1)] | None = Field(
        None, description="the edition; left out, the previous edition's number plus one (1 without a previous)"
    )
    as_of: Date
    period: Period | None = None
    phases: Items[Phase] = Field([], description="named periods shaded on the timeline, in order")
    marking: Text = "UNCLASSIFIED // OPEN SOURCE"
    authors: Items[Text] = []
    bluf: Markdown
    key_judgments: Items[Annotated[Id, Ref("judgments")]] = []
    scope: Scope = Scope()
    previous: Annotated[Id | None, Ref("briefings")] = None
    sections: Items[Section] = list(SECTIONS)
    paper: Literal["A4", "Letter"] = "A4"
    keywords: Items[Text] = []
    language: Note = "en"
    narrative: Narrative = []
    key_events: Items[Annotated[Id, Ref("events")]] = Field(
        [], description="event ids for the key-events table, about 15; default: events flagged key"
    )
    annexes: Items[Annex] | None = Field(
        None, description=f"annexes of the PDF, in order (A, B...); [] leaves them to the web page; default: {', '.join(ANNEXES)}"
    )
    formats: Items[Literal["docx"]] = Field(
        [], description="extra copies made on build: docx (the Word copy; needs sitrep[docx])"
    )


# --- the whole project ------------------------------------------------------------------------


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
    gaps: dict[str, Gap] = field(default_factory=dict)
    briefings: dict[str, Briefing] = field(default_factory=dict)
