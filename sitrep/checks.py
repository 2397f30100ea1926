"""Checks across files: references resolve, quotes are in their sources, dates make sense, words match ratings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import model, quotes
from .dates import FuzzyDate
from .loading import SINGULAR, Loaded, Origin, dotted
from .model import likelihood_shift
from .problems import Problem


def check(loaded: Loaded) -> list[Problem]:
    """Every problem in the project: the loader's, then each check's, sorted by file and line."""
    project = loaded.project
    found = list(loaded.problems)
    load_failed = any(p.severity == "error" for p in found)
    for run in (
        _references,
        _parent_cycles,
        _citations,
        _dates,
        _estimative_language,
        _judgment_changes,
        _indicators,
        _briefings,
        _markdown_resources,
    ):
        found.extend(run(project, loaded))
    if not load_failed:  # items that failed to load would make usage counts wrong
        found.extend(_unused(project, loaded))
    return sorted(found, key=lambda p: (p.severity != "error", *p.sort_key()))


def _problem(origin: Origin, loc: tuple[str | int, ...], message: str, hint: str, severity: str = "error") -> Problem:
    path, line, col = origin.at(*loc)
    return Problem(path, line, col, message, hint, severity)  # type: ignore[arg-type]


def _items(project: model.Project) -> Iterator[tuple[str, Any]]:
    for name in ("sources", *model.COLLECTIONS, "briefings"):
        for item in getattr(project, name).values():
            yield name, item


def _key(name: str, item: Any) -> tuple[str, str]:
    return (name, item.slug if name == "briefings" else item.id)


# --- references -----------------------------------------------------------------------------


def _refs(name: str, item: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location in the item, target collection, target id) for every reference an item makes."""
    if name == "actors":
        if item.parent:
            yield ("parent",), "actors", item.parent
        for i, role in enumerate(item.roles):
            yield ("roles", i, "org"), "actors", role.org
        for i, relation in enumerate(item.relations):
            yield ("relations", i, "target"), "actors", relation.target
        for i, designation in enumerate(item.designations):
            if designation.by:
                yield ("designations", i, "by"), "actors", designation.by
    elif name == "events":
        for i, participant in enumerate(item.actors):
            yield ("actors", i, "actor"), "actors", participant.actor
        if item.place:
            yield ("place",), "places", item.place
    elif name == "judgments":
        for i, event_id in enumerate(item.basis):
            yield ("basis", i), "events", event_id
        for i, assumption_id in enumerate(item.assumptions):
            yield ("assumptions", i), "assumptions", assumption_id
        if item.supersedes:
            yield ("supersedes",), "judgments", item.supersedes
    elif name == "scenarios":
        for i, indicator_id in enumerate(item.indicators):
            yield ("indicators", i), "indicators", indicator_id
    elif name == "indicators":
        for i, scenario_id in enumerate(item.supports):
            yield ("supports", i), "scenarios", scenario_id
        for i, event_id in enumerate(item.evidence):
            yield ("evidence", i), "events", event_id
    elif name == "briefings":
        for i, judgment_id in enumerate(item.key_judgments):
            yield ("key_judgments", i), "judgments", judgment_id
        if item.previous:
            yield ("previous",), "briefings", item.previous
        for field in ("actors", "places"):
            for i, ref in enumerate(getattr(item.scope, field)):
                yield ("scope", field, i), field, ref
    if hasattr(item, "cite") and name not in ("sources", "briefings"):
        for loc, citation in citations_of(item):
            yield (*loc, "source"), "sources", citation.source


def citations_of(item: Any) -> Iterator[tuple[tuple[str | int, ...], model.Citation]]:
    """Every citation an item carries, on itself and on its parts (roles, relations, status...)."""
    for i, citation in enumerate(getattr(item, "cite", [])):
        yield ("cite", i), citation
    for part_field in ("roles", "relations", "designations", "status"):
        for j, part in enumerate(getattr(item, part_field, []) or []):
            if isinstance(part, model.Strict):
                for i, citation in enumerate(getattr(part, "cite", [])):
                    yield (part_field, j, "cite", i), citation


