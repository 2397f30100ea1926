"""Reading a relations diagram back: its curves, how often they cross, its boxes by name."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import shapely

from ..layout import SVG, Box, markers


def curves(root: ET.Element) -> list[tuple[str, shapely.LineString]]:
    """Each drawn relation (its hover words) as a polyline through its path, cubic segments sampled."""
    found = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "edge":
            continue
        d = group.find(f"{SVG}path")
        assert d is not None
        points: list[tuple[float, float]] = []
        for command, numbers in re.findall(r"([MLC])([^MLC]*)", d.get("d", "")):
            values = [float(v) for v in numbers.split()]
            if command in "ML":
                points.append((values[0], values[1]))
                continue
            (x0, y0), (x1, y1, x2, y2, x3, y3) = points[-1], values
            for k in range(1, 13):
                t = k / 12
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
                points.append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
        found.append((group.findtext(f"{SVG}title") or "", shapely.LineString(points)))
    return found


def crossings(root: ET.Element) -> int:
    return sum(1 for (_, a), (_, b) in itertools.combinations(curves(root), 2) if a.crosses(b))


def node_boxes(root: ET.Element) -> dict[str, Box]:
    return {name.rsplit(" (", 1)[0]: box for name, box in markers(root, "node")}
