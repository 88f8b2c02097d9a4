"""Organizations taken off the board (not a fit, or paused), with the reason, the stage each left,
who took it off and when, so none is lost; then the archived organizations that had a card on this board.

Enter picks one to bring back; the app restores it (an archived one: unarchives it). One ``OptionList`` with markup off,
not a widget per organization: the list may hold thousands.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store import Campaign, Card, Event, stage_label
from store.i18n import N_, _, format_datetime, format_number

from ..dialog import DialogScreen
from ..display import off_board_label, safe

LINE_WIDTH = 66
"""What an option's line may take in the dialog at 80 columns (78, less borders, padding and a scrollbar).
Longer lines are cut with "…" by the list's style; the line of who and when is fitted before that, so its
date is never what is cut."""
WHO_WIDTH = 16

Departures = Mapping[tuple[str, str], Event]
"""``store.departures``: (event kind, organization id) -> the event that took the card off."""


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, ending with "…" when it was longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def left_line(campaign: Campaign | None, card: Card, event: Event | None) -> str:
    """The stage the card left, who took it off and when, in one line: the stage is cut first, the date never."""
    stage = safe(stage_label(campaign, card.placement.stage))
    if event is None:
        return _("Left {stage} · who and when not recorded").format(stage=stage)
    line = _("Left {stage} · by {who} · {when}")
    who = cut(safe(event.actor_label()), WHO_WIDTH)
    when = format_datetime(event.at)
    room = LINE_WIDTH - len(line.format(stage="", who=who, when=when))
    return line.format(stage=cut(stage, max(room, 8)), who=who, when=when)


def option_text(card: Card, state: str, left: str) -> Text:
    """Name, then state and reason, then where it left from: user text as ``Text``, never markup."""
    name = safe(card.organization.name)
    text = Text(name, style="bold")
    text.append(f"\n  {state}\n  {left}")
    return text


def off_board_option(card: Card, campaign: Campaign | None, departures: Departures) -> Option:
    off_board = card.placement.off_board
    state = ""
    if off_board is not None:
        state = off_board_label(off_board.state) + ": " + safe(off_board.reason)
    event = departures.get(("off_board", card.id))
    return Option(option_text(card, state, left_line(campaign, card, event)), id=card.organization.id)


def archived_option(card: Card, campaign: Campaign | None, departures: Departures) -> Option:
    event = departures.get(("organization_archived", card.id))
    reason = safe(event.reason) if event is not None and event.reason else ""
    state = (
        _("Archived (off every board): {reason}").format(reason=reason) if reason else _("Archived (off every board)")
    )
    return Option(option_text(card, state, left_line(campaign, card, event)), id=card.organization.id)


class OffBoardScreen(DialogScreen[str | None]):
    """Off-board (then archived) organizations of the campaign; dismisses with the id of one to bring back."""

    CSS_PATH = "off_board_list.tcss"
    BINDINGS = [
        Binding("enter", "restore", N_("Bring back to the board"), id="off_board.restore", priority=True),
        Binding("escape", "close", N_("Close"), id="off_board.close"),
    ]

    def __init__(
        self,
        cards: list[Card],
        archived: list[Card] | None = None,
        *,
        campaign: Campaign | None = None,
        departures: Departures | None = None,
    ) -> None:
        super().__init__()
        self.cards = list(cards)
        self.archived = list(archived or [])
        self.campaign = campaign
        self.departures: Departures = departures or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-tall"):
            yield Static(Text(self.title_text()), id="off-board-title", classes="dialog-title")
            yield Static(Text(_("No organization is off this campaign's board.")), id="off-board-empty")
            yield OptionList(
                *(off_board_option(card, self.campaign, self.departures) for card in self.cards),
                *(archived_option(card, self.campaign, self.departures) for card in self.archived),
                markup=False,
                id="off-board-list",
            )
        yield Footer()

    def title_text(self) -> str:
        title = _("Off the board ({n})").format(n=format_number(len(self.cards)))
        if self.archived:
            title += "  " + _("archived: {n} (enter unarchives one)").format(n=format_number(len(self.archived)))
        return title

    def on_mount(self) -> None:
        self.set_class(not self.cards and not self.archived, "-empty")
        self.query_one(OptionList).focus()

    def action_restore(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_close(self) -> None:
        self.dismiss(None)
