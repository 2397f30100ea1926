"""Pictures: static, deterministic SVG (timeline, map, relations) for the HTML pages and the PDFs."""

from .geo import World, load_world
from .map import latest_status, map_svg
from .old import relations_svg, timeline_svg

__all__ = ["World", "latest_status", "load_world", "map_svg", "relations_svg", "timeline_svg"]
