"""Step 2 of the import: the file's first rows in a table, and how it is read (encoding, separator, header row,
sheet); changing one reads the file again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from store.i18n import N_, _
from store.spreadsheets import SpreadsheetError

from ..cli.commands.spreadsheet_report import read_line
from .import_wizard import WizardStep, cut, sentence

PREVIEW_ROWS = 10
CELL = 16
"""Longest cell shown whole in the preview: most columns of a partner list fit beside each other."""
ENCODINGS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1"), ("utf-16", "UTF-16"))
DELIMITERS = ((",", N_("comma ,")), (";", N_("semicolon ;")), ("\t", N_("tab")), ("|", N_("bar |")))
AUTO = "auto"


class ImportFormatStep(WizardStep):
    """Shows the first rows as read; each format choice reads the file again and shows them anew."""

    STEP = 1
    AUTO_FOCUS = "#import-preview"

    def compose_body(self) -> ComposeResult:
        draft = self.draft
        yield Static(id="import-read")
        with Horizontal(id="import-format"):
            if draft.table is not None and draft.table.kind == "xlsx":
                sheets = [(cut(name), name) for name in draft.table.sheets]
                yield Select(sheets, value=draft.table.sheet, allow_blank=False, compact=True, id="import-sheet")
            else:
                encodings = [(_("Encoding: detected"), AUTO), *ENCODINGS]
                yield Select(encodings, value=draft.encoding or AUTO, allow_blank=False, compact=True, id="import-enc")
                delimiters = [(_("Separator: detected"), AUTO), *((_(label), value) for value, label in DELIMITERS)]
                yield Select(
                    delimiters, value=draft.delimiter or AUTO, allow_blank=False, compact=True, id="import-delimiter"
                )
            yield Static(_("Header row:"), classes="import-label")
            yield Input(str(draft.header_row), type="integer", compact=True, id="import-header")
        yield DataTable(id="import-preview", zebra_stripes=True, cursor_type="row")

    def on_mount(self) -> None:
        self.show_table()

    def show_table(self) -> None:
        table = self.draft.table
        assert table is not None
        self.query_one("#import-read", Static).update(cut(read_line(table), 200))
        preview = self.query_one("#import-preview", DataTable)
        preview.clear(columns=True)
        preview.add_column(_("Row"), key="row")
        rows = table.rows[:PREVIEW_ROWS]
        for index, header in enumerate(table.headers):
            longest = max(len(cut(text, CELL).plain) for text in (header, *(row.cells[index] for row in rows)))
            preview.add_column(cut(header, CELL), key=str(index), width=max(longest, 1))
        for row in rows:
            preview.add_row(str(row.number), *(cut(cell, CELL) for cell in row.cells))

    @on(Select.Changed)
    def _format_changed(self, event: Select.Changed) -> None:
        value = None if event.value in (AUTO, Select.BLANK) else str(event.value)
        if event.select.id == "import-enc":
            self.draft.encoding = value
        elif event.select.id == "import-delimiter":
            self.draft.delimiter = value
        elif event.select.id == "import-sheet":
            self.draft.sheet = value
        self.read_again()

    @on(Input.Submitted, "#import-header")
    def _header_changed(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            row = int(event.value)
        except ValueError:
            row = 0
        if row < 1:
            self.say(_("The header row is a number from 1."))
            return
        self.draft.header_row = row
        self.read_again()

    def read_again(self) -> None:
        draft = self.draft
        assert draft.path is not None
        try:
            table = draft.read(draft.path)
        except SpreadsheetError as error:
            self.say(_("{problem} The file is shown as it was read before.").format(problem=sentence(str(error))))
            return
        self.say("")
        if draft.table is None or table.headers != draft.table.headers:
            draft.fields = []
        draft.table = table
        self.show_table()

    def action_next(self) -> None:
        from .import_mapping import ImportMappingStep

        header = self.query_one("#import-header", Input)
        if header.value.strip() != str(self.draft.header_row):
            self._header_changed(Input.Submitted(header, header.value))
            return
        self.forward(ImportMappingStep(self.draft))
