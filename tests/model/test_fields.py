"""The field types' validators: a list's repeated entries found as the JSON of each entry finds them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from sitrep.model import fields

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, 1.0, 2.5]), st.sampled_from(["", "1", "a", "true"])
)
_ENTRIES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=2), st.dictionaries(st.sampled_from(["a", "b", "source"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _repeat_by_json(value: list[Any]) -> tuple[int, int] | None:
    """The plain way: each entry as its JSON with sorted keys (text as itself)."""
    first: dict[str, int] = {}
    for index, entry in enumerate(value):
        written = entry if isinstance(entry, str) else json.dumps(entry, sort_keys=True, default=str)
        if written in first:
            return index, first[written]
        first[written] = index
    return None


def _repeat(value: list[Any]) -> tuple[int, int] | None:
    try:
        fields.no_repeats(value)
    except PydanticCustomError as error:
        context = error.context or {}
        return context["index"], context["first"]
    return None


@given(st.lists(_ENTRIES, max_size=6))
def test_a_repeat_is_found_where_the_entries_json_repeats(value: list[Any]) -> None:
    assert _repeat(value) == _repeat_by_json(value)


@pytest.mark.parametrize(
    ("value", "repeat"),
    [
        ([{"source": "a", "quote": "x"}, {"quote": "x", "source": "a"}], (1, 0)),  # key order is not a difference
        ([{"n": 1}, {"n": True}], None),  # true is not 1, as YAML writes them
        ([{"n": 1}, {"n": 1.0}], None),
        ([{"n": 1}, {"n": "1"}], None),
        (["a", {"a": None}, "a"], (2, 0)),
    ],
)
def test_entries_that_look_alike_are_told_apart_as_written(value: list[Any], repeat: tuple[int, int] | None) -> None:
    assert _repeat(value) == repeat
