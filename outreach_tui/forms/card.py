"""The card form: when to follow up next with an organization, and who owns its card.

What a role may change is the store's table (``store.permissions``): a trainer changes the
follow-up date only, so the owner is shown to them but not offered. A save sends only
what changed, so it never asks for a permission the change does not need.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from store.i18n import _
from store.models import Campaign, Organization, Placement
from store.plausibility import date_warnings
from store.text import fold

from ..display import safe_text
from .base import FormScreen
from .fields import plain
from .parsing import Problems, date_placeholder


class CardForm(FormScreen[Placement]):
    """Change the next follow-up (and, for a coordinator, the owner) of ``organization``'s card."""

    CSS_PATH = ["form.tcss", "card.tcss"]
    # Short and prefilled: enter in the date saves.
    SUBMIT_ON_ENTER = True

    def __init__(
        self,
        organization: Organization,
        campaign: Campaign,
        placement: Placement,
        today: date,
        *,
        owners: list[str] | None,
        save: Callable[[dict[str, Any]], Placement],
    ) -> None:
        """``owners`` are the logins the owner may be set to (besides its owner now); ``None`` when the person
        may not change it."""
        super().__init__()
        self.organization = organization
        self.campaign = campaign
        self.placement = placement
        self.today = today
        self.owners = owners
        self.save = save

    def heading(self) -> Text:
        text = Text(_("Follow-up and owner") + ": ")
        text.append_text(safe_text(self.organization.name))
        text.append(" · ")
        return text.append_text(safe_text(self.campaign.name))

    def compose_fields(self) -> ComposeResult:
        follow_up = self.placement.next_follow_up
        yield self.field(
            "next_follow_up",
            _("Next follow-up"),
            Input(
                follow_up.isoformat() if follow_up else "",
                placeholder=date_placeholder(),
                compact=True,
                id="next_follow_up",
            ),
            hint=_("Empty: no follow-up planned."),
        )
        yield self._owner_field(self.owners) if self.owners is not None else self._read_only_owner()

    def _owner_field(self, owners: list[str]) -> Widget:
        # Whoever owns the card now stays a choice, even when no longer a user of the board.
        logins = sorted({*owners, self.placement.owner} - {""}, key=fold)
        choices = [(safe_text(login), login) for login in logins]
        owner = Select(choices, prompt=_("nobody"), value=self.placement.owner or Select.NULL, compact=True, id="owner")
        return self.field("owner", _("Owner"), owner)

    def _read_only_owner(self) -> Widget:
        shown = safe_text(self.placement.owner) if self.placement.owner else Text(_("nobody"))
        return Vertical(
            Horizontal(
                Label(plain(_("Owner")), classes="field-label"),
                Static(shown, id="owner-shown"),
                classes="field-line",
            ),
            Static(plain(_("Only a coordinator can change the owner.")), classes="field-hint"),
            classes="field -read-only",
        )

    def submit(self) -> Placement | None:
        typed = self.values()
        problems = Problems(today=self.today)
        follow_up = problems.day("next_follow_up", typed["next_follow_up"])
        problems.check()
        changes: dict[str, Any] = {}
        if follow_up != self.placement.next_follow_up:
            changes["next_follow_up"] = follow_up
            self.confirm_dates(date_warnings(self.today, follow_up=follow_up))
        owner = typed.get("owner") or ""
        if self.owners is not None and owner != self.placement.owner:
            changes["owner"] = owner
        if not changes:
            return None
        return self.save(changes)
