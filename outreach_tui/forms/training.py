"""The training form: one training event, many attending organizations.

It opens prefilled (today, the current user as trainer, one attendee per marked
organization) with the cursor in the topic, the one field to type: enter then records it. Attending is what makes an
organization trained: the store moves every attendee to the campaign's training stage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from store.i18n import N_, _, format_number, language, ngettext
from store.models import MAX_ATTENDEES, Campaign, Organization, Training
from store.plausibility import date_warnings

from ..display import safe_text
from .base import FormScreen
from .parsing import Problems, date_placeholder, split_list


def attendees_path(index: int) -> str:
    return f"attendance.{index}.attendees"


class TrainingForm(FormScreen[Training]):
    """Record a training of ``campaign`` attended by ``organizations``."""

    CSS_PATH = ["form.tcss", "training.tcss"]
    # Every field is one line, so enter always confirms; priority keeps the field from taking it first.
    BINDINGS = [
        Binding("enter", "save", N_("Record training"), id="training.record", priority=True),
        Binding("ctrl+o", "without_training", N_("Without a training"), id="training.without", priority=True),
    ]
    SUBMIT_ON_ENTER = True
    FIRST_FIELD = "topic"
    DUPLICATE_QUESTION = N_("Record it anyway?")
    DUPLICATE_ANSWER = N_("Record anyway")

    def __init__(
        self,
        organizations: list[Organization],
        campaign: Campaign,
        today: date,
        trainer: str,
        save: Callable[..., Training],
        without_training: Callable[[], None] | None = None,
    ) -> None:
        """``save(fields, allow_duplicate=...)`` records the training. ``without_training``, when given, is
        offered as the other way into the training stage (a move's exception, for roles that may make it):
        the form closes and it is called."""
        super().__init__()
        self._sent: list[int] = []
        """Which organization each sent attendance item is (0 attendees leaves one out)."""
        self._take(organizations, campaign, today, trainer, save, without_training)
        self._built_for: tuple[object, ...] = ()

    def _take(
        self,
        organizations: list[Organization],
        campaign: Campaign,
        today: date,
        trainer: str,
        save: Callable[..., Training],
        without_training: Callable[[], None] | None,
    ) -> None:
        """What this training is for: set when the form is made, and again each time it is shown anew."""
        self.organizations = list(organizations)
        self.campaign, self.today, self.trainer = campaign, today, trainer
        self.save, self.without_training = save, without_training
        self._sent = []

    def _build_key(self, count: int) -> tuple[object, ...]:
        return (count, language(), self.app.theme)

    def on_mount(self) -> None:
        self._built_for = self._build_key(len(self.organizations))
        super().on_mount()

    def can_reopen(self, organizations: list[Organization]) -> bool:
        """Whether the form, kept from its last use, can show ``organizations`` without being built again."""
        return self.is_attached and self._built_for == self._build_key(len(organizations))

    def reopen(
        self,
        organizations: list[Organization],
        campaign: Campaign,
        today: date,
        trainer: str,
        save: Callable[..., Training],
        without_training: Callable[[], None] | None = None,
    ) -> None:
        """Show the form again for another training, as a new one would open: building its widgets
        is most of what opening it costs, so a form kept from its last use gets fresh values instead."""
        self._take(organizations, campaign, today, trainer, save, without_training)
        self.query_one("#form-title", Static).update(self.heading())
        fresh = {"date": today.isoformat(), "place": "", "trainers": trainer, "topic": ""}
        for index, organization in enumerate(self.organizations):
            self._row_of_path[attendees_path(index)].relabel(self._attendee_label(organization))
            fresh[attendees_path(index)] = "1"
        self.refill(fresh)

    def _attendee_label(self, organization: Organization) -> Text:
        label = safe_text(organization.name)
        label.no_wrap = False
        return label

    def heading(self) -> Text:
        text = Text(_("Record a training") + " · ")
        text.append_text(safe_text(self.campaign.name))
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "without_training":
            return self.without_training is not None
        return super().check_action(action, parameters)

    def action_without_training(self) -> None:
        chosen = self.without_training
        if chosen is not None:
            self.dismiss(None)
            self.app.call_later(chosen)

    def compose_fields(self) -> ComposeResult:
        yield self.field(
            "date", _("Date"), Input(self.today.isoformat(), placeholder=date_placeholder(), compact=True, id="date")
        )
        yield self.field("place", _("Place"), Input(compact=True, id="place"))
        yield self.field(
            "trainers",
            _("Trainers"),
            Input(self.trainer, placeholder=_("comma-separated"), compact=True, id="trainers"),
        )
        yield self.field("topic", _("Topic"), Input(compact=True, id="topic"))
        yield self.section(
            ngettext(
                "Attending: {n} organization (attendees; 0 leaves it out)",
                "Attending: {n} organizations (attendees each; 0 leaves one out)",
                len(self.organizations),
            ).format(n=len(self.organizations))
        )
        for index, organization in enumerate(self.organizations):
            yield self.field(
                attendees_path(index),
                self._attendee_label(organization),
                Input("1", compact=True, id=f"attendees-{index}"),
                classes="attendance",
            )

    def submit(self) -> Training:
        typed = self.values()
        problems = Problems(today=self.today)
        day = problems.day("date", typed["date"], required=True)
        topic = problems.required("topic", typed["topic"])
        attendance = []
        sent: list[int] = []
        for index, organization in enumerate(self.organizations):
            path = attendees_path(index)
            count = problems.count(path, typed[path], required=True)
            if count is not None and count > MAX_ATTENDEES:
                problems.add(path, _("at most {n} attendees").format(n=format_number(MAX_ATTENDEES)))
            elif count:
                attendance.append({"organization_id": organization.id, "attendees": count})
                sent.append(index)
        if not problems.items and not attendance:
            problems.add("attendance", _("at least one organization must attend"))
        problems.check()
        self.confirm_dates(date_warnings(self.today, training=day))
        self._sent = sent
        return self.save(
            {
                "campaign_id": self.campaign.id,
                "date": day,
                "place": typed["place"].strip(),
                "trainers": split_list(typed["trainers"]),
                "topic": topic,
                "attendance": attendance,
            },
            allow_duplicate=self.allow_duplicate,
        )

    def store_path(self, path: str) -> str:
        parts = path.split(".")
        if len(parts) > 1 and parts[0] == "attendance" and parts[1].isdigit() and int(parts[1]) < len(self._sent):
            parts[1] = str(self._sent[int(parts[1])])
        return ".".join(parts)
