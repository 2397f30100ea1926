"""Reading an article from a file: a web page or plain text, refused with a clear problem when it cannot be archived."""

from __future__ import annotations

from pathlib import Path

from ...load.yamlsafe import MAX_FILE_BYTES, decode
from ...problems import Problem
from .. import CurateError
from .article import Article
from .text import from_text
from .webpage import from_html


def read_article(path: Path) -> Article:
    """Read a plain-text article or a saved web page; raise CurateError if it cannot be archived."""
    raw = _read_bytes(path)
    if _is_html(path, raw):
        return from_html(path.name, raw)
    text, problem = decode(path.name, raw)
    if problem is not None:
        raise CurateError([problem])
    assert text is not None
    if not text.strip():
        raise CurateError(
            [Problem(path.name, None, None, "file is empty: there is no article to archive", "save the article's text in it")]
        )
    return from_text(path.name, text)


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise CurateError([Problem(str(path), None, None, "no such file", "give the path of a saved article (.txt or .html)")])
    if path.stat().st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise CurateError(
            [Problem(path.name, None, None, f"file is over the {limit} MB limit", "save only the article's page or text")]
        )
    return path.read_bytes()


def _is_html(path: Path, raw: bytes) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))
