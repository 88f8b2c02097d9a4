"""Printing visit sheets from the board (p): where the page of sheets goes, then writing it there.

The sheets of the selected card, or of the marked cards, go into one HTML file to open in a
browser and print, one page per organization. They hold no staff contacts, so every role may
print them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from store.i18n import N_, _, format_number, ngettext

from ..display import safe_text
from .file_dialog import FileDialog

WriteSheets = Callable[[Path, bool], Path]
"""Writes the sheets to a path, replacing an existing file only when told, and returns the path written."""

SHOWN_NAMES = 3
"""How many of the organizations the dialog names before saying how many more."""


class SheetForm(FileDialog):
    """Choose where the visit sheets of ``names`` (organizations) go and write them there."""

    REPLACE_QUESTION = N_("Replace it with these visit sheets?")

    def __init__(self, names: list[str], folder: Path, file_name: str, write: WriteSheets, *, home: Path) -> None:
        super().__init__(folder, file_name, home=home)
        self.names = names
        self.write_sheets = write

    def heading(self) -> Text:
        if len(self.names) == 1:
            return Text(_("Visit sheet: ")).append_text(safe_text(self.names[0]))
        count = format_number(len(self.names))
        return Text(_("Visit sheets of {n} organizations").format(n=count))

    def compose_after(self) -> ComposeResult:
        lines = [
            _(
                "One page per organization, to print and fill in on a visit, then type back with visit add "
                "--sheet. No staff phone numbers or emails are printed."
            )
        ]
        if len(self.names) > 1:
            shown = ", ".join(self.names[:SHOWN_NAMES])
            more = len(self.names) - SHOWN_NAMES
            if more > 0:
                shown += " " + ngettext("and {n} more", "and {n} more", more).format(n=format_number(more))
            lines.append(shown)
        yield Static(safe_text("\n".join(lines), multiline=True), id="export-contents")

    def write_file(self, path: Path, replace: bool) -> Path:
        return self.write_sheets(path, replace)
