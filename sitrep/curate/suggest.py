"""`sitrep suggest`: candidate events from an archived text, as commented YAML stubs in a review file outside content/.

Rules and the project's own vocabulary do the work: dates as the text writes them (textdates),
figures in digits or words, and the names and aliases of the project's actors and places. Nothing
is written into content/: the analyst accepts a stub by copying it in and removing the '# '.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .. import model, quotes
from ..dates import FuzzyDate
from ..problems import Problem, plural
from ..quotes import MIN_QUOTE_WORDS
from . import CurateError, archived_text
from .add_source import write_new
from .sentences import Span, sentences
from .textdates import TextDate, find_dates

REVIEW_FOLDER = "review"
TITLE_WORDS = 14

_NUMBER_WORDS: Mapping[str, int | None] = MappingProxyType({
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "dozen": 12, "dozens": None, "hundreds": None, "thousands": None,
})  # fmt: skip
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_FIGURE = re.compile(r"(?<![\w,.])(" + _NUMBER + r")(?![\w,]|\.\d)", re.IGNORECASE)
_KILLED = (
    re.compile(r"\b(?:killing|killed|kills)\s+(?:at least\s+|some\s+)?(" + _NUMBER + r")\b", re.I),
    re.compile(r"\b(" + _NUMBER + r")\s+(?:[\w-]+\s+){0,3}(?:were\s+|was\s+)?(?:killed|dead|died)\b", re.I),
    re.compile(r"\b(" + _NUMBER + r")\s+deaths\b", re.I),
)
_INJURED = (
    re.compile(r"\b(?:wounding|injuring|wounded|injured)\s+(?:at least\s+|some\s+)?(" + _NUMBER + r")\b", re.I),
    re.compile(r"\b(" + _NUMBER + r")\s+(?:[\w-]+\s+){0,3}(?:were\s+|was\s+)?(?:wounded|injured|hurt)\b", re.I),
)
# Event types by the words that show them, most telling first; the analyst confirms.
_TYPES: tuple[tuple[str, str], ...] = (
    ("sanction", r"sanction"),
    ("handover", r"hand(?:ed|s|ing)? over|handover|transferr?ed control"),
    ("protest", r"protest|demonstrat|stormed|rall(?:y|ied)"),
    ("attack", r"rockets?|katyusha|mortars?|missile attack|roadside bomb|ied\b|ambush"),
    ("strike", r"air ?strikes?|drone strike|raids?\b|raided|retaliat"),
    ("attack", r"attack(?:ed|s)?\b|shell(?:ed|ing)"),
    ("deployment", r"deploy|reinforce|patriot|sent \w+ troops"),
    ("threat", r"threat|threaten|warn|vow|revenge"),
    ("plan", r"\bplan|prepar|consider|mulled|intend"),
    ("political", r"government|parliament|prime minister|cabinet|elect|vote|designate"),
    ("statement", r"\bsaid\b|\bsays\b|announc|statement|\btold\b|stated|declared"),
)
_SPEECH = re.compile(r"^[\s,]*(?:[\w'\u2019-]+\s+){0,3}?(?:said|says|told|announced|stated|warned|declared|added)\b")
_STOP = frozenset({"a", "an", "the", "on", "in", "of", "at", "to", "and", "or", "for", "by", "with", "as", "that", "this", "its", "their", "his", "her"})  # fmt: skip
_NOT_NAMES = frozenset({*_NUMBER_WORDS, "the", "a", "an", "on", "in", "at", "since", "by", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})  # fmt: skip
_UNKNOWN_NAME = re.compile(
    r"\b[A-Z][a-z\u00e0-\u00ff'\u2019]+(?:(?:\s+|-)(?:al-|el-|bin\s+|of\s+|the\s+)?[A-Z][a-z\u00e0-\u00ff'\u2019]+)+"
)


@dataclass(frozen=True)
class Mention:
    """A known actor or place named in a sentence, by its name or one of its aliases."""

    kind: str  # "actor" or "place"
    id: str
    words: str
    start: int  # in the sentence
    end: int


@dataclass(frozen=True)
class Candidate:
    """One sentence worth an event, what was found in it, and the stub proposed from it."""

    sentence: Span
    dates: tuple[TextDate, ...]
    figures: tuple[str, ...]
    mentions: tuple[Mention, ...]
    unknown_names: tuple[str, ...]
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY, at the precision the text gives
    date_end: str | None
    date_note: str
    event_type: str
    type_words: str
    killed: tuple[int, str] | None
    injured: tuple[int, str] | None


@dataclass(frozen=True)
class Suggestions:
    source_id: str
    text_path: str
    candidates: tuple[Candidate, ...]
    sentences: int
    already_cited: int
    review: str  # the review file's text


def vocabulary(project: model.Project) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, kind, id) for every name and alias of the project's actors and places, longest first."""
    names: list[tuple[str, str, str]] = []
    for kind, items in (("actor", project.actors), ("place", project.places)):
        for item in items.values():
            for name in {item.name, *item.aliases}:
                names.append((name, kind, item.id))
    names.sort(key=lambda entry: -len(entry[0]))
    found = []
    for name, kind, item_id in names:
        words = re.escape(_fold(name)).replace(r"\ ", r"\s+")
        # a common noun ("the coalition") matches at the start of a sentence too; a proper name keeps its capitals
        flags = re.IGNORECASE if name[:1].islower() else 0
        found.append((re.compile(r"(?<!\w)" + words + r"(?!\w)", flags), kind, item_id))
    return found


