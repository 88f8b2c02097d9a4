"""The modal forms: one per record people type in, on a shared base.

``base`` saves through a callable and shows problems beside their fields, ``fields``
holds the row and body widgets, ``parsing`` reads dates, counts and lists. Each form's
module is imported when the form is first opened, so starting the board loads none.
"""

from typing import TYPE_CHECKING

from store.lazy import lazy_exports

if TYPE_CHECKING:
    from .base import FormScreen
    from .campaign import CampaignForm
    from .card import CardForm
    from .export import ExportForm
    from .off_board import OffBoardForm
    from .organization import OrganizationForm
    from .sheet import SheetForm
    from .training import TrainingForm
    from .visit import VisitForm
    from .without_training import WithoutTrainingForm
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "CampaignForm": ".campaign",
            "CardForm": ".card",
            "ExportForm": ".export",
            "FormScreen": ".base",
            "OffBoardForm": ".off_board",
            "OrganizationForm": ".organization",
            "SheetForm": ".sheet",
            "TrainingForm": ".training",
            "VisitForm": ".visit",
            "WithoutTrainingForm": ".without_training",
        },
    )

__all__ = [
    "CampaignForm",
    "CardForm",
    "ExportForm",
    "FormScreen",
    "OffBoardForm",
    "OrganizationForm",
    "SheetForm",
    "TrainingForm",
    "VisitForm",
    "WithoutTrainingForm",
]
