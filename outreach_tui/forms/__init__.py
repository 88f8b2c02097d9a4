"""The modal forms: one per record people type in, on a shared base.

``base`` saves through a callable and shows problems beside their fields, ``fields``
holds the row and body widgets, ``parsing`` reads dates, counts and lists.
"""

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
