"""A layered drawing of a graph: lines cut into chains through the layers they pass, an order with few crossings, positions."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
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
    """How many pairs of segments between neighbouring layers cross (segments sharing an end do not)."""
    return _crossings(order, _segments(chains, rank))


def _segments(chains: Sequence[Chain], rank: Mapping[str, int]) -> list[list[tuple[str, str]]]:
    """Each chain's segments, grouped by the layer they leave toward the next: (upper end, lower end)."""
    by_layer: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            if rank[a] > rank[b]:
                a, b = b, a
            by_layer[rank[a]].append((a, b))
    return list(by_layer.values())


def _crossings(order: Sequence[Sequence[str]], segments: Sequence[Sequence[tuple[str, str]]]) -> int:
    """Crossings counted as inversions: segments sorted by their upper end, then the lower ends out of order.

    Two segments cross when their ends are strictly in opposite orders; sorted by (upper, lower), a pair with the
    same upper end is never out of order, so counting the strictly descending pairs of lower ends counts exactly those.
    """
    at = {n: i for layer in order for i, n in enumerate(layer)}
    return sum(_inversions([b for _, b in sorted((at[a], at[b]) for a, b in pairs)]) for pairs in segments)


def _inversions(values: Sequence[int]) -> int:
    """Pairs i < j with values[i] > values[j], with a Fenwick tree of the values seen so far: O(n log n)."""
    size = max(values, default=0) + 1
    tree = [0] * (size + 1)
    count = 0
    for seen, value in enumerate(values):
        i, at_most = value + 1, 0
        while i:
            at_most += tree[i]
            i &= i - 1
        count += seen - at_most
        i = value + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


def order(layers: list[list[str]], chains: Sequence[Chain], rank: Mapping[str, int]) -> list[list[str]]:
    """Barycentre sweeps, left to right and back; the order with fewest crossings wins.

    A sweep depends only on the order it starts from and its direction, so once a sweep ends where the one two
    before it ended, every later sweep repeats one already counted and the search stops.
    """
    layer_of = {n: i for i, layer in enumerate(layers) for n in layer}
    toward: dict[tuple[str, int], list[str]] = defaultdict(list)  # a node's neighbours in one layer, in chain order
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            if b in layer_of:
                toward[(a, layer_of[b])].append(b)
            if a in layer_of:
                toward[(b, layer_of[a])].append(a)
    segments = _segments(chains, rank)
    best, best_count = [list(layer) for layer in layers], _crossings(layers, segments)
    order = [list(layer) for layer in layers]
    earlier: list[list[list[str]]] = []
    for sweep in range(16):
        indices = range(1, len(order)) if sweep % 2 == 0 else range(len(order) - 2, -1, -1)
        for i in indices:
            j = i - 1 if sweep % 2 == 0 else i + 1
            at = {n: k for k, n in enumerate(order[j])}
            current = {n: k for k, n in enumerate(order[i])}

            def key(n: str, at: dict[str, int] = at, current: dict[str, int] = current, j: int = j) -> tuple[float, int]:
                ks = [at[m] for m in toward.get((n, j), ())]
                return (sum(ks) / len(ks) if ks else float(current[n]), current[n])

            order[i] = sorted(order[i], key=key)
        if len(earlier) >= 2 and order == earlier[-2]:
            break
        earlier.append([list(layer) for layer in order])
        count = _crossings(order, segments)
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


def neighbours(chains: Sequence[Chain]) -> defaultdict[str, list[str]]:
    """The nodes each node's segments join it to, in chain order."""
    near: defaultdict[str, list[str]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            near[a].append(b)
            near[b].append(a)
    return near


def stacked(order: Sequence[Sequence[str]], size: Mapping[str, float], gap: Callable[[str, str], float]) -> dict[str, float]:
    """Each layer's nodes one after another from 0, `gap` between neighbours: where the position sweeps start."""
    start: dict[str, float] = {}
    for layer in order:
        y = 0.0
        for k, n in enumerate(layer):
            y += gap(layer[k - 1], n) if k else 0.0
            start[n] = y
            y += size[n]
    return start


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

    Nodes are `gap_size` apart, `dummy` beside a passing line, or the line's own size when that is less (a row
    squeezed to hold many). With `room`, every layer is kept within 0 to `room` (rows across a phone); without, the
    lowest start is 0.
    """
    near = neighbours(chains)

    def gap(a: str, b: str) -> float:
        if is_dummy(a) or is_dummy(b):
            return min(dummy, *(size[n] for n in (a, b) if is_dummy(n)))
        return gap_size

    start = stacked(order, size, gap)
    half = {m: size[m] / 2 for m in near}
    layers = [
        (layer, [size[n] for n in layer], [0.0] + [gap(a, b) for a, b in itertools.pairwise(layer)], [near[n] for n in layer])
        for layer in order
    ]
    for _ in range(10):  # a pass that moves nothing is a fixed point: the passes after it would move nothing either
        moved = False
        for layer, sizes, gaps, nears in layers:
            wanted = []
            for n, n_size, ms in zip(layer, sizes, nears, strict=True):
                if ms:
                    mids = [start[m] + half[m] for m in ms]
                    wanted.append(sum(mids) / len(mids) - n_size / 2)
                else:  # written as before, not `start[n]`: the float sum rounds the same, so the same bytes
                    wanted.append(start[n] + n_size / 2 - n_size / 2)
            placed = spread(wanted, sizes, gaps)
            if not moved and any(start[n] != v for n, v in zip(layer, placed, strict=True)):
                moved = True
            start.update(zip(layer, placed, strict=True))
        if not moved:
            break
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
