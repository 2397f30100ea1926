"""`check` on a good project broken in one place: each message word for word, located to the line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT, Run, edit

DATE_HINT = "write the date as YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
E = "content/events.yaml"
A = "content/actors.yaml"
J = "content/judgments.yaml"
BALAD = "event '2019-12-05-balad-rockets'"

CASES = {
    "unknown key": (
        E, "  type: attack\n  actors:\n    - {actor: iran", "  type: attack\n  typ: attack\n  actors:\n    - {actor: iran",
        f"{E}:5:3: {BALAD}: unknown key 'typ'\n    fix: allowed keys here: id, title, date, date_end, type, "
        "actors, place, killed, injured, figures, summary, tags, key, cite",
    ),
    "impossible day": (
        E, "date: 2019-12-05", "date: 2019-02-30",
        f"{E}:3:9: {BALAD}: 'date': '2019-02-30' is not a real day: February 2019 has 28 days\n    fix: {DATE_HINT}",
    ),
    "impossible month": (
        E, "date: 2019-12-05", "date: 2019-13",
        f"{E}:3:9: {BALAD}: 'date': '2019-13' has no month 13: months run 01 to 12\n    fix: {DATE_HINT}",
    ),
    "date in words": (
        E, "date: 2019-12-05", "date: 5 December 2019",
        f"{E}:3:9: {BALAD}: 'date': '5 December 2019' is not a date: write 2019-12-05\n    fix: {DATE_HINT}",
    ),
    "vocabulary": (
        E, "type: attack", "type: bombing",
        f"{E}:4:9: {BALAD}: 'type' is 'bombing', not an allowed value\n    fix: use one of 'attack', 'strike', 'handover', "
        "'deployment', 'statement', 'threat', 'sanction', 'protest', 'political', 'plan' or 'other'",
    ),
    "dangling place": (
        E, "place: balad-airbase", "place: balad-air-base",
        f"{E}:7:10: place 'balad-air-base' does not exist\n    fix: did you mean 'balad-airbase'?",
    ),
    "wrong type": (
        E, "killed: {count: 0}", "killed: {count: three}",
        f"{E}:8:19: {BALAD}: 'killed.count' should be a whole number, found text\n    fix: write 'count' as a whole number",
    ),
    "range upside down": (
        E, "killed: {count: 0}", "killed: {low: 5, high: 2}",
        f"{E}:8:11: {BALAD}: 'killed': 'low' (5) is above 'high' (2)\n    fix: write {{count: N}}, or {{low: N, high: M}} "
        "where sources differ; leave it out when not reported",
    ),
    "text where a list belongs": (
        E, "tags: [rocket-attacks]", "tags: rocket-attacks",
        f"{E}:9:9: {BALAD}: 'tags' should be a list, found text\n    fix: write each entry of 'tags' on its own line starting with '- '",
    ),
    "credibility out of range": (
        E, "      credibility: 2", "      credibility: 7",
        f"{E}:13:20: {BALAD}: 'cite[0].credibility' is 7, above the highest allowed value, 6\n"
        "    fix: Admiralty credibility runs from 1 (confirmed by other sources) to 6 (truth cannot be judged)",
    ),
    "quote not in source": (
        E, "quote: Two Katyusha", "quote: Three Katyusha",
        f"{E}:12:14: {BALAD}: quote not found in source 'aw': \"Three Katyusha rockets hit Balad Airbase north of Baghdad "
        "December 5\"\n    fix: the text has \"Two Katyusha rockets hit Balad Airbase north of Baghdad December 5\": copy the words exactly",
    ),
    "ellipsis out of order": (
        E, "quote: drone strike flying close to Baghdad airport ... General Qassem Soleimani",
        "quote: General Qassem Soleimani ... drone strike flying close to Baghdad airport",
        f"{E}:22:14: event '2020-01-03-soleimani-killed': quote not found in source 'iw': \"General Qassem Soleimani ... drone "
        "strike flying close to Baghdad airport\"\n    fix: each part is in the text, but not in this order: fragments joined by "
        "'...' must follow the text's order",
    ),
    "duplicate id": (
        E, "- id: 2020-kh-attacks", "- id: 2019-12-05-balad-rockets",
        f"{E}:23:7: duplicate event id '2019-12-05-balad-rockets' (first used at {E}:1)\n"
        "    fix: ids are unique across a collection and never reused: rename one",
    ),
    "missing field": (
        E, "  title: Kataib Hezbollah attacks\n", "",
        f"{E}:23:3: event '2020-kh-attacks': 'title' is required\n    fix: add 'title: ...' to this event",
    ),
    "date_end before date": (
        E, "  date: 2020-03\n", "  date: 2020-03\n  date_end: 2020-02\n",
        f"{E}:26:13: event '2020-kh-attacks': date_end 2020-02 is before date 2020-03\n"
        "    fix: date_end is the latest the event can have happened: make it the same as or after 'date'",
    ),
    "parent cycle": (
        A, "- id: pmf\n  name: Popular Mobilization Forces\n", "- id: pmf\n  name: Popular Mobilization Forces\n  parent: kataib-hezbollah\n",
        f"{A}:21:11: actor 'kataib-hezbollah': parents form a loop: pmf -> kataib-hezbollah -> pmf\n"
        "    fix: an actor cannot operate under itself: remove 'parent' from one of them",
    ),
    "country code": (
        A, "country: IR", "country: Iran",
        f"{A}:4:12: actor 'iran': 'country' is 'Iran', not a country code\n    fix: use an ISO 3166 alpha-2 code in capitals, e.g. IQ, US, IR",
    ),
    "duplicate key": (
        A, "  kind: state\n", "  kind: state\n  kind: armed-group\n",
        f"{A}:4:3: duplicate key 'kind' (first written on line 3)\n    fix: keep one of the two: YAML would silently drop the first",
    ),
    "tab": (A, "  kind: state\n", "\tkind: state\n", f"{A}:3:1: a tab character is used for indentation\n    fix: indent with spaces, not tabs"),
    "python tag": (
        A, "  kind: state\n", "  kind: !!python/object/apply:os.system [id]\n",
        f"{A}:3:9: the tag '!!python/object/apply:os.system' is not allowed\n"
        "    fix: remove the tag: content is plain YAML (mappings, lists, text, numbers, true/false, null)",
    ),
    "syntax": (
        A, "  name: Iran\n", "  name: [Iran\n",
        f"{A}:3:7: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)\n"
        "    fix: check the indentation and punctuation here and on the line above; quote text that contains ': ' or starts with a symbol",
    ),
    "latitude": (
        "content/places.yaml", "  lat: 33.94", "  lat: 133.94",
        "content/places.yaml:6:8: place 'balad-airbase': 'lat' is 133.94, above the highest allowed value, 90\n"
        "    fix: latitude is in WGS84 degrees, from -90 to 90",
    ),
    "ICD 203 likelihood words": (
        J, "will likely continue", "will almost certainly continue",
        f"{J}:2:14: judgment 'attacks-continue-2019': the statement says \"almost certainly\" (almost certain) but likelihood is likely\n"
        "    fix: use the words of 'likely' (likely, probable, probably) or change 'likelihood'",
    ),
    "ICD 203 confidence words": (
        J, "will likely continue", "will likely continue (high confidence)",
        f"{J}:2:14: judgment 'attacks-continue-2019': the statement says \"high confidence\" but confidence is moderate\n"
        "    fix: state confidence only in the 'confidence' field, apart from the likelihood sentence",
    ),
    "change contradicts likelihoods": (
        J, "  change: raised", "  change: lowered",
        f"{J}:16:11: judgment 'attacks-continue-2020': change is 'lowered' but likelihood went from likely to very-likely (raised)\n"
        "    fix: set change: raised, or correct the likelihood",
    ),
    "status history": (
        "content/indicators.yaml", "  status: observed\n", "  status: emerging\n",
        "content/indicators.yaml:4:11: indicator 'rockets-resume': status is emerging but the last status_history entry says observed\n"
        "    fix: make 'status' equal the latest entry of status_history",
    ),
    "missing previous": (
        "briefings/ed2.yaml", "previous: ed1", "previous: ed0",
        "briefings/ed2.yaml:7:11: briefing 'ed0' does not exist\n    fix: use the id of a briefing defined in briefings/, or add one",
    ),
    "as_of not a day": (
        "briefings/ed1.yaml", "as_of: 2019-12-08", "as_of: 2019-12",
        "briefings/ed1.yaml:3:8: briefing 'ed1': as_of 2019-12 is not a day\n    fix: a briefing speaks from one day: write as_of as YYYY-MM-DD",
    ),
    "judgment from the future": (
        "briefings/ed1.yaml", "key_judgments: [attacks-continue-2019]", "key_judgments: [attacks-continue-2020]",
        "briefings/ed1.yaml:7:17: briefing 'ed1': key judgment 'attacks-continue-2020' cites no source published by 2019-12-08\n"
        "    fix: an edition sees only sources published by its as_of date: cite an earlier source or drop the judgment",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_broken_project_fails_with_located_message(name: str, project: Path, run: Run) -> None:
    path, old, new, expected = CASES[name]
    edit(project / path, old, new)
    result = run("--project", str(project), "check")
    assert result.code == 1
    assert result.err == f"{expected}\ncheck failed: 1 error, 0 warnings in 1 file\n"


def test_good_project_passes_strict(project: Path, run: Run) -> None:
    result = run("--project", str(project), "check", "--strict")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.startswith("check passed: 3 sources, 3 actors, 1 place, 3 events, 2 judgments")


def test_every_error_is_reported_in_one_run(project: Path, run: Run) -> None:
    edit(project / E, "type: attack", "type: bombing")
    edit(project / A, "country: IR", "country: Iran")
    edit(project / J, "will likely continue", "will almost certainly continue")
    result = run("--project", str(project), "check")
    assert result.code == 1
    located = [line.split(": ")[0] for line in result.err.splitlines() if not line.startswith(("    fix:", "check failed"))]
    assert located == [f"{A}:4:12", f"{E}:4:9", f"{J}:2:14"]
    assert result.err.endswith("check failed: 3 errors, 0 warnings in 3 files\n")


def test_warnings_pass_unless_strict(project: Path, run: Run) -> None:
    edit(project / E, "{actor: iran, role: perpetrator}", "{actor: pmf, role: involved}")
    expected = f"{A}:1:7: warning: actor 'iran' takes part in no event\n    fix: add it to an event's actors, or remove it\n"
    relaxed = run("--project", str(project), "check")
    assert relaxed.code == 0
    assert relaxed.err == expected + "0 errors, 1 warning in 1 file (warnings fail the check only with --strict)\n"
    strict = run("--project", str(project), "check", "--strict")
    assert strict.code == 1
    assert strict.err == expected + "check failed: 0 errors, 1 warning in 1 file\n"


def test_uncited_source_warns(project: Path, run: Run) -> None:
    (project / "content/sources/extra.yaml").write_text((project / "content/sources/aw.yaml").read_text())
    (project / "content/sources/extra.txt").write_text("Nothing quotes this.\n")
    result = run("--project", str(project), "check", "--strict")
    assert result.code == 1
    assert "content/sources/extra.yaml:1:1: warning: source 'extra' is cited by nothing\n" in result.err


def test_cli_exits_1_without_traceback(project: Path) -> None:
    edit(project / A, "  kind: state\n", "  kind: state\n  kind: armed-group\n")
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "check"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{A}:4:3: duplicate key 'kind'")


def test_a_misspelt_key_is_named(project: Path, run: Run) -> None:
    edit(project / E, "  type: attack\n  actors:\n    - {actor: iran", "  typ: attack\n  actors:\n    - {actor: iran")
    result = run("--project", str(project), "check")
    assert result.code == 1
    assert result.err == (
        f"{E}:1:3: {BALAD}: 'type' is required\n    fix: add 'type: ...' to this event\n"
        f"{E}:4:3: {BALAD}: unknown key 'typ'\n    fix: did you mean 'type'? allowed keys here: id, title, date, date_end, type, "
        "actors, place, killed, injured, figures, summary, tags, key, cite\n"
        "check failed: 2 errors, 0 warnings in 1 file\n"
    )
