"""Where the boxes go: every name whole in its box, every box and row inside the picture, at print and phone width."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from sitrep import model, pictures
from sitrep.pictures.relations.edges import MOST_SHOWN
from sitrep.pictures.svg import NARROW, WIDE, text_width

from ..helpers import CITE, links, sulu
from ..layout import SVG, Box, inside, overlapping, parse, text_box, texts, view_box
from .drawing import node_boxes

# fifty names of the length real briefings carry (the cap on what the diagram draws): the first five are states
_STATES = ("Syrian Arab Republic", "Republic of Türkiye", "Islamic Republic of Iran", "Russian Federation", "United States")
_GROUPS = (
    "Hayat Tahrir al-Sham Coordination Committee",
    "Syrian Democratic Forces",
    "Islamic Revolutionary Guard Corps",
    "Popular Mobilization Forces",
    "Kataib Hezbollah",
    "Asa'ib Ahl al-Haq",
    "Harakat Hezbollah al-Nujaba",
    "Kataib Sayyid al-Shuhada",
    "Badr Organization",
    "Syrian National Army",
    "Ahrar al-Sham",
    "Kurdistan Workers' Party",
    "People's Protection Units",
    "Women's Protection Units",
    "Kurdistan Region Peshmerga",
    "Islamic State in Iraq and the Levant",
    "Islamic State West Africa Province",
    "Jama'at Nusrat al-Islam wal-Muslimin",
    "Harakat al-Shabaab al-Mujahideen",
    "Ansar Allah",
    "Southern Transitional Council",
    "Al-Qaeda in the Arabian Peninsula",
    "Lebanese Hezbollah",
    "Palestinian Islamic Jihad",
    "Popular Front for the Liberation of Palestine",
    "Rapid Support Forces",
    "Sudanese Armed Forces",
    "Tigray People's Liberation Front",
    "Wagner Group",
    "Tahrir al-Sham General Security Service",
    "Coalition to Restore Legitimacy in Yemen",
    "Combined Joint Task Force Operation Inherent Resolve",
    "United Nations Assistance Mission for Iraq",
    "Kurdistan Regional Government",
    "Iraqi Counter-Terrorism Service",
    "Syrian Arab Army",
    "National Defence Forces",
    "Liwa Fatemiyoun",
    "Liwa Zainebiyoun",
    "Turkistan Islamic Party",
    "Hurras al-Din",
    "Sham Legion",
    "Sultan Murad Division",
    "Hamza Division",
    "Counterterrorism-and-Stabilisation Directorate",  # one word too wide for a common box: its box is wider
)
_TYPES = ("backs", "opposes", "allied-with", "leads")


def _named_web(lines: int, seed: int) -> dict[str, model.Actor]:
    """The fifty actors with `lines` random relations among them, a few part of another."""
    draw = random.Random(seed)
    names = [*_STATES, *_GROUPS]
    ids = [f"a{k:02d}" for k in range(len(names))]
    relations: dict[str, list[dict[str, object]]] = {i: [] for i in ids}
    for k in range(lines):  # each actor in one relation at least: all fifty are drawn
        a, b = (ids[k], draw.choice([*ids[:k], *ids[k + 1 :]])) if k < len(ids) else draw.sample(ids, 2)
        said: dict[str, object] = {"type": draw.choice(_TYPES), "target": b, "cite": CITE}
        if said not in relations[a]:
            relations[a].append(said)
    return {
        i: model.Actor.model_validate(
            {
                "id": i,
                "name": name,
                "kind": "state" if k < len(_STATES) else "armed-group",
                "parent": ids[k - 1] if k > len(_STATES) and k % 11 == 1 else None,
                "relations": relations[i],
                "cite": CITE,
            }
        )
        for k, (i, name) in enumerate(zip(ids, names, strict=True))
    }


def _names_whole_and_inside(root: ET.Element) -> dict[str, Box]:
    """Each box's name read back from its lines, checked whole, uncut and inside its box and the picture; the boxes."""
    frame = view_box(root)
    assert not [t for t in texts(root) if "…" in t]
    boxes: dict[str, Box] = {}
    for group in root.iter():
        if group.get("class") not in ("node", "tree-entry"):
            continue
        title = group.findtext(f"{SVG}title") or ""
        name = title.rsplit(" (", 1)[0] if group.get("class") == "node" else title  # a box's title adds its kind
        lines = group.findall(f"{SVG}text")
        assert " ".join("".join(t.itertext()) for t in lines) == name
        for line in lines:  # by the kit's measure and by the font file's, whichever is wider
            words, x, size = "".join(line.itertext()), float(line.get("x", 0)), float(line.get("font-size", 0))
            kit = (x, 0.0, x + text_width(words, size, line.get("font-weight") == "700"), 0.0)
            ink = text_box(line, [])
            extent = (x, ink[1], max(kit[2], ink[2]), ink[3])
            assert inside(extent, frame), (name, words, extent, frame)
            if group.get("class") == "node":
                rect = group.find(f"{SVG}rect")
                assert rect is not None
                left, top = float(rect.get("x", 0)), float(rect.get("y", 0))
                box = (left, top, left + float(rect.get("width", 0)), top + float(rect.get("height", 0)))
                assert inside(extent, box, slack=0.05), (name, words, extent, box)
                assert inside(box, frame), (name, box, frame)
                boxes[name] = box
    return boxes


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_fifty_long_real_names_are_whole_in_their_boxes_inside_the_picture(width: float) -> None:
    actors = _named_web(80, seed=5)
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r", width=width))
    boxes = _names_whole_and_inside(root)
    assert len(boxes) == MOST_SHOWN
    assert set(boxes) == {a.name for a in actors.values()}
    assert overlapping(list(boxes.items()), pad=-2.0) == []
    # one name's box is as wide as the rest need; the word that fits no common box gets a wider box of its own
    widths = sorted(b[2] - b[0] for b in boxes.values())
    wide = boxes["Counterterrorism-and-Stabilisation Directorate"]
    assert wide[2] - wide[0] == widths[-1] > widths[len(widths) // 2]


def test_a_phone_row_crowded_with_passing_lines_keeps_two_boxes_and_squeezes_the_lines() -> None:
    root = parse(pictures.relations_svg(_named_web(80, seed=5), href=links, id_prefix="r", width=NARROW))
    boxes = _names_whole_and_inside(root)
    rows = Counter(box[1] for box in boxes.values())
    # splitting a crowded row makes more rows for lines to pass: split to one box a row, fifty boxes took 47 rows
    assert sum(count for count in rows.values() if count >= 2) >= 0.75 * len(boxes)
    assert view_box(root)[3] < 2700


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_web_of_real_names_fits_at_both_widths(width: float, seed: int) -> None:
    actors = _named_web(60 + 20 * seed, seed=seed)
    root = parse(pictures.relations_svg(actors, href=links, id_prefix="r", width=width))
    boxes = _names_whole_and_inside(root)
    assert overlapping(list(boxes.items()), pad=-2.0) == []


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_shipped_and_sulu_names_are_whole(shipped: dict[str, model.Actor], width: float) -> None:
    for actors in (shipped, dict(sulu().actors)):
        root = parse(pictures.relations_svg(actors, href=links, id_prefix="r", width=width))
        assert set(_names_whole_and_inside(root)) == set(node_boxes(root))
    root = parse(pictures.relations_svg(shipped, href=links, id_prefix="r", width=width))
    coalition = next(n for n in node_boxes(root) if n.startswith("US-led"))
    assert coalition == "US-led international coalition in Iraq"
