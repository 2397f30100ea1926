"""The month axis: its labels never overlap, the first and last (anchored at the ends) included."""

from __future__ import annotations

import re

import pytest

from sitrep.load import load_project
from sitrep.pictures.svg import SMALL, text_width

from ...conftest import ROOT
from .drawing import draw

MONTH_LABEL = re.compile(r'<text x="([\d.]+)" y="[\d.]+"(?: text-anchor="(\w+)")?[^>]*>((?:[A-Z][a-z]{2} )?\d{4})</text>')


@pytest.mark.parametrize("width", [720.0, 560.0, 390.0])
def test_month_labels_never_overlap(width: float) -> None:
    """The contract project's events run from late April to December 2031: at the PDF's width its first label
    ("Apr 2031", running right from its tick) used to run into "May 2031", and the last into the one before."""
    events = list(load_project(ROOT / "tests/fixtures/contract").project.events.values())
    labels = [(float(x), anchor or "start", words) for x, anchor, words in MONTH_LABEL.findall(draw(events, width=width))]
    assert len(labels) >= 4, labels
    spans = []
    for x, anchor, words in labels:
        size = text_width(words, SMALL)
        start = x if anchor == "start" else x - size if anchor == "end" else x - size / 2
        spans.append((start, start + size, words))
    for (_, end, before), (start, _, after) in zip(spans, spans[1:], strict=False):
        assert start >= end, f"{before!r} runs into {after!r}"
