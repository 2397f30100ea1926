"""The pipeline's shape: a build keys and writes its pages one at a time, holding none of them between."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from sitrep.load import load_project
from sitrep.pipeline import list_pages, plan_build, write_site
from sitrep.render.pages import Drawings, Page

from .conftest import MINI


def live_pages() -> list[Page]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, Page)]


def test_a_build_holds_one_page_at_a_time(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    loaded = load_project(project)
    plan = plan_build(loaded, project)
    assert live_pages() == []  # every page was keyed, and none is kept
    paths = []
    for page in plan.each_page():
        paths.append(page.path)
        del page
        assert len(live_pages()) <= 1  # the one being made (an index page is finished after it is made)
    assert tuple(paths) == plan.page_paths
    assert len(paths) == len(set(paths)) > 40
    stats = write_site(plan, tmp_path / "site", {}, indexer=None)
    assert stats.pages_written == len(paths)
    assert live_pages() == []
    # the pages listed up front (as the preview does) are the same pages, keyed the same
    listed = list_pages(loaded, project, plan.views, Drawings())
    assert [p.path for p in listed] == paths
    assert plan_build(loaded, project, views=plan.views, pages=listed).keys == plan.keys
