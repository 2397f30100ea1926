"""The relations diagram: actors in columns by kind, arrows for who backs, opposes, allies with, belongs to or leads whom."""

from __future__ import annotations

import html
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .. import model
from ..problems import plural

Href = Callable[[str, str], str | None]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]

WIDTH: Final = 720  # every picture's viewBox width: about a printed column at 9-10 pt text
FONT: Final = "'DejaVu Sans', sans-serif"
INK: Final = "#222222"
MUTED: Final = "#5f5f5f"
RULE: Final = "#c8c8c8"
CHAR_EM: Final = 0.6  # DejaVu Sans: average advance of mixed-case text, in em

# Okabe-Ito, the colour-blind-safe set; greys for the types that carry no alarm.
EVENT_COLOURS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "attack": "#D55E00",
        "strike": "#E69F00",
        "threat": "#CC79A7",
        "deployment": "#0072B2",
        "handover": "#009E73",
        "plan": "#56B4E9",
        "sanction": "#B59F00",  # Okabe-Ito yellow, darkened to show on white
        "statement": "#000000",
        "political": "#6B6B6B",
        "protest": "#9A9A9A",
        "other": "#B0B0B0",
    }
)


# --- SVG writing ------------------------------------------------------------------------------


def _num(value: float) -> str:
    """One decimal, never '-0.0': the same number always prints the same way."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _tag(name: str, content: str | None = None, **attrs: str | float | None) -> str:
    """An element; attribute names take '-' for '_', values are escaped, None leaves one out."""
    parts = [name]
    for key, value in attrs.items():
        if value is None:
            continue
        text = _num(value) if isinstance(value, float) else str(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{html.escape(text, quote=True)}"')
    head = " ".join(parts)
    return f"<{head}/>" if content is None else f"<{head}>{content}</{name}>"


def _text(x: float, y: float, words: str, **attrs: str | float | None) -> str:
    return _tag("text", html.escape(words, quote=False), x=x, y=y, **attrs)


def _mark(href: Href, kind: str, item_id: str, tooltip: str, shapes: str) -> str:
    """Shapes with a hover title, linked to the item's page when it has one."""
    content = _tag("title", html.escape(tooltip, quote=False)) + shapes
    link = href(kind, item_id)
    return _tag("a", content, href=link) if link else _tag("g", content)


def _svg(id_prefix: str, height: float, title: str, desc: str, body: str) -> str:
    """The outer element: labelled by its own title and description, as wide as its container."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    inner = (
        _tag("title", html.escape(title, quote=False), id=title_id)
        + _tag("desc", html.escape(desc, quote=False), id=desc_id)
        + body
    )
    return _tag(
        "svg",
        inner,
        xmlns="http://www.w3.org/2000/svg",
        # an image, unless it holds links: an img role would hide them (WCAG: no nested interactive controls)
        role="group" if "<a " in body else "img",
        aria_labelledby=f"{title_id} {desc_id}",
        viewBox=f"0 0 {WIDTH} {_num(height)}",
        width="100%",
        font_family=FONT,
        font_size=11,
        fill=INK,
    )


def _notice(id_prefix: str, title: str, message: str) -> str:
    """A small picture that says there is nothing to draw."""
    body = _tag("rect", x=0.5, y=0.5, width=WIDTH - 1.0, height=47.0, fill="#f7f7f7", stroke=RULE)
    body += _text(WIDTH / 2, 28.0, message, text_anchor="middle", fill=MUTED, font_size=12)
    return _svg(id_prefix, 48.0, title, message + ".", body)


def _wrap(words: str, width: float, size: float, max_lines: int = 3) -> list[str]:
    """Break text into lines that fit `width` at font `size`; the last line ends in '…' if cut."""
    room = max(4, int(width / (size * CHAR_EM)))
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = [line if len(line) <= room else line[: room - 1] + "…" for line in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: room - 1].rstrip() + "…"
    return lines


def _text_width(words: str, size: float) -> float:
    return len(words) * size * CHAR_EM


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- relations --------------------------------------------------------------------------------

_COLUMNS: Final = (
    ("States", ("state",)),
    ("State forces and government bodies", ("state-force", "government-body")),
    ("Armed groups and parties", ("armed-group", "political-party")),
    ("Coalitions and organizations", ("coalition", "organization")),
    ("People", ("person",)),
)
_SIDE: Final = 14.0
_TOP: Final = 44.0
_NODE_FONT: Final = 10.0
_LINE_H: Final = 12.0
_BLOCK_GAP: Final = 14.0
_CHILD_GAP: Final = 6.0
_INDENT: Final = 14.0
_ARROW: Final = 7.0

# relation: (stroke, width, dash, legend words); a parent link is drawn as part-of
EDGE_STYLE: Final[Mapping[str, tuple[str, float, str | None, str]]] = MappingProxyType(
    {
        "backs": ("#333333", 1.6, None, "backs"),
        "opposes": ("#D55E00", 1.6, "6 4", "opposes"),
        "allied-with": ("#009E73", 4.2, None, "allied with"),
        "leads": ("#333333", 0.8, None, "leads"),
        "part-of": ("#8C8C8C", 1.5, "1.5 3", "part of, or under"),
    }
)

_VERBS: Final[Mapping[str, str]] = MappingProxyType(
    {"backs": "backs", "opposes": "opposes", "allied-with": "is allied with", "leads": "leads", "part-of": "is part of"}
)


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    type: str  # a relation type; a parent link counts as part-of
    both: bool  # the same relation both ways: one line, two heads
    words: str


def _edges(actors: Mapping[str, model.Actor]) -> list[_Edge]:
    """Relations and parent links among the given actors, merged when they say the same thing."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for actor in actors.values():
        links: list[tuple[str, str, str | None]] = [(r.type, r.target, r.note) for r in actor.relations]
        if actor.parent:
            links.append(("part-of", actor.parent, None))
        for kind, target, note in links:
            if target in actors and target != actor.id:
                found[(actor.id, target, kind)].append(note or "")
    edges = []
    for (source, target, kind), notes in sorted(found.items()):
        both = (target, source, kind) in found
        if both and source > target:
            continue  # drawn once, from the other end
        verb = _VERBS[kind]
        name, other = actors[source].name, actors[target].name
        words = f"{name} {verb} {other}" + (f" (and {other} {verb} {name})" if both else "")
        note = "; ".join(sorted({n.rstrip(".") for n in notes if n}))
        edges.append(_Edge(source, target, kind, both, words + (f": {note}" if note else "")))
    return edges


