"""The contract: field types (fields), pydantic models of every item (items), their vocabularies (vocab) and kinds (kinds)."""

from . import kinds as kinds
from .fields import *  # noqa: F403
from .items import *  # noqa: F403
from .vocab import *  # noqa: F403
