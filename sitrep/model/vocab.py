"""The contract's closed vocabularies: ICD 203 likelihood and confidence, the Admiralty code, and every list of allowed words."""

from __future__ import annotations

import re
from typing import Literal

LIKELIHOOD: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    # ICD 203 term: (label, lowest %, highest %, words that express it in prose)
    "almost-no-chance": ("almost no chance", 1, 5, ("almost no chance", "remote")),
    "very-unlikely": ("very unlikely", 5, 20, ("very unlikely", "highly improbable")),
    "unlikely": ("unlikely", 20, 45, ("unlikely", "improbable", "improbably")),
    "roughly-even-chance": ("roughly even chance", 45, 55, ("roughly even chance", "roughly even odds", "as likely as not")),
    "likely": ("likely", 55, 80, ("likely", "probable", "probably")),
    "very-likely": ("very likely", 80, 95, ("very likely", "highly probable")),
    "almost-certain": ("almost certain", 95, 99, ("almost certain", "almost certainly", "nearly certain")),
}
CONFIDENCE: dict[str, str] = {
    "high": "Judgments rest on high-quality information from several sources, or the nature of the "
    "issue makes a solid judgment possible. High confidence is not a fact or a certainty.",
    "moderate": "Information is credibly sourced and plausible but not of sufficient quality or "
    "corroboration to warrant a higher level of confidence.",
    "low": "Information is scant, questionable, fragmented or poorly corroborated, or solid "
    "analytic inferences cannot be made from it.",
}
RELIABILITY: dict[str, tuple[str, str]] = {
    "A": ("Completely reliable", "No doubt of authenticity, trustworthiness or competency; a history of complete reliability."),
    "B": ("Usually reliable", "Minor doubt; a history of valid information most of the time."),
    "C": ("Fairly reliable", "Doubt; has provided valid information in the past."),
    "D": ("Not usually reliable", "Significant doubt; has provided valid information in the past."),
    "E": ("Unreliable", "Lacking in authenticity, trustworthiness and competency; a history of invalid information."),
    "F": ("Reliability cannot be judged", "No basis exists for evaluating the reliability of the source."),
}
CREDIBILITY: dict[int, tuple[str, str]] = {
    1: (
        "Confirmed by other sources",
        "Confirmed by other independent sources; logical in itself; consistent with other information.",
    ),
    2: ("Probably true", "Not confirmed; logical in itself; consistent with other information on the subject."),
    3: ("Possibly true", "Not confirmed; reasonably logical in itself; agrees with some other information."),
    4: ("Doubtful", "Not confirmed; possible but not logical; no other information on the subject."),
    5: ("Improbable", "Not confirmed; not logical in itself; contradicted by other information."),
    6: ("Truth cannot be judged", "No basis exists for evaluating the validity of the information."),
}


# Words analysts write for a likelihood that are not its term as spelt in the model: their ICD 203 term.
LIKELIHOOD_WORDS: dict[str, str] = {
    **{phrase: term for term, (_, _, _, phrases) in LIKELIHOOD.items() for phrase in phrases},
    "highly likely": "very-likely",
    "very probable": "very-likely",
    "highly unlikely": "very-unlikely",
    "very improbable": "very-unlikely",
    "even chance": "roughly-even-chance",
    "even odds": "roughly-even-chance",
    "fifty-fifty": "roughly-even-chance",
    "50/50": "roughly-even-chance",
    "toss-up": "roughly-even-chance",
    "certain": "almost-certain",
    "near certain": "almost-certain",
    "virtually certain": "almost-certain",
    "remote chance": "almost-no-chance",
    "almost impossible": "almost-no-chance",
}


def likelihood_term(words: str) -> str | None:
    """The ICD 203 term that `words` ('probable', 'Highly likely', 'very_likely') mean, if any."""
    written = " ".join(words.strip().lower().replace("_", " ").split())
    if written.replace(" ", "-") in LIKELIHOOD:
        return written.replace(" ", "-")
    return LIKELIHOOD_WORDS.get(written) or LIKELIHOOD_WORDS.get(written.replace("-", " "))


