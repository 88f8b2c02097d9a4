"""The screens: the board, and the dialogs beside it (details, lists, help), one per module.

The forms are in ``outreach_tui.forms``. Each screen's module is imported when the screen is
first used, so starting the board loads only the board's.
"""

from typing import TYPE_CHECKING

from store.lazy import lazy_exports

if TYPE_CHECKING:
    from .add_to_board import AddToBoardScreen
    from .campaign_picker import CampaignPicker
    from .details import DetailsScreen
    from .follow_ups import FollowUpsScreen
    from .help import HelpScreen
    from .metrics import MetricsScreen
    from .off_board_list import OffBoardScreen
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "AddToBoardScreen": ".add_to_board",
            "CampaignPicker": ".campaign_picker",
            "DetailsScreen": ".details",
            "FollowUpsScreen": ".follow_ups",
            "HelpScreen": ".help",
            "MetricsScreen": ".metrics",
            "OffBoardScreen": ".off_board_list",
        },
    )

__all__ = [
    "AddToBoardScreen",
    "CampaignPicker",
    "DetailsScreen",
    "FollowUpsScreen",
    "HelpScreen",
    "MetricsScreen",
    "OffBoardScreen",
]
