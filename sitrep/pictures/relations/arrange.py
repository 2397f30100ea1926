"""Where the diagram's boxes go: layers in columns (rows on a phone), boxes ordered to cross little, passing lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from ... import model
from .. import layered
from ..svg import SMALL, WIDE, Box, Point, wrap
from .edges import Edge
from .layers import assign_layers, separate

SIDE: Final = 8.0  # margin left and right
LINE_H: Final = SMALL * 1.2
PAD: Final = 5.0  # inside a box, around its name
GAP: Final = 12.0  # between boxes of one layer
DUMMY: Final = 6.0  # the room a line passing through a layer takes in it
ROW_BOX: Final = 104.0  # a box's width when layers are rows (a phone): three to a row


@dataclass(frozen=True)
class Drawn:
    boxes: Mapping[str, Box]  # in picture coordinates
    lines: Mapping[str, list[str]]
    edges: Sequence[Edge]
    chains: Sequence[layered.Chain]  # one for each edge, in the same order
    dummies: Mapping[str, Point]  # a passing line's point in its layer: (start, end) along the layer axis at one height
    rows: bool  # layers run top to bottom (a phone) rather than left to right
    thick: float  # a layer's depth along the layer axis: a box's width in columns, its height in rows
    bottom: float


def arrange(actors: Mapping[str, model.Actor], edges: Sequence[Edge], parents: Mapping[str, list[str]], width: float) -> Drawn:
    nodes = sorted({e.source for e in edges} | {e.target for e in edges} | {a.id for a in actors.values() if a.kind == "state"})
    names = {n: actors[n].name for n in nodes}
    layer = assign_layers(nodes, edges, parents, names)
    separate(layer, edges)
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
        box_w = min(ROW_BOX, (width - 2 * SIDE - 2 * GAP) / 3)
        lines = {n: wrap(names[n], box_w - 2 * PAD, SMALL, 3, bold=actors[n].kind == "state") for n in nodes}
        thick = max(len(v) for v in lines.values()) * LINE_H + 2 * PAD
        size = {n: box_w for n in nodes}
        layer_gap = 34.0
    else:
        col = (width - 2 * SIDE) / count
        box_w = col - 30.0
        lines = {n: wrap(names[n], box_w - 2 * PAD, SMALL, 4, bold=actors[n].kind == "state") for n in nodes}
        size = {n: len(lines[n]) * LINE_H + 2 * PAD for n in nodes}
        thick = box_w
        layer_gap = 30.0
    size.update({d: DUMMY for layer_nodes in order for d in layer_nodes if layered.is_dummy(d)})
    along = layered.positions(order, chains, size, width - 2 * SIDE if rows else None, gap_size=GAP, dummy=DUMMY)
    shift = SIDE
    top = SMALL * 2.2 if not rows else 6.0
    boxes: dict[str, Box] = {}
    dummies: dict[str, Point] = {}
    for r, layer_nodes in enumerate(order):
        u0 = (SIDE + 15.0 + r * (width - 2 * SIDE) / count) if not rows else top + r * (thick + layer_gap)
        for n in layer_nodes:
            v0 = along[n] + (top if not rows else shift)
            if layered.is_dummy(n):
                dummies[n] = (u0, v0 + DUMMY / 2)
                continue
            boxes[n] = (u0, v0, u0 + thick, v0 + size[n]) if not rows else (v0, u0, v0 + size[n], u0 + thick)
    return Drawn(boxes, lines, edges, chains, dummies, rows, thick, max(b[3] for b in boxes.values()))


def _split_rows(
    layer: dict[str, float],
    values: Sequence[float],
    width: float,
    names: Mapping[str, str],
    edges: Sequence[Edge],
    parents: Mapping[str, list[str]],
) -> dict[str, float]:
    box_w = min(ROW_BOX, (width - 2 * SIDE - 2 * GAP) / 3)
    reserve = 5 * (DUMMY + GAP)  # room in a row for lines passing it to the next
    fit = max(1, int((width - 2 * SIDE - reserve + GAP) // (box_w + GAP)))
    split = dict(layer)
    for value in values:
        members = sorted((n for n in layer if layer[n] == value), key=lambda n: (names[n], n))
        if len(members) <= fit:
            continue
        outward = -1.0 if value < 0 else 1.0
        for k, n in enumerate(members):
            split[n] = value + outward * (k // fit) / (len(members) // fit + 2)
    return split
