"""suggest as an analyst meets it: candidate events from a new article, in a review file, that pass check once accepted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import ARTICLES, ROOT, Run, edit

OUTPUT = """\
wrote review/tigris.yaml: 6 candidate events from 9 sentences of content/sources/tigris.txt
  line 3    2020-04-22  attack      camp-taji                                 "Rockets strike Camp Taji as coalition trainers prepare to l…"
  line 8    2020-04-21  attack      camp-taji, baghdad, iraqi-security-force  "BAGHDAD – Three Katyusha rockets struck Camp Taji north of …"
  line 10   2020-04-22  attack      myles-caggins                             "A coalition spokesman, Colonel Myles Caggins, said the rock…"
  line 12   2020-04-22  attack      -                                         "The attack was the first on the base since mid-March, when …"
  line 14   2020-03     attack      kataib-hezbollah, iran, united-states     "Kataib Hezbollah, the Iran-backed faction that Washington b…"
  line 16   2020-04-22  handover    anti-isis-coalition, camp-taji, iraqi-se  "The coalition plans to hand over Camp Taji to Iraqi forces …"
to accept one: copy its lines into content/events.yaml, remove the '# ' in front of each, confirm what is marked 'confirm', and run `sitrep check`
"""

LEAD_STUB = """\
## line 8: date 'April 21' = 2020-04-21 (the year 2020 is the source's publication year); figures: Three, two; places: camp-taji ('Taji'), baghdad ('Baghdad'); actors: iraqi-security-forces ('Iraqi security forces')
# - id: 2020-04-21-three-katyusha-rockets-struck-camp
#   title: "Three Katyusha rockets struck Camp Taji north of Baghdad on April 21, wounding two Iraqi soldiers"  # confirm: a one-line headline
#   date: 2020-04-21  # confirm: from 'April 21'
#   type: attack  # confirm the type (read from 'Katyusha')
#   actors:
#     - {actor: iraqi-security-forces, role: speaker}  # confirm the role
#   place: camp-taji  # confirm the place; also named: baghdad
#   injured: {count: 2}  # confirm: 'wounding two Iraqi soldiers'
#   cite:
#     - source: tigris
#       quote: "BAGHDAD – Three Katyusha rockets struck Camp Taji north of Baghdad on April 21, wounding two Iraqi soldiers, the Iraqi security forces said in a statement."
"""


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped project (67 actors, 18 places to match on), with the fictional article added."""
    target = tmp_path / "shipped"
    for name in ("content", "briefings"):
        shutil.copytree(ROOT / name, target / name)
    return target


def stubs(review: Path) -> str:
    """Every stub of a review file, accepted as the analyst would: the '# ' removed, the '##' notes left as comments."""
    lines = review.read_text(encoding="utf-8").splitlines()
    return "\n".join(line[2:] for line in lines if line.startswith("# -") or line.startswith("#   ")) + "\n"


def test_suggest_writes_stubs_for_review_outside_content(shipped: Path, run: Run) -> None:
    assert run("--project", str(shipped), "add-source", str(ARTICLES / "tigris-ledger.txt"), "--id", "tigris").code == 0
    before = sorted(path.read_bytes() for path in (shipped / "content").rglob("*") if path.is_file())
    result = run("--project", str(shipped), "suggest", "tigris")
    assert (result.code, result.err) == (0, "")
    assert result.out == OUTPUT
    review = (shipped / "review" / "tigris.yaml").read_text(encoding="utf-8")
    assert review.startswith(
        "# Candidate events from content/sources/tigris.txt, proposed by `sitrep suggest`.\n"
        "# Nothing in this file is read by check or build: it is for review, outside content/.\n"
    )
    assert "\n" + LEAD_STUB + "\n" in review
    assert sorted(path.read_bytes() for path in (shipped / "content").rglob("*") if path.is_file()) == before


def test_every_stub_accepted_passes_check(shipped: Path, run: Run) -> None:
    run("--project", str(shipped), "add-source", str(ARTICLES / "tigris-ledger.html"), "--id", "tigris")
    source = shipped / "content/sources/tigris.yaml"
    edit(source, "kind:  #", "kind: news  #")
    edit(source, "reliability:  #", "reliability: C  #")
    edit(source, "descriptor:  #", "descriptor: Fictional Baghdad daily  #")
    for source_id in ("tigris", "iranwire-2020-04-12", "arab-weekly-2019-12-08", "unnamed-outlet-2020-03"):
        assert run("--project", str(shipped), "suggest", source_id).code == 0
    events = shipped / "content/events.yaml"
    for review in sorted((shipped / "review").glob("*.yaml")):
        events.write_text(events.read_text(encoding="utf-8") + stubs(review), encoding="utf-8")
    result = run("--project", str(shipped), "check")
    assert result.err == ""
    assert result.code == 0


def test_sentences_already_cited_are_left_out(shipped: Path, run: Run) -> None:
    result = run("--project", str(shipped), "suggest", "arab-weekly-2019-12-08")
    first = result.out.splitlines()[0]
    assert first == (
        "wrote review/arab-weekly-2019-12-08.yaml: 3 candidate events from 31 sentences of "
        "content/sources/arab-weekly-2019-12-08.txt (26 sentences already cited left out)"
    )


def test_a_review_file_is_never_overwritten(shipped: Path, run: Run) -> None:
    run("--project", str(shipped), "suggest", "iranwire-2020-04-12")
    review = shipped / "review/iranwire-2020-04-12.yaml"
    review.write_text("# my notes\n", encoding="utf-8")
    result = run("--project", str(shipped), "suggest", "iranwire-2020-04-12")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "review/iranwire-2020-04-12.yaml: already exists: suggest never overwrites a review file\n"
        "    fix: finish reviewing it and delete it, then run suggest again\n"
        "nothing written\n"
    )
    assert review.read_text(encoding="utf-8") == "# my notes\n"


def test_an_unknown_source_is_refused(project: Path, run: Run) -> None:
    result = run("--project", str(project), "suggest", "tigris")
    assert result.code == 1
    assert result.err == (
        "content/sources/tigris.txt: no archived text for source 'tigris'\n"
        "    fix: give the id of a source with an archived text (aw, iw, meo), or add one with `sitrep add-source FILE`\n"
        "nothing written\n"
    )
    assert not (project / "review").exists()
