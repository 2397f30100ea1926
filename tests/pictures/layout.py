"""Read a picture back: parse the SVG, and measure its labels and marks with the real DejaVu Sans (fontTools)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

SVG = "{http://www.w3.org/2000/svg}"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
Box = tuple[float, float, float, float]


def parse(svg: str) -> ET.Element:
    """The SVG as XML (fails when it is not well-formed), checked for what every picture needs."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    # an image; a group when it holds links, which an img role would hide from assistive technology
    assert root.get("role") == ("group" if root.find(f".//{SVG}a") is not None else "img")
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert ids[title_id].tag == f"{SVG}title" and (ids[title_id].text or "").strip()
    assert ids[desc_id].tag == f"{SVG}desc" and (ids[desc_id].text or "").strip()
    assert not any(el.tag.endswith(("script", "foreignObject", "style")) for el in root.iter())
    return root


def view_box(root: ET.Element) -> Box:
    _, _, w, h = (float(v) for v in root.get("viewBox", "").split())
    return (0.0, 0.0, w, h)


def desc(root: ET.Element) -> str:
    return root.findtext(f"{SVG}desc") or ""


def title(root: ET.Element) -> str:
    return root.findtext(f"{SVG}title") or ""


def texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


@cache
def _font(bold: bool) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    ttlib = pytest.importorskip("fontTools.ttLib")
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if not path.exists():
        pytest.skip(f"{path} is missing: apt-get install fonts-dejavu-core")
    font = ttlib.TTFont(str(path))
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def measured(words: str, size: float, bold: bool = False) -> float:
    """The advance of `words` in the real font file."""
    cmap, metrics, per_em = _font(bold)
    return sum(metrics[cmap[ord(c)]][0] if ord(c) in cmap else per_em * 0.8 for c in words) * size / per_em


def _translation(chain: list[ET.Element]) -> tuple[float, float]:
    dx = dy = 0.0
    for el in chain:
        found = re.match(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)", el.get("transform", ""))
        if found:
            dx, dy = dx + float(found[1]), dy + float(found[2])
    return dx, dy


def _walk(root: ET.Element) -> list[tuple[ET.Element, list[ET.Element]]]:
    out: list[tuple[ET.Element, list[ET.Element]]] = []

    def visit(el: ET.Element, chain: list[ET.Element]) -> None:
        out.append((el, chain))
        for child in el:
            visit(child, [*chain, el])

    visit(root, [])
    return out


def text_box(el: ET.Element, chain: list[ET.Element]) -> Box:
    """Where a text element's ink goes: from its x by its anchor, from the ascender to the descender."""
    size = float(el.get("font-size") or 12)
    bold = el.get("font-weight") == "700"
    words = "".join(el.itertext())
    width = measured(words, size, bold) + len(words) * float(el.get("letter-spacing") or 0)
    dx, dy = _translation(chain)
    x, y = float(el.get("x", 0)) + dx, float(el.get("y", 0)) + dy
    anchor = el.get("text-anchor", "start")
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (left, y - size * 0.76, left + width, y + size * 0.24)


def shape_box(el: ET.Element, chain: list[ET.Element]) -> Box:
    """The bounding box of a circle, rect or path (M/L/C commands with absolute coordinates)."""
    dx, dy = _translation(chain)
    if el.tag == f"{SVG}circle":
        cx, cy, r = (float(el.get(k, 0)) for k in ("cx", "cy", "r"))
        return (cx - r + dx, cy - r + dy, cx + r + dx, cy + r + dy)
    if el.tag == f"{SVG}rect":
        x, y, w, h = (float(el.get(k, 0)) for k in ("x", "y", "width", "height"))
        return (x + dx, y + dy, x + w + dx, y + h + dy)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", el.get("d", ""))]
    xs, ys = numbers[0::2], numbers[1::2]
    return (min(xs) + dx, min(ys) + dy, max(xs) + dx, max(ys) + dy)


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def labels(root: ET.Element) -> list[tuple[str, Box]]:
    """Every text drawn as a label (class 'label' or 'country'), with its measured box."""
    return [
        ("".join(el.itertext()), text_box(el, chain))
        for el, chain in _walk(root)
        if el.tag == f"{SVG}text" and el.get("class") in ("label", "country")
    ]


def markers(root: ET.Element, css: str) -> list[tuple[str, Box]]:
    """Each mark of class `css` (its hover title, and the box of its shapes; a region's wide circle left out)."""
    found = []
    for el, chain in _walk(root):
        if el.get("class") != css:
            continue
        shapes = [(child, [*chain, el]) for child in el if child.tag in (f"{SVG}circle", f"{SVG}rect", f"{SVG}path")]
        if css == "marker" and len(shapes) > 1:
            shapes = shapes[-1:]  # a region's dashed circle is an area, not the symbol
        found.append((el.findtext(f"{SVG}title") or "", union([shape_box(s, c) for s, c in shapes])))
    return found


def overlapping(boxes: list[tuple[str, Box]], pad: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap by more than `pad` each way."""
    pairs = []
    for i, (a_name, a) in enumerate(boxes):
        for b_name, b in boxes[i + 1 :]:
            if a[0] + pad < b[2] and b[0] + pad < a[2] and a[1] + pad < b[3] and b[1] + pad < a[3]:
                pairs.append((a_name, b_name))
    return pairs


def inside(box: Box, frame: Box, slack: float = 0.5) -> bool:
    return box[0] >= frame[0] - slack and box[1] >= frame[1] - slack and box[2] <= frame[2] + slack and box[3] <= frame[3] + slack
