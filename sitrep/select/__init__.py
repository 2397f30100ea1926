"""Selection: the as-of view of a briefing (only what was known on its date) and what changed since the last edition."""

from .editions import Plain, evidence_sources, select, status_on, window_as_of
from .seen import Answers, Known, Seen, as_seen, known, latest, seen_from, visible_sources
from .view import Changes, IndicatorChange, JudgmentChange, ScenarioChange, View

__all__ = [
    "Answers",
    "Changes",
    "IndicatorChange",
    "JudgmentChange",
    "Known",
    "Plain",
    "ScenarioChange",
    "Seen",
    "View",
    "as_seen",
    "evidence_sources",
    "known",
    "latest",
    "seen_from",
    "select",
    "status_on",
    "visible_sources",
    "window_as_of",
]
