"""The relations diagram: who backs, opposes, allies with or leads whom, rivals apart; who is part of whom beside it."""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .. import model
from ..problems import plural
from . import layered
from .svg import MUTED, RULE, SMALL, WIDE, Box, Href, Point, mark, notice, num, svg, tag, text, text_width, wrap

_SIDE: Final = 8.0  # margin left and right
_LINE_H: Final = SMALL * 1.2
_PAD: Final = 5.0  # inside a box, around its name
_GAP: Final = 12.0  # between boxes of one layer
_DUMMY: Final = 6.0  # the room a line passing through a layer takes in it
_ARROW: Final = 7.0
_ROW_BOX: Final = 104.0  # a box's width when layers are rows (a phone): three to a row
_TREE_INDENT: Final = 12.0
_TREE_COLUMN: Final = 228.0  # the narrowest column of the part-of tree

ANALYTIC: Final = ("backs", "opposes", "allied-with", "leads")
# relation: (stroke, width, dash, legend words)
EDGE_STYLE: Final[Mapping[str, tuple[str, float, str | None, str]]] = MappingProxyType(
    {
        "backs": ("#333333", 1.6, None, "backs"),
        "opposes": ("#D55E00", 1.6, "6 4", "opposes"),
        "allied-with": ("#009E73", 4.2, None, "allied with"),
        "leads": ("#333333", 0.8, None, "leads"),
    }
)
_VERBS: Final[Mapping[str, str]] = MappingProxyType(
    {"backs": "backs", "opposes": "opposes", "allied-with": "is allied with", "leads": "leads"}
)
_FRIENDLY: Final = {"backs": 1.0, "allied-with": 1.0, "leads": 1.0, "opposes": -1.0}


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    type: str
    both: bool  # the same relation both ways: one line, two heads
    words: str


def _edges(actors: Mapping[str, model.Actor]) -> list[_Edge]:
    """The analytic relations among the given actors, merged when they say the same thing both ways."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for actor in actors.values():
        for relation in actor.relations:
            if relation.type in ANALYTIC and relation.target in actors and relation.target != actor.id:
                found[(actor.id, relation.target, relation.type)].append(relation.note or "")
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


def _parents(actors: Mapping[str, model.Actor]) -> dict[str, list[str]]:
    """Each actor's parents among the given actors: its `parent`, then what it says it is part of."""
    found: dict[str, list[str]] = {}
    for actor in sorted(actors.values(), key=lambda a: a.id):
        ups = [actor.parent] if actor.parent else []
        ups += sorted(r.target for r in actor.relations if r.type == "part-of")
        ups = [u for u in dict.fromkeys(ups) if u in actors and u != actor.id]
        if ups:
            found[actor.id] = ups
    return found


# --- layers: the rivals apart, the contested between, partners beside their patrons ------------------


def _rivals(edges: Sequence[_Edge], degree: Mapping[str, int], names: Mapping[str, str]) -> tuple[str, str] | None:
    """The pair that most opposes each other (both ways first, then the most connected); left by name."""
    pairs = {(e.source, e.target): e.both for e in edges if e.type == "opposes"}
    if not pairs:
        return None

    def strength(pair: tuple[str, str]) -> tuple[int, int, list[str]]:
        mutual = pairs[pair] or (pair[1], pair[0]) in pairs
        return (-int(mutual), -(degree[pair[0]] + degree[pair[1]]), sorted(pair))

    a, b = min(pairs, key=strength)
    return (a, b) if (names[a], a) <= (names[b], b) else (b, a)