def known_value(written: str, known: tuple[str, ...]) -> str | None:
    """The known value of an open vocabulary that `written` names in other spelling ('Patriot deployed',
    'terrorist listings', 'handed_over'), if any: case, spaces, hyphens and a plural 's' aside."""
    words = "-".join(re.split(r"[\s_-]+", written.strip().lower())).strip("-")
    for candidate in (words, words.removesuffix("s"), f"{words}s"):
        if candidate in known:
            return candidate
    return None


def open_value_words(written: str, known: tuple[str, ...]) -> str:
    """How a value of an open vocabulary reads: a known kebab value in words ('handed-over': 'handed over'), any other
    exactly as written ('Dovran-plated trucks only', 'EU sanctions')."""
    return written.replace("-", " ") if written in known else written


def likelihood_shift(before: str, after: str) -> str:
    """unchanged, raised or lowered: how an ICD 203 term moved between two judgments."""
    return _shift(list(LIKELIHOOD), before, after)


def confidence_shift(before: str, after: str) -> str:
    """unchanged, raised or lowered: how confidence moved between two judgments."""
    return _shift(["low", "moderate", "high"], before, after)


def _shift(order: list[str], before: str, after: str) -> str:
    delta = order.index(after) - order.index(before)
    return "unchanged" if delta == 0 else ("raised" if delta > 0 else "lowered")


OUTCOMES: dict[str, str] = {
    "borne-out": "Borne out",
    "not-borne-out": "Not borne out",
    "overtaken": "Overtaken by events",
}


# The body of a briefing, in order; "actors", "sources" and "annex" are older names that now stand for annexes.
Section = Literal["bluf", "changes", "situation", "map", "timeline", "outlook", "gaps", "actors", "sources", "annex"]
SECTIONS: tuple[Section, ...] = ("bluf", "changes", "situation", "map", "timeline", "outlook", "gaps")
# Reference material after the body, lettered A, B, C... in the order a briefing (or sitrep.yaml) lists them.
Annex = Literal["events", "actors", "places", "sources", "standards"]
ANNEXES: tuple[Annex, ...] = ("events", "actors", "places", "sources", "standards")

Likelihood = Literal[
    "almost-no-chance", "very-unlikely", "unlikely", "roughly-even-chance", "likely", "very-likely", "almost-certain"
]
Confidence = Literal["low", "moderate", "high"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
SourceKind = Literal["news", "analysis", "official", "social", "other"]
ActorKind = Literal[
    "state", "state-force", "armed-group", "political-party", "government-body", "coalition", "person", "organization"
]
RelationType = Literal["backs", "opposes", "allied-with", "part-of", "leads"]
PlaceKind = Literal["airbase", "base", "embassy", "airport", "city", "region", "border-crossing"]
# Open vocabularies (the contract gives them after "e.g."): any text is accepted and shown as written; these known
# values get their own colour or symbol, and a value close to one of them gets a "did you mean" warning.
KNOWN_PLACE_STATUSES: tuple[str, ...] = (
    "hosting-coalition", "attacked", "handed-over", "patriot-deployed", "planned", "withdrawn", "other",
)  # fmt: skip
EventType = Literal[
    "attack", "strike", "handover", "deployment", "statement", "threat", "sanction", "protest", "political", "plan", "other"
]
EventRole = Literal["perpetrator", "target", "speaker", "involved"]
# How a source gives an actor's part in an event: as fact, or as someone's suspicion, allegation or claim.
Attribution = Literal["stated", "suspected", "alleged", "claimed"]
Change = Literal["new", "unchanged", "raised", "lowered"]
AssumptionRating = Literal["solid", "caveated", "unsupported"]
OutcomeStatus = Literal["borne-out", "not-borne-out", "overtaken"]
# A gap in what the sources give: they disagree, a fact rests on one source, or it is not known.
GapType = Literal["conflict", "single-source", "unknown"]
GapSubject = Literal["date", "place", "figure", "attribution", "actor", "other"]
GAP_TYPES: dict[str, str] = {
    "conflict": "Sources disagree",
    "single-source": "Rests on one source",
    "unknown": "Not known",
}
IndicatorStatus = Literal["not-observed", "emerging", "observed"]
KNOWN_DESIGNATION_TYPES: tuple[str, ...] = ("sanctions", "terrorist-listing", "other")