@dataclass(frozen=True)
class _Graph:
    """Where the diagram puts things: boxes, columns, and the part-of links drawn as an indented tree."""

    boxes: Mapping[str, Box]
    column: Mapping[str, int]  # position of the actor's column, left to right
    lines: Mapping[str, list[str]]
    tree: Mapping[str, str]  # child: parent, both in one column
    order: tuple[int, ...]  # the _COLUMNS shown, left to right
    col_w: float
    height: float


def _column_order(kinds: Mapping[str, int], edges: Sequence[_Edge]) -> tuple[int, ...]:
    """The order of kind columns with the fewest edges jumping over a column; the usual order wins ties."""

    def jumps(order: tuple[int, ...]) -> int:
        at = {column: index for index, column in enumerate(order)}
        return sum(max(0, abs(at[kinds[e.source]] - at[kinds[e.target]]) - 1) for e in edges)

    return min(itertools.permutations(sorted(set(kinds.values()))), key=lambda order: (jumps(order), order))


def _layout(actors: Mapping[str, model.Actor], edges: Sequence[_Edge]) -> _Graph:
    """Columns by kind, part-of trees indented in a column, blocks moved toward what they link to."""
    ids = sorted({e.source for e in edges} | {e.target for e in edges})
    kind_column = {kind: index for index, (_, kinds) in enumerate(_COLUMNS) for kind in kinds}
    kinds = {i: kind_column[actors[i].kind] for i in ids}
    order = _column_order(kinds, edges)
    column = {i: order.index(kinds[i]) for i in ids}
    col_w = (WIDTH - 2 * _SIDE) / len(order)

    tree: dict[str, str] = {}
    for edge in edges:
        if edge.type == "part-of" and not edge.both and column[edge.source] == column[edge.target] and edge.source not in tree:
            walk = edge.target
            while walk in tree and walk != edge.source:
                walk = tree[walk]
            if walk != edge.source:  # no loops
                tree[edge.source] = edge.target
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(tree.items(), key=lambda item: (actors[item[0]].name, item[0])):
        children[parent].append(child)

    def members(root: str, depth: int) -> list[tuple[str, int]]:
        return [(root, depth)] + [m for child in children[root] for m in members(child, depth + 1)]

    blocks: list[list[list[tuple[str, int]]]] = [[] for _ in order]
    for actor_id in sorted(ids, key=lambda i: (actors[i].country or "~", actors[i].name, i)):
        if actor_id not in tree:
            blocks[column[actor_id]].append(members(actor_id, 0))
    depth = {i: d for column_blocks in blocks for block in column_blocks for i, d in block}
    lines = {i: _wrap(actors[i].name, col_w - 38 - depth[i] * _INDENT, _NODE_FONT, 4) for i in ids}
    ports: dict[tuple[str, str], int] = defaultdict(int)  # edge ends on each side of a box: room for them
    for edge in edges:
        side_s, side_t = _sides(column[edge.source], column[edge.target])
        ports[(edge.source, side_s)] += 1
        ports[(edge.target, side_t)] += 1
    height = {i: max(len(lines[i]) * _LINE_H + 10, 7.0 * max(ports[(i, "left")], ports[(i, "right")]) + 4) for i in ids}

    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if column[edge.source] != column[edge.target]:
            neighbours[edge.source].append(edge.target)
            neighbours[edge.target].append(edge.source)
    offset: dict[str, float] = {}
    block_h: list[list[float]] = []
    for column_blocks in blocks:
        block_h.append([])
        for block in column_blocks:
            y = 0.0
            for actor_id, _ in block:
                offset[actor_id] = y
                y += height[actor_id] + _CHILD_GAP
            block_h[-1].append(y - _CHILD_GAP)

    # start stacked, then let each column's blocks drift toward their neighbours' height, in sweeps
    tops = [list(itertools.accumulate([0.0] + [h + _BLOCK_GAP for h in hs[:-1]])) for hs in block_h]
    for sweep in range(8):
        centre = {
            i: tops[c][b] + offset[i] + height[i] / 2
            for c in range(len(order))
            for b, block in enumerate(blocks[c])
            for i, _ in block
        }
        for c in range(len(order)) if sweep % 2 == 0 else reversed(range(len(order))):
            if sweep < 4:  # first reorder by neighbours' mean height, then only move
                keyed = []
                for b, block in enumerate(blocks[c]):
                    near = [centre[n] for i, _ in block for n in neighbours[i]]
                    keyed.append(((sum(near) / len(near)) if near else centre[block[0][0]], b))
                rank = sorted(range(len(keyed)), key=keyed.__getitem__)
                blocks[c] = [blocks[c][b] for b in rank]
                block_h[c] = [block_h[c][b] for b in rank]
                tops[c] = [tops[c][b] for b in rank]
            wanted = []
            for b, block in enumerate(blocks[c]):
                near = [centre[n] - offset[i] - height[i] / 2 for i, _ in block for n in neighbours[i]]
                wanted.append(sum(near) / len(near) if near else tops[c][b])
            tops[c] = _spread(wanted, block_h[c])
            centre.update({i: tops[c][b] + offset[i] + height[i] / 2 for b, block in enumerate(blocks[c]) for i, _ in block})
        lowest = min(t[0] for t in tops if t)
        tops = [[t - lowest for t in ts] for ts in tops]

    boxes: dict[str, Box] = {}
    bottom = 0.0
    for c, column_blocks in enumerate(blocks):
        for b, block in enumerate(column_blocks):
            for actor_id, d in block:
                left = _SIDE + c * col_w + 4 + d * _INDENT
                y = _TOP + tops[c][b] + offset[actor_id]
                boxes[actor_id] = (left, y, _SIDE + (c + 1) * col_w - 30, y + height[actor_id])
                bottom = max(bottom, y + height[actor_id])
    return _Graph(boxes, column, lines, tree, order, col_w, bottom)


