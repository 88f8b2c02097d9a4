"""The campaign form: a new campaign with its goals, or a campaign's fields changed.

Goals are what coordinators report to funders: how many active partners, and how
many workers those partners reach.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from store.i18n import _, format_number
from store.models import CAMPAIGN_STATUSES, Campaign
from store.text import display_safe

from ..display import campaign_status_label
from .base import FormScreen
from .parsing import Problems


def goal_text(value: int | None) -> str:
    return "" if value is None else format_number(value)


class CampaignForm(FormScreen[Campaign]):
    """Create a campaign, or edit ``campaign``; ``save`` gets keyword arguments of ``Repository.create_campaign``
    (the same fields are the changes of an edit)."""

    CSS_PATH = ["form.tcss", "campaign.tcss"]

    def __init__(self, save: Callable[[dict[str, Any]], Campaign], campaign: Campaign | None = None) -> None:
        super().__init__()
        self.save = save
        self.campaign = campaign

    def heading(self) -> Text:
        if self.campaign is None:
            return Text(_("New campaign"))
        return Text(_("Edit campaign {name}").format(name=display_safe(self.campaign.name)))

    def compose_fields(self) -> ComposeResult:
        campaign = self.campaign
        yield self.field("name", _("Name"), Input(campaign.name if campaign else "", compact=True, id="name"))
        yield self.field(
            "description",
            _("Description"),
            TextArea(campaign.description if campaign else "", compact=True, id="description"),
        )
        yield self.field(
            "goals.active_partners",
            _("Target partners"),
            Input(
                goal_text(campaign.goals.active_partners) if campaign else "",
                placeholder=_("active partners; optional"),
                compact=True,
                id="goals-active_partners",
            ),
        )
        yield self.field(
            "goals.workers_reached",
            _("Target workers"),
            Input(
                goal_text(campaign.goals.workers_reached) if campaign else "",
                placeholder=_("workers reached by active partners; optional"),
                compact=True,
                id="goals-workers_reached",
            ),
        )
        yield self.field(
            "status",
            _("Status"),
            Select(
                [(Text(campaign_status_label(status)), status) for status in CAMPAIGN_STATUSES],
                value=campaign.status if campaign else "active",
                allow_blank=False,
                compact=True,
                id="status",
            ),
        )

    def submit(self) -> Campaign:
        typed = self.values()
        problems = Problems()
        name = problems.required("name", typed["name"])
        partners = problems.count("goals.active_partners", typed["goals.active_partners"])
        workers = problems.count("goals.workers_reached", typed["goals.workers_reached"])
        problems.check()
        return self.save(
            {
                "name": name,
                "description": typed["description"].strip(),
                "goals": {"active_partners": partners, "workers_reached": workers},
                "status": typed["status"],
            }
        )