def _article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _references(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins, invalid, unreadable = loaded.origins, loaded.invalid, loaded.unreadable
    for name, item in _items(project):
        origin = origins[_key(name, item)]
        for loc, target, ref in _refs(name, item):
            if ref in getattr(project, target) or (target, ref) in invalid or target in unreadable:
                continue
            known = sorted(getattr(project, target))
            import difflib

            close = difflib.get_close_matches(ref, known, n=1, cutoff=0.75)
            where = (
                "content/sources/" if target == "sources" else ("briefings/" if target == "briefings" else f"content/{target}")
            )
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"use the id of {_article(SINGULAR[target])} defined in {where}, or add one"
            )
            yield _problem(origin, loc, f"{SINGULAR[target]} '{ref}' does not exist", hint)


def _parent_cycles(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    reported: set[str] = set()
    for actor in project.actors.values():
        chain = [actor.id]
        current = actor
        while current.parent and current.parent in project.actors:
            if current.parent in chain:
                cycle = chain[chain.index(current.parent) :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    loop = " -> ".join([*cycle, current.parent])
                    yield _problem(
                        origins[("actors", current.id)],
                        ("parent",),
                        f"actor '{current.id}': parents form a loop: {loop}",
                        "an actor cannot operate under itself: remove 'parent' from one of them",
                    )
                break
            chain.append(current.parent)
            current = project.actors[current.parent]


# --- citations ------------------------------------------------------------------------------


def _citations(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for name, item in _items(project):
        if name in ("sources", "briefings"):
            continue
        origin = origins[_key(name, item)]
        for loc, citation in citations_of(item):
            text = project.texts.get(citation.source)
            if text is None:
                continue  # a missing source is reported as a dangling reference
            if not quotes.fragments(citation.quote):
                yield _problem(
                    origin,
                    (*loc, "quote"),
                    f"{SINGULAR[name]} '{item.id}': '{dotted((*loc, 'quote'))}' has only '...', no words of the source",
                    "copy the words of the passage from the archived text",
                )
                continue
            if quotes.find(text, citation.quote) is not None:
                continue
            hint = quotes.explain_miss(text, citation.quote)
            yield _problem(
                origin,
                (*loc, "quote"),
                f"{SINGULAR[name]} '{item.id}': quote not found in source '{citation.source}': \"{_clip(citation.quote)}\"",
                hint,
            )


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())  # a message stays on one line
    return text if len(text) <= width else text[: width - 1] + "…"


# --- dates ----------------------------------------------------------------------------------


def _before(first: FuzzyDate | None, second: FuzzyDate | None) -> bool:
    """True when `second` certainly comes before `first` (an impossible order)."""
    return first is not None and second is not None and second.latest < first.earliest


def _dates(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for event in project.events.values():
        if _before(event.date, event.date_end):
            yield _problem(
                origins[("events", event.id)],
                ("date_end",),
                f"event '{event.id}': date_end {event.date_end} is before date {event.date}",
                "date_end is the latest the event can have happened: make it the same as or after 'date'",
            )
    for actor in project.actors.values():
        for field in ("roles", "relations"):
            for i, part in enumerate(getattr(actor, field)):
                if _before(part.since, part.until):
                    yield _problem(
                        origins[("actors", actor.id)],
                        (field, i, "until"),
                        f"actor '{actor.id}': {field[:-1]} ends ({part.until}) before it starts ({part.since})",
                        "'until' must be the same as or after 'since'",
                    )
    for source in project.sources.values():
        if _before(source.published, source.accessed):
            yield _problem(
                origins[("sources", source.id)],
                ("accessed",),
                f"source '{source.id}': accessed {source.accessed} is before it was published ({source.published})",
                "a source cannot be read before it is published: correct 'accessed' or 'published'",
            )
    for briefing in project.briefings.values():
        origin = origins[("briefings", briefing.slug)]
        if briefing.as_of.precision != "day":
            yield _problem(
                origin,
                ("as_of",),
                f"briefing '{briefing.slug}': as_of {briefing.as_of} is not a day",
                "a briefing speaks from one day: write as_of as YYYY-MM-DD",
            )
        if briefing.period and _before(briefing.period.start, briefing.period.end):
            yield _problem(
                origin,
                ("period", "end"),
                f"briefing '{briefing.slug}': period ends ({briefing.period.end}) before it starts ({briefing.period.start})",
                "make 'end' the same as or after 'start'",
            )
        if briefing.period and briefing.period.end.earliest > briefing.as_of.latest:
            yield _problem(
                origin,
                ("period", "end"),
                f"briefing '{briefing.slug}': period ends ({briefing.period.end}) after as_of ({briefing.as_of})",
                "a briefing cannot cover events after the day it speaks from: end the period on or before as_of",
            )


# --- ICD 203 estimative language -------------------------------------------------------------

_CONFIDENCE_WORDS = re.compile(r"\b(high|moderate|medium|low)[- ]confidence\b", re.IGNORECASE)


def _likelihood_terms() -> list[tuple[re.Pattern[str], str]]:
    terms = [(phrase, term) for term, (_, _, _, phrases) in model.LIKELIHOOD.items() for phrase in phrases]
    terms.sort(key=lambda pair: -len(pair[0]))  # 'very unlikely' before 'unlikely' before 'likely'
    return [(re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE), term) for phrase, term in terms]


_TERMS = _likelihood_terms()


def estimative_terms(text: str) -> list[tuple[str, str]]:
    """(words as written, ICD 203 term) for each likelihood expression in a text, longest phrases first."""
    found: list[tuple[str, str]] = []
    for pattern, term in _TERMS:
        for match in pattern.finditer(text):
            found.append((match.group(0), term))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return found


def _estimative_language(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    checked: Iterable[tuple[str, Any, str]] = [
        *(("judgments", j, "statement") for j in project.judgments.values()),
        *(("scenarios", s, "narrative") for s in project.scenarios.values()),
    ]
    for name, item, field in checked:
        origin = origins[(name, item.id)]
        words = getattr(item, field)
        for written, term in estimative_terms(words):
            if term != item.likelihood:
                yield _problem(
                    origin,
                    (field,),
                    f"{SINGULAR[name]} '{item.id}': the {field} says \"{written}\" ({model.LIKELIHOOD[term][0]}) but likelihood is {item.likelihood}",
                    f"use the words of '{item.likelihood}' ({', '.join(model.LIKELIHOOD[item.likelihood][3])}) or change 'likelihood'",
                )
        if name == "judgments":
            for match in _CONFIDENCE_WORDS.finditer(words):
                level = match.group(1).lower().replace("medium", "moderate")
                if level != item.confidence:
                    yield _problem(
                        origin,
                        (field,),
                        f"judgment '{item.id}': the statement says \"{match.group(0)}\" but confidence is {item.confidence}",
                        "state confidence only in the 'confidence' field, apart from the likelihood sentence",
                    )


def _judgment_changes(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for judgment in project.judgments.values():
        origin = origins[("judgments", judgment.id)]
        earlier = project.judgments.get(judgment.supersedes or "")
        if judgment.supersedes and earlier is None:
            continue  # reported as a dangling reference
        if earlier is None:
            if judgment.change in ("raised", "lowered"):
                yield _problem(
                    origin,
                    ("change",),
                    f"judgment '{judgment.id}': change is '{judgment.change}' but it supersedes no judgment",
                    "name the earlier judgment in 'supersedes', or set change: new",
                )
            continue
        if judgment.supersedes == judgment.id:
            yield _problem(
                origin, ("supersedes",), f"judgment '{judgment.id}' supersedes itself", "name the earlier edition's judgment"
            )
            continue
        shift = likelihood_shift(earlier.likelihood, judgment.likelihood)
        if judgment.change != shift:
            yield _problem(
                origin,
                ("change",),
                f"judgment '{judgment.id}': change is '{judgment.change}' but likelihood went from {earlier.likelihood} to {judgment.likelihood} ({shift})",
                f"set change: {shift}, or correct the likelihood",
            )
        if judgment.change != "unchanged" and not judgment.change_note:
            yield _problem(
                origin,
                ("change",),
                f"judgment '{judgment.id}': change '{judgment.change}' has no change_note",
                "say in change_note what moved the judgment",
                "warning",
            )


def _indicators(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for indicator in project.indicators.values():
        history = indicator.status_history
        origin = origins[("indicators", indicator.id)]
        if history and history[-1].status != indicator.status:
            yield _problem(
                origin,
                ("status",),
                f"indicator '{indicator.id}': status is {indicator.status} but the last status_history entry says {history[-1].status}",
                "make 'status' equal the latest entry of status_history",
            )
        for i in range(1, len(history)):
            if history[i].date.sort_key() < history[i - 1].date.sort_key():
                yield _problem(
                    origin,
                    ("status_history", i, "date"),
                    f"indicator '{indicator.id}': status_history is not in date order",
                    "list status changes oldest first",
                )


def _briefings(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    from .selection import visible_sources

    for briefing in project.briefings.values():
        origin = origins[("briefings", briefing.slug)]
        seen = visible_sources(project, briefing.as_of)
        for i, judgment_id in enumerate(briefing.key_judgments):
            judgment = project.judgments.get(judgment_id)
            if judgment and not any(c.source in seen or ("sources", c.source) in loaded.invalid for c in judgment.cite):
                yield _problem(
                    origin,
                    ("key_judgments", i),
                    f"briefing '{briefing.slug}': key judgment '{judgment_id}' cites no source published by {briefing.as_of}",
                    "an edition sees only sources published by its as_of date: cite an earlier source or drop the judgment",
                )
        if len(set(briefing.key_judgments)) != len(briefing.key_judgments):
            yield _problem(
                origin,
                ("key_judgments",),
                f"briefing '{briefing.slug}': a key judgment is listed twice",
                "list each judgment once",
            )
        previous = project.briefings.get(briefing.previous or "")
        if previous is not None:
            if previous.as_of.latest >= briefing.as_of.earliest:
                yield _problem(
                    origin,
                    ("previous",),
                    f"briefing '{briefing.slug}': previous edition '{previous.slug}' is as of {previous.as_of}, not before {briefing.as_of}",
                    "'previous' names an earlier edition",
                )
            if previous.number >= briefing.number:
                yield _problem(
                    origin,
                    ("number",),
                    f"briefing '{briefing.slug}': edition number {briefing.number} is not after the previous edition's ({previous.number})",
                    "number editions in order",
                )


# --- hostile or fetching Markdown ---------------------------------------------------------------

MARKDOWN_FIELDS = {
    "actors": ("summary",),
    "places": ("summary",),
    "events": ("summary",),
    "judgments": ("statement",),
    "scenarios": ("narrative",),
    "briefings": ("bluf",),
}
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)|<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)
_EMBED = re.compile(
    r"<\s*(img|image|iframe|frame|object|embed|video|audio|source|track|link|script|style|svg|math|meta|base|form|input)\b",
    re.IGNORECASE,
)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def _image_problem(target: str) -> tuple[str, str]:
    lowered = target.lower()
    if re.match(r"^[a-z][a-z0-9+.-]*://", lowered) and not lowered.startswith("file:"):
        return (
            f"an image from the network ({target}): nothing is fetched at build time",
            f"remove the image and link to it instead: [description]({target})",
        )
    if lowered.startswith(("file:", "/", "~", "\\")) or ".." in target.replace("\\", "/").split("/"):
        return f"an image outside the project ({target})", "remove it: content may not read files outside the project"
    return f"an image ({target}): images are not part of the content model", "remove it, and describe what it shows in words"


def _markdown_resources(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    for name, item in _items(project):
        origin = loaded.origins[_key(name, item)]
        label = f"{SINGULAR[name]} '{_key(name, item)[1]}'"
        for field in MARKDOWN_FIELDS.get(name, ()):
            text = getattr(item, field) or ""
            for match in _IMAGE.finditer(text):
                what, hint = _image_problem(match.group(1))
                yield _problem(origin, (field,), f"{label}: {field} has {what}", hint)
            for match in _EMBED.finditer(text):
                tag = match.group(1).lower()
                yield _problem(
                    origin,
                    (field,),
                    f"{label}: {field} embeds a <{tag}> tag, which could run or fetch something",
                    "remove the tag: write plain Markdown",
                )
            for match in _LINK.finditer(text):
                target = (match.group(1) or match.group(2) or "").strip().lower()
                scheme = next((s for s in _BAD_SCHEMES if target.startswith(s)), None)
                if scheme:
                    yield _problem(
                        origin,
                        (field,),
                        f"{label}: {field} links to a {scheme} address, which the site and PDF remove",
                        "link only to http, https or mailto addresses",
                        "warning",
                    )


# --- warnings -------------------------------------------------------------------------------


def _unused(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    cited = {
        citation.source
        for name, item in _items(project)
        if name not in ("sources", "briefings")
        for _, citation in citations_of(item)
    }
    for source in project.sources.values():
        if source.id not in cited:
            yield _problem(
                origins[("sources", source.id)],
                (),
                f"source '{source.id}' is cited by nothing",
                "cite it from an event, actor or judgment, or remove it",
                "warning",
            )
    in_events = {p.actor for event in project.events.values() for p in event.actors}
    for actor in project.actors.values():
        if actor.id not in in_events:
            yield _problem(
                origins[("actors", actor.id)],
                ("id",),
                f"actor '{actor.id}' takes part in no event",
                "add it to an event's actors, or remove it",
                "warning",
            )
