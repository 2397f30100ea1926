"""Where the diagram's boxes go: layers in columns (rows on a phone), boxes ordered to cross little, passing lines."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from ... import model
from .. import layered
from ..svg import SMALL, WIDE, Box
from .edges import Edge
from .fit import MOST_LINES, name_lines, name_width
from .layers import assign_layers, separate

SIDE: Final = 8.0  # margin left and right
LINE_H: Final = SMALL * 1.2
PAD: Final = 5.0  # inside a box, around its name
GAP: Final = 12.0  # between boxes of one layer
DUMMY: Final = 6.0  # the room a line passing through a layer takes in it
SQUEEZED: Final = 3.0  # ... and the least it takes in a row crowded with them: lines 6 apart
ROW_BOX: Final = 104.0  # a box's least width when layers are rows (a phone): three to a row
COLUMN_GAP: Final = 30.0  # between columns, for the curves: half of it at either end
ROW_GAP: Final = 34.0  # between rows, for the curves

Pass = tuple[float, float, float]  # where a line passes a layer: in at u0, out at u1, at v across the layer


@dataclass(frozen=True)
class Drawn:
    boxes: Mapping[str, Box]  # in picture coordinates
    lines: Mapping[str, list[str]]
    edges: Sequence[Edge]
    chains: Sequence[layered.Chain]  # one for each edge, in the same order
    dummies: Mapping[str, Pass]  # a passing line's run through its layer, along the layer axis at one height
    rows: bool  # layers run top to bottom (a phone, or too many layers for columns) rather than left to right
    bottom: float


@dataclass(frozen=True)
class _Graph:
    nodes: Sequence[str]
    names: Mapping[str, str]
    bold: Mapping[str, bool]  # a state's name is set bold, which is wider
    edges: Sequence[Edge]


def arrange(actors: Mapping[str, model.Actor], edges: Sequence[Edge], parents: Mapping[str, list[str]], width: float) -> Drawn:
    """Columns when every layer's names fit one across the page, whole; else rows, as on a phone."""
    nodes = sorted({e.source for e in edges} | {e.target for e in edges} | {a.id for a in actors.values() if a.kind == "state"})
    graph = _Graph(nodes, {n: actors[n].name for n in nodes}, {n: actors[n].kind == "state" for n in nodes}, edges)
    layer = assign_layers(nodes, edges, parents, graph.names)
    separate(layer, edges)
    values = sorted(set(layer.values()))
    rank = {n: values.index(layer[n]) for n in nodes}
    depths = None if width < WIDE * 0.75 else _column_widths(rank, len(values), graph, width)
    if depths is None:
        return _in_rows(graph, layer, width)
    return _in_columns(graph, rank, depths, width)


def _column_widths(rank: Mapping[str, int], count: int, graph: _Graph, width: float) -> list[float] | None:
    """Each column's box width: an equal share when every name fits it whole in two lines (else three); a column
    whose longest name does not takes what it needs from the others; None when even three lines need more than the page."""
    room = width - 2 * SIDE - COLUMN_GAP * count
    for most in (2, MOST_LINES):
        need = [0.0] * count
        for n in graph.nodes:
            need[rank[n]] = max(need[rank[n]], name_width(graph.names[n], graph.bold[n], most) + 2 * PAD)
        if sum(need) <= room:
            break
    else:
        return None
    share, fixed = room / count, set[int]()
    while True:  # the columns that need more than a share get it; the others split what is left
        wider = {r for r in range(count) if r not in fixed and need[r] > share}
        if not wider:
            return [need[r] if r in fixed else share for r in range(count)]
        fixed |= wider
        share = (room - sum(need[r] for r in fixed)) / (count - len(fixed)) if len(fixed) < count else 0.0


def _in_columns(graph: _Graph, rank: Mapping[str, int], depths: Sequence[float], width: float) -> Drawn:
    lines = {n: name_lines(graph.names[n], depths[rank[n]] - 2 * PAD, graph.bold[n]) for n in graph.nodes}
    size = {n: len(lines[n]) * LINE_H + 2 * PAD for n in graph.nodes}
    chains, order = _ordered(graph, dict(rank), len(depths))
    size.update({d: DUMMY for layer_nodes in order for d in layer_nodes if layered.is_dummy(d)})
    along = layered.positions(order, chains, size, gap_size=GAP, dummy=DUMMY)
    top = SMALL * 2.2
    boxes: dict[str, Box] = {}
    dummies: dict[str, Pass] = {}
    u0 = SIDE + COLUMN_GAP / 2
    for depth, layer_nodes in zip(depths, order, strict=True):
        for n in layer_nodes:
            v0 = along[n] + top
            if layered.is_dummy(n):
                dummies[n] = (u0, u0 + depth, v0 + DUMMY / 2)
            else:
                boxes[n] = (u0, v0, u0 + depth, v0 + size[n])
        u0 += depth + COLUMN_GAP
    return Drawn(boxes, lines, graph.edges, chains, dummies, False, max(b[3] for b in boxes.values()))


