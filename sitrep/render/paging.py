"""Paging: a picture too tall for the space left on a page is shrunk to fit it, rather than moved on
and leaving the page half empty (WeasyPrint has no page floats to move it past the text instead)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

MOST_EMPTY = 0.3  # a page may end this much short before a picture is shrunk to close the gap (the rule allows 0.4)
LEAST_SCALE = 0.5  # a picture is never shrunk below half its height: then the gap stays
PASSES = 3  # shrinking one picture moves the next; a few renders settle them all


def _boxes(box: Any) -> Iterator[Any]:
    """The box and everything inside it, leaving out the page's margin boxes (the running header and footer)."""
    yield box
    for child in getattr(box, "children", ()):
        if type(child).__name__ != "MarginBox":
            yield from _boxes(child)


def _element_id(box: Any) -> str:
    element = getattr(box, "element", None)
    return (element.get("id") or "") if element is not None else ""


def _bottom(page_box: Any) -> float:
    """Where the page's flowed content ends (its lowest line or replaced box)."""
    lowest = page_box.content_box_y()
    for box in _boxes(page_box):
        if type(box).__name__ in ("LineBox", "BlockReplacedBox", "InlineReplacedBox") and box.height is not None:
            lowest = max(lowest, box.position_y + box.margin_height())
    return float(lowest)


def shrinks(document: Any, prefix: str = "figure-") -> dict[str, float]:
    """Pictures (elements whose id starts with `prefix`) that begin a page after a page left more than
    MOST_EMPTY empty, with the height in CSS px their drawing should have to fit the space left there."""
    found: dict[str, float] = {}
    pages = [page._page_box for page in document.pages]
    for before, page in zip(pages, pages[1:], strict=False):
        top = page.content_box_y()
        height = page.height
        space = before.content_box_y() + before.height - _bottom(before)
        if space <= MOST_EMPTY * height:
            continue
        for box in _boxes(page):
            figure_id = _element_id(box)
            if not figure_id.startswith(prefix) or figure_id in found:
                continue
            drawings = [b for b in _boxes(box) if type(b).__name__.endswith("ReplacedBox") or _tag(b) == "svg"]
            if not drawings:
                break
            drawing = max(drawings, key=lambda b: b.margin_height())
            # the heading kept with it, and the figure, and the margins the page top truncated
            needed = box.position_y + box.margin_height() - top + _truncated_margin(page, top)
            wanted = drawing.height - (needed - space) - 6
            if wanted >= LEAST_SCALE * drawing.height:
                found[figure_id] = float(wanted)
            break  # only the first thing on the page could have been moved on by the gap
    return found


def _truncated_margin(page: Any, top: float) -> float:
    """The largest top margin of the blocks that open the page: a break truncates it, and moving them
    back to the page before gives it back."""
    found = 0.0
    for box in _boxes(page):
        if getattr(box, "element", None) is None or abs(getattr(box, "position_y", top) - top) > 0.5:
            continue
        margin = box.style["margin_top"]
        if getattr(margin, "unit", None) == "px":
            found = max(found, float(margin.value))
    return found


def _tag(box: Any) -> str:
    return str(getattr(box, "element_tag", "") or "")


def fit_pictures(render: Callable[[str], Any]) -> Any:
    """Render (with extra CSS) until no picture leaves a page more than MOST_EMPTY empty, or PASSES run out."""
    heights: dict[str, float] = {}
    document = render("")
    for _ in range(PASSES):
        wanted = shrinks(document)
        if not wanted:
            break
        heights.update(wanted)
        css = "".join(
            f"#{figure_id} svg {{ max-height: {height:.1f}px !important; }}" for figure_id, height in sorted(heights.items())
        )
        document = render(css)
    return document
