"""Choosing the campaign the board shows, or starting a new one.

One organization can be on several campaigns' boards; each campaign has its own
stages, shown here so a coordinator recognises it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
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
        Binding("escape", "close", N_("Close"), id="campaigns.close"),
    ]

    def __init__(
        self,
        campaigns: list[Campaign],
        current_id: str | None,
        create: Callable[[dict[str, Any]], Campaign],
        *,
        gate: Gate = run_now,
    ) -> None:
        super().__init__()
        self.campaigns = list(campaigns)
        self.current_id = current_id
        self.create = create
        self.gate = gate

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

    def action_new_campaign(self) -> None:
        form = CampaignForm(self.create)
        form.gate = self.gate
        self.app.push_screen(form, self._created)

    def _created(self, campaign: Campaign | None) -> None:
        if campaign is not None:
            self.dismiss(campaign.id)

    def action_close(self) -> None:
        self.dismiss(None)
