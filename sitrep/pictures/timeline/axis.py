"""Under the chart: the month axis, the strip of counts by week or month, the legend."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Final

from ..svg import EVENT_COLOURS, INK, MUTED, SMALL, rect, tag, text, text_width, wrap
from .spans import (
    DOT_R,
    KEY_R,
    LANES,
    Scale,
    Span,
    month_start,
)

_MONTH_STEPS: Final = (1, 2, 3, 6, 12, 24, 60, 120)


def draw_axis(scale: Scale, top: float, bottom: float, narrow: bool) -> str:
    """Month ticks under the lanes, labelled as often as the labels fit; a rule at each new year."""
    months = (scale.end.year - scale.start.year) * 12 + scale.end.month - scale.start.month
    per_month = (scale.right - scale.left) / max(months, 1)
    step = next((s for s in _MONTH_STEPS if per_month * s >= (58 if s < 12 else 40)), _MONTH_STEPS[-1])
    parts = [tag("line", x1=scale.left, y1=bottom, x2=scale.right, y2=bottom, stroke=MUTED, stroke_width=1.0)]
    label_end = -math.inf  # where the last label drawn ends: one that would overlap it is left off
    for offset in range(months + 1):
        month = month_start(scale.start, offset)
        x = scale.x(month)
        labelled = (month.year * 12 + month.month - 1) % step == 0
        if labelled or month.month == 1:
            parts.append(
                tag("line", x1=x, y1=top, x2=x, y2=bottom, stroke="#9a9a9a" if month.month == 1 else "#dddddd", stroke_width=0.8)
            )
            parts.append(tag("line", x1=x, y1=bottom, x2=x, y2=bottom + 5.0, stroke=MUTED))
        if labelled and offset < months + (0 if narrow else 1):
            words = f"{month:%b %Y}" if step < 12 else f"{month:%Y}"
            anchor = "start" if offset == 0 else "end" if offset == months else "middle"
            # the first label runs right from its tick and the last left, so the step alone does not keep them apart
            width = text_width(words, SMALL)
            start = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
            if start >= label_end + 4:
                parts.append(text(x, bottom + 16, words, text_anchor=anchor, font_size=SMALL, class_="label"))
                label_end = start + width
    return "".join(parts)


def draw_counts(
    spans: Sequence[Span], early: Sequence[Span], scale: Scale, top: float, width: float, id_prefix: str
) -> tuple[str, float]:
    """Stacked bars of events a week (a month over long ranges) by lane; an imprecise event spread over its window, hatched."""
    days = (scale.end - scale.start).days
    weekly = days <= 240
    bins: list[dt.date] = []
    day = scale.start - dt.timedelta(days=scale.start.weekday()) if weekly else scale.start
    while day < scale.end:
        bins.append(day)
        day = day + dt.timedelta(days=7) if weekly else month_start(day, 1)
    bins.append(day)
    lane_of = {kind: index for index, (_, kinds) in enumerate(LANES) for kind in kinds}
    sure: dict[tuple[int, int], float] = defaultdict(float)
    spread: dict[tuple[int, int], float] = defaultdict(float)
    for span in spans:
        if span in early:
            continue
        covered = [i for i in range(len(bins) - 1) if bins[i] <= span.last and bins[i + 1] > span.first]
        for i in covered:
            target = sure if len(covered) == 1 else spread
            target[(i, lane_of[span.event.type])] += 1 / len(covered)
    totals = [sum(sure[(i, lane)] + spread[(i, lane)] for lane in range(len(LANES))) for i in range(len(bins) - 1)]
    peak = float(math.ceil(max(totals, default=0.0))) or 1.0
    height = 36.0
    # the top of the scale beside the bars when the lane names leave room there, else in the heading
    beside = scale.left - 4 >= text_width(f"{peak:.0f}", SMALL) + 2
    heading = f"Events a {'week' if weekly else 'month'}" + ("" if beside else f" (top of the scale: {peak:.0f})")
    parts = [text(0.0, top + 10, heading, font_size=SMALL, font_weight=700, fill=MUTED, class_="label")]
    base = top + 16 + height
    if beside:
        parts.append(
            text(scale.left - 4, top + 16 + 8, f"{peak:.0f}", text_anchor="end", font_size=SMALL, fill=MUTED, class_="label")
        )
    colours = ("#D55E00", "#0072B2", "#6B6B6B", "#A8A8A8")
    for i in range(len(bins) - 1):
        x0, x1 = scale.x(max(bins[i], scale.start)), scale.x(min(bins[i + 1], scale.end))
        y = base
        for lane in range(len(LANES)):
            for amount, hatched in ((sure[(i, lane)], False), (spread[(i, lane)], True)):
                if amount <= 0:
                    continue
                h = amount / peak * height
                fill = colours[lane]
                parts.append(rect((x0 + 0.5, y - h, x1 - 0.5, y), fill=fill, fill_opacity=0.35 if hatched else 0.9))
                y -= h
    parts.append(tag("line", x1=scale.left, y1=base, x2=scale.right, y2=base, stroke=MUTED, stroke_width=0.8))
    y = base + 8
    x = scale.left
    for lane, (name, _) in enumerate(LANES):
        w = 16 + text_width(name, SMALL) + 14
        if x + w > width:
            x, y = scale.left, y + SMALL * 1.6
        parts.append(rect((x, y, x + 10, y + 10), fill=colours[lane], fill_opacity=0.9))
        parts.append(text(x + 14, y + 9, name, font_size=SMALL, class_="label"))
        x += w
    y += SMALL * 1.6
    for line in wrap(
        "Paler: share of an event whose date is known only to the month, spread over it.", width - scale.left, SMALL
    ):
        parts.append(text(scale.left, y + 8, line, font_size=SMALL, fill=MUTED, class_="label"))
        y += SMALL * 1.3
    return "".join(parts), y + 2


def draw_legend(
    types: Sequence[str], spans: Sequence[Span], key: Collection[str], phased: bool, width: float, y: float, id_prefix: str
) -> tuple[str, float]:
    """Colours by event type, then dot, bar and key marks; in rows that wrap at `width`."""
    items: list[tuple[str, str]] = [
        (tag("circle", cx=5.0, cy=0.0, r=DOT_R, fill=EVENT_COLOURS[t]), t.capitalize()) for t in types
    ]
    if any(s.precise for s in spans):
        items.append((tag("circle", cx=5.0, cy=0.0, r=DOT_R, fill=MUTED), "known to the day"))
    if any(not s.precise for s in spans):
        items.append(
            (
                rect((-4, -2.5, 14, 2.5), fill=f"url(#{id_prefix}-hatch-{types[0]})", stroke=MUTED, stroke_width=0.6),
                "known only to the month, or lasting days: across its window",
            )
        )
    if key:
        items.append((tag("circle", cx=5.0, cy=0.0, r=KEY_R, fill=MUTED, stroke=INK, stroke_width=1.4), "key event, named above"))
    if phased:
        items.append((rect((-4, -6, 14, 6), fill="#1f3a5f", fill_opacity=0.12), "phase"))
    parts = []
    x = 0.0
    for drawing, words in items:
        w = 24 + text_width(words, SMALL) + 14
        if x + w > width and x > 0:
            x, y = 0.0, y + SMALL * 1.7
        parts.append(tag("g", drawing, transform=f"translate({x + 4:.1f} {y + 6:.1f})"))
        parts.append(text(x + 22, y + 10, words, font_size=SMALL, class_="label"))
        x += w
    return "".join(parts), y + SMALL * 1.7
