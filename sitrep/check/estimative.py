"""ICD 203 estimative language: the words of judgments and scenarios agree with their likelihood and confidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .. import model
from ..load import Loaded
from ..model import confidence_shift, likelihood_shift
from ..model.kinds import KINDS
from ..problems import Problem
from .walk import problem

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


def estimative_language(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
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
                yield problem(
                    origin,
                    (field,),
                    f"{KINDS[name].singular} '{item.id}': the {field} says \"{written}\" ({model.LIKELIHOOD[term][0]}) but likelihood is {item.likelihood}",
                    f"use the words of '{item.likelihood}' ({', '.join(model.LIKELIHOOD[item.likelihood][3])}) or change 'likelihood'",
                )
        if name == "judgments":
            for match in _CONFIDENCE_WORDS.finditer(words):
                level = match.group(1).lower().replace("medium", "moderate")
                if level != item.confidence:
                    yield problem(
                        origin,
                        (field,),
                        f"judgment '{item.id}': the statement says \"{match.group(0)}\" but confidence is {item.confidence}",
                        "state confidence only in the 'confidence' field, apart from the likelihood sentence",
                    )


# Words beside the ICD 203 terms that change how much a statement claims. Certainty and sweep
# ("clearly", "all") claim more whatever the likelihood; scale ("large-scale", "sustained") claims more
# of a thing judged likely, but less of a thing judged unlikely (a sustained war is harder to have than
# a war); hedges ("may", "limited", "if") claim less of a thing judged likely.
_CERTAINTY = ("certainly", "clearly", "definitely", "undoubtedly", "inevitably", "must", "all", "every", "always", "never", "any")
_SCALE = (
    "sustained",
    "large-scale",
    "full-scale",
    "major",
    "massive",
    "decisive",
    "wider",
    "widespread",
    "imminent",
    "immediate",
)
_HEDGES = (
    "may", "might", "could", "possibly", "perhaps", "some", "limited", "partly", "partial", "if", "unless",
    "appears", "seems", "suggests", "reportedly", "occasional", "sporadic",
)  # fmt: skip


_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')  # a source's words, quoted: not the analysts' claim


def _words(text: str, lexicon: tuple[str, ...]) -> set[str]:
    found = set(re.findall(r"[a-z]+(?:-[a-z]+)*", _QUOTED.sub(" ", text).lower()))
    return {word for word in lexicon if word in found}


def stronger_wording(before: str, after: str, likelihood: str) -> str:
    """What makes `after` claim more than `before` at the same `likelihood`; '' when nothing does."""
    likely = list(model.LIKELIHOOD).index(likelihood) >= list(model.LIKELIHOOD).index("roughly-even-chance")
    added = _words(after, _CERTAINTY) - _words(before, _CERTAINTY)
    dropped: set[str] = set()
    if likely:
        added |= _words(after, _SCALE) - _words(before, _SCALE)
        dropped = _words(before, _HEDGES) - _words(after, _HEDGES)
    else:
        dropped = _words(before, _SCALE) - _words(after, _SCALE)
    return ", ".join([*(f"adds '{w}'" for w in sorted(added)), *(f"drops '{w}'" for w in sorted(dropped))])


def judgment_changes(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for judgment in project.judgments.values():
        origin = origins[("judgments", judgment.id)]
        earlier = project.judgments.get(judgment.supersedes or "")
        if judgment.supersedes and earlier is None:
            continue  # reported as a dangling reference
        if earlier is None:
            # The contract's form: `change` and a `change_note` on the judgment itself, no earlier version to compare.
            if judgment.change in ("raised", "lowered") and not judgment.change_note:
                yield problem(
                    origin,
                    ("change",),
                    f"judgment '{judgment.id}': change is '{judgment.change}' but neither a change_note nor "
                    "'supersedes' says from what",
                    "say in change_note what the judgment was before and what moved it, or name the earlier "
                    "judgment in 'supersedes'",
                    "warning",
                )
            continue
        if judgment.supersedes == judgment.id:
            yield problem(
                origin, ("supersedes",), f"judgment '{judgment.id}' supersedes itself", "name the earlier edition's judgment"
            )
            continue
        shift = likelihood_shift(earlier.likelihood, judgment.likelihood)
        if judgment.change != shift:
            yield problem(
                origin,
                ("change",),
                f"judgment '{judgment.id}': change is '{judgment.change}' but likelihood went from {earlier.likelihood} to {judgment.likelihood} ({shift})",
                f"set change: {shift}, or correct the likelihood",
            )
        if judgment.change != "unchanged" and not judgment.change_note:
            yield problem(
                origin,
                ("change",),
                f"judgment '{judgment.id}': change '{judgment.change}' has no change_note",
                "say in change_note what moved the judgment",
                "warning",
            )
        confidence = confidence_shift(earlier.confidence, judgment.confidence)
        if confidence != "unchanged" and not judgment.change_note:
            yield problem(
                origin,
                ("confidence",),
                f"judgment '{judgment.id}': confidence {confidence} from {earlier.confidence} to {judgment.confidence} "
                "with no change_note",
                "say in change_note what changed the evidence",
                "warning",
            )
        if judgment.change == "unchanged":
            stronger = stronger_wording(earlier.statement, judgment.statement, judgment.likelihood)
            if stronger:
                yield problem(
                    origin,
                    ("statement",),
                    f"judgment '{judgment.id}' is marked unchanged, but its wording is stronger than '{earlier.id}': {stronger}",
                    "say so: raise the likelihood (change: raised, with a change_note), or keep the earlier wording",
                    "warning",
                )
