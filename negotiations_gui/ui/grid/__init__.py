"""The position grid: each party's position on each issue as of a date."""

from .history import CellHistoryPanel
from .model import GridRole, PositionGridModel
from .view import PositionGridView

__all__ = ["CellHistoryPanel", "GridRole", "PositionGridModel", "PositionGridView"]
