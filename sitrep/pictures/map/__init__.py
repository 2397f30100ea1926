"""The situation map: places on the world outlines, labelled by name, symbol by what happened there, colour by status."""

from .compose import map_svg
from .sites import latest_status, status_colour, status_words, symbol

__all__ = ["latest_status", "map_svg", "status_colour", "status_words", "symbol"]
