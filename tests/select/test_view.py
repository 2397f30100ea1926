"""The as-of view as data: its JSON text is its data, written item by item."""

from __future__ import annotations

import json

from sitrep import pipeline
from sitrep.select import View

from ..conftest import ROOT, SULU


def test_the_json_text_is_the_views_data_as_compact_json_byte_for_byte() -> None:
    for project in (ROOT, SULU):
        views: dict[str, View] = {}
        pipeline.load_and_check(project, views=views)
        assert views
        for slug, view in views.items():
            expected = json.dumps(view.to_json(), ensure_ascii=False, separators=(",", ":"))
            assert view.to_json_text() == expected, (project, slug)
            assert json.loads(view.to_json_text())["events"] == [e.model_dump(mode="json") for e in view.events.values()]
