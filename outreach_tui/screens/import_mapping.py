"""Step 3 of the import: which field each column fills, with example values from the file.

The columns start as the person mapped them last time for these headers, else as their headers
suggest; two columns on one field are refused with the store's message.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Select, Static

from store.i18n import _
from store.spreadsheets import Table
from store.spreadsheets.fields import FIELDS
from store.spreadsheets.mapping import MappingProblem, guess_mapping, header_signature, mapping_from

from ..column_mappings import saved_mapping
from .import_wizard import WizardStep, cut

EXAMPLE_ROWS = 20
NOT_IMPORTED = "-"


def examples(table: Table, column: int, limit: int = EXAMPLE_ROWS) -> list[str]:
    """The first values of ``column`` in rows where it is not empty (a first row is often empty or odd)."""
    found: list[str] = []
    for row in table.rows:
        value = row.cells[column]
        if value and value not in found:
            found.append(value)
            if len(found) == limit:
                break
    return found


def starting_fields(table: Table) -> tuple[list[str | None], bool]:
    """The mapping to start from, and whether it is the one saved for these headers."""
    saved = saved_mapping(header_signature(table.headers), len(table.headers))
    if saved is not None:
        return list(saved.fields), True
    return list(guess_mapping(table.headers).fields), False


class ImportMappingStep(WizardStep):
    """One line per column: its header, a few of its values, and the field it fills (or not imported)."""

    STEP = 2

    def compose_body(self) -> ComposeResult:
        table = self.draft.table
        assert table is not None
        saved = False
        if len(self.draft.fields) != len(table.headers):
            self.draft.fields, saved = starting_fields(table)
        hint = _("As you mapped these headers last time.") if saved else _("Matched by the headers; change any.")
        yield Static(Text(hint + " " + _("Tab moves between columns; enter opens a list of fields.")))
        choices = [(_("not imported"), NOT_IMPORTED), *((_(field.label), field.key) for field in FIELDS)]
        with VerticalScroll(id="import-columns"):
            for index, header in enumerate(table.headers):
                with Horizontal(classes="import-column"):
                    yield Static(cut(header or _("(no header)"), 18), classes="import-header")
                    sample = " · ".join(cut(value, 14).plain for value in examples(table, index, 4))
                    yield Static(cut(sample, 60), classes="import-examples")
                    yield Select(
                        choices,
                        value=self.draft.fields[index] or NOT_IMPORTED,
                        allow_blank=False,
                        compact=True,
                        id=f"import-field-{index}",
                    )

    @on(Select.Changed)
    def _field_changed(self, event: Select.Changed) -> None:
        index = int((event.select.id or "").rsplit("-", 1)[-1])
        self.draft.fields[index] = None if event.value == NOT_IMPORTED else str(event.value)
        self.say("")

    def on_mount(self) -> None:
        first = self.query(Select).first()
        first.focus()

    def action_next(self) -> None:
        from .import_options import ImportOptionsStep

        table = self.draft.table
        assert table is not None
        try:
            self.draft.mapping = mapping_from(table.headers, dict(zip(table.headers, self.draft.fields, strict=True)))
        except MappingProblem as problem:
            self.say(_("Choose another field for one of them: {problem}").format(problem=problem))
            return
        self.forward(ImportOptionsStep(self.draft))
