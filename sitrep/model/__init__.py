"""The contract: pydantic models of every item (items) and the vocabularies they use (vocab)."""

from .items import *  # noqa: F403
from .vocab import *  # noqa: F403
