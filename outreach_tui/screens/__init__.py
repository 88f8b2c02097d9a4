"""The screens: the board, and the dialogs beside it (details, lists, help), one per module.

The forms are in ``outreach_tui.forms``.
"""

from .add_to_board import AddToBoardScreen
from .campaign_picker import CampaignPicker
from .details import DetailsScreen
from .follow_ups import FollowUpsScreen
from .help import HelpScreen
from .metrics import MetricsScreen
from .off_board_list import OffBoardScreen

__all__ = [
    "AddToBoardScreen",
    "CampaignPicker",
    "DetailsScreen",
    "FollowUpsScreen",
    "HelpScreen",
    "MetricsScreen",
    "OffBoardScreen",
]
