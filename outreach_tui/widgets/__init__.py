"""Small reusable widgets of the board."""

from .card_column import CARD_HEIGHT, CardColumn, card_badges
from .footer import SteadyFooter
from .history_warning import HistoryWarning
from .stage_board import MIN_COLUMN_WIDTH, StageBoard
from .stage_column import StageColumn
from .top_bar import TopBar

__all__ = [
    "CARD_HEIGHT",
    "MIN_COLUMN_WIDTH",
    "CardColumn",
    "HistoryWarning",
    "StageBoard",
    "StageColumn",
    "SteadyFooter",
    "TopBar",
    "card_badges",
]
