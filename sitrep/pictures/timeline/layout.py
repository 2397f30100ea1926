"""Where the timeline's parts go: the time scale, lanes stacked in rows, key-event and edition names in rows above
the chart, phase names in a strip of their own; nothing here draws."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ... import model
from ..svg import SMALL, Box, text_width, wrap
from .spans import DOT_R, KEY_R, LANES, Edition, Scale, Span, lane_units, month_start, outliers, rank, short_date

LABEL_ROWS = 6  # rows of key-event names above the chart at print width, beyond the editions'
LABEL_ROWS_NARROW = 8

Placed = tuple[tuple[Span, ...], int, tuple[float, float]]  # a lane's unit of marks, its row, its x extent
Label = tuple[Span, float, list[str], float, float, int, float]  # span, leader x, lines, width, height, row, left edge


class LaneRows:
    """A lane's rows, each holding dots or bars, for first fit: a mark goes in the first row of its kind that is free
    where it starts, else in a new row. The first such row is found in log time (a tree of the least "free from"
    under each run of rows), as a lane of a big project's thousands of marks has thousands of rows."""

    def __init__(self) -> None:
        self.rows = 0
        self.size = 1  # leaves in each tree: rows it can hold
        self.trees: dict[bool, list[float]] = {kind: [math.inf, math.inf] for kind in (True, False)}

    def place(self, dots: bool, start: float, free_from: float) -> int:
        """The row a mark of this kind starting at `start` goes in; that row is then free from `free_from` on."""
        tree = self.trees[dots]
        if tree[1] <= start:  # some row of this kind is free at `start`: down to the first one
            node = 1
            while node < self.size:
                node = 2 * node if tree[2 * node] <= start else 2 * node + 1
            row = node - self.size
        else:
            row = self.rows
            self.rows += 1
            if self.rows > self.size:
                self._grow()
        self._set(dots, row, free_from)
        return row

    def _set(self, dots: bool, row: int, free_from: float) -> None:
        tree = self.trees[dots]
        node = self.size + row
        tree[node] = free_from
        while node > 1:
            node //= 2
            tree[node] = min(tree[2 * node], tree[2 * node + 1])

    def _grow(self) -> None:
        """Twice the leaves, the rows kept in their order."""
        size = 2 * self.size
        for kind, tree in self.trees.items():
            grown = [math.inf] * (2 * size)
            grown[size : size + self.size] = tree[self.size :]
            for node in range(size - 1, 0, -1):
                grown[node] = min(grown[2 * node], grown[2 * node + 1])
            self.trees[kind] = grown
        self.size = size


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in the picture's units; the drawing reads it and adds nothing but shapes."""

    narrow: bool
    early: Sequence[Span]  # background history, drawn apart at the left
    label_w: float  # the lane names' column
    stub_w: float  # the early events' stub
    left: float
    scale: Scale
    lanes: Sequence[tuple[str, tuple[str, ...], list[Span]]]  # (name, kinds, members), only lanes with members
    lane_rows: Sequence[Sequence[Placed]]
    labels: Sequence[Label]
    edition_labels: Sequence[tuple[Edition, float, int, float, str]]  # edition, x, row, left edge, words
    row_top: Sequence[float]  # the top of each row of names above the chart
    phase_names: Sequence[tuple[model.Phase, float, int]]  # phase, left edge, line in the strip
    phase_top: float
    chart_top: float


