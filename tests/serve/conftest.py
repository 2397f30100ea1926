"""The fixtures of the preview's tests."""

from .served import server  # noqa: F401 - the served mini project, for every test here
