"""Everything known about one organization: its fields, contacts, cards, visits,
trainings and the history of who changed what.

Keyboard-scrolled. One widget per section, not per line, so a long history costs one
text layout; the app calls ``update_details`` when another session changes the
organization, or a save made from here does. The board's keys that act on a card (log
a visit, edit the organization, follow-up and owner) work here too: the board beneath
runs them, greying and refusing them for a role just as it does its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from store.i18n import N_, _, format_date, format_datetime, format_number, ngettext, time_zone_abbreviation
from store.models import Organization, Placement

from ..bindings import action_name, binding_for_key, details_bindings
from ..details import OrganizationDetails, Row, contact_parts, organization_rows
from ..display import fit_label, off_board_label, safe, safe_text
from ..translated import TranslatedBindings

LABEL_WIDTH = 20
ACTOR_WIDTH = 32
SECTIONS = ("organization", "contacts", "card", "campaigns", "visits", "trainings", "history")


def value(text: str) -> Text:
    """User text for a table cell: literal, wrapped, a dash when empty."""
    return safe_text(text, multiline=True) if text else Text(_("—"))


def listed(values: Iterable[str]) -> Text:
    return value(", ".join(values))


def pairs(rows: Iterable[tuple[str, Text]]) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=LABEL_WIDTH)
    table.add_column(ratio=1)
    for label, shown in rows:
        table.add_row(Text(label, style="dim"), shown)
    return table


def line(*parts: Text | str) -> Text:
    """Parts joined with " · "; strings are fixed text, user text comes in as Text."""
    text = Text()
    for part in parts:
        if not part:
            continue
        if text:
            text.append(" · ")
        text.append_text(part if isinstance(part, Text) else Text(part))
    return text


def row_text(row: Row) -> Text:
    """A row's value with its qualifiers joined by " · "; a dash when nothing is recorded."""
    if not row.qualifiers:
        return value(row.value)
    return line(safe_text(row.value), *(safe_text(part, multiline=True) for part in row.qualifiers))


def organization_section(org: Organization) -> RenderableType:
    rows = [
        (_("Name"), value(org.name)),
        *((row.label, row_text(row)) for row in organization_rows(org)),
        (_("Added"), Text(format_datetime(org.created_at))),
        (_("Last changed"), Text(format_datetime(org.updated_at))),
    ]
    if org.archived:
        rows.insert(0, (_("Archived"), Text(_("yes: hidden from every board"), style="bold")))
    return pairs(rows)


def contacts_section(org: Organization) -> RenderableType:
    if not org.contacts:
        return Text(_("No staff contact recorded."))
    rows = []
    for index, contact in enumerate(org.contacts, start=1):
        name, *others = contact_parts(contact)
        rows.append((_("Contact {n}").format(n=index), line(safe_text(name, "bold"), *map(safe_text, others))))
    return pairs(rows)


def card_section(details: OrganizationDetails) -> RenderableType:
    card = details.card
    if details.campaign is None:
        return Text(_("No campaign is open."))
    if card is None:
        return Text(_("Not on this campaign's board."))
    rows = [
        (_("Stage"), value(details.stage_label)),
        (_("In this stage since"), Text(format_date(card.stage_since.date()))),
        (_("Owner"), value(card.owner)),
        (_("Next follow-up"), Text(format_date(card.next_follow_up))),
    ]
    if card.off_board is not None:
        rows.insert(
            0,
            (
                _("Off the board"),
                line(
                    Text(off_board_label(card.off_board.state), style="bold"),
                    safe_text(card.off_board.reason, multiline=True),
                ),
            ),
        )
    shown = next((item for item in details.placements if item.placement.id == card.id), None)
    if shown is not None and shown.without_training:
        rows.append((_("Without a training"), safe_text(shown.without_training, multiline=True)))
    by = safe_text(card.updated_by) if card.updated_by else ""
    rows.append((_("Last changed"), line(format_datetime(card.updated_at), by)))
    return pairs(rows)


def placement_summary(placement: Placement, stage_label: str) -> Text:
    if placement.off_board is not None:
        return line(
            safe_text(stage_label),
            _("off the board: {state}").format(state=off_board_label(placement.off_board.state)),
        )
    return safe_text(stage_label)


def campaigns_section(details: OrganizationDetails) -> RenderableType:
    if not details.placements:
        return Text(_("Not on any campaign's board."))
    current = details.campaign.id if details.campaign else None
    lines = []
    for item in details.placements:
        entry = line(safe_text(item.campaign_name, "bold"), placement_summary(item.placement, item.stage_label))
        if item.placement.campaign_id == current:
            entry.append("  " + _("(this board)"))
        lines.append(entry)
    return Group(*lines)


def visits_section(details: OrganizationDetails) -> RenderableType:
    if not details.visits:
        return Text(_("No visits logged."))
    blocks: list[RenderableType] = []
    for visit in details.visits:
        blocks.append(
            line(
                Text(format_date(visit.date), style="bold"),
                fit_label(visit.fit),
                safe_text(details.campaign_names.get(visit.campaign_id, visit.campaign_id)),
            )
        )
        blocks.append(
            pairs(
                [
                    (_("Visitors"), listed(visit.visitors)),
                    (_("People met"), listed(visit.people_met)),
                    (_("Findings"), value(visit.findings)),
                    (_("Recommendation"), value(visit.recommendation)),
                    (_("Next follow-up"), Text(format_date(visit.next_follow_up))),
                ]
            )
        )
    return Group(*blocks)


