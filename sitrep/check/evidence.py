"""Evidence: attribution is honest in the structure, and grades mean something (Admiralty reliability and credibility)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..problems import Problem
from ..select import evidence_sources
from .walk import problem

_WEAK = set("CDEF")  # "fairly reliable" or worse: the annex's high confidence needs better


def attribution(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """`by` says who suspects, alleges or claims an actor's part; a stated part has no one to name."""
    for event in project.events.values():
        for i, participant in enumerate(event.actors):
            if participant.by and participant.attribution == "stated":
                yield problem(
                    loaded.origins[("events", event.id)],
                    ("actors", i, "by"),
                    f"event '{event.id}': actors[{i}] names who says so ('by: {participant.by}'), but its attribution is stated",
                    "set attribution: suspected, alleged or claimed (as the source reports it), or drop 'by'",
                )


def gaps(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """A conflict sets two or more sources against each other; a single-source gap rests on one source."""
    for gap in project.gaps.values():
        origin = loaded.origins[("gaps", gap.id)]
        sources = {c.source for account in gap.accounts for c in account.cite}
        if gap.type == "conflict" and (len(gap.accounts) < 2 or len(sources) < 2):
            yield problem(
                origin,
                ("accounts",),
                f"gap '{gap.id}': a conflict needs accounts from two or more sources, it has "
                f"{len(gap.accounts)} from {len(sources)}",
                "give each source's version as an account: {says: ..., cite: [...]}",
            )
        if gap.type != "conflict" and gap.accounts:
            yield problem(
                origin,
                ("accounts",),
                f"gap '{gap.id}': only a conflict has accounts",
                "set type: conflict, or cite what the fact rests on in 'cite'",
            )
        cited = sorted({c.source for c in gap.cite})
        if gap.type == "single-source" and len(cited) != 1:
            yield problem(
                origin,
                ("cite",),
                f"gap '{gap.id}': a single-source gap cites one source, it cites {len(cited)}",
                "cite the one source the fact rests on",
            )


def grading(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """Key judgments rest on graded information; high confidence on more than one good source (the annex's definition)."""
    key = {j for briefing in project.briefings.values() for j in briefing.key_judgments}
    for judgment in project.judgments.values():
        origin = loaded.origins[("judgments", judgment.id)]
        if judgment.id in key:
            for i, citation in enumerate(judgment.cite):
                if citation.credibility is None:
                    yield problem(
                        origin,
                        ("cite", i),
                        f"judgment '{judgment.id}': key judgment rests on cite[{i}] ({citation.source}), "
                        "which has no credibility grade",
                        "grade the information it quotes: credibility 1 (confirmed by other sources) to 6 "
                        "(truth cannot be judged)",
                        "warning",
                    )
        if judgment.confidence != "high":
            continue
        sources = [s for s in evidence_sources(judgment, project.events) if s in project.sources]
        if len(sources) == 1:
            yield problem(
                origin,
                ("confidence",),
                f"judgment '{judgment.id}': confidence is high, but its evidence comes from one source ({sources[0]})",
                "high confidence rests on high-quality information from several sources: lower the confidence, or "
                "cite corroborating sources",
                "warning",
            )
        elif sources and all(project.sources[s].reliability in _WEAK for s in sources):
            grades = ", ".join(f"{s} {project.sources[s].reliability}" for s in sources)
            yield problem(
                origin,
                ("confidence",),
                f"judgment '{judgment.id}': confidence is high, but its evidence comes only from sources graded C or "
                f"worse ({grades})",
                "high confidence rests on high-quality information: lower the confidence, or cite a source graded A or B",
                "warning",
            )
