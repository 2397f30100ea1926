"""Rendering: the sandboxed templates and Markdown (html), the pages of the site (pages), PDFs (pdf) and exports."""
