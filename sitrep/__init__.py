"""sitrep: analyst briefings (HTML site and print-ready PDFs) from curated, cited YAML."""

__version__ = "0.1.0"