def _layers(
    nodes: Sequence[str], edges: Sequence[_Edge], parents: Mapping[str, list[str]], names: Mapping[str, str]
) -> dict[str, float]:
    """A layer for each node: the rivals either side of the middle, their partners outward by distance, the rest between.

    A node's side is where its friends are and away from its enemies (a signed average, the rivals fixed at -1 and +1);
    the part-of links pull a body to its parent's side, though they are not drawn in this graph.
    """
    degree = {n: 0 for n in nodes}
    links: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
        links[e.source].append((e.target, _FRIENDLY[e.type]))
        links[e.target].append((e.source, _FRIENDLY[e.type]))
    for child, ups in parents.items():
        for up in ups:
            if child in degree and up in degree:
                links[child].append((up, 1.0))
                links[up].append((child, 1.0))
    rivals = _rivals(edges, degree, names)
    layer: dict[str, float] = {}
    if rivals is None:  # no sides: layers by distance from the most connected
        hub = min(nodes, key=lambda n: (-degree[n], names[n], n))
        layer = _distances(hub, links, set(nodes))
        return {n: layer.get(n, 0.0) for n in nodes}
    side = {n: 0.0 for n in nodes}
    side[rivals[0]], side[rivals[1]] = -1.0, 1.0
    for _ in range(60):
        for n in sorted(nodes):
            if n not in rivals and links[n]:
                side[n] = sum(sign * side[m] for m, sign in links[n]) / len(links[n])
    left = {n for n in nodes if side[n] < -1 / 3}
    right = {n for n in nodes if side[n] > 1 / 3}
    far_left, far_right = _distances(rivals[0], links, left), _distances(rivals[1], links, right)
    for n in nodes:
        if n in left:
            layer[n] = -1.0 - far_left.get(n, 1.0)
        elif n in right:
            layer[n] = 1.0 + far_right.get(n, 1.0)
        else:
            layer[n] = 0.0
    return layer


def _distances(start: str, links: Mapping[str, list[tuple[str, float]]], among: set[str]) -> dict[str, float]:
    """Steps from `start` to each node of `among` it reaches through `among`."""
    found, frontier, step = {start: 0.0}, [start], 0.0
    while frontier:
        step += 1.0
        frontier = sorted({m for n in frontier for m, _ in links[n] if m in among and m not in found})
        found.update((m, step) for m in frontier)
    return found


def _separate(layer: dict[str, float], edges: Sequence[_Edge]) -> None:
    """No line joins two nodes of one layer: the less connected end moves outward a little (between layers)."""
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    for _ in range(len(layer)):
        same = [e for e in edges if layer[e.source] == layer[e.target]]
        if not same:
            return
        e = same[0]
        moved = min((e.source, e.target), key=lambda n: (degree[n], n))
        step = 0.5 if layer[moved] >= 0 else -0.5
        layer[moved] += step


# --- the picture --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Drawn:
    boxes: Mapping[str, Box]  # in picture coordinates
    lines: Mapping[str, list[str]]
    edges: Sequence[_Edge]
    chains: Sequence[layered.Chain]  # one for each edge, in the same order
    dummies: Mapping[str, Point]  # a passing line's point in its layer: (start, end) along the layer axis at one height
    rows: bool  # layers run top to bottom (a phone) rather than left to right
    thick: float  # a layer's depth along the layer axis: a box's width in columns, its height in rows
    bottom: float


