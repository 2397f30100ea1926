"""What add-source finds in an article: each field with where it was found, and a link without its tracking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid)$")


@dataclass(frozen=True)
class Found:
    """One metadata value and how it was found; `value` None where the article shows nothing."""

    value: str | None
    how: str


@dataclass(frozen=True)
class Article:
    """An article read from a file: the text to archive, the page it came from (if a page), and its metadata."""

    name: str  # the file's name, for messages
    text: str
    html: bytes | None
    extracted_by: str  # how the text was made
    title: Found
    outlet: Found
    author: Found
    published: Found
    url: Found


def clean_url(url: str) -> tuple[str, list[str]]:
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    dropped = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if _TRACKING.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept))), dropped
