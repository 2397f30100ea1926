"""The timeline: events on a time axis in a few lanes, key events named on the chart, phases, editions, counts."""

from .draw import timeline_svg
from .spans import Edition, key_events

__all__ = ["Edition", "key_events", "timeline_svg"]
