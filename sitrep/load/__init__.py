"""Loading: a project's files into validated models, every problem located (yamlsafe parses, one loader per kind of file)."""

from .messages import dotted
from .project import Loaded, load_project
from .reading import MadeCache, Origin, ParseCache

__all__ = ["Loaded", "MadeCache", "Origin", "ParseCache", "dotted", "load_project"]
