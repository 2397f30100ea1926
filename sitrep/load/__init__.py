"""Loading: a project's files into validated models, every problem located (yamlsafe parses, project reads)."""

from .project import SINGULAR, Loaded, Origin, ParseCache, dotted, load_project

__all__ = ["SINGULAR", "Loaded", "Origin", "ParseCache", "dotted", "load_project"]