def _sides(source: int, target: int) -> tuple[str, str]:
    """Which side of each box a link between two columns leaves and enters.

    Within one column it loops out to the left, or to the right from the first column, which has no room.
    """
    if source == target:
        return ("left", "left") if source > 0 else ("right", "right")
    return ("right", "left") if target > source else ("left", "right")


def _spread(wanted: Sequence[float], heights: Sequence[float]) -> list[float]:
    """Tops as near the wanted ones as keeps order and gaps: the mean of a push-down and a push-up pass."""
    down = list(wanted)
    for index in range(1, len(down)):
        down[index] = max(down[index], down[index - 1] + heights[index - 1] + _BLOCK_GAP)
    up = list(wanted)
    for index in reversed(range(len(up) - 1)):
        up[index] = min(up[index], up[index + 1] - heights[index] - _BLOCK_GAP)
    return [(a + b) / 2 for a, b in zip(down, up, strict=True)]


def relations_svg(actors: Mapping[str, model.Actor], *, href: Href, id_prefix: str, width: float = 720.0) -> str:
    """Who backs, opposes, allies with, belongs to or leads whom: actors in columns by kind, arrows between."""
    edges = _edges(actors)
    title = "Relations between actors"
    if not edges:
        return _notice(id_prefix, title, "No relations among these actors")
    graph = _layout(actors, edges)
    kinds = sorted({e.type for e in edges}, key=list(EDGE_STYLE).index)
    body = [_tag("defs", "".join(_arrowhead(id_prefix, kind) for kind in kinds))]
    for index, column_index in enumerate(graph.order):
        for row, words in enumerate(_wrap(_COLUMNS[column_index][0], graph.col_w - 30, 10, 2)):
            body.append(_text(_SIDE + index * graph.col_w + 4, 14 + row * 13, words, font_weight=700, font_size=10, fill=MUTED))
    body.extend(_edge_paths(edges, graph, id_prefix))
    for actor_id, (left, top, right, bottom) in sorted(graph.boxes.items()):
        actor = actors[actor_id]
        node = _tag("rect", x=left, y=top, width=right - left, height=bottom - top, rx=4.0, fill="#ffffff", stroke="#7a7a7a")
        weight = 700 if actor.kind == "state" else 400
        first = (top + bottom - len(graph.lines[actor_id]) * _LINE_H) / 2  # text centred in the box
        for row, words in enumerate(graph.lines[actor_id]):
            node += _text(left + 6, first + _LINE_H * (row + 1) - 3, words, font_size=_NODE_FONT, font_weight=weight)
        body.append(_mark(href, "actor", actor_id, f"{actor.name} ({actor.kind.replace('-', ' ')})", node))
    legend_y = graph.height + 20
    body.append(_relation_legend(kinds, legend_y, id_prefix))
    desc = (
        f"Diagram of relations among {plural(len(graph.boxes), 'actor')}, in columns by kind "
        f"({', '.join(_COLUMNS[c][0].lower() for c in graph.order)}); a body drawn indented under another is part "
        "of it. Arrows point from an actor to the one it backs, opposes, is allied with, is part of or leads: "
        "solid dark lines back, dashed red lines oppose, double green lines are allied, dotted grey lines are part "
        "of, thin lines lead. Relations: " + "; ".join(e.words for e in edges) + "."
    )
    return _svg(id_prefix, legend_y + 16, title, desc, "".join(body))


