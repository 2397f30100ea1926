"""A saved web page's date: from its meta tags, JSON-LD or htmldate, kept when it lies in the future."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.curate.add_source import read_article


def page(head: str, body: str) -> bytes:
    paragraphs = "".join(
        f"<p>{sentence} The harbour authority said ships would wait outside the port while divers searched the channel.</p>"
        for sentence in ("Exercise inject one.", "Exercise inject two.", "Exercise inject three.")
    )
    return f"<html><head><title>EXERCISE Harbour Shield</title>{head}</head><body><article><h1>EXERCISE Harbour Shield: port closed</h1>{body}{paragraphs}</article></body></html>".encode()


@pytest.mark.parametrize(
    ("head", "body", "published", "how"),
    [
        (
            '<meta property="article:published_time" content="2031-06-14T08:00:00Z">',
            "",
            "2031-06-14",
            'From the page\'s <meta property="article:published_time"> (2031-06-14T08:00:00Z).',
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2031-06"}</script>',
            "",
            "2031-06",
            "From the page's JSON-LD datePublished.",
        ),
        ("", '<p class="date">Published 14 June 2031</p>', "2031-06-14", "Found by htmldate in the page's markup: check it."),
        (
            '<link rel="canonical" href="https://exercise.example/2031/06/harbour-shield">',
            "",
            "2031-06",
            "Found by htmldate in the page's text or address (extensive search), which shows only the month: check it.",
        ),
        (
            "",
            "",
            None,
            "Fill in: the page shows no date of publication; give the day, month or year its content shows, and say how here.",
        ),
    ],
)
def test_exercise_pages_dated_in_the_future_keep_their_date(
    tmp_path: Path, head: str, body: str, published: str | None, how: str
) -> None:
    path = tmp_path / "exercise.html"
    path.write_bytes(page(head, body))
    article = read_article(path)
    assert (article.published.value, article.published.how) == (published, how)
