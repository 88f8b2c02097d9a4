"""Choosing the campaign the board shows, starting a new one, or changing one (its name, goals, status, stages).

One organization can be on several campaigns' boards; each campaign has its own
stages, shown here so a coordinator recognises it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store import Campaign, shown_label
from store.i18n import N_, _

from ..dialog import DialogScreen
from ..display import campaign_status_label, safe, safe_text
from ..forms import CampaignForm
from ..forms.base import Gate, run_now


def campaign_option(campaign: Campaign, current_id: str | None) -> Option:
    prompt = safe_text(campaign.name, "bold")
    prompt.append("  " + campaign_status_label(campaign.status))
    if campaign.id == current_id:
        prompt.append("  " + _("(on screen)"), style="bold")
    prompt.append("\n  " + " → ".join(safe(shown_label(stage)) for stage in campaign.stages), style="dim")
    return Option(prompt, id=campaign.id)


class CampaignPicker(DialogScreen[str | None]):
    """Dismisses with the id of the chosen (or newly created) campaign."""

    CSS_PATH = "campaign_picker.tcss"
    BINDINGS = [
        Binding("enter", "choose", N_("Open campaign"), id="campaigns.open", priority=True),
        Binding("n", "new_campaign", N_("New campaign"), id="campaigns.new"),
        Binding("e", "edit_campaign", N_("Edit campaign"), id="campaigns.edit"),
        Binding("s", "stages", N_("Stages"), id="campaigns.stages"),
        Binding("escape", "close", N_("Close"), id="campaigns.close"),
    ]

    STORE_ACTIONS = {"new_campaign": "create_campaign", "edit_campaign": "edit_campaign"}
    """Each key's store action: a role that may not perform it sees the key greyed, and is told why."""

    def __init__(
        self,
        campaigns: list[Campaign],
        current_id: str | None,
        create: Callable[[dict[str, Any]], Campaign] | None,
        *,
        edit: Callable[[Campaign, dict[str, Any]], Campaign] | None = None,
        stages: Callable[[Campaign], Screen[Campaign | None]] | None = None,
        gate: Gate = run_now,
        refuse: Callable[[str], object] | None = None,
    ) -> None:
        """``create`` and ``edit`` are None for a role that may not use them; ``refuse(store_action)``
        then says why, instead of a form that the save would refuse."""
        super().__init__()
        self.campaigns = list(campaigns)
        self.current_id = current_id
        self.create = create
        self.edit = edit
        self.stages = stages
        """Builds the stages editor of a campaign (every role may look; the editor says who may change)."""
        self.gate = gate
        self.refuse = refuse

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(_("Campaigns")), id="campaigns-title", classes="dialog-title")
            yield Static(Text(_("No campaigns yet. Press n to create one.")), id="campaigns-empty")
            yield OptionList(
                *(campaign_option(campaign, self.current_id) for campaign in self.campaigns),
                markup=False,
                id="campaigns-list",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(not self.campaigns, "-empty")
        options = self.query_one(OptionList)
        ids = [campaign.id for campaign in self.campaigns]
        if self.current_id in ids:
            options.highlighted = ids.index(self.current_id)
        options.focus()

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def highlighted(self) -> Campaign | None:
        index = self.query_one(OptionList).highlighted
        return self.campaigns[index] if index is not None and index < len(self.campaigns) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        offered = {"edit_campaign": self.edit, "new_campaign": self.create}
        if action in offered and offered[action] is None:
            return None  # greyed out in the footer
        if action == "stages":
            return self.stages is not None and self.highlighted() is not None
        return True

    def on_key(self, event: events.Key) -> None:
        # A greyed-out key reaches here instead of its action: say why it does nothing.
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and event.key in binding.key.split(","):
                needed = self.STORE_ACTIONS.get(binding.action)
                if needed is not None and self.check_action(binding.action, ()) is None:
                    event.stop()
                    if self.refuse is not None:
                        self.refuse(needed)

    def action_edit_campaign(self) -> None:
        campaign = self.highlighted()
        if campaign is None or self.edit is None:
            return
        form = CampaignForm(partial(self.edit, campaign), campaign)
        form.gate = self.gate
        self.app.push_screen(form, self._edited)

    def action_stages(self) -> None:
        campaign = self.highlighted()
        if campaign is not None and self.stages is not None:
            self.app.push_screen(self.stages(campaign), self._edited)

    async def _edited(self, campaign: Campaign | None) -> None:
        if campaign is None:
            return
        self.campaigns = [campaign if c.id == campaign.id else c for c in self.campaigns]
        options = self.query_one(OptionList)
        index = options.highlighted
        options.set_options(campaign_option(c, self.current_id) for c in self.campaigns)
        options.highlighted = index

    def action_new_campaign(self) -> None:
        if self.create is None:
            return
        form = CampaignForm(self.create, others=self.campaigns)
        form.gate = self.gate
        self.app.push_screen(form, self._created)

    def _created(self, campaign: Campaign | None) -> None:
        if campaign is not None:
            self.dismiss(campaign.id)

    def action_close(self) -> None:
        self.dismiss(None)
