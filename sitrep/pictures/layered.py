"""A layered drawing of a graph: lines cut into chains through the layers they pass, an order with few crossings, positions."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Chain:
    nodes: tuple[str, ...]  # source, the dummies it passes, target


def is_dummy(node: str) -> bool:
    """A point where a line passes a layer; named '~<line>:<layer>', which no item id can be."""
    return node.startswith("~")


def chains(ends: Sequence[tuple[str, str]], rank: dict[str, int]) -> list[Chain]:
    """A chain per line, a dummy in each layer it passes; `rank` gains the dummies' layers."""
    found = []
    for number, (source, target) in enumerate(ends):
        a, b = rank[source], rank[target]
        step = 1 if b > a else -1
        dummies = tuple(f"~{number}:{r}" for r in range(a + step, b, step))
        rank.update((d, r) for d, r in zip(dummies, range(a + step, b, step), strict=True))
        found.append(Chain((source, *dummies, target)))
    return found


def crossings(order: Sequence[Sequence[str]], chains: Sequence[Chain], rank: Mapping[str, int]) -> int:
    at = {n: i for layer in order for i, n in enumerate(layer)}
    segments: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            if rank[a] > rank[b]:
                a, b = b, a
            segments[rank[a]].append((at[a], at[b]))
    return sum(1 for pairs in segments.values() for (a, b), (c, d) in itertools.combinations(pairs, 2) if (a - c) * (b - d) < 0)


def order(layers: list[list[str]], chains: Sequence[Chain], rank: Mapping[str, int]) -> list[list[str]]:
    """Barycentre sweeps, left to right and back; the order with fewest crossings wins."""
    near: dict[str, list[str]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            near[a].append(b)
            near[b].append(a)
    best, best_count = [list(layer) for layer in layers], crossings(layers, chains, rank)
    order = [list(layer) for layer in layers]
    for sweep in range(16):
        indices = range(1, len(order)) if sweep % 2 == 0 else range(len(order) - 2, -1, -1)
        for i in indices:
            j = i - 1 if sweep % 2 == 0 else i + 1
            at = {n: k for k, n in enumerate(order[j])}
            current = {n: k for k, n in enumerate(order[i])}

            def key(n: str, at: dict[str, int] = at, current: dict[str, int] = current) -> tuple[float, int]:
                ks = [at[m] for m in near[n] if m in at]
                return (sum(ks) / len(ks) if ks else float(current[n]), current[n])

            order[i] = sorted(order[i], key=key)
        count = crossings(order, chains, rank)
        if count < best_count:
            best, best_count = [list(layer) for layer in order], count
    return best


def spread(wanted: Sequence[float], sizes: Sequence[float], gaps: Sequence[float]) -> list[float]:
    """Starts as near the wanted ones as keeps order and gaps: the mean of a push-down and a push-up pass."""
    down = list(wanted)
    for i in range(1, len(down)):
        down[i] = max(down[i], down[i - 1] + sizes[i - 1] + gaps[i])
    up = list(wanted)
    for i in reversed(range(len(up) - 1)):
        up[i] = min(up[i], up[i + 1] - sizes[i] - gaps[i + 1])
    return [(a + b) / 2 for a, b in zip(down, up, strict=True)]


def positions(
    order: Sequence[Sequence[str]],
    chains: Sequence[Chain],
    size: Mapping[str, float],
    room: float | None = None,
    *,
    gap_size: float,
    dummy: float,
) -> dict[str, float]:
    """Where each node starts along its layer: stacked, then drawn toward its neighbours' middles, in sweeps.

    With `room`, every layer is kept within 0 to `room` (rows across a phone); without, the lowest start is 0.
    """
    near: dict[str, list[str]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            near[a].append(b)
            near[b].append(a)

    def gap(a: str, b: str) -> float:
        return dummy if is_dummy(a) or is_dummy(b) else gap_size

    start: dict[str, float] = {}
    for layer in order:
        y = 0.0
        for k, n in enumerate(layer):
            y += gap(layer[k - 1], n) if k else 0.0
            start[n] = y
            y += size[n]
    for _ in range(10):
        for layer in order:
            wanted = []
            for n in layer:
                mids = [start[m] + size[m] / 2 for m in near[n]]
                wanted.append((sum(mids) / len(mids) if mids else start[n] + size[n] / 2) - size[n] / 2)
            gaps = [0.0] + [gap(a, b) for a, b in itertools.pairwise(layer)]
            start.update(zip(layer, spread(wanted, [size[n] for n in layer], gaps), strict=True))
    low = min(start.values())
    start = {n: v - low for n, v in start.items()}
    if room is None:
        return start
    for layer in order:  # a row of a phone's picture stays on the page: moved in, or packed tight if it must be
        gaps = [0.0] + [gap(a, b) for a, b in itertools.pairwise(layer)]
        span = sum(size[n] for n in layer) + sum(gaps)
        if span >= room:
            packed = list(itertools.accumulate(size[n] + g for n, g in zip(layer, gaps[1:] + [0.0], strict=True)))
            start.update(zip(layer, [0.0] + packed[:-1], strict=True))
            continue
        # as near where the sweeps put them as fits: pushed right past what comes before, then left off the far edge
        placed = [min(max(start[n], 0.0), room - size[n]) for n in layer]
        for i in range(1, len(layer)):
            placed[i] = max(placed[i], placed[i - 1] + size[layer[i - 1]] + gaps[i])
        placed[-1] = min(placed[-1], room - size[layer[-1]])
        for i in reversed(range(len(layer) - 1)):
            placed[i] = min(placed[i], placed[i + 1] - size[layer[i]] - gaps[i + 1])
        start.update(zip(layer, placed, strict=True))
    return start
