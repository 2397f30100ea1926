"""`sitrep add-source` end to end: the page and its text kept, the metadata written and checked, nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from ...conftest import ARTICLES, Run, edit

HTML_OUTPUT = """\
archived tigris-ledger.html as source 'tigris-ledger-2020-04-22':
  content/sources/tigris-ledger-2020-04-22.txt   the text quotes are checked against
  content/sources/tigris-ledger-2020-04-22.html  the page as saved
  content/sources/tigris-ledger-2020-04-22.yaml  its metadata
found:
  title      Rockets strike Camp Taji as coalition trainers prepare to leave — the page's <meta property="og:title">
  outlet     The Tigris Ledger — the page's <meta property="og:site_name">
  author     Nadia Rahimi — the page's <meta name="author">
  published  2020-04-22 — from the page's <meta property="article:published_time"> (2020-04-22T09:14:00+03:00)
  url        https://tigris-ledger.example/iraq/2020/04/22/rockets-strike-camp-taji — the page's canonical link
to do: fill in kind, reliability, descriptor in content/sources/tigris-ledger-2020-04-22.yaml; `sitrep check` reports them until you do
"""


CHECK_AFTER = """\
content/sources/tigris-ledger-2020-04-22.yaml:{kind}:6: source 'tigris-ledger-2020-04-22': 'kind' is empty, not an allowed value
    fix: use one of 'news', 'analysis', 'official', 'social' or 'other'
content/sources/tigris-ledger-2020-04-22.yaml:{rel}:13: source 'tigris-ledger-2020-04-22': 'reliability' is empty, not an allowed value
    fix: use one of 'A', 'B', 'C', 'D', 'E' or 'F'
