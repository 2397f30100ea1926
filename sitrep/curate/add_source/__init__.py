"""`sitrep add-source`: archive an article (plain text as it is, a web page reduced to its text) and write what it shows."""

from .article import Article, Found
from .read import read_article
from .write import FILL, Archived, add_source, default_id, source_yaml, write_new

__all__ = ["FILL", "Archived", "Article", "Found", "add_source", "default_id", "read_article", "source_yaml", "write_new"]
