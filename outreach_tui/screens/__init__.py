"""The secondary screens: modal forms, details, lists and help, one per module."""

from .campaign_form import CampaignForm
from .campaign_picker import CampaignPicker
from .details import DetailsScreen
from .follow_ups import FollowUpsScreen
from .help import HelpScreen
from .off_board_form import OffBoardForm
from .off_board_list import OffBoardScreen
from .organization_form import OrganizationForm
from .training_form import TrainingForm
from .visit_form import VisitForm

__all__ = [
    "CampaignForm",
    "CampaignPicker",
    "DetailsScreen",
    "FollowUpsScreen",
    "HelpScreen",
    "OffBoardForm",
    "OffBoardScreen",
    "OrganizationForm",
    "TrainingForm",
    "VisitForm",
]
