"""Pictures: static, deterministic SVG (timeline, map, relations) for the HTML pages and the PDFs."""

from collections.abc import Callable

from .geo import World, load_world
from .map import latest_status, map_svg
from .relations import relations_svg
from .svg import NARROW, WIDE
from .timeline import Edition, key_events, timeline_svg

__all__ = [
    "Edition",
    "World",
    "both",
    "wide_only",
    "key_events",
    "latest_status",
    "load_world",
    "map_svg",
    "relations_svg",
    "timeline_svg",
]


def both(draw: Callable[[float, str], str], id_prefix: str) -> str:
    """A picture at print and desktop width and again at phone width, with its legend below; the page's CSS shows one.

    The PDF shows the wide one; each has its own ids, so links and labels never clash.
    """
    return f"{WIDE_OPEN}{draw(WIDE, id_prefix)}</div>{NARROW_OPEN}{draw(NARROW, id_prefix + '-n')}</div>"


WIDE_OPEN, NARROW_OPEN = '<div class="pic-wide">', '<div class="pic-narrow">'


def wide_only(markup: str) -> str:
    """The wide picture of what `both` made, without the phone-width one a PDF never shows (half the markup
    WeasyPrint would parse and style for nothing)."""
    return markup.partition(NARROW_OPEN)[0]
