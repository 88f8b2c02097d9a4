"""Organizations taken off the board (not a fit, or paused), with the reason, so none is lost;
then the archived organizations that had a card on this board.

Enter picks one to bring back; the app restores it (an archived one: unarchives it). One ``OptionList`` with markup off,
not a widget per organization: the list may hold thousands.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store import Card
from store.i18n import N_, _, format_number

from ..dialog import DialogScreen
from ..display import off_board_label, safe_text


def off_board_option(card: Card) -> Option:
    off_board = card.placement.off_board
    prompt = safe_text(card.organization.name, "bold")
    prompt.append("\n  ")
    if off_board is not None:
        prompt.append(off_board_label(off_board.state))
        prompt.append(": ")
        prompt.append_text(safe_text(off_board.reason))
    return Option(prompt, id=card.organization.id)


def archived_option(card: Card) -> Option:
    prompt = safe_text(card.organization.name, "bold")
    prompt.append("\n  ")
    prompt.append(_("Archived: hidden from every board; enter unarchives it"))
    return Option(prompt, id=card.organization.id)


class OffBoardScreen(DialogScreen[str | None]):
    """Off-board (then archived) organizations of the campaign; dismisses with the id of one to bring back."""

    CSS_PATH = "off_board_list.tcss"
    BINDINGS = [
        Binding("enter", "restore", N_("Bring back to the board"), id="off_board.restore", priority=True),
        Binding("escape", "close", N_("Close"), id="off_board.close"),
    ]

    def __init__(self, cards: list[Card], archived: list[Card] | None = None) -> None:
        super().__init__()
        self.cards = list(cards)
        self.archived = list(archived or [])

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-tall"):
            yield Static(Text(self.title_text()), id="off-board-title", classes="dialog-title")
            yield Static(Text(_("No organization is off this campaign's board.")), id="off-board-empty")
            yield OptionList(
                *(off_board_option(card) for card in self.cards),
                *(archived_option(card) for card in self.archived),
                markup=False,
                id="off-board-list",
            )
        yield Footer()

    def title_text(self) -> str:
        title = _("Off the board ({n})").format(n=format_number(len(self.cards)))
        if self.archived:
            title += "  " + _("archived: {n}").format(n=format_number(len(self.archived)))
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
