"""The visit form: what a follow-up visit found, and when to follow up next.

Visits are how coordinators narrow the field, so the fit rating is required; the
next follow-up date also becomes the card's, which the follow-ups view lists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from store.i18n import _
from store.models import Campaign, Organization, Visit
from store.plausibility import date_warnings

from ..display import fit_label, safe_text
from .base import FormScreen
from .parsing import Problems, date_placeholder, split_list


class VisitForm(FormScreen[Visit]):
    """Log a visit to ``organization`` for ``campaign``."""

    CSS_PATH = ["form.tcss", "visit.tcss"]

    def __init__(
        self,
        organization: Organization,
        campaign: Campaign,
        today: date,
        visitor: str,
        save: Callable[[dict[str, Any]], Visit],
    ) -> None:
        super().__init__()
        self.organization = organization
        self.campaign = campaign
        self.today = today
        self.visitor = visitor
        self.save = save

    def heading(self) -> Text:
        text = Text(_("Visit to") + " ")
        text.append_text(safe_text(self.organization.name))
        text.append(" · ")
        return text.append_text(safe_text(self.campaign.name))

    def compose_fields(self) -> ComposeResult:
        yield self.field(
            "date", _("Date"), Input(self.today.isoformat(), placeholder=date_placeholder(), compact=True, id="date")
        )
        yield self.field(
            "visitors",
            _("Visitors"),
            Input(self.visitor, placeholder=_("comma-separated"), compact=True, id="visitors"),
        )
        yield self.field(
            "people_met",
            _("People met"),
            Input(placeholder=_("staff of the organization; comma-separated"), compact=True, id="people_met"),
        )
        yield self.field("findings", _("Findings"), TextArea(compact=True, id="findings"))
        yield self.field(
            "fit",
            _("Fit"),
            Select(
                [(Text(fit_label(value)), value) for value in range(1, 6)],
                prompt=_("choose 1 to 5"),
                compact=True,
                id="fit",
            ),
        )
        yield self.field("recommendation", _("Recommendation"), Input(compact=True, id="recommendation"))
        yield self.field(
            "next_follow_up",
            _("Next follow-up"),
            Input(placeholder=date_placeholder(), compact=True, id="next_follow_up"),
            hint=_("Also becomes the card's next follow-up."),
        )

    def submit(self) -> Visit:
        typed = self.values()
        problems = Problems(today=self.today)
        day = problems.day("date", typed["date"], required=True)
        follow_up = problems.day("next_follow_up", typed["next_follow_up"])
        if typed["fit"] is None:
            problems.add("fit", _("choose how well the organization fits, 1 to 5"))
        problems.check()
        self.confirm_dates(date_warnings(self.today, visit=day, follow_up=follow_up))
        return self.save(
            {
                "organization_id": self.organization.id,
                "campaign_id": self.campaign.id,
                "date": day,
                "visitors": split_list(typed["visitors"]),
                "people_met": split_list(typed["people_met"]),
                "findings": typed["findings"].strip(),
                "fit": typed["fit"],
                "recommendation": typed["recommendation"].strip(),
                "next_follow_up": follow_up,
            }
        )
