"""The campaign form: a new campaign with its goals.

Goals are what coordinators report to funders: how many active partners, and how
many workers those partners reach.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from store.i18n import _
from store.models import CAMPAIGN_STATUSES, Campaign

from ..display import campaign_status_label
from .base import FormScreen
from .parsing import Problems


class CampaignForm(FormScreen[Campaign]):
    """Create a campaign; ``save`` gets keyword arguments of ``Repository.create_campaign``."""

    CSS_PATH = ["form.tcss", "campaign.tcss"]

    def __init__(self, save: Callable[[dict[str, Any]], Campaign]) -> None:
        super().__init__()
        self.save = save

    def heading(self) -> Text:
        return Text(_("New campaign"))

    def compose_fields(self) -> ComposeResult:
        yield self.field("name", _("Name"), Input(compact=True, id="name"))
        yield self.field("description", _("Description"), TextArea(compact=True, id="description"))
        yield self.field(
            "goals.active_partners",
            _("Target partners"),
            Input(placeholder=_("active partners; optional"), compact=True, id="goals-active_partners"),
        )
        yield self.field(
            "goals.workers_reached",
            _("Target workers"),
            Input(
                placeholder=_("workers reached by active partners; optional"), compact=True, id="goals-workers_reached"
            ),
        )
        yield self.field(
            "status",
            _("Status"),
            Select(
                [(Text(campaign_status_label(status)), status) for status in CAMPAIGN_STATUSES],
                value="active",
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
