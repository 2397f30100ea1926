"""Checks across files, each in its own module; `check` runs them all and sorts what they find."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from .. import quotes
from ..load import Loaded
from ..problems import Problem
from ..render.markdown import Memo
from ..select import Answers, Plain, View, select
from . import (
    asof,
    briefings,
    citations,
    dates,
    estimative,
    evidence,
    hindsight,
    markdown,
    narrative,
    outlook,
    references,
    usage,
    vocabulary,
)

__all__ = ["Kept", "check"]


@dataclass
class Kept:
    """What checks keep for a caller that checks one project again and again (the live preview): what they read in
    each text (Markdown parses, hindsight's names and dates, the editions' folded source texts), each read again
    once its text changes; and what each edition saw of each item (`select.Answers`), asked again once it changes."""

    markdown: Memo = field(default_factory=Memo)
    hindsight: hindsight.Reads = field(default_factory=hindsight.Reads)
    corpora: quotes.Corpora = field(default_factory=quotes.Corpora)
    answers: dict[str, Answers] = field(default_factory=dict)  # what each edition's sight answered of each item


def check(
    loaded: Loaded, views: dict[str, View] | None = None, matches: quotes.Matches | None = None, kept: Kept | None = None
) -> list[Problem]:
    """Every problem in the project: the loader's, then each check's, sorted by file and line.

    The checks of what each edition shows (outlook sets, outcomes, hindsight) run once nothing else is in error:
    they read the editions' views, which need sound items and references. Given `views` (the caller's, empty),
    the views made are put there, so the build that follows does not select them again. `matches` are the
    caller's quote matches (the live preview keeps them across edits; fresh by default), and so is `kept`.
    """
    project = loaded.project
    kept = Kept() if kept is None else kept
    kept.corpora.next_check()
    for gone in set(kept.answers) - set(project.briefings):  # an edition deleted or renamed: its answers go
        del kept.answers[gone]
    plain: Plain = {}  # each edition's view made once, by the first check that asks (the narrative's), kept for all
    found = list(loaded.problems)
    load_failed = any(p.severity == "error" for p in found)
    for run in (
        references.references,
        references.parent_cycles,
        partial(citations.citations, matches=matches),
        dates.dates,
        estimative.estimative_language,
        estimative.judgment_changes,
        outlook.indicators,
        briefings.briefings,
        partial(narrative.narrative_references, plain=plain, corpora=kept.corpora, answers=kept.answers),
        partial(markdown.markdown_resources, memo=kept.markdown),
        vocabulary.open_vocabularies,
        asof.published_by,
        asof.versions,
        asof.aliases,
        asof.indicator_statuses,
        asof.window_ends,
        evidence.attribution,
        evidence.gaps,
        evidence.grading,
    ):
        found.extend(run(project, loaded))
    if not load_failed:  # items that failed to load would make usage counts wrong
        found.extend(usage.unused(project, loaded))
    if not any(p.severity == "error" for p in found):
        # the editions' views, once every item and reference is sound: what each edition shows
        in_date_order = sorted(project.briefings.values(), key=lambda b: (b.as_of.sort_key(), b.slug))
        by_date = {  # each from the last
            briefing.slug: select(project, briefing, plain=plain, corpora=kept.corpora, answers=kept.answers)
            for briefing in in_date_order
        }
        made = {slug: by_date[slug] for slug in project.briefings}
        for run_on_views in (briefings.outcomes, outlook.outlook, partial(hindsight.hindsight, reads=kept.hindsight)):
            found.extend(run_on_views(project, loaded, made))
        if views is not None:
            views.update(made)
    return sorted(found, key=lambda p: (p.severity != "error", *p.sort_key()))