def _arrowhead(id_prefix: str, kind: str) -> str:
    """A head for one line style; its base sits at the (shortened) line end, its tip on the box."""
    colour = EDGE_STYLE[kind][0]
    if kind == "leads":
        head = _tag("path", d="M0 0.5 L7 3.5 L0 6.5", fill="none", stroke=colour, stroke_width=1.0)
    else:
        head = _tag("path", d="M0 0 L7 3.5 L0 7 Z", fill=colour)
    return _tag(
        "marker",
        head,
        id=f"{id_prefix}-head-{kind}",
        viewBox="0 0 7 7",
        refX=0.0,
        refY=3.5,
        markerWidth=_ARROW,
        markerHeight=_ARROW,
        markerUnits="userSpaceOnUse",
        orient="auto",
    )


def _edge_paths(edges: Sequence[_Edge], graph: _Graph, id_prefix: str) -> list[str]:
    """Curves between box sides, each side's ends spread out in the order of the other ends' heights.

    A part-of link inside a column is an elbow from the indented child up to its parent; a link that
    jumps a column threads through a gap between that column's boxes.
    """
    boxes = graph.boxes
    ends: dict[tuple[str, str], list[tuple[float, int, str]]] = defaultdict(list)
    sides: list[tuple[str, str]] = []
    for number, edge in enumerate(edges):
        a, b = graph.column[edge.source], graph.column[edge.target]
        elbow = graph.tree.get(edge.source) == edge.target and edge.type == "part-of"
        side_s, side_t = _sides(a, b)
        sides.append((side_s, "elbow" if elbow else side_t))
        ends[(edge.source, side_s)].append((-math.inf if elbow else _middle(boxes[edge.target]), number, "s"))
        if not elbow:
            ends[(edge.target, side_t)].append((_middle(boxes[edge.source]), number, "t"))
    anchor: dict[tuple[int, str], Point] = {}
    for (actor_id, side), items in ends.items():
        left, top, right, bottom = boxes[actor_id]
        for k, (_, number, end) in enumerate(sorted(items)):
            anchor[(number, end)] = (right if side == "right" else left, top + (bottom - top) * (k + 1) / (len(items) + 1))
    paths: list[str] = []
    for number, edge in enumerate(edges):
        sx, sy = anchor[(number, "s")]
        side_s, side_t = sides[number]
        out_s = 1.0 if side_s == "right" else -1.0
        far_head = ""
        if side_t == "elbow":
            parent = boxes[edge.target]
            px = parent[0] + 7
            d = f"M{_num(sx)} {_num(sy)} L{_num(px)} {_num(sy)} L{_num(px)} {_num(parent[3] + _ARROW)}"
        else:
            tx, ty = anchor[(number, "t")]
            out_t = 1.0 if side_t == "right" else -1.0
            tx += out_t * _ARROW  # the curve stops where the head's base goes
            if edge.both:
                sx += out_s * _ARROW
            if side_s == side_t:  # an arc out to the side and back
                bend = 18.0 + abs(ty - sy) * 0.12
                d = _curve([(sx, sy), (tx, ty)], out_s * bend)
                back = _curve([(tx, ty), (sx, sy)], out_s * bend)
            else:
                points = [(sx, sy), *_gaps(graph, edge, (sx, sy), (tx, ty)), (tx, ty)]
                d, back = _curve(points), _curve(points[::-1])
            if edge.both:  # the far head rides on the same curve drawn backwards, unstroked
                far_head = _tag("path", d=back, fill="none", stroke="none", marker_end=f"url(#{id_prefix}-head-{edge.type})")
        line = _edge_line(edge.type, d, id_prefix) + far_head
        paths.append(_tag("g", _tag("title", html.escape(edge.words, quote=False)) + line))
    return paths


