"""Small reusable widgets of the board."""

from .card_column import CARD_HEIGHT, CardColumn, card_badges
from .footer import SteadyFooter
from .stage_column import StageColumn
from .top_bar import TopBar

__all__ = ["CARD_HEIGHT", "CardColumn", "StageColumn", "SteadyFooter", "TopBar", "card_badges"]
