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


SVG = "{http://www.w3.org/2000/svg}svg"


def fit_pictures_in_place(html: Any) -> Any:
    """What fit_pictures makes, byte for byte, from a freshly parsed `html` (one not rendered before), from one style pass and one box tree: each shrink is written into the
    kept box tree's computed styles and only the pages from the one before the picture are laid out again (then the
    pages whose contents numbers point past them), through WeasyPrint's own repagination (`page_maker`).

    WeasyPrint has no public call for this: its layout module's `initialize_page_maker` and `make_all_pages` are
    swapped for the length of each pass (this is a PDF worker's one thread), and restored however the pass ends.
    """
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint import layout as weasy_layout
    from weasyprint.css.counters import CounterStyle
    from weasyprint.css.properties import Dimension
    from weasyprint.document import Document, DocumentMetadata, Page
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.html import get_html_metadata
    from weasyprint.text.fonts import FontConfiguration

    options = dict(DEFAULT_OPTIONS)
    fonts, counters = FontConfiguration(), CounterStyle()
    context = Document._build_layout_context(html, fonts, counters, {}, options)
    root_box = build_formatting_structure(
        html.etree_element,
        context.style_for,
        context.get_image_from_uri,
        html.base_url,
        context.target_collector,
        counters,
        context.footnotes,
    )
    make_all_pages, initialize = weasy_layout.make_all_pages, weasy_layout.initialize_page_maker
    flowed: dict[int, tuple[list[Any], list[Any]]] = {}  # each page's children before margin boxes were added

    def lay_out(remake: Callable[[Any], list[int]] | None, old: list[Any]) -> list[Any]:
        for page in old:  # the pages handed back as they were made, so margin boxes are not added twice
            page.children, page.children[0].children = flowed[id(page)]
        context.string_set.clear()

        def recorded(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
            for page in make_all_pages(context, root_box, html, pages or old):
                flowed[id(page)] = (list(page.children), list(page.children[0].children))
                yield page

        def flag(context: Any, root_box: Any) -> None:
            assert remake is not None
            for index in remake(context):
                context.page_maker[index][-1]["content_changed"] = True

        weasy_layout.make_all_pages = recorded
        if remake is not None:
            weasy_layout.initialize_page_maker = flag
        try:
            return list(weasy_layout.layout_document(html, root_box, context))
        finally:
            weasy_layout.make_all_pages, weasy_layout.initialize_page_maker = make_all_pages, initialize

    def document_of(pages: list[Any]) -> Any:
        made = Document(
            [Page(page) for page in pages],
            DocumentMetadata(**get_html_metadata(html)),
            html.url_fetcher,
            fonts,
            {},
            options["output_intent"],
        )
        made._html = html
        return made

    pages = lay_out(None, [])
    document = document_of(pages)
    for _ in range(PASSES):
        wanted = shrinks(document)
        if not wanted:
            break
        first = min(i for i, page in enumerate(pages) if wanted.keys() & {_element_id(b) for b in _boxes(page)})
        heights = {  # the svg elements `#figure-id svg` selects, at the height the CSS would give (rounded alike)
            svg: float(f"{wanted[element.get('id')]:.1f}")
            for element in html.etree_element.iter()
            if element.get("id") in wanted
            for svg in element.iter(SVG)
        }
        for box in _boxes(root_box):
            if getattr(box, "element", None) in heights and _tag(box) == SVG:
                box.style["max_height"] = Dimension(heights[box.element], "px")
        moved: list[int] = [first - 1, first] if first else [first]  # the page the picture may move back to, and its own

        def at_the_picture(_context: Any, moved: list[int] = moved) -> list[int]:
            return moved

        pages = lay_out(at_the_picture, pages)

        def looking_up(context: Any) -> list[int]:
            """Pages whose target-counters (contents page numbers) may point at pages laid out again."""
            found = set()
            for (_, css_name), item in context.target_collector.counter_lookup_items.items():
                if css_name == "content" and item.page_maker_index is not None:
                    item.parse_again(item.cached_page_counter_values)
                    found.add(item.page_maker_index)
            return sorted(found)

        pages = lay_out(looking_up, pages)
        document = document_of(pages)
    return document