def _fold(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def mentions(sentence: str, names: list[tuple[re.Pattern[str], str, str]]) -> list[Mention]:
    """Known names in a sentence, longest first where two overlap (Baghdad International Airport, not Baghdad)."""
    folded = _fold(sentence)
    found: list[Mention] = []
    for pattern, kind, item_id in names:
        for match in pattern.finditer(folded):
            overlaps = any(m.start < match.end() and match.start() < m.end and m.kind == kind for m in found)
            if not overlaps:
                found.append(Mention(kind, item_id, sentence[match.start() : match.end()], match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def suggest(project_dir: Path, source: str) -> Suggestions:
    """The candidates of one source and the review file's text; nothing is written."""
    from ..load import load_project

    project_dir = project_dir.resolve()
    source_id, rel, text = archived_text(project_dir, source)
    project = load_project(project_dir).project
    published = _published(project, project_dir, source_id)
    matches = quotes.Matches()  # the text folded once for all its quotes
    cited = [span for item in _citing(project, source_id) for span in (matches.find(text, item) or [])]
    names = vocabulary(project)
    found: list[Candidate] = []
    total = skipped = 0
    for sentence in sentences(text):
        if len(sentence.text.split()) < MIN_QUOTE_WORDS:
            continue
        total += 1
        if any(start < sentence.end and sentence.start < end for start, end in cited):
            skipped += 1
            continue
        candidate = _candidate(sentence, published, names)
        if candidate is not None:
            found.append(candidate)
    review = review_text(source_id, rel, found, total, skipped, set(project.events))
    return Suggestions(source_id, rel, tuple(found), total, skipped, review)


def write_review(project_dir: Path, suggestions: Suggestions) -> Path:
    """Write the review file beside content/ (never into it), never over an existing one."""
    folder = project_dir.resolve() / REVIEW_FOLDER
    target = folder / f"{suggestions.source_id}.yaml"
    if target.exists() or target.is_symlink():
        raise CurateError(
            [
                Problem(
                    f"{REVIEW_FOLDER}/{target.name}",
                    None,
                    None,
                    "already exists: suggest never overwrites a review file",
                    "finish reviewing it and delete it, then run suggest again",
                )
            ]
        )
    folder.mkdir(exist_ok=True)
    write_new({target: suggestions.review.encode("utf-8")})
    return target


def _published(project: model.Project, project_dir: Path, source_id: str) -> FuzzyDate | None:
    """The source's publication date, from its metadata even where the rest of the file is not filled in yet."""
    if source_id in project.sources:
        return project.sources[source_id].published
    import yaml

    try:
        data = yaml.safe_load((project_dir / "content" / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))
        return FuzzyDate.parse(data.get("published"))
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None


def _citing(project: model.Project, source_id: str) -> Iterator[str]:
    from ..model.kinds import LISTED, citations

    for kind in LISTED:
        for item in getattr(project, kind.name).values():
            for _, citation in citations(item):
                if citation.source == source_id:
                    yield citation.quote


def _candidate(sentence: Span, published: FuzzyDate | None, names: list[tuple[re.Pattern[str], str, str]]) -> Candidate | None:
    text = sentence.text
    dates = tuple(find_dates(text, published))
    in_dates = [(d.start, d.end) for d in dates]
    figures = tuple(
        m.group(1)
        for m in _FIGURE.finditer(text)
        if not any(s <= m.start() < e for s, e in in_dates) and not _is_ordinal(text, m.end())
    )
    found = tuple(_place_or_actor(text, mentions(text, names)))
    if not (dates or any(f[0].isdigit() for f in figures) or found):  # 'two parties' alone is no fact
        return None
    known = [(m.start, m.end) for m in found]
    unknown = tuple(
        dict.fromkeys(
            m.group(0)
            for m in _UNKNOWN_NAME.finditer(text)
            if not any(s < m.end() and m.start() < e for s, e in known + in_dates)
            and m.start() > 0
            and m.group(0).split()[0].lower() not in _NOT_NAMES
        )
    )
    event_type, words = _event_type(text)
    date, date_end, note = _event_date(text, dates, published)
    return Candidate(
        sentence,
        dates,
        figures,
        found,
        unknown,
        date,
        date_end,
        note,
        event_type,
        words,
        _count(text, _KILLED),
        _count(text, _INJURED),
    )


def _event_date(text: str, dates: tuple[TextDate, ...], published: FuzzyDate | None) -> tuple[str, str | None, str]:
    """The event's date: the sentence's own, at its precision, or the source's publication date, said as such."""
    own = [d for d in dates if d.date is not None and not _background(text, d)]
    if own:
        first = own[0]
        return str(first.date), str(first.date_end) if first.date_end else None, f"confirm: from '{first.words}'"
    if published is None:
        return "2000", None, "confirm: neither the sentence nor the source gives a date: write it"
    if dates:
        why = f"'{dates[0].words}' " + ("is ambiguous" if dates[0].date is None else "marks a time around the event")
        return str(published), None, f"confirm: {why}; this is the source's publication date"
    return str(published), None, "confirm: the sentence gives no date; this is the source's publication date"


def _place_or_actor(text: str, found: list[Mention]) -> Iterator[Mention]:
    """Where the same words name a place and an actor ('Baghdad'), the place, unless the words speak ('Baghdad said')."""
    places = {(m.start, m.end) for m in found if m.kind == "place"}
    for mention in found:
        if mention.kind == "actor" and (mention.start, mention.end) in places and not _SPEECH.match(text[mention.end :]):
            continue
        if (
            mention.kind == "place"
            and _SPEECH.match(text[mention.end :])
            and any(m.kind == "actor" and (m.start, m.end) == (mention.start, mention.end) for m in found)
        ):
            continue
        yield mention


def _is_ordinal(text: str, end: int) -> bool:
    return text[end : end + 2] in ("st", "nd", "rd", "th")


def _event_type(text: str) -> tuple[str, str]:
    for event_type, pattern in _TYPES:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return event_type, match.group(0)
    return "other", ""


def _count(text: str, patterns: Iterable[re.Pattern[str]]) -> tuple[int, str] | None:
    """A reported count and the words around it to its clause's end ('killed two Americans and a British soldier')."""
    for pattern in patterns:
        match = pattern.search(text)
        if match and (value := _number(match.group(1))) is not None:
            rest = re.match(r"[^,.;:]{0,60}", text[match.end() :])
            return value, (match.group(0) + (rest.group(0) if rest else "")).strip()
    return None


def _number(words: str) -> int | None:
    if words.lower() in _NUMBER_WORDS:
        return _NUMBER_WORDS[words.lower()]
    try:
        return int(words.replace(",", ""))
    except ValueError:
        return None


# --- the review file ---------------------------------------------------------------------------


def review_text(source_id: str, text_path: str, candidates: list[Candidate], total: int, skipped: int, taken: set[str]) -> str:
    roles = ", ".join(model.EventRole.__args__)  # type: ignore[attr-defined]
    types = ", ".join(model.EventType.__args__)  # type: ignore[attr-defined]
    lines = [
        f"# Candidate events from {text_path}, proposed by `sitrep suggest`.",
        "# Nothing in this file is read by check or build: it is for review, outside content/.",
        "# To accept a candidate: copy its '# ' lines into content/events.yaml, remove the '# ' at the start of",
        "# each line, confirm every value marked 'confirm' (the title, type, roles, place, date, counts),",
        "# then run `sitrep check`. Lines starting '##' say what was found in the sentence.",
        f"# {plural(len(candidates), 'candidate')} from {plural(total, 'sentence')}"
        + (f"; {plural(skipped, 'sentence')} already cited left out" if skipped else "")
        + ".",
        f"# Event types: {types}. Roles: {roles}.",
    ]
    ids = set(taken)
    for candidate in candidates:
        lines.append("")
        lines += _stub(source_id, candidate, ids)
    return "\n".join(lines) + "\n"


def _stub(source_id: str, candidate: Candidate, ids: set[str]) -> list[str]:
    sentence = candidate.sentence
    quote = " ".join(sentence.text.split())
    found = []
    for d in candidate.dates:
        reading = str(d.date) if d.date else "ambiguous"
        found.append(f"date '{d.words}' = {reading}" + (f" ({d.note})" if d.note else ""))
    if candidate.figures:
        found.append("figures: " + ", ".join(candidate.figures))
    for kind in ("place", "actor"):
        named = [m for m in candidate.mentions if m.kind == kind]
        if named:
            found.append(f"{kind}s: " + ", ".join(f"{m.id} ('{m.words}')" for m in named))
    if candidate.unknown_names:
        found.append("names not in the project: " + ", ".join(candidate.unknown_names))
    head = [f"## line {sentence.line}: " + "; ".join(found)]
    title = _title(sentence.text)
    event_id = _unique(f"{candidate.date}-{_slug(title)}", ids)
    body = [
        f"- id: {event_id}",
        f"  title: {_scalar(title)}  # confirm: a one-line headline",
        f"  date: {candidate.date}  # {candidate.date_note}",
    ]
    if candidate.date_end is not None:
        body.append(f"  date_end: {candidate.date_end}  # {candidate.date_note}")
    why = f" (read from '{candidate.type_words}')" if candidate.type_words else ""
    body.append(f"  type: {candidate.event_type}  # confirm the type{why}")
    actors = list(dict.fromkeys(m.id for m in candidate.mentions if m.kind == "actor"))
    if actors:
        body.append("  actors:")
        for actor in actors:
            role = "speaker" if _speaks(candidate, actor) else "involved"
            body.append(f"    - {{actor: {actor}, role: {role}}}  # confirm the role")
    places = list(dict.fromkeys(m.id for m in candidate.mentions if m.kind == "place"))
    if places:
        others = f"; also named: {', '.join(places[1:])}" if len(places) > 1 else ""
        body.append(f"  place: {places[0]}  # confirm the place{others}")
    for field, count in (("killed", candidate.killed), ("injured", candidate.injured)):
        if count is not None:
            body.append(f"  {field}: {{count: {count[0]}}}  # confirm: '{count[1]}'")
    body += ["  cite:", f"    - source: {source_id}", f"      quote: {_scalar(quote)}"]
    return head + ["# " + line for line in body]


def _background(text: str, date: TextDate) -> bool:
    """A date after 'since', 'before' or 'until' marks a time around the event, not the event's own."""
    return bool(re.search(r"\b(?:since|before|until|after|from)\s+(?:the\s+)?$", text[: date.start], re.IGNORECASE))


def _speaks(candidate: Candidate, actor: str) -> bool:
    text = candidate.sentence.text
    return any(m.id == actor and _SPEECH.match(text[m.end :]) for m in candidate.mentions)


def _title(sentence: str) -> str:
    """A headline from the sentence: without a dateline or a closing attribution; a long one cut with '…' to show it.

    It is never cut at a comma: the clause after one may hold the point ('..., did not comment').
    """
    text = " ".join(sentence.split())
    text = re.sub(r"^[A-Z][A-Z .'-]+\s+[\u2013\u2014-]\s+", "", text)  # "BAGHDAD – "
    text = re.sub(
        r",\s+(?:[\w'\u2019-]+\s+){0,6}(?:said|says|told|reported|announced)(?:\s+(?:in|on)\s+[\w\s]{1,30})?[.!]?$", "", text
    )
    text = text.rstrip(".!; ")
    words = text.split()
    if len(words) <= TITLE_WORDS + 2:
        return text or " ".join(sentence.split())
    return " ".join(words[:TITLE_WORDS]).rstrip(",;:\u2013-") + "…"


def _slug(title: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _STOP][:5]
    return "-".join(words) or "event"


def _unique(event_id: str, taken: set[str]) -> str:
    candidate, number = event_id, 2
    while candidate in taken:
        candidate = f"{event_id}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