def _arrange(actors: Mapping[str, model.Actor], edges: Sequence[_Edge], parents: Mapping[str, list[str]], width: float) -> _Drawn:
    nodes = sorted({e.source for e in edges} | {e.target for e in edges} | {a.id for a in actors.values() if a.kind == "state"})
    names = {n: actors[n].name for n in nodes}
    layer = _layers(nodes, edges, parents, names)
    _separate(layer, edges)
    rows = width < WIDE * 0.75
    values = sorted(set(layer.values()))
    if rows:  # a phone: a layer too full for one row becomes several, the extra ones farther from the middle
        layer = _split_rows(layer, values, width, names, edges, parents)
        values = sorted(set(layer.values()))
    rank = {n: values.index(layer[n]) for n in nodes}
    chains = layered.chains([(e.source, e.target) for e in edges], rank)
    groups: list[list[str]] = [[] for _ in values]
    for n in sorted(nodes, key=lambda n: (names[n], n)):
        groups[rank[n]].append(n)
    for chain in chains:
        for d in chain.nodes[1:-1]:
            groups[int(d.rsplit(":", 1)[1])].append(d)
    order = layered.order(groups, chains, rank)

    count = len(values)
    if rows:
        box_w = min(_ROW_BOX, (width - 2 * _SIDE - 2 * _GAP) / 3)
        lines = {n: wrap(names[n], box_w - 2 * _PAD, SMALL, 3, bold=actors[n].kind == "state") for n in nodes}
        thick = max(len(v) for v in lines.values()) * _LINE_H + 2 * _PAD
        size = {n: box_w for n in nodes}
        layer_gap = 34.0
    else:
        col = (width - 2 * _SIDE) / count
        box_w = col - 30.0
        lines = {n: wrap(names[n], box_w - 2 * _PAD, SMALL, 4, bold=actors[n].kind == "state") for n in nodes}
        size = {n: len(lines[n]) * _LINE_H + 2 * _PAD for n in nodes}
        thick = box_w
        layer_gap = 30.0
    size.update({d: _DUMMY for layer_nodes in order for d in layer_nodes if layered.is_dummy(d)})
    along = layered.positions(order, chains, size, width - 2 * _SIDE if rows else None, gap_size=_GAP, dummy=_DUMMY)
    shift = _SIDE
    top = SMALL * 2.2 if not rows else 6.0
    boxes: dict[str, Box] = {}
    dummies: dict[str, Point] = {}
    for r, layer_nodes in enumerate(order):
        u0 = (_SIDE + 15.0 + r * (width - 2 * _SIDE) / count) if not rows else top + r * (thick + layer_gap)
        for n in layer_nodes:
            v0 = along[n] + (top if not rows else shift)
            if layered.is_dummy(n):
                dummies[n] = (u0, v0 + _DUMMY / 2)
                continue
            boxes[n] = (u0, v0, u0 + thick, v0 + size[n]) if not rows else (v0, u0, v0 + size[n], u0 + thick)
    return _Drawn(boxes, lines, edges, chains, dummies, rows, thick, max(b[3] for b in boxes.values()))