def trainings_section(details: OrganizationDetails) -> RenderableType:
    if not details.trainings:
        return Text(_("Has not attended a training."))
    blocks: list[RenderableType] = []
    for item in details.trainings:
        training = item.training
        blocks.append(
            line(
                Text(format_date(training.date), style="bold"),
                safe_text(training.topic) if training.topic else "",
                safe_text(training.place) if training.place else "",
                safe_text(item.campaign_name),
            )
        )
        attendees = ngettext("{n} attendee", "{n} attendees", item.attendees).format(n=format_number(item.attendees))
        trainers = listed(training.trainers)
        blocks.append(pairs([(_("Attended"), Text(attendees)), (_("Trainers"), trainers)]))
    return Group(*blocks)


def history_section(details: OrganizationDetails) -> RenderableType:
    if not details.history:
        return Text(_("No history yet."))
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True)
    # Who acted is shown whole: "maria via ana" on one line (two logins fit), a longer one wrapped, never cut.
    table.add_column(max_width=ACTOR_WIDTH, overflow="fold")
    table.add_column(ratio=1)
    for entry in details.history:
        table.add_row(Text(format_datetime(entry.at), style="dim"), value(entry.actor), value(entry.description))
    if details.history_total > len(details.history):
        more = _("Showing the newest {n} of {total} entries.").format(
            n=format_number(len(details.history)), total=format_number(details.history_total)
        )
        return Group(table, Text(more, style="dim"))
    return table


def title_text(org: Organization) -> Text:
    title = safe_text(org.name)
    if org.place.label():
        title.append(" · ")
        title.append_text(safe_text(org.place.label()))
    return title


def section_headings(details: OrganizationDetails) -> dict[str, str]:
    campaign_name = details.campaign.name if details.campaign else ""
    return {
        "organization": _("Organization"),
        "contacts": _("Staff contacts"),
        "card": _("Card on the board of {campaign}").format(campaign=safe(campaign_name))
        if campaign_name
        else _("Card"),
        "campaigns": _("Campaigns"),
        "visits": _("Visits ({n})").format(n=format_number(len(details.visits))),
        "trainings": _("Trainings attended ({n})").format(n=format_number(len(details.trainings))),
        "history": _("History, newest first, times in {zone} ({n})").format(
            zone=time_zone_abbreviation(), n=format_number(details.history_total)
        ),
    }


def section_bodies(details: OrganizationDetails) -> dict[str, RenderableType]:
    org = details.organization
    return {
        "organization": organization_section(org),
        "contacts": contacts_section(org),
        "card": card_section(details),
        "campaigns": campaigns_section(details),
        "visits": visits_section(details),
        "trainings": trainings_section(details),
        "history": history_section(details),
    }


class CardActions(Protocol):
    """What runs the card keys of the details: the board beneath them."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True when the role may run ``action``; None when it may not (the key is greyed out)."""

    def refuse_unavailable(self, action: str) -> bool:
        """Say why the role may not run ``action`` and return True; False when it may."""

    def act_on(self, action: str, organization_id: str) -> None:
        """Run ``action`` on the organization's card."""


CARD_KEYS = details_bindings()
CARD_ACTIONS = frozenset(action_name(binding) for binding in CARD_KEYS)


class DetailsScreen(TranslatedBindings, ModalScreen[None]):
    """Details of one organization; the app keeps it current with ``update_details``.

    Without ``actions`` (nothing beneath to run them) the card keys are not offered.
    """

    CSS_PATH = "details.tcss"
    BINDINGS = [
        Binding("escape,enter,q", "close", N_("Close"), id="details.close", key_display="esc"),
        *CARD_KEYS,
    ]

    def __init__(self, details: OrganizationDetails, *, actions: CardActions | None = None) -> None:
        super().__init__()
        self.details = details
        self.actions = actions

    def compose(self) -> ComposeResult:
        with Vertical(id="details"):
            yield Static(id="details-title")
            with VerticalScroll(id="details-scroll"):
                for key in SECTIONS:
                    yield Static(id=f"{key}-heading", classes="details-heading")
                    yield Static(id=f"{key}-body", classes="details-body")
        yield Footer()

    def on_mount(self) -> None:
        self.update_details(self.details)
        self.query_one("#details-scroll").focus()

    def update_details(self, details: OrganizationDetails) -> None:
        """Show ``details`` in place, keeping the scroll position."""
        self.details = details
        self.query_one("#details-title", Static).update(title_text(details.organization))
        headings, bodies = section_headings(details), section_bodies(details)
        for key in SECTIONS:
            self.query_one(f"#{key}-heading", Static).update(Text(headings[key]))
            self.query_one(f"#{key}-body", Static).update(bodies[key])

    def action_close(self) -> None:
        self.dismiss(None)

    # -- the card keys, run by the board beneath --------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARD_ACTIONS:
            return False if self.actions is None else self.actions.check_action(action, parameters)
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        # As on the board: a greyed-out key reaches here instead of its action, so say why it does nothing.
        binding = binding_for_key(CARD_KEYS, event.key)
        if binding is not None and self.actions is not None and self.actions.refuse_unavailable(action_name(binding)):
            event.stop()

    def _act(self, action: str) -> None:
        if self.actions is not None:
            self.actions.act_on(action, self.details.organization.id)

    def action_log_visit(self) -> None:
        self._act("log_visit")

    def action_edit_organization(self) -> None:
        self._act("edit_organization")

    def action_edit_card(self) -> None:
        self._act("edit_card")
