"""Drawing the timeline from its layout: lanes and marks, phases, editions, key-event names, the description."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from ... import model
from ...problems import plural
from ..svg import EVENT_COLOURS, INK, MUTED, SMALL, WIDE, Href, mark, notice, rect, svg, tag, text, wrap
from .axis import draw_axis, draw_counts, draw_legend
from .layout import Placed, lay_out
from .spans import (
    BAR_H,
    DOT_R,
    KEY_R,
    ROW_GAP,
    Edition,
    month_start,
    span_of,
    when,
)

# the lanes' stacks of rows together at most this tall at print width, so that the picture, 162 mm wide, fits a page
# (230 mm) at full size and prints its text at 7 pt: the tallest lanes' rows then overlap, a band as dense as they are
STACKS_MOST = 400.0


def squeezed(stacks: Sequence[float], most: float) -> list[float]:
    """How far each stack is squeezed (1.0: not at all) for them to be at most `most` tall together: the tallest are
    cut to one common height, the lowest possible, and the others kept whole."""
    if sum(stacks) <= most:
        return [1.0] * len(stacks)
    left, cap = most, 0.0
    for index, stack in enumerate(sorted(stacks)):
        share = left / (len(stacks) - index)
        if stack > share:
            cap = share
            break
        left -= stack
    return [min(1.0, cap / stack) if stack else 1.0 for stack in stacks]


def _row_heights(placed: Sequence[Placed], key: Collection[str]) -> list[float]:
    """Each row's height in a lane: its tallest mark, and room for a shared bar's count."""
    row_h = [0.0] * (max((row for _, row, _ in placed), default=0) + 1)
    for unit, row, _ in placed:
        span = unit[0]
        tall = 2 * (KEY_R if span.event.id in key else DOT_R) if span.precise else BAR_H
        row_h[row] = max(row_h[row], tall, SMALL * 0.9 if len(unit) > 1 else 0.0)  # room for the count
    return row_h


def timeline_svg(
    events: Sequence[model.Event],
    *,
    href: Href,
    id_prefix: str,
    width: float = WIDE,
    key: Collection[str] = (),
    phases: Sequence[model.Phase] = (),
    editions: Sequence[Edition] = (),
    title: str = "Timeline of events",
) -> str:
    """Events in lanes by kind on a time axis, the key ones named above the chart, phases shaded, editions marked,
    imprecise dates faint across their window, and a strip of counts by kind under the axis."""
    spans = [span_of(e) for e in events]
    if not spans:
        return notice(id_prefix, width, title, "No events in this period")
    layout = lay_out(spans, width=width, key=key, phases=phases, editions=editions)
    defs = []
    used_types = sorted({s.event.type for s in spans}, key=list(EVENT_COLOURS).index)
    for kind in used_types:
        colour = EVENT_COLOURS[kind]
        defs.append(
            tag(
                "pattern",
                rect((0, 0, 4, 4), fill=colour, fill_opacity=0.1)
                + tag("path", d="M-1 1 L1 -1 M0 4 L4 0 M3 5 L5 3", stroke=colour, stroke_width=0.8, stroke_opacity=0.45),
                id=f"{id_prefix}-hatch-{kind}",
                width=4,
                height=4,
                patternUnits="userSpaceOnUse",
            )
        )

    body: list[str] = []
    marks: list[str] = []
    leaders: list[str] = []

    # lanes and marks
    y = layout.chart_top
    lane_boxes = []
    heading = SMALL * 1.5 if layout.narrow else 0.0
    row_heights = [_row_heights(placed, key) for placed in layout.lane_rows]
    natural = [sum(row_h) + ROW_GAP * (len(row_h) - 1) for row_h in row_heights]  # each lane's stack, unsqueezed
    squeezes = [1.0] * len(natural) if layout.narrow else squeezed(natural, STACKS_MOST)
    for (name, _kinds, _), placed, row_h, stack, squeeze in zip(
        layout.lanes, layout.lane_rows, row_heights, natural, squeezes, strict=True
    ):
        height = max(heading + stack * squeeze + 12, 26.0 if not layout.narrow else heading + 18)
        lane_boxes.append((name, y, y + height))
        offsets = [y + heading + 6]  # each row's top: the one above's, its height and the gap on, squeezed
        for h in row_h[:-1]:
            offsets.append(offsets[-1] + h * squeeze + ROW_GAP * squeeze)
        for unit, row, (x0, x1) in placed:
            cy = offsets[row] + row_h[row] / 2
            slice_w = (x1 - x0) / len(unit)
            for index, span in enumerate(unit):
                event = span.event
                colour = EVENT_COLOURS[event.type]
                is_key = event.id in key
                if span.precise:
                    r = KEY_R if is_key else DOT_R
                    shape = tag(
                        "circle",
                        cx=(x0 + x1) / 2,
                        cy=cy,
                        r=r,
                        fill=colour,
                        stroke=INK if is_key else "#ffffff",
                        stroke_width=1.4 if is_key else 0.8,
                    )
                else:
                    shape = rect(
                        (x0 + index * slice_w, cy - BAR_H / 2, x0 + (index + 1) * slice_w, cy + BAR_H / 2),
                        fill=f"url(#{id_prefix}-hatch-{event.type})",
                        stroke=colour,
                        stroke_width=0.6,
                        stroke_opacity=0.55,
                    )
                tooltip = f"{when(event)}: {event.title} ({event.type})"
                marks.append(mark(href, "event", event.id, tooltip, shape, css="event-mark"))
                if is_key:
                    for label_span, lx, _, _, lh, row_index, _ in layout.labels:
                        if label_span is span:
                            leaders.append(
                                tag(
                                    "line",
                                    x1=lx,
                                    y1=layout.row_top[row_index] + lh,
                                    x2=lx,
                                    y2=cy - (KEY_R if span.precise else 3),
                                    stroke="#6f6f6f",
                                    stroke_width=0.7,
                                )
                            )
            if len(unit) > 1:
                count = text(x1 + 2, cy + SMALL * 0.35, str(len(unit)), font_size=SMALL, fill=MUTED, class_="label")
                body.append(count)
        y += height
    chart_bottom = y

    # phases behind the lanes, named in the band when the name fits
    for index, phase in enumerate(phases):
        x0 = layout.scale.x(phase.start.earliest)
        x1 = layout.scale.x(phase.end.latest + dt.timedelta(days=1))
        if x1 - x0 < 2:
            continue
        body.append(
            rect((x0, layout.chart_top, x1, chart_bottom), fill="#1f3a5f" if index % 2 == 0 else "#7a5c1f", fill_opacity=0.07)
        )
        body.append(tag("line", x1=x0, y1=layout.chart_top, x2=x0, y2=chart_bottom, stroke="#8b97a6", stroke_width=0.6))
        body.append(
            rect((x0, layout.phase_top, x1, layout.chart_top), fill="#1f3a5f" if index % 2 == 0 else "#7a5c1f", fill_opacity=0.07)
        )
    for phase, left_x, line in layout.phase_names:
        body.append(
            text(
                left_x,
                layout.phase_top + SMALL * (1.0 + 1.3 * line),
                phase.name,
                font_size=SMALL,
                font_weight=700,
                fill="#3d4d63",
                class_="label",
            )
        )
    # lane bands and names
    for index, (name, top, bottom) in enumerate(lane_boxes):
        if index % 2 == 0:
            body.insert(0, rect((0.0, top, width, bottom), fill="#f4f4f4"))
        if layout.narrow:
            body.append(text(4.0, top + SMALL * 1.1, name, font_size=SMALL, font_weight=700, fill=MUTED, class_="label"))
        else:
            for n, lane_line in enumerate(wrap(name, layout.label_w - 10, SMALL, 2, bold=True)):
                body.append(
                    text(
                        6.0,
                        (top + bottom) / 2
                        - 2
                        + n * SMALL * 1.15
                        - (SMALL * 0.5 if len(wrap(name, layout.label_w - 10, SMALL, 2, bold=True)) > 1 else -SMALL * 0.35),
                        lane_line,
                        font_size=SMALL,
                        font_weight=700,
                        class_="label",
                    )
                )

    axis = draw_axis(layout.scale, layout.chart_top, chart_bottom, layout.narrow)
    if layout.early:
        stub_left = layout.label_w + 4
        break_x = layout.left - 9
        axis += tag("line", x1=stub_left, y1=chart_bottom, x2=stub_left + layout.stub_w, y2=chart_bottom, stroke=MUTED)
        axis += tag(
            "line",
            x1=break_x,
            y1=layout.chart_top,
            x2=break_x,
            y2=chart_bottom,
            stroke="#9a9a9a",
            stroke_width=0.8,
            stroke_dasharray="3 3",
        )
        years = sorted({s.first.year for s in layout.early})
        words = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        axis += text(
            stub_left + layout.stub_w / 2, chart_bottom + 15, words, text_anchor="middle", font_size=SMALL, class_="label"
        )

    # editions: a line down the chart, the name at the top
    for _edition, x, row_index, left_x, words in layout.edition_labels:
        body.append(
            tag(
                "line",
                x1=x,
                y1=layout.row_top[row_index] + SMALL * 1.3,
                x2=x,
                y2=chart_bottom,
                stroke="#1f3a5f",
                stroke_width=1.0,
                stroke_dasharray="4 2",
            )
        )
        body.append(
            text(
                left_x + 2,
                layout.row_top[row_index] + SMALL,
                words,
                font_size=SMALL,
                font_weight=700,
                fill="#1f3a5f",
                class_="label",
            )
        )
    # key-event names
    for span, _x, lines, w, h, row_index, left_x in layout.labels:
        top = layout.row_top[row_index]
        block = rect((left_x, top, left_x + w, top + h), fill="#ffffff", fill_opacity=0.9)
        for n, label_line in enumerate(lines):
            block += text(left_x + 2, top + SMALL * (0.95 + 1.2 * n), label_line, font_size=SMALL, class_="label")
        marks.append(mark(href, "event", span.event.id, f"{when(span.event)}: {span.event.title}", block))

    counts_svg, y = draw_counts(spans, layout.early, layout.scale, chart_bottom + 26, width, id_prefix)
    legend, y = draw_legend(used_types, spans, key, bool(phases), width, y + 6, id_prefix)
    named = [label[0].event.title for label in layout.labels]
    desc = (
        f"Timeline of {plural(len(spans), 'event')} from {layout.scale.start:%B %Y} to {month_start(layout.scale.end, -1):%B %Y}, in lanes: "
        + "; ".join(f"{name.lower()} {len(m)}" for name, _, m in layout.lanes)
        + ". Dots mark events known to the day; faint hatched bars span the window of an event known only to the month or "
        "year, or lasting several days."
        + (f" Named on the chart: {'; '.join(named)}." if named else "")
        + (" Phases: " + "; ".join(f"{p.name} ({p.start.human()} to {p.end.human()})" for p in phases) + "." if phases else "")
        + (" Editions: " + "; ".join(f"{e.label}" for e in editions) + "." if editions else "")
        + (
            f" {plural(len(layout.early), 'earlier event')} ({', '.join(s.event.title for s in layout.early)}) drawn apart at the left."
            if layout.early
            else ""
        )
    )
    inner = tag("defs", "".join(defs)) + "".join(body) + axis + "".join(leaders) + "".join(marks) + counts_svg + legend
    return svg(id_prefix, width, y + 6, title, desc, inner)
