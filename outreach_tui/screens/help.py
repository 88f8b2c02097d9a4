"""The keys of the app, generated from the same bindings the footer and palette use."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from store.i18n import N_, _

from ..bindings import HelpRow
from ..dialog import DialogScreen

DIALOG_WIDTH = 78
"""As in dialog.tcss."""
CHROME_WIDTH = 10
"""Dialog border and padding, the table's scrollbar, and the padding of two table cells."""
MIN_DESCRIPTION_WIDTH = 20


def row_cells(row: HelpRow) -> tuple[Text, Text]:
    """A row's key and description; one the person's role may not use is dim, saying who may."""
    if not row.only_for:
        return Text(row.keys, style="bold"), Text(row.description)
    description = Text(row.description, style="dim")
    description.append(f" ({row.only_for})", style="dim italic")
    return Text(row.keys, style="dim"), description


class HelpScreen(DialogScreen[None]):
    """A table of key → what it does, from the ``(key, description)`` pairs the app builds from its bindings."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="help.close", key_display="esc"),
    ]

    def __init__(self, rows: Callable[[], list[HelpRow]]) -> None:
        super().__init__()
        self.rows = rows
        """Built each time the table is, so the help follows a change of language."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-tall"):
            yield Static(Text(_("Keys")), id="help-title", classes="dialog-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="help-table")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        rows = self.rows()
        key_width = max([cell_len(_("Key")), *(cell_len(row.keys) for row in rows)])
        # A long description (the badge legend, longer still in Spanish) wraps onto more
        # lines instead of running off the dialog's right edge.
        width = max(MIN_DESCRIPTION_WIDTH, min(DIALOG_WIDTH, self.app.size.width) - CHROME_WIDTH - key_width)
        table.add_column(Text(_("Key")), key="key")
        table.add_column(Text(_("What it does")), key="description", width=width)
        for row in rows:
            table.add_row(*row_cells(row), height=None)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
