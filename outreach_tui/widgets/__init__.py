"""Small reusable widgets of the board."""

from .card_column import CARD_HEIGHT, CardColumn, card_badges
from .stage_column import StageColumn

__all__ = ["CARD_HEIGHT", "CardColumn", "StageColumn", "card_badges"]
