"""The outlook: indicators' status histories are in order, and each edition's alternative scenarios form a set (ICD 203)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..problems import Problem
from ..select import View
from .walk import problem


def indicators(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for indicator in project.indicators.values():
        history = indicator.status_history
        origin = origins[("indicators", indicator.id)]
        if history and history[-1].status != indicator.status:
            yield problem(
                origin,
                ("status",),
                f"indicator '{indicator.id}': status is {indicator.status} but the last status_history entry says {history[-1].status}",
                "make 'status' equal the latest entry of status_history",
            )
        for i in range(1, len(history)):
            if history[i].date.sort_key() < history[i - 1].date.sort_key():
                yield problem(
                    origin,
                    ("status_history", i, "date"),
                    f"indicator '{indicator.id}': status_history is not in date order",
                    "list status changes oldest first",
                )


def outlook(project: model.Project, loaded: Loaded, views: dict[str, View]) -> Iterator[Problem]:
    """Alternative scenarios can add up to 100 % (the low ends at most 100, the high ends at least 100), share one
    horizon, and each has an indicator the edition can see. Each problem is told once, for the first edition."""
    told: set[tuple[str, ...]] = set()
    for view in sorted(views.values(), key=lambda v: (v.briefing.as_of.sort_key(), v.briefing.slug)):
        slug = view.briefing.slug
        alternatives = [s for s in view.scenarios.values() if s.alternative]
        for scenario in alternatives:
            if not scenario.indicators and ("indicators", scenario.id) not in told:
                told.add(("indicators", scenario.id))
                yield problem(
                    loaded.origins[("scenarios", scenario.id)],
                    ("indicators",),
                    f"scenario '{scenario.id}' has no indicator that edition '{slug}' can see",
                    "name at least one indicator that would show the scenario coming, cited by a source the edition sees",
                )
        if len(alternatives) < 2:
            continue
        first = alternatives[0]
        low = sum(model.LIKELIHOOD[s.likelihood][1] for s in alternatives)
        high = sum(model.LIKELIHOOD[s.likelihood][2] for s in alternatives)
        key = ("sum", *sorted(s.id for s in alternatives))
        if not low <= 100 <= high and key not in told:
            told.add(key)
            terms = ", ".join(
                f"{model.LIKELIHOOD[s.likelihood][0]} ({model.LIKELIHOOD[s.likelihood][1]}–{model.LIKELIHOOD[s.likelihood][2]} %)"
                for s in alternatives
            )
            hint = (
                "alternatives exclude each other: lower a likelihood, merge scenarios that overlap, or set "
                "alternative: false on a wildcard"
                if low > 100
                else "alternatives together cover what may happen: add the missing future, or raise a likelihood"
            )
            yield problem(
                loaded.origins[("scenarios", first.id)],
                ("likelihood",),
                f"edition '{slug}' offers {len(alternatives)} alternative scenarios whose likelihoods cannot add up to "
                f"100 %: {terms} sum to {low}–{high} %",
                hint,
            )
        for scenario in alternatives[1:]:
            if scenario.horizon != first.horizon and ("horizon", scenario.id) not in told:
                told.add(("horizon", scenario.id))
                yield problem(
                    loaded.origins[("scenarios", scenario.id)],
                    ("horizon",),
                    f"scenario '{scenario.id}': horizon {scenario.horizon or 'none'} differs from that of "
                    f"'{first.id}' ({first.horizon or 'none'}), an alternative in edition '{slug}'",
                    "alternatives look to one horizon: give them the same date",
                )
