"""The campaign form: a new campaign with its goals, or a campaign's fields changed.

Goals are what coordinators report to funders: how many active partners, and how
many workers those partners reach. A new campaign starts from a stage template or
from the stages of another campaign; its stages are changed afterwards in the stages
editor, so editing a campaign does not offer them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from store.i18n import _, format_number
from store.models import CAMPAIGN_STATUSES, Campaign
from store.templates import TEMPLATES, StageTemplate, copied_from
from store.text import display_safe

from ..display import campaign_status_label
from .base import FormScreen
from .parsing import Problems


def goal_text(value: int | None) -> str:
    return "" if value is None else format_number(value)


def day_text(value: date | None) -> str:
    return value.isoformat() if value else ""


COPY = "copy:"
"""Prefix of the stage choice that copies another campaign's stages ("copy:" + its id)."""


class CampaignForm(FormScreen[Campaign]):
    """Create a campaign, or edit ``campaign``; ``save`` gets keyword arguments of ``Repository.create_campaign``
    (the same fields are the changes of an edit)."""

    CSS_PATH = ["form.tcss", "campaign.tcss"]

    def __init__(
        self,
        save: Callable[[dict[str, Any]], Campaign],
        campaign: Campaign | None = None,
        *,
        others: Sequence[Campaign] = (),
    ) -> None:
        super().__init__()
        self.save = save
        self.campaign = campaign
        self.others = list(others)
        """Campaigns a new one may copy its stages from."""

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
        yield from self._date_fields(campaign)
        if campaign is None:
            yield self.field("stages", _("Stages"), Select(self._stage_choices(), allow_blank=False, compact=True))
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

    def _date_fields(self, campaign: Campaign | None) -> ComposeResult:
        hint = _("YYYY-MM-DD or DD/MM/YYYY; optional")
        for path, label, value in (
            ("starts_on", _("Starts"), campaign.starts_on if campaign else None),
            ("ends_on", _("Ends"), campaign.ends_on if campaign else None),
        ):
            control = Input(day_text(value), placeholder=hint, compact=True, id=path.replace("_", "-"))
            yield self.field(path, label, control)

    def _stage_choices(self) -> list[tuple[Text, str]]:
        choices = [(Text(_(found.description)), name) for name, found in TEMPLATES.items()]
        for other in self.others:
            label = _("The stages of {campaign}").format(campaign=display_safe(other.name))
            choices.append((Text(label), COPY + other.id))
        return choices

    def _stages(self, choice: str) -> StageTemplate:
        if choice.startswith(COPY):
            return copied_from(next(c for c in self.others if c.id == choice.removeprefix(COPY)))
        return TEMPLATES[choice]

    def submit(self) -> Campaign:
        typed = self.values()
        problems = Problems()
        name = problems.required("name", typed["name"])
        partners = problems.count("goals.active_partners", typed["goals.active_partners"])
        workers = problems.count("goals.workers_reached", typed["goals.workers_reached"])
        starts = problems.day("starts_on", typed["starts_on"])
        ends = problems.day("ends_on", typed["ends_on"])
        if starts and ends and ends < starts:
            problems.add("ends_on", _("before the start"))
        problems.check()
        fields: dict[str, Any] = {
            "name": name,
            "description": typed["description"].strip(),
            "goals": {"active_partners": partners, "workers_reached": workers},
            "status": typed["status"],
            "starts_on": starts,
            "ends_on": ends,
        }
        if self.campaign is None:
            start = self._stages(typed["stages"])
            fields.update(
                stages=list(start.stages), training_stage=start.training_stage, active_stage=start.active_stage
            )
        return self.save(fields)