def _in_rows(graph: _Graph, layer: Mapping[str, float], width: float) -> Drawn:
    """Layers top to bottom, a layer too full for one row in several, the extra ones farther from the middle."""
    room = width - 2 * SIDE
    least = min(ROW_BOX, (room - 2 * GAP) / 3)
    size = {n: max(least, name_width(graph.names[n], graph.bold[n]) + 2 * PAD) for n in graph.nodes}
    lines = {n: name_lines(graph.names[n], size[n] - 2 * PAD, graph.bold[n]) for n in graph.nodes}
    thick = max(len(v) for v in lines.values()) * LINE_H + 2 * PAD
    rank = _split_rows(layer, size, room, least, graph)
    chains, order = _ordered(graph, rank, max(rank.values()) + 1)
    for layer_nodes in order:  # lines passing a row take DUMMY each, less when the row has not the room for them all
        passing = [d for d in layer_nodes if layered.is_dummy(d)]
        boxes_span = _span([size[n] for n in layer_nodes if not layered.is_dummy(n)])
        each = min(DUMMY, (room - boxes_span) / (2 * len(passing))) if passing else DUMMY
        size.update(dict.fromkeys(passing, max(each, 0.5)))
    along = layered.positions(order, chains, size, room, gap_size=GAP, dummy=DUMMY)
    top = 6.0
    boxes: dict[str, Box] = {}
    dummies: dict[str, Pass] = {}
    for r, layer_nodes in enumerate(order):
        u0 = top + r * (thick + ROW_GAP)
        for n in layer_nodes:
            v0 = along[n] + SIDE
            if layered.is_dummy(n):
                dummies[n] = (u0, u0 + thick, v0 + size[n] / 2)
            else:
                boxes[n] = (v0, u0, v0 + size[n], u0 + thick)
    return Drawn(boxes, lines, graph.edges, chains, dummies, True, max(b[3] for b in boxes.values()))


def _ordered(graph: _Graph, rank: dict[str, int], count: int) -> tuple[list[layered.Chain], list[list[str]]]:
    """The lines cut into chains through the layers they pass (`rank` gains the passing points), and each layer's order."""
    chains = layered.chains([(e.source, e.target) for e in graph.edges], rank)
    groups: list[list[str]] = [[] for _ in range(count)]
    for n in sorted(graph.nodes, key=lambda n: (graph.names[n], n)):
        groups[rank[n]].append(n)
    for chain in chains:
        for d in chain.nodes[1:-1]:
            groups[rank[d]].append(d)
    return chains, layered.order(groups, chains, rank)


def _span(widths: Sequence[float]) -> float:
    """How wide boxes of these widths are side by side, GAP apart."""
    return sum(widths) + GAP * (len(widths) - 1)


def _split_rows(
    layer: Mapping[str, float], size: Mapping[str, float], room: float, least: float, graph: _Graph
) -> dict[str, int]:
    """Each node's row: a layer's boxes (by name) fill as many rows as their widths need, the rows beyond the first
    farther from the middle, with room left in each row for the lines that pass it (2 SQUEEZED each, a line and a gap, at the least).

    Which lines pass a row depends on the rows: a layer whose rows lack that room keeps more, and the split is redone.
    Splitting makes rows that more lines pass, so a row keeps room for two boxes however many: there they squeeze.
    """
    most = max(0.0, room - _span([least, least]))
    values = sorted(set(layer.values()))
    members = {v: sorted((n for n in layer if layer[n] == v), key=lambda n: (graph.names[n], n)) for v in values}
    reserve = dict.fromkeys(values, 0.0)
    while True:
        rows = [(v, chunk) for v in values for chunk in _fill_rows(members[v], size, room - reserve[v])]
        rows.sort(key=lambda row: (row[0], (-1 if row[0] < 0 else 1) * members[row[0]].index(row[1][0])))
        rank = {n: r for r, (_, chunk) in enumerate(rows) for n in chunk}
        passing = Counter(
            r for e in graph.edges for r in range(min(rank[e.source], rank[e.target]) + 1, max(rank[e.source], rank[e.target]))
        )
        wanted = {r: min(passing[r] * 2 * SQUEEZED, most) for r in range(len(rows))}
        more = {
            v: wanted[r]
            for r, (v, chunk) in enumerate(rows)
            if len(chunk) > 1 and _span([size[n] for n in chunk]) + wanted[r] > room and wanted[r] > reserve[v]
        }
        if not more:
            return rank
        reserve.update(more)  # only ever grows, and no further than `most`: the loop ends


def _fill_rows(members: Sequence[str], size: Mapping[str, float], room: float) -> list[list[str]]:
    """The members in order in rows no wider than `room` (a box wider than it alone), as few rows as that takes,
    as evenly filled as they can be in that many."""

    def fill(most: int) -> list[list[str]]:
        rows: list[list[str]] = []
        for n in members:
            if rows and len(rows[-1]) < most and _span([size[m] for m in [*rows[-1], n]]) <= room:
                rows[-1].append(n)
            else:
                rows.append([n])
        return rows

    fullest = fill(len(members))
    even = fill(math.ceil(len(members) / len(fullest)))
    return even if len(even) == len(fullest) else fullest
