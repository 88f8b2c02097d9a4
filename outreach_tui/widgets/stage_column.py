"""A stage of the board: its header (label, card count, workers reached) above its cards."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from store import Card, Stage, shown_label
from store.i18n import _, format_number
from store.text import display_safe

from .card_column import CardColumn


class StageColumn(Vertical):
    """Header plus the virtual list of one stage's cards."""

    def __init__(self, stage: Stage, empty_hint: str, *, index: int) -> None:
        super().__init__(id=f"stage-{index}", classes="stage-column")
        self.stage = stage
        self.index = index
        self.empty_hint = empty_hint
        self.total = 0
        # Kept rather than queried: a move shows its two columns and asks for their cards several times.
        self._header = Static(classes="stage-header")
        self._empty = Static(Text(empty_hint), classes="stage-empty")
        self._cards = CardColumn(stage.key, id=f"cards-{index}")

    def compose(self) -> ComposeResult:
        yield self._header
        yield self._empty
        yield self._cards

    def language_changed(self, empty_hint: str) -> None:
        """Take the hint of the new language; the next ``show`` paints the header, the cards repaint now."""
        self.empty_hint = empty_hint
        self._empty.update(Text(empty_hint))
        self.cards.language_changed()

    @property
    def cards(self) -> CardColumn:
        return self._cards

    def show_focused(self, focused: bool) -> None:
        """Mark the column as the one whose cards have the focus, or not: its header shows it."""
        # Only the header is styled again: the whole column's styles, its cards' included, cost
        # several times more, and a move marks two columns.
        self.set_class(focused, "-focused", update=False)
        self._header.set_class(focused, "-focused")

    def show(
        self, cards: list[Card], *, total: int | None = None, keep: str | None = None, workers: int | None = None
    ) -> None:
        """Show ``cards`` (a filtered view when ``total`` is larger than their number), who reach ``workers``."""
        self.cards.set_cards(cards, keep=keep)
        self.total = len(cards) if total is None else total
        if workers is None:
            workers = sum(card.organization.workers for card in cards)
        count = format_number(len(cards))
        if self.total != len(cards):
            count = _("{shown} of {total}").format(shown=count, total=format_number(self.total))
        header = Text(display_safe(shown_label(self.stage)), style="bold", no_wrap=True, overflow="ellipsis")
        header.append(f" ({count})", style="")
        header.append("\n")
        header.append(_("{n} workers").format(n=format_number(workers)), style="")
        # The header is always two lines: repainting it needs no new layout of the screen.
        self._header.update(header, layout=False)
        if not cards:
            hint = self.empty_hint if self.total == 0 else _("No card here matches the filter.")
            self._empty.update(Text(hint))
        self.set_class(not cards, "-empty")
