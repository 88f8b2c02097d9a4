"""A dialog that writes a file where the person says: the folder (with tab completion) and the file name,
the whole path it will write, and the writing itself in a worker thread.

The folder offered is the one the person last wrote into, else their home folder (never the folder
the app was started from). ``write_file(path, replace)`` writes the file; it runs in a worker
thread, so a large board never freezes the dialog, and its refusals (no such folder, not allowed,
the file exists) are shown here with what was typed kept. An existing file is replaced only after
the person says yes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input, Static

from store.errors import StoreError, ValidationFailed
from store.i18n import N_, _

from ..confirm import ConfirmDialog
from ..display import file_problem, safe
from ..exporting import SnapshotExistsError
from .base import FormScreen
from .parsing import Problems


def typed_folder(text: str, home: Path) -> Path:
    """The folder ``text`` names: ``~`` is the home folder, and so is an empty or relative start."""
    text = text.strip()
    if text == "~" or text.startswith("~/"):
        return home / text[2:]
    folder = Path(text).expanduser()  # ~user
    return folder if folder.is_absolute() else home / folder


def complete_folder(text: str, home: Path) -> str | None:
    """``text`` with its last part completed to the first folder whose name starts with it, or None.

    Hidden folders are offered only when the part typed starts with a dot, as a shell does.
    """
    head, sep, part = text.rpartition("/")
    if not part:
        return None
    base = typed_folder(head + sep, home) if sep else home
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(base)
            if entry.name.startswith(part) and (part.startswith(".") or not entry.name.startswith("."))
            if entry.is_dir()
        )
    except OSError:
        return None
    return f"{head}{sep}{names[0]}/" if names else None


class FolderSuggester(Suggester):
    """Shows, greyed after what is typed, the folder tab would complete to."""

    def __init__(self, home: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.home = home

    async def get_suggestion(self, value: str) -> str | None:
        return complete_folder(value, self.home)


def shown_folder(folder: Path) -> str:
    """A folder as the field shows it: ending with a slash, so tab does not complete it again."""
    text = str(folder)
    return text if text.endswith("/") else text + "/"


class FileDialog(FormScreen[Path]):
    """Choose where a file goes and write it there; closes with the path written.

    Subclasses give the heading, any choices between the file name and the path (``compose_choices``),
    what follows the path (``compose_after``) and ``write_file``.
    """

    CSS_PATH = ["form.tcss", "export.tcss"]
    SUBMIT_ON_ENTER = True
    BINDINGS = [
        Binding("enter", "enter_in_field", N_("Write"), id="file.write", priority=True),
        Binding("ctrl+s", "save", N_("Write"), id="file.save", show=False),
        Binding("tab", "complete", N_("Complete the folder name"), id="file.complete", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="file.cancel"),
    ]
    REPLACE_QUESTION: ClassVar[str] = N_("Replace it with this export?")

    def __init__(self, folder: Path, file_name: str, *, home: Path) -> None:
        super().__init__()
        self.folder = folder
        self.file_name = file_name
        self.home = home
        self.writing = False

    def compose_fields(self) -> ComposeResult:
        folder = Input(shown_folder(self.folder), suggester=FolderSuggester(self.home), compact=True, id="folder")
        yield self.field("folder", _("Folder"), folder, hint=_("tab completes a folder name; kept for next time"))
        yield self.field("name", _("File name"), Input(self.file_name, compact=True, id="name"))
        yield from self.compose_choices()
        yield Static(id="export-target")
        yield from self.compose_after()

    def compose_choices(self) -> ComposeResult:
        yield from ()

    def compose_after(self) -> ComposeResult:
        yield from ()

    def write_file(self, path: Path, replace: bool) -> Path:
        """In a worker thread: write the file, replacing an existing one only when told; the path written."""
        raise NotImplementedError

    def refusal(self) -> str | None:
        """Why nothing can be written as the dialog stands (said when the person asks to write), or None."""
        return None

    def on_mount(self) -> None:
        super().on_mount()
        self.show_target()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_target()

    def target(self) -> Path:
        values = self.values()
        return typed_folder(values["folder"], self.home) / values["name"].strip()

    def show_target(self) -> None:
        # The whole path, wrapped where it must: a cut path would hide where the file goes.
        line = Text(_("Writes to: "), style="bold").append(safe(str(self.target())))
        self.query_one("#export-target", Static).update(line)

    # -- keys ---------------------------------------------------------------------------------

    def action_complete(self) -> None:
        """In the folder field, complete the folder name typed; anywhere else (or with nothing to complete), next field."""
        folder = self.query_one("#folder", Input)
        completed = complete_folder(folder.value, self.home) if self.focused is folder else None
        if completed is None:
            self.focus_next()
            return
        folder.value = completed
        folder.cursor_position = len(completed)

    def action_cancel(self) -> None:
        # Nothing typed here is data: a changed path is not worth a question.
        if not self.writing:
            self.dismiss(None)

    # -- writing ------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.writing:
            return
        self._clear_problems()
        if (refused := self.refusal()) is not None:
            self._notify(refused, "-error")
            return
        problems = Problems()
        problems.required("name", self.values()["name"])
        try:
            problems.check()
        except ValidationFailed as error:
            self._show_problems(error)
            return
        self.start_writing(self.target(), replace=False)

    def start_writing(self, path: Path, *, replace: bool) -> None:
        self.writing = True
        self._notify(_("Writing {path}…").format(path=path), "")
        self.run_worker(lambda: self.write_in_thread(path, replace), thread=True, exclusive=True, group="export")

    def write_in_thread(self, path: Path, replace: bool) -> None:
        """In a worker thread: reports only through ``call_from_thread``."""
        outcome: Path | Exception
        try:
            outcome = self.write_file(path, replace)
        except (StoreError, OSError) as error:
            outcome = error
        self.app.call_from_thread(self.written, path, outcome)

    def written(self, path: Path, outcome: Path | Exception) -> None:
        self.writing = False
        if isinstance(outcome, Path):
            self.dismiss(outcome)
        elif isinstance(outcome, SnapshotExistsError):
            self._notify("", "")
            question = ConfirmDialog(
                _("The file exists"),
                _("{path} already exists.").format(path=path),
                _(self.REPLACE_QUESTION),
                _("Replace"),
            )
            self.app.push_screen(question, lambda replace: self.replace_answered(path, replace))
        elif isinstance(outcome, OSError):
            self._notify(file_problem(outcome), "-error")
        else:
            self._notify(str(outcome), "-error")

    def replace_answered(self, path: Path, replace: bool | None) -> None:
        if replace:
            self.start_writing(path, replace=True)
        else:
            self._notify(_("Nothing was written: {path} is kept. Choose another name.").format(path=path), "-error")
            # After the question closes, Textual gives the focus back to the field it was in: then move it.
            self.call_after_refresh(self.control("name").focus)
