"""What one edition sees (`View`) and what changed since the previous edition (`Changes`), as data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .. import model


@dataclass(frozen=True)
class JudgmentChange:
    judgment: model.Judgment
    change: str  # new, unchanged, raised, lowered: the likelihood
    before: model.Judgment | None
    confidence: str = "unchanged"  # unchanged, raised, lowered (new judgments: unchanged)
    outcome: model.Outcome | None = None  # what became of the earlier judgment, as this edition sees it


@dataclass(frozen=True)
class ScenarioChange:
    scenario: model.Scenario
    change: str  # new, unchanged, raised, lowered: the likelihood
    before: model.Scenario | None  # the version the previous edition showed


@dataclass(frozen=True)
class IndicatorChange:
    indicator: model.Indicator
    before: str | None  # status in the previous edition; None if it was not there
    after: str


@dataclass(frozen=True)
class Changes:
    previous: model.Briefing
    events_added: list[model.Event]
    judgments: list[JudgmentChange]
    judgments_dropped: list[model.Judgment]
    indicators: list[IndicatorChange]
    outcomes: dict[str, model.Outcome] = field(default_factory=dict)  # dropped judgment -> what became of it, if known
    scenarios: list[ScenarioChange] = field(default_factory=list)
    scenarios_dropped: list[model.Scenario] = field(default_factory=list)


@dataclass(frozen=True)
class View:
    """What one briefing sees: items filtered to its as-of date, each keeping only visible citations."""

    briefing: model.Briefing
    sources: dict[str, model.Source]
    actors: dict[str, model.Actor]
    places: dict[str, model.Place]
    events: dict[str, model.Event]  # in date order
    key_judgments: list[model.Judgment]
    assumptions: dict[str, model.Assumption]
    scenarios: dict[str, model.Scenario]
    indicators: dict[str, model.Indicator]  # with the status in force on as_of
    changes: Changes | None = None
    hidden: dict[str, int] = field(default_factory=dict)  # how many items of each kind the as-of rule held back
    gaps: dict[str, model.Gap] = field(default_factory=dict)  # recorded gaps and conflicts the edition sees
    single_sourced: dict[str, str] = field(default_factory=dict)  # key judgment -> the one source its evidence has

    def shown(self) -> dict[str, dict[str, Any]]:
        """Everything the edition shows, by kind name: the items its pages, links and checks may use."""
        return {
            "sources": self.sources,
            "actors": self.actors,
            "places": self.places,
            "events": self.events,
            "judgments": {j.id: j for j in self.key_judgments},
            "assumptions": self.assumptions,
            "scenarios": self.scenarios,
            "indicators": self.indicators,
            "gaps": self.gaps,
        }

    def to_json(self) -> dict[str, Any]:
        """The view as plain JSON-ready data (the export, and the PDF's embedded evidence): its JSON text, read."""
        data: dict[str, Any] = json.loads(self.to_json_text())
        return data

    def to_json_text(self) -> str:
        """`to_json` as compact JSON text, each item written by pydantic in turn: a big view's items are never all
        held as dicts at once (they would weigh several times the text)."""
        parts = []
        for name, value in self._parts().items():
            if isinstance(value, list):
                text = "[" + ",".join(item.model_dump_json() for item in value) + "]"
            elif isinstance(value, BaseModel):
                text = value.model_dump_json()
            else:
                text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            parts.append(json.dumps(name) + ":" + text)
        return "{" + ",".join(parts) + "}"

    def _parts(self) -> dict[str, Any]:
        """The view's JSON by its top-level names: lists of items and items as models, the rest plain data."""
        data: dict[str, Any] = {
            "briefing": self.briefing,
            "sources": list(self.sources.values()),
            "actors": list(self.actors.values()),
            "places": list(self.places.values()),
            "events": list(self.events.values()),
            "key_judgments": list(self.key_judgments),
            "assumptions": list(self.assumptions.values()),
            "scenarios": list(self.scenarios.values()),
            "indicators": list(self.indicators.values()),
            "gaps": list(self.gaps.values()),
            "single_sourced": self.single_sourced,
        }
        if self.changes:
            data["changes"] = {
                "previous": self.changes.previous.slug,
                "events_added": [e.id for e in self.changes.events_added],
                "judgments": [
                    {
                        "id": c.judgment.id,
                        "change": c.change,
                        "confidence": c.confidence,
                        "before": c.before.id if c.before else None,
                    }
                    for c in self.changes.judgments
                ],
                "judgments_dropped": [j.id for j in self.changes.judgments_dropped],
                "outcomes": {key: o.model_dump(mode="json") for key, o in self.changes.outcomes.items()},
                "indicators": [{"id": c.indicator.id, "before": c.before, "after": c.after} for c in self.changes.indicators],
                "scenarios": [
                    {"id": c.scenario.id, "change": c.change, "before": c.before.id if c.before else None}
                    for c in self.changes.scenarios
                ],
                "scenarios_dropped": [s.id for s in self.changes.scenarios_dropped],
            }
        return data
