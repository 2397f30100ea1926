"""The layered drawing: chains through the layers a line passes, an order with few crossings, positions in bounds."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence

import pytest

from sitrep.pictures import layered


def test_a_long_line_gets_a_dummy_in_each_layer_it_passes() -> None:
    rank = {"a": 0, "b": 3}
    (chain,) = layered.chains([("b", "a")], rank)
    assert chain.nodes == ("b", "~0:2", "~0:1", "a")
    assert rank["~0:2"] == 2 and layered.is_dummy("~0:1") and not layered.is_dummy("a")


def test_order_untangles_a_crossed_pair_of_layers() -> None:
    rank = {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1}
    chains = layered.chains([("a", "z"), ("b", "y"), ("c", "x")], rank)
    layers = [["a", "b", "c"], ["x", "y", "z"]]
    assert layered.crossings(layers, chains, rank) == 3
    assert layered.crossings(layered.order(layers, chains, rank), chains, rank) == 0


def test_positions_keep_order_gaps_and_the_room_given() -> None:
    rank = {"a": 0, "b": 0, "c": 1}
    chains = layered.chains([("a", "c"), ("b", "c")], rank)
    size = {"a": 50.0, "b": 50.0, "c": 50.0}
    at = layered.positions([["a", "b"], ["c"]], chains, size, 120.0, gap_size=10.0, dummy=4.0)
    assert at["b"] - at["a"] >= 60.0 and at["a"] >= 0.0 and at["b"] + 50.0 <= 120.0
    assert abs((at["c"] + 25.0) - (at["a"] + at["b"] + 50.0) / 2) < 1.0  # drawn between what it links to


def _plain_crossings(order: Sequence[Sequence[str]], chains: Sequence[layered.Chain], rank: Mapping[str, int]) -> int:
    """Every pair of segments between the same two layers tried: the plain way the inversion count must match."""
    at = {n: i for layer in order for i, n in enumerate(layer)}
    segments: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain.nodes):
            if rank[a] > rank[b]:
                a, b = b, a
            segments[rank[a]].append((at[a], at[b]))
    return sum(1 for pairs in segments.values() for (a, b), (c, d) in itertools.combinations(pairs, 2) if (a - c) * (b - d) < 0)


def _plain_order(layers: list[list[str]], chains: Sequence[layered.Chain], rank: Mapping[str, int]) -> list[list[str]]:
    """All sixteen sweeps, each counted the plain way."""
    near = layered.neighbours(chains)
    best, best_count = [list(layer) for layer in layers], _plain_crossings(layers, chains, rank)
    order = [list(layer) for layer in layers]
    for sweep in range(16):
        indices = range(1, len(order)) if sweep % 2 == 0 else range(len(order) - 2, -1, -1)
        for i in indices:
            at = {n: k for k, n in enumerate(order[i - 1 if sweep % 2 == 0 else i + 1])}
            current = {n: k for k, n in enumerate(order[i])}

            def key(n: str, at: dict[str, int] = at, current: dict[str, int] = current) -> tuple[float, int]:
                ks = [at[m] for m in near[n] if m in at]
                return (sum(ks) / len(ks) if ks else float(current[n]), current[n])

            order[i] = sorted(order[i], key=key)
        count = _plain_crossings(order, chains, rank)
        if count < best_count:
            best, best_count = [list(layer) for layer in order], count
    return best


def _random_graph(seed: int) -> tuple[list[list[str]], list[layered.Chain], dict[str, int]]:
    """Layers of a few nodes, lines between random nodes of different layers (some twice, some both ways)."""
    draw = random.Random(seed)
    count = draw.randint(2, 7)
    rank = {f"n{k}": draw.randrange(count) for k in range(draw.randint(2, 24))}
    nodes = sorted(rank)
    ends = [(a, b) for a, b in (draw.sample(nodes, 2) for _ in range(draw.randint(1, 40))) if rank[a] != rank[b]]
    chains = layered.chains(ends, rank)
    layers: list[list[str]] = [[] for _ in range(count)]
    for n in draw.sample(sorted(rank), len(rank)):
        layers[rank[n]].append(n)
    return layers, chains, rank


@pytest.mark.parametrize("seed", range(400))
def test_crossings_and_order_match_the_plain_way(seed: int) -> None:
    layers, chains, rank = _random_graph(seed)
    assert layered.crossings(layers, chains, rank) == _plain_crossings(layers, chains, rank)
    assert layered.order(layers, chains, rank) == _plain_order(layers, chains, rank)


def test_inversions_count_only_pairs_strictly_out_of_order() -> None:
    assert layered._inversions([]) == 0 and layered._inversions([2, 2, 2]) == 0
    assert layered._inversions([3, 1, 2, 1]) == 4  # 3>1, 3>2, 3>1, 2>1


def _plain_positions(
    order: Sequence[Sequence[str]], chains: Sequence[layered.Chain], size: Mapping[str, float], *, gap_size: float, dummy: float
) -> dict[str, float]:
    """The ten sweeps of positions (without room), each recomputing what it needs."""
    near = layered.neighbours(chains)

    def gap(a: str, b: str) -> float:
        return dummy if layered.is_dummy(a) or layered.is_dummy(b) else gap_size

    start = layered.stacked(order, size, gap)
    for _ in range(10):
        for layer in order:
            wanted = []
            for n in layer:
                mids = [start[m] + size[m] / 2 for m in near[n]]
                wanted.append((sum(mids) / len(mids) if mids else start[n] + size[n] / 2) - size[n] / 2)
            gaps = [0.0] + [gap(a, b) for a, b in itertools.pairwise(layer)]
            start.update(zip(layer, layered.spread(wanted, [size[n] for n in layer], gaps), strict=True))
    low = min(start.values())
    return {n: v - low for n, v in start.items()}


@pytest.mark.parametrize("seed", range(200))
def test_positions_match_the_plain_way(seed: int) -> None:
    layers, chains, rank = _random_graph(seed)
    for chain in chains:
        for d in chain.nodes[1:-1]:
            layers[rank[d]].append(d)
    draw = random.Random(seed)
    size = {n: 6.0 if layered.is_dummy(n) else draw.choice([21.4, 35.8, 50.2]) for layer in layers for n in layer}
    assert layered.positions(layers, chains, size, gap_size=12.0, dummy=6.0) == _plain_positions(
        layers, chains, size, gap_size=12.0, dummy=6.0
    )