def lay_out(
    spans: Sequence[Span], *, width: float, key: Collection[str], phases: Sequence[model.Phase], editions: Sequence[Edition]
) -> Layout:
    """Lanes in rows (first fit; dots and bars apart), then names above the chart: editions first, then as many key
    events as fit in LABEL_ROWS rows (the least weighty lose their name, never their mark), then the phase strip."""
    narrow = width < 600
    early, main = outliers(spans)
    label_w = 0.0 if narrow else 118.0
    stub_w = (34.0 if narrow else 48.0) if early else 0.0
    left = label_w + (stub_w + 18 if early else 0.0) + 4
    right = width - (14 if narrow else 30)
    first = min(s.first for s in main)
    last = max(s.last for s in main)
    for edition in editions:
        if first <= edition.date <= last + dt.timedelta(days=62):
            last = max(last, edition.date)
    scale = Scale(month_start(first), month_start(last, 1), left, right)

    def extent(span: Span) -> tuple[float, float]:
        if span in early:
            index = early.index(span)
            middle = label_w + 4 + (index + 0.5) * stub_w / len(early)
            return middle - DOT_R, middle + DOT_R
        x0, x1 = scale.x(span.first), scale.x(span.last + dt.timedelta(days=1))
        if span.precise:
            r = KEY_R if span.event.id in key else DOT_R
            return (x0 + x1) / 2 - r, (x0 + x1) / 2 + r
        return x0, max(x1, x0 + 3)

    # lanes, each a stack of rows: first fit, dots and bars in their own rows so a dot never sits on a bar; events of
    # one lane with the same imprecise window share one bar, cut in slices (one link each) and counted at its end
    lanes = [(name, kinds, [s for s in spans if s.event.type in kinds]) for name, kinds in LANES]
    lanes = [lane for lane in lanes if lane[2]]
    lane_rows: list[list[Placed]] = []
    for _, _, members in lanes:
        rows = LaneRows()
        placed = []
        for unit in lane_units(members, key, early):
            x0, x1 = extent(unit[0])
            reach = x1 + (text_width(str(len(unit)), SMALL) + 3 if len(unit) > 1 else 0.0)
            placed.append((unit, rows.place(unit[0].precise, x0, reach + 2), (x0, x1)))
        lane_rows.append(placed)

    # key-event names in rows above the chart, each with a leader down to its mark
    key_spans = sorted((s for s in main if s.event.id in key), key=lambda s: (s.first, s.event.id))
    label_max = 150.0  # a key event's name wraps at this width, at print width and on a phone alike
    label_rows: list[list[Box]] = []

    edition_labels = []
    for edition in editions:
        if not scale.start <= edition.date < scale.end:
            continue
        x = scale.x(edition.date + dt.timedelta(days=1))
        w = text_width(edition.label, SMALL, bold=True) + 4
        spot = first_fit(label_rows, x, w, SMALL * 1.3, 40, width=width, narrow=narrow)
        assert spot is not None  # editions come first, and there are few
        edition_labels.append((edition, x, *spot, edition.label))
    edition_rows = [list(row) for row in label_rows]
    # a cluster of key events would stack its names into a tall column that prints too small to read: at most
    # LABEL_ROWS rows of names; where they do not fit, the least weighty key events keep their mark but not their name
    # each name's lines and box, measured once (placing may be tried again each time a name is dropped)
    measured = {}
    for span in key_spans:
        x0, x1 = extent(span)
        x = (x0 + x1) / 2 if span.precise else x0 + 4  # a window's label dates its start: the leader goes there
        lines = wrap(f"{short_date(span.event)}: {span.event.title}", label_max, SMALL, max_lines=2 if narrow else 3)
        measured[span.event.id] = (x, lines, max(text_width(line, SMALL) for line in lines) + 4, len(lines) * SMALL * 1.2 + 2)
    rows_allowed = len(edition_rows) + (LABEL_ROWS_NARROW if narrow else LABEL_ROWS)
    labels = name_key_events(key_spans, measured, label_rows, rows_allowed, width=width, narrow=narrow)
    row_heights = [max((b[3] for b in row), default=0.0) for row in label_rows]
    row_top = [6.0]
    for h in row_heights:
        row_top.append(row_top[-1] + (h + 5 if h else 0))
    # phase names in a strip of their own, just above the lanes, on a further line where one is taken: every phase named
    phase_names = []
    strip: list[list[tuple[float, float]]] = [[] for _ in phases]
    for phase in phases:
        x0 = scale.x(phase.start.earliest)
        w = text_width(phase.name, SMALL, bold=True) + 4
        left_x = min(max(x0 + 2, 0.0), width - w)
        free = next(n for n, taken in enumerate(strip) if not any(left_x - 6 < b and a < left_x + w + 6 for a, b in taken))
        strip[free].append((left_x, left_x + w))
        phase_names.append((phase, left_x, free))
    strip_h = (SMALL * 1.3) * sum(1 for taken in strip if taken)
    phase_top = row_top[-1] + 4
    chart_top = phase_top + strip_h + 4
    return Layout(
        narrow=narrow,
        early=early,
        label_w=label_w,
        stub_w=stub_w,
        left=left,
        scale=scale,
        lanes=lanes,
        lane_rows=lane_rows,
        labels=labels,
        edition_labels=edition_labels,
        row_top=row_top,
        phase_names=phase_names,
        phase_top=phase_top,
        chart_top=chart_top,
    )


def first_fit(
    rows: list[list[Box]], x: float, w: float, h: float, rows_allowed: int, *, width: float, narrow: bool
) -> tuple[int, float] | None:
    """The first row, and the left edge, where a label of w by h starting (or ending) at x is clear of the others in
    `rows` (where it is then put); None when no row up to `rows_allowed` has room."""
    for row_index in range(rows_allowed):
        while len(rows) <= row_index:
            rows.append([])
        # starting at the mark, ending at it, then anywhere the leader still falls under the label
        steps = max(int((w - 12) // 8), 1)
        slid = [x - 6 - n * (w - 12) / steps for n in range(1, steps)]
        # on a phone, as far left as the leader allows: labels taken in date order then pack two to a row
        tries = [x + 6 - w, *reversed(slid), x - 6] if narrow else [x - 6, x + 6 - w, *slid]
        for left_x in tries:
            left_x = min(max(left_x, 0.0), width - w)
            if not any(left_x - 6 < o[2] and o[0] < left_x + w + 6 for o in rows[row_index]):
                rows[row_index].append((left_x, 0.0, left_x + w, h))
                return row_index, left_x
    return None


def name_key_events(
    key_spans: list[Span],
    measured: dict[str, tuple[float, list[str], float, float]],
    rows: list[list[Box]],
    rows_allowed: int,
    *,
    width: float,
    narrow: bool,
) -> list[Label]:
    """Key events' names (in `key_spans`' order, each `measured`: leader x, lines, width, height) put first fit in
    `rows`, in at most `rows_allowed` of them; while one does not fit, the least weighty key event loses its name and
    the names are placed again (`key_spans` keeps those named).

    First fit in order puts the names before a dropped one where they were, so placing starts again from the rows as
    they were before it (kept for each name), not from the first.
    """
    before: list[list[list[Box]]] = []  # the rows before each name was placed
    labels: list[Label] = []
    while len(labels) < len(key_spans):
        span = key_spans[len(labels)]
        if len(before) == len(labels):
            before.append([list(row) for row in rows])
        x, lines, w, h = measured[span.event.id]
        spot = first_fit(rows, x, w, h, rows_allowed, width=width, narrow=narrow)
        if spot is not None:
            labels.append((span, x, lines, w, h, *spot))
            continue
        dropped = key_spans.index(max(key_spans, key=lambda span: rank(span.event)))
        del key_spans[dropped]
        again = min(dropped, len(labels))  # one dropped after the name that did not fit leaves that name as it was
        rows[:] = [list(row) for row in before[again]]
        del before[again + 1 :], labels[again:]
    return labels
