"""The cycle collector paused for a block: off inside, then as it was, also when the block raises."""

from __future__ import annotations

import gc

import pytest

from sitrep.cycles import collection_paused


def test_the_collector_is_off_inside_and_back_on_after_even_when_the_block_raises() -> None:
    seen: list[bool] = []
    with pytest.raises(KeyError), collection_paused():
        seen.append(gc.isenabled())
        raise KeyError("boom")
    assert seen == [False]
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