def _split_rows(
    layer: dict[str, float],
    values: Sequence[float],
    width: float,
    names: Mapping[str, str],
    edges: Sequence[_Edge],
    parents: Mapping[str, list[str]],
) -> dict[str, float]:
    box_w = min(_ROW_BOX, (width - 2 * _SIDE - 2 * _GAP) / 3)
    reserve = 5 * (_DUMMY + _GAP)  # room in a row for lines passing it to the next
    fit = max(1, int((width - 2 * _SIDE - reserve + _GAP) // (box_w + _GAP)))
    split = dict(layer)
    for value in values:
        members = sorted((n for n in layer if layer[n] == value), key=lambda n: (names[n], n))
        if len(members) <= fit:
            continue
        outward = -1.0 if value < 0 else 1.0
        for k, n in enumerate(members):
            split[n] = value + outward * (k // fit) / (len(members) // fit + 2)
    return split


def relations_svg(actors: Mapping[str, model.Actor], *, href: Href, id_prefix: str, width: float = WIDE) -> str:
    """Who backs, opposes, allies with or leads whom (rivals either side, the contested between); who is part of whom below."""
    edges = _edges(actors)
    parents = _parents(actors)
    title = "Relations between actors"
    if not edges and not parents:
        return notice(id_prefix, width, title, "No relations among these actors")
    body: list[str] = []
    y = 0.0
    words: list[str] = []
    if edges:
        drawn = _arrange(actors, edges, parents, width)
        kinds = sorted({e.type for e in edges}, key=list(EDGE_STYLE).index)
        body.append(tag("defs", "".join(_arrowhead(id_prefix, kind) for kind in kinds)))
        body.extend(_edge_paths(drawn, id_prefix))
        for actor_id, box in sorted(drawn.boxes.items()):
            body.append(_node(actors[actor_id], box, drawn.lines[actor_id], href))
        legend, y = _legend(kinds, drawn.bottom + 18, width, id_prefix)
        body.append(legend)
        words.append(
            f"Diagram of the relations among {plural(len(drawn.boxes), 'actor')}"
            + (", the two main rivals either side and those between them in the middle" if _has_sides(drawn) else "")
            + ". Arrows point from an actor to the one it backs, opposes, is allied with or leads: solid dark lines back, "
            "dashed red lines oppose, double green lines are allied, thin lines lead. Relations: "
            + "; ".join(e.words for e in edges)
            + "."
        )
    if parents:
        tree, y = _tree(actors, parents, y + (14.0 if edges else 4.0), width, href)
        body.append(tree)
        words.append(
            "Part of: "
            + "; ".join(f"{actors[c].name} is part of {' and '.join(actors[p].name for p in ups)}" for c, ups in parents.items())
            + "."
        )
    return svg(id_prefix, width, y + 6, title, " ".join(words), "".join(body))


def _has_sides(drawn: _Drawn) -> bool:
    return any(e.type == "opposes" for e in drawn.edges)


def _node(actor: model.Actor, box: Box, lines: Sequence[str], href: Href) -> str:
    left, top, right, bottom = box
    bold = actor.kind == "state"
    shapes = tag(
        "rect",
        x=left,
        y=top,
        width=right - left,
        height=bottom - top,
        rx=4.0,
        fill="#eef2f7" if bold else "#ffffff",
        stroke="#5a6b80" if bold else "#7a7a7a",
        stroke_width=1.4 if bold else 1.0,
    )
    first = (top + bottom - len(lines) * _LINE_H) / 2  # the name centred in its box
    for row, words in enumerate(lines):
        shapes += text(
            left + _PAD,
            first + _LINE_H * row + SMALL * 0.95,
            words,
            font_size=SMALL,
            font_weight=700 if bold else None,
        )
    return mark(href, "actor", actor.id, f"{actor.name} ({actor.kind.replace('-', ' ')})", shapes, css="node")


def _arrowhead(id_prefix: str, kind: str) -> str:
    """A head for one line style; its base sits at the (shortened) line end, its tip on the box."""
    colour = EDGE_STYLE[kind][0]
    if kind == "leads":
        head = tag("path", d="M0 0.5 L7 3.5 L0 6.5", fill="none", stroke=colour, stroke_width=1.0)
    else:
        head = tag("path", d="M0 0 L7 3.5 L0 7 Z", fill=colour)
    return tag(
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


def _edge_paths(drawn: _Drawn, id_prefix: str) -> list[str]:
    """Curves from box side to box side through the points where they pass other layers; ends spread along each side.

    Worked out with u along the layers and v across them, then turned into x and y: the same code draws columns and rows.
    """

    def uv(box: Box) -> tuple[float, float, float, float]:  # u0, v0, u1, v1
        return (box[1], box[0], box[3], box[2]) if drawn.rows else box

    def xy(point: Point) -> Point:
        return (point[1], point[0]) if drawn.rows else point

    ends: dict[tuple[str, int], list[tuple[float, int, str]]] = defaultdict(list)
    for number, chain in enumerate(drawn.chains):
        first, last = chain.nodes[0], chain.nodes[-1]
        after, before = chain.nodes[1], chain.nodes[-2]
        direction = 1 if _u(after, drawn) > _u(first, drawn) else -1
        ends[(first, direction)].append((_v(after, drawn), number, "s"))
        ends[(last, -direction)].append((_v(before, drawn), number, "t"))
    anchor: dict[tuple[int, str], Point] = {}
    for (node, direction), items in ends.items():
        u0, v0, u1, v1 = uv(drawn.boxes[node])
        for k, (_, number, end) in enumerate(sorted(items)):
            anchor[(number, end)] = (u1 if direction > 0 else u0, v0 + (v1 - v0) * (k + 1) / (len(items) + 1))
    paths = []
    for number, (edge, chain) in enumerate(zip(drawn.edges, drawn.chains, strict=True)):
        (su, sv), (tu, tv) = anchor[(number, "s")], anchor[(number, "t")]
        out = 1.0 if tu > su else -1.0
        tu -= out * _ARROW  # the curve stops where the head's base goes
        if edge.both:
            su += out * _ARROW
        points: list[Point] = [(su, sv)]
        for d in chain.nodes[1:-1]:
            du, dv = drawn.dummies[d]
            run = [(du, dv), (du + drawn.thick, dv)]
            points.extend(run if out > 0 else run[::-1])
        points.append((tu, tv))
        d_path = _curve([xy(p) for p in points], drawn.rows)
        line = _edge_line(edge.type, d_path, id_prefix)
        if edge.both:  # the far head rides on the same curve drawn backwards, unstroked
            back = _curve([xy(p) for p in reversed(points)], drawn.rows)
            line += tag("path", d=back, fill="none", stroke="none", marker_end=f"url(#{id_prefix}-head-{edge.type})")
        paths.append(tag("g", tag("title", html.escape(edge.words, quote=False)) + line, class_="edge"))
    return paths


def _u(node: str, drawn: _Drawn) -> float:
    if layered.is_dummy(node):
        return drawn.dummies[node][0]
    box = drawn.boxes[node]
    return (box[1] + box[3]) / 2 if drawn.rows else (box[0] + box[2]) / 2


def _v(node: str, drawn: _Drawn) -> float:
    if layered.is_dummy(node):
        return drawn.dummies[node][1]
    box = drawn.boxes[node]
    return (box[0] + box[2]) / 2 if drawn.rows else (box[1] + box[3]) / 2


def _curve(points: Sequence[Point], rows: bool) -> str:
    """A path through `points` leaving and reaching each one along the layer axis: S-bends, or straight runs."""
    parts = [f"M{num(points[0][0])} {num(points[0][1])}"]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if (x0 == x1) if rows else (y0 == y1):
            parts.append(f"L{num(x1)} {num(y1)}")
        elif rows:
            mid = (y0 + y1) / 2
            parts.append(f"C{num(x0)} {num(mid)} {num(x1)} {num(mid)} {num(x1)} {num(y1)}")
        else:
            mid = (x0 + x1) / 2
            parts.append(f"C{num(mid)} {num(y0)} {num(mid)} {num(y1)} {num(x1)} {num(y1)}")
    return " ".join(parts)


def _edge_line(kind: str, d: str, id_prefix: str) -> str:
    """One edge in its relation's style, with a head at its end; allied-with gets a white core: a double line."""
    colour, width, dash, _ = EDGE_STYLE[kind]
    line = tag(
        "path",
        d=d,
        fill="none",
        stroke=colour,
        stroke_width=width,
        stroke_dasharray=dash,
        marker_end=f"url(#{id_prefix}-head-{kind})",
    )
    if kind == "allied-with":
        line += tag("path", d=d, fill="none", stroke="#ffffff", stroke_width=1.6)
    return line


def _legend(kinds: Sequence[str], y: float, width: float, id_prefix: str) -> tuple[str, float]:
    """The line styles in use, flowing onto more rows when the picture is narrow; the bottom it reaches."""
    parts = []
    x = _SIDE
    for kind in kinds:
        words = EDGE_STYLE[kind][3]
        item = 40 + text_width(words, SMALL) + 18
        if x > _SIDE and x + item > width - _SIDE:
            x, y = _SIDE, y + _LINE_H + 6
        parts.append(_edge_line(kind, f"M{num(x)} {num(y)} L{num(x + 28)} {num(y)}", id_prefix))
        parts.append(text(x + 40, y + SMALL * 0.35, words, font_size=SMALL))
        x += item
    return tag("g", "".join(parts), class_="legend"), y + _LINE_H


def _tree(
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
    columns = max(1, int((width - 2 * _SIDE) // _TREE_COLUMN))
    col_w = (width - 2 * _SIDE) / columns
    heading = text(_SIDE, top + SMALL, "Part of: who belongs to whom", font_size=SMALL, font_weight=700, fill=MUTED)
    parts = [heading, tag("line", x1=_SIDE, y1=top + SMALL * 1.5, x2=width - _SIDE, y2=top + SMALL * 1.5, stroke=RULE)]
    start = top + SMALL * 2.2
    heights = [start] * columns
    for root in roots:
        entries = _walk_tree(root, children, actors, 0, frozenset({root}))
        column = min(range(columns), key=lambda c: (heights[c], c))
        x0, y = _SIDE + column * col_w, heights[column]
        last: dict[int, Point] = {}  # the latest entry at each depth: its left and its first line's middle
        for node, depth in entries:
            bold = depth == 0
            lines = wrap(actors[node].name, col_w - 16 - depth * _TREE_INDENT, SMALL, 2, bold=bold)
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
            last[depth] = (x, middle)
            y += len(lines) * _LINE_H + 3
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