check failed: 2 errors, 0 warnings in 1 file
"""


def fill(path: Path) -> None:
    """What the analyst writes: the three fields only a person can judge."""
    edit(path, "kind:  #", "kind: news  #")
    edit(path, "reliability:  #", "reliability: C  #")
    edit(path, "descriptor:  #", "descriptor: Fictional Baghdad daily written for sitrep's tests  #")


def test_a_web_page_is_reduced_to_its_article_and_kept_beside_it(project: Path, run: Run) -> None:
    result = run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.html"))
    assert (result.code, result.err) == (0, "")
    assert result.out == HTML_OUTPUT
    sources = project / "content" / "sources"
    text = (sources / "tigris-ledger-2020-04-22.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Rockets strike Camp Taji as coalition trainers prepare to leave"
    assert paragraphs[1].startswith("BAGHDAD – Three Katyusha rockets struck Camp Taji north of Baghdad on April 21")
    assert len(paragraphs) == 7  # the title and six paragraphs, one blank line between them
    assert (
        paragraphs[-1]
        == "This article is fictional: it was written to test sitrep, and the attack it reports did not take place.\n"
    )
    for chrome in (
        "cookie",
        "Subscribe",
        "Related stories",
        "Read more",
        "Share this",
        "All rights reserved",
        "Search the Ledger",
    ):
        assert chrome not in text
    assert (sources / "tigris-ledger-2020-04-22.html").read_bytes() == (ARTICLES / "tigris-ledger.html").read_bytes()


def test_the_metadata_passes_check_but_for_what_the_analyst_must_fill(project: Path, run: Run) -> None:
    run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.html"))
    yaml_path = project / "content/sources/tigris-ledger-2020-04-22.yaml"
    lines = yaml_path.read_text(encoding="utf-8").splitlines()
    number = {line.split(":")[0]: index + 1 for index, line in enumerate(lines)}
    result = run("--project", str(project), "check")
    assert result.code == 1
    assert result.err == CHECK_AFTER.format(kind=number["kind"], rel=number["reliability"])
    fill(yaml_path)
    result = run("--project", str(project), "check")
    assert (result.code, result.err) == (
        0,
        "content/sources/tigris-ledger-2020-04-22.yaml:4:1: warning: source 'tigris-ledger-2020-04-22' is cited by nothing\n"
        "    fix: cite it from an event, actor or judgment, or remove it\n"
        "0 errors, 1 warning in 1 file (warnings fail the check only with --strict)\n",
    )


def test_plain_text_is_archived_byte_for_byte(project: Path, run: Run) -> None:
    result = run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.txt"), "--id", "tigris-ledger-text")
    assert result.code == 0
    assert result.out == (
        "archived tigris-ledger.txt as source 'tigris-ledger-text':\n"
        "  content/sources/tigris-ledger-text.txt   the text quotes are checked against\n"
        "  content/sources/tigris-ledger-text.yaml  its metadata\n"
        "found:\n"
        "  title      Rockets strike Camp Taji as coalition trainers prepare to leave — line 3, the last headline-like line before the first paragraph: check it\n"
        "  outlet     The Tigris Ledger — line 1, the text's first line: check it is the outlet\n"
        "  author     Nadia Rahimi — line 6, next to the date: check it is the author\n"
        "  published  2020-04-22 — from the date on line 5 of the text, 'April 22, 2020'\n"
        "to do: fill in kind, reliability, descriptor in content/sources/tigris-ledger-text.yaml; `sitrep check` reports them until you do\n"
    )
    sources = project / "content" / "sources"
    assert (sources / "tigris-ledger-text.txt").read_bytes() == (ARTICLES / "tigris-ledger.txt").read_bytes()
    assert not (sources / "tigris-ledger-text.html").exists()
    fill(sources / "tigris-ledger-text.yaml")
    assert run("--project", str(project), "check").err.endswith(
        "0 errors, 1 warning in 1 file (warnings fail the check only with --strict)\n"
    )


def test_the_yaml_says_how_each_value_was_found(project: Path, run: Run) -> None:
    run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.txt"))
    written = (project / "content/sources/tigris-ledger-2020-04-22.yaml").read_text(encoding="utf-8")
    assert written == (
        "# yaml-language-server: $schema=../../schema/source.schema.json\n"
        "# Written by `sitrep add-source` from tigris-ledger.txt: plain text, archived as it is.\n"
        "# Check every value against the article; fill in the three empty fields at the end.\n"
        'title: "Rockets strike Camp Taji as coalition trainers prepare to leave"  # line 3, the last headline-like line before the first paragraph: check it\n'
        'outlet: "The Tigris Ledger"  # line 1, the text\'s first line: check it is the outlet\n'
        'author: "Nadia Rahimi"  # line 6, next to the date: check it is the author\n'
        'published: "2020-04-22"\n'
        "published_note: \"From the date on line 5 of the text, 'April 22, 2020'.\"\n"
        "kind:  # fill in: news, analysis, official, social or other\n"
        "reliability:  # fill in, Admiralty code: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F reliability cannot be judged\n"
        "descriptor:  # fill in: one line on the source's access, bias and currency (ICD 206)\n"
    )


def test_it_never_overwrites_a_file(project: Path, run: Run) -> None:
    run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.html"))
    sources = project / "content" / "sources"
    before = {path.name: path.read_bytes() for path in sources.iterdir()}
    result = run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.html"))
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "content/sources/tigris-ledger-2020-04-22.txt: already exists: add-source never overwrites a file\n"
        "    fix: pass --id with another id, or delete the file if it is an old copy of this article\n"
        "content/sources/tigris-ledger-2020-04-22.html: already exists: add-source never overwrites a file\n"
        "    fix: pass --id with another id, or delete the file if it is an old copy of this article\n"
        "content/sources/tigris-ledger-2020-04-22.yaml: already exists: add-source never overwrites a file\n"
        "    fix: pass --id with another id, or delete the file if it is an old copy of this article\n"
        "nothing written\n"
    )
    assert {path.name: path.read_bytes() for path in sources.iterdir()} == before


def test_a_clash_on_any_one_file_writes_none(project: Path, run: Run) -> None:
    sources = project / "content" / "sources"
    (sources / "clash.html").write_text("an older page", encoding="utf-8")
    result = run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.html"), "--id", "clash")
    assert result.err == (
        "content/sources/clash.html: already exists: add-source never overwrites a file\n"
        "    fix: choose another --id, or delete the file if it is an old copy of this article\n"
        "nothing written\n"
    )
    assert sorted(path.name for path in sources.glob("clash*")) == ["clash.html"]
    assert not list(sources.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--id", "Tigris_Ledger"],
            "--id: 'Tigris_Ledger' is not a valid source id\n"
            "    fix: ids are lower-case kebab: letters, digits and single hyphens, e.g. 'tigris-ledger-2020-04-22'\n",
        ),
    ],
)
def test_a_bad_id_is_refused(project: Path, run: Run, args: list[str], message: str) -> None:
    result = run("--project", str(project), "add-source", str(ARTICLES / "tigris-ledger.html"), *args)
    assert (result.code, result.err) == (1, message + "nothing written\n")
