"""The board's stage columns: as many side by side as fit, the others a key away.

A campaign may have up to 12 stages; at 80 cells seven columns would leave a card 8
cells for its name. Columns share the width down to ``MIN_COLUMN_WIDTH``; past that the
board shows a window of whole columns that follows the focus, and a row above it names
the hidden stages with their card counts ("‹ Identificada 12 · Contactada 14").

Moving the window only shows and hides columns (CSS class): no column's cards are set
again, and a column keeps the names it worked out for its width, so moving the focus
across a 20,000-card board costs one layout of a few widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from store import shown_label
from store.i18n import format_number
from store.text import display_safe

from .card_names import cut_end
from .stage_column import StageColumn

MIN_COLUMN_WIDTH = 22
"""Cells of a column at its narrowest: a card's name keeps 19 (border, scrollbar and mark take 3).

At 80 cells that is three columns, as wide as the three-stage board always was."""

SEPARATOR = " · "


def fitting(count: int, width: int) -> int:
    """How many of ``count`` columns are shown side by side in ``width`` cells (at least one)."""
    return max(1, min(count, width // MIN_COLUMN_WIDTH))


def window_start(start: int, shown: int, focused: int, count: int) -> int:
    """The first shown column, moved as little as possible from ``start`` so column ``focused`` is shown."""
    if focused < start:
        start = focused
    elif focused >= start + shown:
        start = focused - shown + 1
    return max(0, min(start, count - shown))


def edge_text(stages: Sequence[tuple[str, int]], width: int, *, left: bool) -> Text:
    """The hidden stages on one side as "label count", in board order, within ``width`` cells.

    The stages nearest the shown columns are kept; the farthest ones that do not fit
    become "+N", so a person still sees how many more there are.
    """
    if not stages:
        return Text()
    nearest_first = list(reversed(stages)) if left else list(stages)
    arrow = "‹ " if left else " ›"
    kept: list[tuple[str, int]] = []
    for index, (label, count) in enumerate(nearest_first):
        left_over = len(nearest_first) - index - 1
        candidate = [*kept, (label, count)]
        if kept and _cells(candidate, left_over) + len(arrow) > width:
            break
        kept = candidate
    dropped = len(stages) - len(kept)
    parts: list[Text] = [_stage_part(label, count, width - len(arrow)) for label, count in kept]
    if dropped:
        parts.append(Text(f"+{dropped}"))
    if left:
        parts.reverse()
    text = Text(arrow if left else "", no_wrap=True, overflow="ellipsis", style="")
    text.append(Text(SEPARATOR).join(parts))
    if not left:
        text.append(arrow)
    return text


def _cells(stages: list[tuple[str, int]], more: int) -> int:
    parts = [f"{label} {format_number(count)}" for label, count in stages]
    if more:
        parts.append(f"+{more}")
    return sum(cell_len(part) for part in parts) + len(SEPARATOR) * (len(parts) - 1)


def _stage_part(label: str, count: int, width: int) -> Text:
    number = format_number(count)
    part = Text(cut_end(label, max(1, width - len(number) - 1)), style="bold")
    part.append(f" {number}")
    return part


class StageBoard(Vertical):
    """The stage columns of a board, and the row naming those that do not fit."""

    def __init__(self, columns: list[StageColumn], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns = columns
        self.start = 0
        """The first column shown."""
        self.shown = len(columns)
        """How many columns are shown side by side."""

    def compose(self) -> ComposeResult:
        # The columns' classes before they mount: set after, each would restyle a whole column.
        self._set_classes(self.app.size.width)
        with Horizontal(id="edges"):
            yield Static(id="edge-left")
            yield Static(id="edge-right")
        with Horizontal(id="columns"):
            yield from self._columns

    @property
    def columns(self) -> list[StageColumn]:
        return self._columns

    def on_mount(self) -> None:
        # Before the first layout, so the columns that will be hidden are never laid out narrow.
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def is_shown(self, index: int) -> bool:
        return self.start <= index < self.start + self.shown

    def reveal(self, index: int) -> None:
        """Show column ``index``, moving the window as little as possible."""
        self._place(window_start(self.start, self.shown, index, len(self._columns)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Whatever focused a card list (a key, a form that selects its card), its column shows.
        # A class, not :focus-within, marks it: Textual restyles the focused widget's
        # ancestors on a focus change, not their other children such as the header.
        index = next((index for index, column in enumerate(self._columns) if event.widget is column.cards), None)
        self.show_focus(index)

    def show_focus(self, index: int | None) -> None:
        """Mark column ``index`` as the focused one (None: none is) and show it.

        The board calls it as it gives a column the focus: the focus event reaches this board
        only after Textual has painted the change that moved the focus (a card's move), and
        marking the column then would paint its header again in a frame of its own.
        """
        for number, column in enumerate(self._columns):
            column.show_focused(number == index)
        if index is not None:
            self.reveal(index)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        for column in self._columns:
            if event.widget is column.cards:
                column.show_focused(False)

    def _fit(self, width: int) -> None:
        self._set_classes(width)
        self.refresh_edges()

    def _set_classes(self, width: int) -> None:
        self.shown = fitting(len(self._columns), width)
        self.set_class(self.shown < len(self._columns), "-scrolling")
        self._mark_shown(self.start)

    def _place(self, start: int) -> None:
        self._mark_shown(start)
        self.refresh_edges()

    def _mark_shown(self, start: int) -> None:
        self.start = max(0, min(start, len(self._columns) - self.shown))
        for index, column in enumerate(self._columns):
            column.set_class(not self.is_shown(index), "-hidden")
            # Not :last-of-type, which Textual does not look at again when a sibling is hidden.
            column.set_class(index == self.start + self.shown - 1, "-last-shown")

    def refresh_edges(self) -> None:
        """Name the hidden stages and their card counts (as filtered) at each side."""
        if not self.has_class("-scrolling"):
            return
        half = max(4, (self.size.width or self.app.size.width) // 2 - 1)
        hidden_left = [self._summary(column) for column in self._columns[: self.start]]
        hidden_right = [self._summary(column) for column in self._columns[self.start + self.shown :]]
        self.query_one("#edge-left", Static).update(edge_text(hidden_left, half, left=True), layout=False)
        self.query_one("#edge-right", Static).update(edge_text(hidden_right, half, left=False), layout=False)

    @staticmethod
    def _summary(column: StageColumn) -> tuple[str, int]:
        return display_safe(shown_label(column.stage)), len(column.cards.cards)
