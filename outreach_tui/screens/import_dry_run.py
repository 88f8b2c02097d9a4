"""Step 5 of the import: what it would do (the counts, every problem, every duplicate beside the board's
record), and the import itself, in a worker thread so a 5,000-row file never freezes the screen.

Nothing is written while a row has a problem unless the person says so: the key then reads
"Import 47, skip 3". The store writes the accepted rows at once, as one batch one undo reverts.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from store import StoreError
from store.changes.spreadsheet_import import ImportOutcome
from store.i18n import N_, _, format_number
from store.spreadsheets.plan import ImportPlan, RowPlan

from ..cli.commands.spreadsheet_report import board_record, changed_labels, counts_line, row_record
from ..display import file_problem
from .import_options import request_of, rows_text
from .import_wizard import ImportDone, WizardStep, cut


def action_text(row: RowPlan) -> str:
    """What the import does with a duplicate row, in the words of this wizard."""
    if row.same_as_row is not None:
        return _("repeats row {row} of the file; not imported").format(row=row.same_as_row)
    return {
        "skip": _("skipped (choose fill or update in the step before to change it)"),
        "unchanged": _("nothing to change"),
        "update": _("updated: {fields}").format(fields=", ".join(changed_labels(row)) or _("its card")),
    }.get(row.action, row.action)


def import_label(plan: ImportPlan) -> str:
    good, bad = len(plan.writes()), plan.counts["error"]
    if bad:
        return _("Import {n}, skip {bad}").format(n=format_number(good), bad=format_number(bad))
    return _("Import {n}").format(n=format_number(good))


class ImportDryRunStep(WizardStep):
    """The plan in full; ctrl+s imports what it says (skipping the rows with problems, when there are)."""

    STEP = 4
    AUTO_FOCUS = "#import-problems"
    BINDINGS = [
        Binding("ctrl+s", "commit", N_("Import"), id="import.commit", priority=True),
        Binding("escape", "back", N_("Back"), id="import.back"),
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.importing = False

    @property
    def plan(self) -> ImportPlan:
        assert self.draft.plan is not None
        return self.draft.plan

    def compose_body(self) -> ComposeResult:
        plan = self.plan
        yield Static(Text(counts_line(plan)), id="import-counts")
        yield Static(Text(self.commit_hint()), id="import-commit")
        with VerticalScroll(id="import-plan"):
            if plan.problems:
                yield Static(Text(_("Problems (row, column, value, reason):")), classes="import-section")
                yield DataTable(id="import-problems", cursor_type="row", classes="import-list")
            duplicates = self.duplicate_rows()
            if duplicates:
                yield Static(Text(_("Duplicates: the file's row beside the board's record")), classes="import-section")
                yield DataTable(id="import-duplicates", cursor_type="row", classes="import-list")

    def duplicate_rows(self) -> list[RowPlan]:
        return [row for row in self.plan.rows if row.match is not None or row.same_as_row is not None]

    def on_mount(self) -> None:
        for problems in self.query("#import-problems").results(DataTable):
            problems.add_columns(_("Row"), _("Column"), _("Value"), _("Reason"))
            for issue in self.plan.problems:
                problems.add_row(str(issue.row), cut(issue.column, 16), cut(issue.value, 16), cut(issue.reason, 60))
        for duplicates in self.query("#import-duplicates").results(DataTable):
            duplicates.add_columns(_("Row"), _("In the file"), _("On the board"), _("What happens"))
            for row in self.duplicate_rows():
                board = board_record(self.draft.repo, self.plan, row.match) if row.match is not None else ""
                duplicates.add_row(str(row.row.number), cut(row_record(row), 22), cut(board, 22), cut(action_text(row)))
        if not self.query(DataTable):
            self.focus()

    def importable(self) -> bool:
        return bool(self.plan.writes())

    def commit_hint(self) -> str:
        plan = self.plan
        if self.importable():
            hint = _("ctrl+s: {label}. One undo (u) takes the whole import back.").format(label=import_label(plan))
            if plan.counts["error"]:
                hint += " " + _("The rows with problems are left out; fix them in the file and import it again.")
            return hint
        if plan.counts["error"]:
            return _(
                "Nothing can be imported: every row that would change the board has a problem. Fix the file first."
            )
        return _("Nothing to import: the board already has every row of this file.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "commit":
            return (self.importable() and not self.importing) or None
        if action == "next":
            return False
        return super().check_action(action, parameters)

    def action_next(self) -> None:
        self.action_commit()

    def action_commit(self) -> None:
        if self.importing or not self.importable():
            return
        self.app.when_board_free(self.start_import)  # type: ignore[attr-defined]

    def start_import(self) -> None:
        self.importing = True
        self.refresh_bindings()
        self.say(_("Importing {rows}…").format(rows=rows_text(len(self.plan.writes()))), error=False)
        self.query_one("#import-plan").loading = True
        self.run_worker(self.import_in_thread, thread=True, exclusive=True, group="import-commit")

    def import_in_thread(self) -> None:
        """In a worker thread: the store writes everything or nothing; reports only through ``call_from_thread``."""
        draft = self.draft
        assert draft.table is not None
        outcome: tuple[ImportPlan, ImportOutcome] | str
        try:
            outcome = draft.repo.import_spreadsheet(
                draft.table, request_of(draft), skip_bad_rows=bool(self.plan.counts["error"]), prepared=self.plan
            )
        except StoreError as error:
            outcome = str(error)
        except OSError as error:
            outcome = file_problem(error)
        self.app.call_from_thread(self.imported, outcome)

    def imported(self, outcome: tuple[ImportPlan, ImportOutcome] | str) -> None:
        self.importing = False
        self.refresh_bindings()
        self.query_one("#import-plan").loading = False
        if isinstance(outcome, str):
            self.say(_("Nothing was imported: {problem}").format(problem=outcome))
            return
        draft = self.draft
        assert draft.table is not None and draft.mapping is not None
        self.dismiss(ImportDone(draft.table, draft.mapping, *outcome))
