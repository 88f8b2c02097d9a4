"""Importing a spreadsheet from the board (key i), step by step: file, format, columns, where the cards go,
dry run and import.

Each step is a small dialog pushed over the one before: escape goes back a step (everything chosen
is kept in the ``ImportDraft`` they share), the next step's key goes forward, and the last step
closes the whole wizard with what was imported (``ImportDone``), each step passing it down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Input, Static

from store import Repository
from store.changes.spreadsheet_import import ImportOutcome
from store.i18n import N_, _
from store.spreadsheets import SpreadsheetError, Table, read_table
from store.spreadsheets.mapping import ColumnMapping
from store.spreadsheets.plan import ImportPlan, OnDuplicate

from ..confirm import ConfirmDialog
from ..dialog import DialogScreen
from ..display import file_problem, safe, safe_text

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
STEP_NAMES = (N_("File"), N_("Format"), N_("Columns"), N_("Where the cards go"), N_("Dry run"))
CUT = 24
"""Longest cell shown whole in a preview; longer ones end in an ellipsis."""


def cut(text: str, width: int = CUT) -> Text:
    """A cell of the person's file as ``Text`` (never markup), ended with an ellipsis when longer than ``width``."""
    shown = safe(text)
    return Text(shown if len(shown) <= width else shown[: width - 1] + "…", no_wrap=True, end="")


@dataclass
class ImportDone:
    """What the wizard closes with once the import is written."""

    table: Table
    mapping: ColumnMapping
    plan: ImportPlan
    outcome: ImportOutcome


@dataclass
class ImportDraft:
    """Everything chosen so far; each step reads and writes it, so going back keeps it."""

    repo: Repository
    campaign_id: str | None
    folder: Path
    path: Path | None = None
    table: Table | None = None
    encoding: str | None = None
    """None: decided from the file (and shown)."""
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1
    fields: list[str | None] = field(default_factory=list)
    """The field each column fills, as chosen in the columns step."""
    mapping: ColumnMapping | None = None
    stage: str | None = None
    on_duplicate: OnDuplicate = "skip"
    plan: ImportPlan | None = None

    def read(self, path: Path) -> Table:
        """Read ``path`` with the format chosen; raises ``SpreadsheetError`` naming the file."""
        try:
            return read_table(
                path, encoding=self.encoding, delimiter=self.delimiter, sheet=self.sheet, header_row=self.header_row
            )
        except OSError as error:
            raise SpreadsheetError(str(path), file_problem(error)) from None


class WizardStep(DialogScreen[ImportDone | None]):
    """One step of the import wizard: a title with the step's number, a notice line, the step's body."""

    CSS_PATH: ClassVar[str | list[str]] = "import_wizard.tcss"
    STEP: ClassVar[int] = 0
    BINDINGS = [
        Binding("ctrl+n", "next", N_("Next step"), id="import.next", priority=True),
        Binding("escape", "back", N_("Back"), id="import.back"),
    ]

    def __init__(self, draft: ImportDraft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-tall"):
            title = _("Import a spreadsheet, step {n} of {total}: {step}").format(
                n=self.STEP + 1, total=len(STEP_NAMES), step=_(STEP_NAMES[self.STEP])
            )
            yield Static(Text(title), classes="dialog-title")
            yield from self.compose_body()
            yield Static(id="import-notice")
        yield Footer()

    def compose_body(self) -> Iterable[object]:
        raise NotImplementedError

    def say(self, message: str, *, error: bool = True) -> None:
        notice = self.query_one("#import-notice", Static)
        notice.update(safe_text(message, multiline=True))
        notice.set_class(bool(message), "-shown")
        notice.set_class(error and bool(message), "-error")

    def forward(self, screen: Screen[ImportDone | None]) -> None:
        """Open the next step; when the wizard finishes there, this step closes with it."""
        self.app.push_screen(screen, self._finished)

    def _finished(self, done: ImportDone | None) -> None:
        if done is not None:
            self.dismiss(done)

    def action_next(self) -> None:
        raise NotImplementedError

    def action_back(self) -> None:
        self.dismiss(None)


class SpreadsheetTree(DirectoryTree):
    """Folders and the files an import reads (by their name's ending); hidden ones are left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if not path.name.startswith(".") and _shown(path)]


def _shown(path: Path) -> bool:
    try:
        return path.is_dir() or path.suffix.lower() in SUFFIXES
    except OSError:
        return False


class ImportFileStep(WizardStep):
    """Step 1: a file browser (the folder of the last import, else home) and a field to type a path."""

    STEP = 0
    AUTO_FOCUS = "#import-tree"

    def compose_body(self) -> Iterable[object]:
        yield Static(Text(_("Choose a CSV, TSV or Excel file: enter opens it. Or type its path below.")))
        yield SpreadsheetTree(self.draft.folder, id="import-tree")
        yield Input(str(self.draft.path or ""), placeholder=_("Path of the file"), compact=True, id="import-path")

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#import-path", Input).value = str(event.path)
        self.open_file(event.path)

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self) -> None:
        self.action_next()

    def action_next(self) -> None:
        typed = self.query_one("#import-path", Input).value.strip()
        if not typed:
            self.say(_("Choose a file first."))
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.draft.folder / path
        if path.is_dir():
            self.query_one(SpreadsheetTree).path = path
            return
        self.open_file(path)

    def open_file(self, path: Path) -> None:
        from .import_format import ImportFormatStep

        if path != self.draft.path:
            self.draft.encoding = self.draft.delimiter = self.draft.sheet = None
            self.draft.header_row = 1
        try:
            table = self.draft.read(path)
        except SpreadsheetError as error:
            self.say(_("{problem} Nothing was imported; choose another file.").format(problem=sentence(str(error))))
            return
        self.say("")
        if path != self.draft.path:
            self.draft.fields = []
        self.draft.path, self.draft.table = path, table
        self.forward(ImportFormatStep(self.draft))

    def action_back(self) -> None:
        if self.draft.table is None:
            self.dismiss(None)
            return
        question = ConfirmDialog(
            _("Leave the import?"),
            _("{file} is not imported; the choices made for it are dropped.").format(file=self.draft.table.path.name),
            _("Close the import without importing?"),
            _("Leave"),
        )
        self.app.push_screen(question, lambda leave: self.dismiss(None) if leave else None)


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."
