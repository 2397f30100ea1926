"""Who is part of whom: indented trees in columns under the diagram."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Final

from ... import model
from ..svg import MUTED, RULE, SMALL, Href, Point, mark, num, tag, text
from .arrange import LINE_H, SIDE
from .fit import name_lines

_TREE_INDENT: Final = 12.0
_TREE_COLUMN: Final = 228.0  # the narrowest column of the part-of tree


def draw_tree(
    actors: Mapping[str, model.Actor], parents: Mapping[str, list[str]], top: float, width: float, href: Href
) -> tuple[str, float]:
    """Who is part of whom, as indented trees in columns under a heading; the bottom it reaches."""
    children: dict[str, list[str]] = defaultdict(list)
    for child, ups in parents.items():
        for up in ups:
            children[up].append(child)
    roots = sorted(
        {p for ups in parents.values() for p in ups if p not in parents} or set(children), key=lambda r: (actors[r].name, r)
    )
    columns = max(1, int((width - 2 * SIDE) // _TREE_COLUMN))
    col_w = (width - 2 * SIDE) / columns
    heading = text(SIDE, top + SMALL, "Part of: who belongs to whom", font_size=SMALL, font_weight=700, fill=MUTED)
    parts = [heading, tag("line", x1=SIDE, y1=top + SMALL * 1.5, x2=width - SIDE, y2=top + SMALL * 1.5, stroke=RULE)]
    start = top + SMALL * 2.2
    heights = [start] * columns
    for root in roots:
        entries = _walk_tree(root, children, actors, 0, frozenset({root}))
        column = min(range(columns), key=lambda c: (heights[c], c))
        x0, y = SIDE + column * col_w, heights[column]
        last: dict[int, Point] = {}  # the latest entry at each depth: its left and its last line's middle
        for node, depth in entries:
            bold = depth == 0
            lines = name_lines(actors[node].name, col_w - 16 - depth * _TREE_INDENT, bold)  # whole, on as many lines as it takes
            x = x0 + depth * _TREE_INDENT
            middle = y + SMALL * 0.6
            if depth:  # an elbow down from the parent to this entry
                px, py = last[depth - 1]
                elbow = f"M{num(px + 4)} {num(py + 6)} L{num(px + 4)} {num(middle)} L{num(x - 2)} {num(middle)}"
                parts.append(tag("path", d=elbow, fill="none", stroke="#9a9a9a", stroke_width=0.8))
            words = "".join(
                text(x, y + SMALL * (0.95 + 1.2 * k), line, font_size=SMALL, font_weight=700 if bold else None)
                for k, line in enumerate(lines)
            )
            parts.append(mark(href, "actor", node, actors[node].name, words, css="tree-entry"))
            last[depth] = (x, middle + SMALL * 1.2 * (len(lines) - 1))  # its children's line starts below its name
            y += len(lines) * LINE_H + 3
        heights[column] = y + 8
    return tag("g", "".join(parts), class_="part-of"), max(heights)


def _walk_tree(
    node: str, children: Mapping[str, list[str]], actors: Mapping[str, model.Actor], depth: int, seen: frozenset[str]
) -> list[tuple[str, int]]:
    """A node and everything under it with its depth, children by name; a loop is cut where it comes back."""
    found = [(node, depth)]
    for child in sorted(children.get(node, []), key=lambda c: (actors[c].name, c)):
        if child not in seen:
            found += _walk_tree(child, children, actors, depth + 1, seen | {child})
    return found
