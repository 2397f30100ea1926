"""Drawing the relations diagram: boxes, curved arrows styled by relation, the legend, the part-of tree below."""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Final

from ... import model
from ...problems import plural
from .. import layered
from ..svg import MUTED, SMALL, WIDE, Box, Href, Point, mark, notice, num, svg, tag, text, text_width, wrap
from .arrange import LINE_H, PAD, SIDE, Drawn, arrange
from .edges import EDGE_STYLE, find_edges, find_parents, link_counts, most_related
from .tree import draw_tree

_ARROW: Final = 7.0


def relations_svg(actors: Mapping[str, model.Actor], *, href: Href, id_prefix: str, width: float = WIDE) -> str:
    """Who backs, opposes, allies with or leads whom (rivals either side, the contested between); who is part of whom below."""
    edges = find_edges(actors)
    parents = find_parents(actors)
    title = "Relations between actors"
    if not edges and not parents:
        return notice(id_prefix, width, title, "No relations among these actors")
    body: list[str] = []
    y = 0.0
    words: list[str] = []
    note = ""
    shown = most_related(actors, edges, parents)
    if shown is not None:  # too many to read: the best connected, and a line saying where the rest are
        chosen, total = shown
        actors = {k: a for k, a in actors.items() if k in chosen}
        edges = [e for e in edges if e.source in chosen and e.target in chosen]
        parents = find_parents(actors)
        note = (
            f"Shown: the {len(link_counts(actors, edges, parents))} actors at the centre of the relations, of {total:,}; "
            "each actor's page lists all its relations."
        )
        words.append(note)
    if edges:
        drawn = arrange(actors, edges, parents, width)
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
    if note:  # under the legend, above the tree
        for line in wrap(note, width - 2 * SIDE, SMALL, 3):
            y += LINE_H
            body.append(text(SIDE, y, line, font_size=SMALL, fill=MUTED))
    if parents:
        tree, y = draw_tree(actors, parents, y + (14.0 if edges else 4.0), width, href)
        body.append(tree)
        words.append(
            "Part of: "
            + "; ".join(f"{actors[c].name} is part of {' and '.join(actors[p].name for p in ups)}" for c, ups in parents.items())
            + "."
        )
    return svg(id_prefix, width, y + 6, title, " ".join(words), "".join(body))


def _has_sides(drawn: Drawn) -> bool:
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
    first = (top + bottom - len(lines) * LINE_H) / 2  # the name centred in its box
    for row, words in enumerate(lines):
        shapes += text(
            left + PAD,
            first + LINE_H * row + SMALL * 0.95,
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


def _edge_paths(drawn: Drawn, id_prefix: str) -> list[str]:
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
            du0, du1, dv = drawn.dummies[d]
            run = [(du0, dv), (du1, dv)]
            points.extend(run if out > 0 else run[::-1])
        points.append((tu, tv))
        d_path = _curve([xy(p) for p in points], drawn.rows)
        line = _edge_line(edge.type, d_path, id_prefix)
        if edge.both:  # the far head rides on the same curve drawn backwards, unstroked
            back = _curve([xy(p) for p in reversed(points)], drawn.rows)
            line += tag("path", d=back, fill="none", stroke="none", marker_end=f"url(#{id_prefix}-head-{edge.type})")
        paths.append(tag("g", tag("title", html.escape(edge.words, quote=False)) + line, class_="edge"))
    return paths


def _u(node: str, drawn: Drawn) -> float:
    if layered.is_dummy(node):
        return drawn.dummies[node][0]
    box = drawn.boxes[node]
    return (box[1] + box[3]) / 2 if drawn.rows else (box[0] + box[2]) / 2


def _v(node: str, drawn: Drawn) -> float:
    if layered.is_dummy(node):
        return drawn.dummies[node][2]
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
    x = SIDE
    for kind in kinds:
        words = EDGE_STYLE[kind][3]
        item = 40 + text_width(words, SMALL) + 18
        if x > SIDE and x + item > width - SIDE:
            x, y = SIDE, y + LINE_H + 6
        parts.append(_edge_line(kind, f"M{num(x)} {num(y)} L{num(x + 28)} {num(y)}", id_prefix))
        parts.append(text(x + 40, y + SMALL * 0.35, words, font_size=SMALL))
        x += item
    return tag("g", "".join(parts), class_="legend"), y + LINE_H