def _curve(points: Sequence[Point], arc: float = 0.0) -> str:
    """A path through `points`, leaving and reaching each one level: S-bends, or straight runs at one height.

    With `arc`, two points on one side of a column join by a loop that far out (negative: to the left).
    """
    parts = [f"M{_num(points[0][0])} {_num(points[0][1])}"]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if y0 == y1 and not arc:
            parts.append(f"L{_num(x1)} {_num(y1)}")
            continue
        c0, c1 = (x0 + arc, x1 + arc) if arc else (x0 + (x1 - x0) / 2, x1 - (x1 - x0) / 2)
        parts.append(f"C{_num(c0)} {_num(y0)} {_num(c1)} {_num(y1)} {_num(x1)} {_num(y1)}")
    return " ".join(parts)


def _gaps(graph: _Graph, edge: _Edge, start: Point, end: Point) -> list[Point]:
    """Where a link that jumps columns crosses each column between: in the free gap nearest its straight line."""
    a, b = graph.column[edge.source], graph.column[edge.target]
    step = 1 if b > a else -1
    points: list[Point] = []
    for column in range(a + step, b, step):
        boxes = sorted(box for actor_id, box in graph.boxes.items() if graph.column[actor_id] == column)
        if not boxes:
            continue
        left, right = min(box[0] for box in boxes) - 6, max(box[2] for box in boxes) + 6
        middle = (left + right) / 2
        wanted = start[1] + (end[1] - start[1]) * (middle - start[0]) / (end[0] - start[0])
        by_top = sorted(boxes, key=lambda box: box[1])
        edges_y = [-math.inf] + [y for box in by_top for y in (box[1], box[3])] + [math.inf]
        free = [(edges_y[i] + 4, edges_y[i + 1] - 4) for i in range(0, len(edges_y), 2) if edges_y[i + 1] - edges_y[i] >= 8]
        y = min((min(max(wanted, low), high) for low, high in free), key=lambda y: (abs(y - wanted), y))
        points.extend([(left, y), (right, y)] if step > 0 else [(right, y), (left, y)])
    return points


def _edge_line(kind: str, d: str, id_prefix: str) -> str:
    """One edge in its relation's style, with a head at its end; allied-with gets a white core: a double line."""
    colour, width, dash, _ = EDGE_STYLE[kind]
    line = _tag(
        "path",
        d=d,
        fill="none",
        stroke=colour,
        stroke_width=width,
        stroke_dasharray=dash,
        stroke_linecap="round" if kind == "part-of" else None,
        marker_end=f"url(#{id_prefix}-head-{kind})",
    )
    if kind == "allied-with":
        line += _tag("path", d=d, fill="none", stroke="#ffffff", stroke_width=1.6)
    return line


def _middle(box: Box) -> float:
    return (box[1] + box[3]) / 2


def _relation_legend(kinds: Sequence[str], y: float, id_prefix: str) -> str:
    parts = []
    x = _SIDE + 4
    for kind in kinds:
        words = EDGE_STYLE[kind][3]
        parts.append(_edge_line(kind, f"M{_num(x)} {_num(y)} L{_num(x + 30)} {_num(y)}", id_prefix))
        parts.append(_text(x + 44, y + 4, words, font_size=10))
        x += 44 + _text_width(words, 10) + 22
    return "".join(parts)
