"""The relations diagram: who backs, opposes, allies with or leads whom, rivals apart; who is part of whom beside it."""

from .draw import relations_svg
from .edges import ANALYTIC, EDGE_STYLE

__all__ = ["ANALYTIC", "EDGE_STYLE", "relations_svg"]
