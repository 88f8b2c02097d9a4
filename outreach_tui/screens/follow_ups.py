"""Follow-ups due: the cards whose next follow-up is today, soon, or overdue, soonest first.

Overdue rows say so in words as well as in the theme's error colour, so they read in
16 colours and with NO_COLOR. Enter selects the organization on the board.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from store import Card
from store.i18n import N_, _, format_date, format_number, ngettext
from store.text import fold

from ..dialog import DialogScreen
from ..display import safe, safe_text

OWNER_WIDTH = 12
MIN_NAME_WIDTH = 20
DIALOG_WIDTH = 78
"""As in dialog.tcss."""
CHROME_WIDTH = 13
"""Dialog border and padding, scrollbar, and the padding of four table cells."""


def cut(value: str, width: int) -> Text:
    text = safe_text(value)
    text.truncate(width, overflow="ellipsis")
    return text


def when(due: date, today: date) -> str:
    days = (due - today).days
    if days < 0:
        return ngettext("overdue {n} day", "overdue {n} days", -days).format(n=format_number(-days))
    if days == 0:
        return _("due today")
    return ngettext("in {n} day", "in {n} days", days).format(n=format_number(days))


class FollowUpTable(DataTable[Text]):
    """The follow-ups; overdue and due-today rows take their styles from the theme (see the .tcss)."""

    COMPONENT_CLASSES = {"follow-up--overdue", "follow-up--today"}


class FollowUpsScreen(DialogScreen[str | None]):
    """Cards with a follow-up due; dismisses with the organization id to select on the board."""

    CSS_PATH = "follow_ups.tcss"
    BINDINGS = [
        Binding("enter", "choose", N_("Show on the board"), id="follow_ups.choose", priority=True),
        Binding("escape", "close", N_("Close"), id="follow_ups.close"),
    ]

    def __init__(self, cards: list[Card], today: date) -> None:
        super().__init__()
        self.today = today
        due = [card for card in cards if card.placement.next_follow_up is not None]
        self.cards = sorted(due, key=lambda card: (card.placement.next_follow_up, fold(card.organization.name)))

    def compose(self) -> ComposeResult:
        overdue = sum(1 for card in self.cards if card.placement.next_follow_up < self.today)
        title = _("Follow-ups due ({n})").format(n=format_number(len(self.cards)))
        if overdue:
            title += "  " + _("{n} overdue").format(n=format_number(overdue))
        with Vertical(id="dialog", classes="-tall"):
            yield Static(Text(title), id="follow-ups-title", classes="dialog-title")
            yield Static(Text(_("No follow-ups are due. Well done.")), id="follow-ups-empty")
            yield FollowUpTable(cursor_type="row", zebra_stripes=False, id="follow-ups-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(FollowUpTable)
        overdue_style = table.get_component_rich_style("follow-up--overdue")
        today_style = table.get_component_rich_style("follow-up--today")
        rows = [(card, when(card.placement.next_follow_up, self.today)) for card in self.cards]  # type: ignore[arg-type]
        dates = [format_date(card.placement.next_follow_up) for card in self.cards]
        date_width = max([cell_len(_("Due")), *(cell_len(text) for text in dates)])
        when_width = max([cell_len(_("When")), *(cell_len(text) for _card, text in rows)])
        owner_width = min(
            OWNER_WIDTH, max([cell_len(_("Owner")), *(cell_len(safe(c.placement.owner)) for c in self.cards)])
        )
        # The name comes last and gets what the terminal has left, cut with an ellipsis,
        # so due date, urgency and owner always show at 80 columns.
        available = min(DIALOG_WIDTH, self.app.size.width) - CHROME_WIDTH
        name_width = max(MIN_NAME_WIDTH, available - date_width - when_width - owner_width)
        table.add_column(Text(_("Due")), key="due")
        table.add_column(Text(_("When")), key="when")
        table.add_column(Text(_("Owner")), key="owner", width=owner_width)
        table.add_column(Text(_("Organization")), key="organization", width=name_width)
        for (card, urgency), shown in zip(rows, dates, strict=True):
            due = card.placement.next_follow_up
            assert due is not None
            style = overdue_style if due < self.today else today_style if due == self.today else ""
            table.add_row(
                Text(shown, style=style),
                Text(urgency, style=style),
                cut(card.placement.owner, owner_width),
                cut(card.organization.name, name_width),
                key=card.organization.id,
            )
        self.set_class(not self.cards, "-empty")
        table.focus()

    def action_choose(self) -> None:
        table = self.query_one(FollowUpTable)
        if not self.cards:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.dismiss(row_key.value)

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)
