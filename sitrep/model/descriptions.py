"""What each field means, in the contract's words: editors show it on hover (the JSON Schema's descriptions).

A field's `description=` on the model wins where it has one; this table gives the rest, so that every field of every
item is described. Keyed by model name, then field name.
"""

from __future__ import annotations

from typing import Final

_WHEN = "YYYY-MM-DD, YYYY-MM or YYYY: leave out what is not known"

MEANINGS: Final[dict[str, dict[str, str]]] = {
    "Citation": {},
    "Amount": {
        "count": "the number reported; 0 means reported none (leave the whole field out when not reported)",
        "low": "the lowest number where sources differ; with high",
        "high": "the highest number where sources differ; with low",
        "note": "what the number counts, or why sources differ",
    },
    "Figure": {
        "label": "what is counted: troops, rockets, vessels",
        "count": "the number reported",
        "low": "the lowest number where sources differ; with high",
        "high": "the highest number where sources differ; with low",
        "note": "a word on the number",
    },
    "Source": {
        "id": "the file name gives it: leave it out",
        "title": "the title as the text gives it",
        "author": "as the text names them",
        "published": f"when it was published: {_WHEN}",
        "url": "where it was found",
        "accessed": f"when it was read and archived: {_WHEN}",
        "kind": "news, analysis, official, social or other",
        "reliability": "Admiralty source reliability: A completely reliable ... E unreliable, F cannot be judged",
        "language": "language of the archived text (BCP 47, e.g. en)",
    },
    "Role": {
        "org": "id of the actor (organization) the person holds the role in",
        "title": "the role as the source words it, e.g. Secretary-General",
        "since": f"from when: {_WHEN}",
        "until": f"until when: {_WHEN}",
        "cite": "citations for the role",
    },
    "Relation": {
        "type": "backs, opposes, allied-with, part-of or leads",
        "target": "id of the other actor",
        "since": f"from when: {_WHEN}",
        "until": f"until when: {_WHEN}",
        "note": "a word on the relation",
    },
    "Designation": {
        "date": f"when: {_WHEN}",
        "note": "a word on the designation",
    },
    "Actor": {
        "id": "lower-case kebab id, unique among actors and never reused, e.g. kataib-hezbollah",
        "name": "the name readers see",
        "aliases": "other spellings met in sources",
        "kind": "state, state-force, armed-group, political-party, government-body, coalition, person or organization",
        "parent": "id of the actor it operates under",
        "country": "ISO 3166 alpha-2 code in capitals, e.g. IQ",
        "summary": "Markdown: who the actor is, as the sources report it",
        "roles": "for people: the posts they hold, [{org, title, since, until}]",
        "relations": "to other actors: [{type, target, since, until, cite}]",
        "designations": "sanctions, terrorist listings and the like, each with its date and citation",
    },
    "Account": {
        "says": "what this source says, in one line, in its own terms",
        "cite": "the citations of this account",
    },
    "Gap": {
        "id": "lower-case kebab id, unique among gaps, e.g. k1-attack-base-unnamed",
        "type": "conflict (sources disagree), single-source (a fact rests on one source) or unknown (not reported)",
        "summary": "Markdown: what is uncertain and why it matters",
        "events": "ids of the events it concerns",
        "actors": "ids of the actors it concerns",
        "places": "ids of the places it concerns",
    },
    "PlaceStatus": {
        "date": f"from when the status holds: {_WHEN}",
        "note": "a word on the status",
    },
    "Place": {
        "id": "lower-case kebab id, unique among places, e.g. balad-airbase",
        "name": "the name readers see",
        "aliases": "other spellings met in sources",
        "kind": "airbase, base, embassy, airport, city, region or border-crossing",
        "summary": "Markdown: what the place is",
        "status": "status history, [{date, status, note, cite}]",
    },
    "Participant": {
        "actor": "id of an actor",
        "role": "perpetrator, target, speaker or involved",
    },
    "Event": {
        "id": "lower-case kebab id, unique among events, e.g. 2019-12-05-balad-rockets",
        "title": "a one-line headline",
        "date": f"when it happened: {_WHEN}",
        "date_end": f"the latest it can have happened, for an earliest-latest window: {_WHEN}",
        "type": "attack, strike, handover, deployment, statement, threat, sanction, protest, political, plan or other",
        "actors": "who took part: [{actor, role}]",
        "place": "id of the place where it happened",
        "killed": "{count: N} or {low: N, high: M}; leave out when not reported, 0 when reported none",
        "injured": "{count: N} or {low: N, high: M}; leave out when not reported, 0 when reported none",
        "figures": "other reported numbers: [{label, count}] or [{label, low, high}]",
        "summary": "Markdown: attributed, past-tense reporting only (no judgments here)",
        "tags": "free words for grouping: the first one is the event's theme",
    },
    "Judgment": {
        "id": "lower-case kebab id, unique among judgments",
        "statement": 'Markdown, "We assess ...", in the words of its likelihood',
        "likelihood": "one ICD 203 term: almost-no-chance, very-unlikely, unlikely, roughly-even-chance, likely, very-likely, almost-certain",
        "confidence": "low, moderate or high: shown apart from the likelihood",
        "assumptions": "ids of the assumptions it rests on",
        "change": "since the judgment it supersedes: new, unchanged, raised or lowered",
        "change_note": "why it changed",
    },
    "Assumption": {
        "id": "lower-case kebab id, unique among assumptions",
        "statement": "what the judgments take for granted",
        "rating": "solid, caveated or unsupported",
        "cite": "citations that support the assumption",
    },
    "Scenario": {
        "id": "lower-case kebab id, unique among scenarios",
        "name": "a one-line name",
        "narrative": "Markdown: how it would unfold",
        "likelihood": "one ICD 203 term: almost-no-chance ... almost-certain",
        "horizon": f"by when: {_WHEN}",
        "drivers": "what would push events this way",
        "indicators": "ids of the indicators to watch",
    },
    "StatusChange": {
        "date": f"when the status changed: {_WHEN}",
        "status": "not-observed, emerging or observed",
        "note": "what was seen",
    },
    "Indicator": {
        "id": "lower-case kebab id, unique among indicators",
        "observable": "what would be seen",
        "status": "not-observed, emerging or observed",
    },
    "Period": {
        "start": f"first day of the events it covers: {_WHEN}",
        "end": f"last day of the events it covers: {_WHEN}",
    },
    "Scope": {
        "actors": "only events with these actors (ids)",
        "places": "only events at these places (ids)",
        "tags": "only events with these tags",
    },
    "Phase": {
        "name": "the phase's name",
        "start": f"when it starts: {_WHEN}",
        "end": f"when it ends: {_WHEN}",
        "note": "a word on the phase",
    },
    "Briefing": {
        "slug": "the file name gives it: leave it out",
        "title": "the briefing's title",
        "subtitle": "a line under the title",
        "as_of": f"the date the briefing speaks from: it sees only what was known then: {_WHEN}",
        "period": "{start, end} of the events it covers",
        "marking": "banner on every page, e.g. UNCLASSIFIED // OPEN SOURCE (default: the project's)",
        "authors": "who wrote it",
        "bluf": "Markdown: the bottom line up front",
        "key_judgments": "ids of the key judgments, in order",
        "scope": "optional filters: actors, places, tags",
        "previous": "slug of the previous edition, for 'what changed'",
        "sections": "order of the sections; default bluf, changes, situation, map, timeline, actors, outlook, sources, annex",
        "paper": "A4 or Letter (default: the project's)",
        "keywords": "words for the PDF's metadata",
        "language": "BCP 47 language tag (default: the project's)",
    },
}
