"""Paging: a picture too tall for the space left on a page is shrunk to fit it, rather than moved on
and leaving the page half empty (WeasyPrint has no page floats to move it past the text instead)."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from typing import Any

MOST_EMPTY = 0.3  # a page may end this much short before a picture is shrunk to close the gap (the rule allows 0.4)
# a picture is never shrunk below this share of its height (the map and timeline, 12 mm into each margin, print their
# 11-unit text at 7 pt; shrunk this far, at 6 pt): rather than smaller text, it starts the next page and the gap stays
LEAST_SCALE = 0.86
PASSES = 4  # one picture is shrunk a pass (shrinking it moves what follows): at most this many renders after the first
IN_PLACE_MAJOR = "70"  # the WeasyPrint whose internals fit_pictures_in_place was written for and is proven against


def in_place_works(version: str) -> bool:
    """Whether fit_pictures_in_place may reach into this WeasyPrint's internals: only the major version it was
    proven against (tests/render/test_paging.py); under any other the pictures are fitted the plain way."""
    return version.split(".")[0] == IN_PLACE_MAJOR


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
        found.update(_gap_after(before, page, prefix, found))
    return found


def _gap_after(before: Any, page: Any, prefix: str = "figure-", seen: Container[str] = ()) -> Iterator[tuple[str, float]]:
    """The picture that begins `page` and would fit, shrunk, in what `before` left empty, if it left more than
    MOST_EMPTY: (its id, the height its drawing should have); nothing otherwise."""
    top = page.content_box_y()
    space = before.content_box_y() + before.height - _bottom(before)
    if space <= MOST_EMPTY * page.height:
        return
    for box in _boxes(page):
        figure_id = _element_id(box)
        if not figure_id.startswith(prefix) or figure_id in seen:
            continue
        drawings = [b for b in _boxes(box) if type(b).__name__.endswith("ReplacedBox") or _tag(b) == "svg"]
        if not drawings:
            return
        drawing = max(drawings, key=lambda b: b.margin_height())
        # the heading kept with it, and the figure, and the margins the page top truncated
        needed = box.position_y + box.margin_height() - top + _truncated_margin(page, top)
        wanted = drawing.height - (needed - space) - 6
        if wanted >= LEAST_SCALE * drawing.height:
            yield figure_id, float(wanted)
        return  # only the first thing on the page could have been moved on by the gap


def first_shrink(document: Any) -> dict[str, float]:
    """The first picture, in page order, that shrinks would shrink (one a pass: shrinking it moves what follows)."""
    return dict(list(shrinks(document).items())[:1])


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


def shrink_in_turn(document: Any, shrunk: Callable[[str, float], Any], passes: int = PASSES) -> Any:
    """The rule, both ways of fitting: until no picture leaves a page more than MOST_EMPTY empty, or `passes` run
    out, shrink the first that does, judged on the layout the shrinks before it left. `shrunk(figure_id, height)`
    shrinks one and gives the document laid out again."""
    for _ in range(passes):
        wanted = first_shrink(document)
        if not wanted:
            break
        ((figure_id, height),) = wanted.items()
        document = shrunk(figure_id, height)
    return document


def fit_pictures(render: Callable[[str], Any]) -> Any:
    """The plain way: render (with extra CSS) again after each shrink, the whole body with every shrink so far."""
    heights: dict[str, float] = {}

    def shrunk(figure_id: str, height: float) -> Any:
        heights[figure_id] = height
        return render("".join(f"#{name} svg {{ max-height: {px:.1f}px !important; }}" for name, px in sorted(heights.items())))

    return shrink_in_turn(render(""), shrunk)


SVG = "{http://www.w3.org/2000/svg}svg"


class _Gap(Exception):
    """Raised out of a layout at the first page whose picture should be shrunk into the gap on the page before."""

    def __init__(self, index: int, figure_id: str, height: float, pages: list[Any]) -> None:
        super().__init__(figure_id)
        self.index, self.figure_id, self.height, self.pages = index, figure_id, height, pages


def fit_pictures_in_place(html: Any) -> Any | None:
    """What fit_pictures makes, byte for byte, from a freshly parsed `html` (one not rendered before), from one
    style pass and one box tree; None if it cannot vouch for that (the caller then fits the plain way).

    The layout stops at the first page whose picture should be shrunk into the gap before it: the shrink is written
    into the kept box tree's computed styles and the layout goes on from the page before the picture, so the pages
    after it are laid out once (then the pages whose contents numbers point past them), through WeasyPrint's own
    repagination (`page_maker`). A shrink is judged on the pages as first laid out; if a later round of WeasyPrint's
    (contents numbers) moved where any page before them begins, the judgement is void and None is returned.

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

    def lay_out(remake: Callable[[Any], list[int]] | None, old: list[Any], watch: bool = False) -> list[Any]:
        """Lay the document out (again), remaking the pages `remake` names; with `watch`, stop at a gap (_Gap)."""
        for page in old:  # the pages handed back as they were made, so margin boxes are not added twice
            page.children, page.children[0].children = flowed[id(page)]
        context.string_set.clear()

        def recorded(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
            made: list[Any] = []
            for page in make_all_pages(context, root_box, html, pages or old):
                flowed[id(page)] = (list(page.children), list(page.children[0].children))
                made.append(page)
                if watch and len(made) > 1:
                    for figure_id, height in _gap_after(made[-2], page):
                        raise _Gap(len(made) - 1, figure_id, height, made)
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

    def shrink(figure_id: str, height: float) -> None:
        """Give the svg elements `#figure-id svg` selects the height the CSS would (rounded alike)."""
        heights = {
            svg: float(f"{height:.1f}")
            for element in html.etree_element.iter()
            if element.get("id") == figure_id
            for svg in element.iter(SVG)
        }
        for box in _boxes(root_box):
            if getattr(box, "element", None) in heights and _tag(box) == SVG:
                box.style["max_height"] = Dimension(heights[box.element], "px")

    def looking_up(context: Any) -> list[int]:
        """Pages whose target-counters (contents page numbers) may point at pages laid out again."""
        found = set()
        for (_, css_name), item in context.target_collector.counter_lookup_items.items():
            if css_name == "content" and item.page_maker_index is not None:
                item.parse_again(item.cached_page_counter_values)
                found.add(item.page_maker_index)
        return sorted(found)

    def from_the_page_before(index: int) -> Callable[[Any], list[int]]:
        moved: list[int] = [index - 1, index] if index else [index]  # the page the picture may move back to, and its own
        return lambda _context: moved

    passes = 0
    judged: list[list[Any]] = []  # where each page before a judged picture began, when it was judged
    pages: list[Any] = []
    remake: Callable[[Any], list[int]] | None = None
    while True:
        try:
            pages = lay_out(remake, pages, watch=passes < PASSES)
            break
        except _Gap as gap:  # the layout stopped at the picture: shrink it and go on from the page before
            passes += 1
            shrink(gap.figure_id, gap.height)
            judged.append([entry[0] for entry in context.page_maker[: gap.index]])
            del context.page_maker[gap.index + 1 :]  # the pages after it are made afresh
            context.broken_out_of_flow.clear()
            context.reported_footnotes.clear()
            pages, remake = gap.pages, from_the_page_before(gap.index)
    if passes:
        pages = lay_out(looking_up, pages)
    if any([entry[0] for entry in context.page_maker[: len(starts)]] != starts for starts in judged):
        return None

    def shrunk(figure_id: str, height: float) -> Any:  # contents numbers moved a picture after all
        nonlocal pages
        first = next(i for i, page in enumerate(pages) if figure_id in {_element_id(b) for b in _boxes(page)})
        shrink(figure_id, height)
        pages = lay_out(from_the_page_before(first), pages)
        pages = lay_out(looking_up, pages)
        return document_of(pages)

    return shrink_in_turn(document_of(pages), shrunk, PASSES - passes)
