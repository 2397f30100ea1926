"""The diagram's layers: the rivals apart, the contested between, partners beside their patrons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Final

from .edges import Edge

_FRIENDLY: Final = {"backs": 1.0, "allied-with": 1.0, "leads": 1.0, "opposes": -1.0}


def _rivals(edges: Sequence[Edge], degree: Mapping[str, int], names: Mapping[str, str]) -> tuple[str, str] | None:
    """The pair that most opposes each other (both ways first, then the most connected); left by name."""
    pairs = {(e.source, e.target): e.both for e in edges if e.type == "opposes"}
    if not pairs:
        return None

    def strength(pair: tuple[str, str]) -> tuple[int, int, list[str]]:
        mutual = pairs[pair] or (pair[1], pair[0]) in pairs
        return (-int(mutual), -(degree[pair[0]] + degree[pair[1]]), sorted(pair))

    a, b = min(pairs, key=strength)
    return (a, b) if (names[a], a) <= (names[b], b) else (b, a)


def assign_layers(
    nodes: Sequence[str], edges: Sequence[Edge], parents: Mapping[str, list[str]], names: Mapping[str, str]
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


def separate(layer: dict[str, float], edges: Sequence[Edge]) -> None:
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
