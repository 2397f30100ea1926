"""The analyst's loop end to end: a new article, as a web page or as plain text, becomes a cited event in a briefing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitrep import pipeline
from sitrep.render.citations import quote_anchor

from ..conftest import ARTICLES, ROOT, Run, edit

QUOTE = (
    "BAGHDAD – Three Katyusha rockets struck Camp Taji north of Baghdad on April 21, "
    "wounding two Iraqi soldiers, the Iraqi security forces said in a statement."
)


def accept(review: Path, words: str) -> str:
    """The stub whose quote holds `words`, with the '# ' taken off each line: what the analyst pastes."""
    stubs = review.read_text(encoding="utf-8").split("\n\n")
    (stub,) = [s for s in stubs if words in s and "# - id:" in s]
    return "\n".join(line[2:] for line in stub.splitlines() if line.startswith("# ")) + "\n"


@pytest.mark.parametrize("article", ["tigris-ledger.html", "tigris-ledger.txt"])
def test_an_article_becomes_a_cited_event_in_a_briefing(article: str, tmp_path: Path, run: Run) -> None:
    project = tmp_path / "project"
    for name in ("content", "briefings"):
        shutil.copytree(ROOT / name, project / name)
    source = "tigris-ledger-2020-04-22"

    assert run("--project", str(project), "add-source", str(ARTICLES / article)).code == 0
    metadata = project / f"content/sources/{source}.yaml"
    edit(metadata, "kind:  #", "kind: news  #")
    edit(metadata, "reliability:  #", "reliability: C  #")
    edit(metadata, "descriptor:  #", "descriptor: Fictional Baghdad daily, bylined, citing Iraqi security forces  #")

    assert run("--project", str(project), "suggest", source).code == 0
    stub = accept(project / f"review/{source}.yaml", "Three Katyusha rockets struck Camp Taji")
    assert f'      quote: "{QUOTE}"\n' in stub
    events = project / "content/events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + stub, encoding="utf-8")

    found = run("--project", str(project), "quote", source, "three rockets struck camp taji")
    assert '    quote: "Three Katyusha rockets struck Camp Taji"\n' in found.out

    checked = run("--project", str(project), "check")
    assert (checked.code, checked.err) == (0, "")

    loaded, problems = pipeline.load_and_check(project)
    assert problems == []
    pipeline.write_site(pipeline.plan_build(loaded, project), project / "_site", {}, indexer=None)  # pages only
    april_30 = (project / "_site/briefings/us-iran-iraq-2020-04-30.html").read_text(encoding="utf-8")
    stub_id = re.search(r"- id: (\S+)", stub)
    assert stub_id, stub
    event_id = stub_id.group(1)
    assert event_id == "2020-04-21-three-katyusha-rockets-struck-camp"
    assert "Three Katyusha rockets struck Camp Taji north of Baghdad on April 21, wounding two Iraqi soldiers" in april_30
    # in the edition's event annex, the citation leads to the source as the edition knew it, in the edition's own pages
    annex = (project / "_site/briefings/us-iran-iraq-2020-04-30/events.html").read_text(encoding="utf-8")
    assert f'href="../../briefings/us-iran-iraq-2020-04-30/sources/{source}.html#{quote_anchor(source, QUOTE)}"' in annex
    # the edition of 15 April cannot see an article of 22 April
    april_15 = (project / "_site/briefings/us-iran-iraq-2020-04-15.html").read_text(encoding="utf-8")
    assert "Three Katyusha rockets struck Camp Taji" not in april_15
    assert source not in april_15
    source_page = (project / f"_site/sources/{source}.html").read_text(encoding="utf-8")
    assert f'<mark id="{quote_anchor(source, QUOTE)}"' in source_page
