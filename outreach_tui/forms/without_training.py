"""Moving a card into the training stage with no training recorded: a coordinator's exception, with a reason.

The reason stays in the card's history and in its details, so the trained count
can always be told apart from the organizations that attended a training.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input

from store import stage_label
from store.i18n import _
from store.models import Campaign, Organization, Placement

from ..display import safe_text
from .base import FormScreen
from .parsing import Problems


class WithoutTrainingForm(FormScreen[Placement]):
    """Move ``organization``'s card into ``campaign``'s training stage; ``save(reason)`` does it."""

    SUBMIT_ON_ENTER = True

    def __init__(self, organization: Organization, campaign: Campaign, save: Callable[[str], Placement]) -> None:
        super().__init__()
        self.organization = organization
        self.campaign = campaign
        self.save = save

    def heading(self) -> Text:
        title = _("Move to {stage} without a training").format(
            stage=stage_label(self.campaign, self.campaign.training_stage)
        )
        return Text(title + ": ").append_text(safe_text(self.organization.name))

    def compose_fields(self) -> ComposeResult:
        yield self.field(
            "reason",
            _("Reason"),
            Input(placeholder=_("why it counts as trained with no training recorded"), compact=True, id="reason"),
            hint=_("Kept in its history and shown in its details."),
        )

    def submit(self) -> Placement:
        problems = Problems()
        reason = problems.required("reason", self.values()["reason"])
        problems.check()
        return self.save(reason)
