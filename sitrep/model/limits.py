"""Limits on the size of every value, said once: the model enforces them, docs/limits.md lists them.

Each bounds the work one value can cause (a page, a PDF, a file name) well above what real briefings need.
"""

from __future__ import annotations

MAX_ID = 80  # characters of an id or slug: the longest file name made from one (<slug>.timeline.json) fits in 255 bytes
MAX_TEXT = 1_000  # characters of a name, title, statement, label or note
MAX_QUOTE = 2_000  # characters of a quote: a passage, not an article
MAX_MARKDOWN = 20_000  # characters of a summary, narrative or bottom line
MAX_MARKDOWN_DEPTH = 8  # lists and block quotes nested inside one another in Markdown
MAX_MARKDOWN_ELEMENTS = 1_000  # formatted pieces (emphasis, links, code, list items...) in one Markdown field
MAX_LIST = 200  # entries in any one list (actors of an event, citations, tags, sections...)
MAX_WORD = 500  # characters without a space in a text: page and PDF layout of one unbreakable run is superlinear

LIMITS = {
    "MAX_ID": (MAX_ID, "characters in an id or slug"),
    "MAX_TEXT": (MAX_TEXT, "characters in a name, title, statement, label or note"),
    "MAX_QUOTE": (MAX_QUOTE, "characters in a quote"),
    "MAX_MARKDOWN": (MAX_MARKDOWN, "characters in a Markdown field (summary, narrative, bottom line)"),
    "MAX_MARKDOWN_DEPTH": (MAX_MARKDOWN_DEPTH, "lists and block quotes nested inside one another"),
    "MAX_MARKDOWN_ELEMENTS": (
        MAX_MARKDOWN_ELEMENTS,
        "formatted pieces (emphasis, links, code, list items) in one Markdown field",
    ),
    "MAX_LIST": (MAX_LIST, "entries in any one list"),
    "MAX_WORD": (MAX_WORD, "characters without a space in a name, title, statement, quote or Markdown field"),
}
