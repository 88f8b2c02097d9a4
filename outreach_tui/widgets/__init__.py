"""Small reusable widgets of the board."""

from .card_column import CARD_HEIGHT, CardColumn, card_badges
from .stage_column import StageColumn
from .top_bar import TopBar

__all__ = ["CARD_HEIGHT", "CardColumn", "StageColumn", "TopBar", "card_badges"]
