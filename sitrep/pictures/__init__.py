"""Pictures: static, deterministic SVG (timeline, map, relations) for the HTML pages and the PDFs."""

from collections.abc import Callable

from .geo import World, load_world
from .map import latest_status, map_svg
from .relations import relations_svg
from .svg import NARROW, WIDE
from .timeline import Edition, key_events, timeline_svg

__all__ = ["Edition", "World", "both", "key_events", "latest_status", "load_world", "map_svg", "relations_svg", "timeline_svg"]


def both(draw: Callable[[float, str], str], id_prefix: str) -> str:
    """A picture at print and desktop width and again at phone width, with its legend below; the page's CSS shows one.

    The PDF shows the wide one; each has its own ids, so links and labels never clash.
    """
    return f'<div class="pic-wide">{draw(WIDE, id_prefix)}</div><div class="pic-narrow">{draw(NARROW, id_prefix + "-n")}</div>'
