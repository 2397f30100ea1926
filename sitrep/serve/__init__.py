"""Live preview: serve the site on loopback, rebuild on every edit (HTML first, PDFs after) and update the open page."""

from .preview import Preview
from .server import serve

__all__ = ["Preview", "serve"]
