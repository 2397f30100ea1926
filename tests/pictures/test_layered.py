"""The layered drawing: chains through the layers a line passes, an order with few crossings, positions in bounds."""

from __future__ import annotations

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
