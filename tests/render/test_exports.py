"""Exports: a suspect is never made actor1, and every export says how a source attributes an actor's part."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sitrep.load import load_project
from sitrep.render import exports
from sitrep.render.html import environment, render
from sitrep.render.pages import site_pages
from sitrep.select import select

from ..conftest import edit

SUSPECTED = "- {actor: iran, role: perpetrator, attribution: suspected, by: kataib-hezbollah}"


def _december(project: Path):  # type: ignore[no-untyped-def]
    edit(project / "content/events.yaml", "- {actor: iran, role: perpetrator}", SUSPECTED)
    loaded = load_project(project)
    return loaded.project, select(loaded.project, loaded.project.briefings["ed1"])


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
    assert text.endswith("Attributed, not stated: Iran (perpetrator, suspected by Kataib Hezbollah).")


def test_pages_show_the_attribution(project: Path) -> None:
    data, view = _december(project)
    page = next(
        p
        for p in site_pages(data, {"ed1": view, **{s: select(data, b) for s, b in data.briefings.items() if s != "ed1"}})
        if p.path == "briefings/ed1.html"
    )
    html = render(environment(project / "templates"), page.template, page.context)
    assert '<span class="role attributed">(perpetrator, suspected by Kataib Hezbollah)</span>' in html
