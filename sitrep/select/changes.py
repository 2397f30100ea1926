"""What changed since the previous edition: events added, judgments and scenarios moved, indicators turned."""

from __future__ import annotations

from .. import model
from ..model import confidence_shift, likelihood_shift
from .view import Changes, IndicatorChange, JudgmentChange, ScenarioChange, View


def with_changes(view: View, before: View, judgments: dict[str, model.Judgment], project: model.Project) -> View:
    """What changed since `before`; `judgments` are every judgment as this edition sees it (their outcomes)."""
    events_added = [event for key, event in view.events.items() if key not in before.events]
    earlier = {j.id: j for j in before.key_judgments}
    judgment_changes: list[JudgmentChange] = []
    carried: set[str] = set()
    for judgment in view.key_judgments:
        predecessor = earlier.get(judgment.supersedes or "") or earlier.get(judgment.id)
        if predecessor is None:
            judgment_changes.append(JudgmentChange(judgment, "new", None))
            continue
        carried.add(predecessor.id)
        likelihood = likelihood_shift(predecessor.likelihood, judgment.likelihood)
        confidence = confidence_shift(predecessor.confidence, judgment.confidence)
        outcome = getattr(judgments.get(predecessor.id), "outcome", None)
        judgment_changes.append(JudgmentChange(judgment, likelihood, predecessor, confidence, outcome))
    dropped = [j for j in before.key_judgments if j.id not in carried]
    outcomes = {j.id: outcome for j in dropped if (outcome := getattr(judgments.get(j.id), "outcome", None))}
    scenario_changes: list[ScenarioChange] = []
    continued: set[str] = set()
    for scenario in view.scenarios.values():
        earlier_scenario = _shown_version(project.scenarios, scenario.id, before.scenarios)
        if earlier_scenario is None:
            scenario_changes.append(ScenarioChange(scenario, "new", None))
            continue
        continued.add(earlier_scenario.id)
        shift = likelihood_shift(earlier_scenario.likelihood, scenario.likelihood)
        scenario_changes.append(ScenarioChange(scenario, shift, earlier_scenario))
    scenarios_dropped = [s for key, s in before.scenarios.items() if key not in continued]
    indicator_changes = []
    for key, indicator in view.indicators.items():
        old = before.indicators.get(key)
        old_status = old.status if old else None
        if old_status != indicator.status and not (old is None and indicator.status == "not-observed"):
            indicator_changes.append(IndicatorChange(indicator, old_status, indicator.status))
    changes = Changes(
        before.briefing,
        events_added,
        judgment_changes,
        dropped,
        indicator_changes,
        outcomes,
        scenario_changes,
        scenarios_dropped,
    )
    return View(**{**view.__dict__, "changes": changes})


def _shown_version(written: dict[str, model.Scenario], key: str, shown: dict[str, model.Scenario]) -> model.Scenario | None:
    """The version of a scenario (itself or one it supersedes, down the chain) that `shown` holds."""
    chain: list[str] = []
    while key and key not in chain:
        if key in shown:
            return shown[key]
        chain.append(key)
        key = (written[key].supersedes or "") if key in written else ""
    return None
