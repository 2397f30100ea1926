"""The part-of tree: a name on several lines keeps its children's line clear of its words."""

from __future__ import annotations

import re

from sitrep.pictures.relations.tree import draw_tree
from sitrep.pictures.svg import SMALL

from ..helpers import actor, links


def test_a_parent_named_on_two_lines_starts_its_childrens_line_below_its_last_line() -> None:
    """The line down to a child starts under the parent's last line of name, not through its second line."""
    actors = {
        "coalition": actor("coalition", "coalition", name="US-led international coalition in Iraq"),
        "forces": actor("forces", "government-body", name="US forces in Iraq", parent="coalition"),
    }
    drawn, _ = draw_tree(actors, {"forces": ["coalition"]}, top=0.0, width=250.0, href=links)
    entry = re.search(r'<a[^>]*class="tree-entry"[^>]*>(.*?)</a>', drawn, re.S)
    assert entry is not None and "US-led international coalition in Iraq" in entry.group(1)
    baselines = [float(y) for y in re.findall(r'<text[^>]* y="([\d.]+)"', entry.group(1))]
    assert len(baselines) == 2  # the parent's name, whole, on two lines
    elbow = re.search(r'<path d="M([\d.]+) ([\d.]+) L[\d.]+ ([\d.]+)', drawn)
    assert elbow is not None
    assert float(elbow.group(2)) > max(baselines)  # below the parent's last line
    assert float(elbow.group(3)) - float(elbow.group(2)) < 2 * SMALL  # and down to the child's first line
