"""Exporting a board snapshot from the board: the person sees the file it will write and may change
its folder and name before anything is written.

The folder offered is the one the person last exported into, else their home folder (never
the folder the app was started from). ``write(path, replace)`` writes the file; it runs in a
worker thread, so a large board never freezes the dialog, and its refusals (no such folder,
not allowed, the file exists) are shown here with what was typed kept. An existing file is
replaced only after the person says yes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input, Select, Static

from store.errors import StoreError, ValidationFailed
from store.i18n import N_, _, ngettext

from ..confirm import ConfirmDialog
from ..display import file_problem, safe, safe_text
from ..exporting import SnapshotExistsError
from .base import FormScreen
from .parsing import Problems

WriteSnapshot = Callable[[Path, bool, str, bool], Path]
"""Writes the snapshot or partner list (the format: "json", "csv" or "xlsx") to a path, replacing an
existing file only when told, encrypted to the team's keys when told, and returns the path written."""

AGE_SUFFIX = ".age"


@dataclass(frozen=True)
class ExportEncryption:
    """What the board allows: how many team keys it stores, and whether exports of this profile must be encrypted."""

    team_keys: int = 0
    required: bool = False

    @property
    def blocked(self) -> bool:
        """Encryption is required but there is no key to encrypt to: nothing can be written."""
        return self.required and not self.team_keys


NO_TEAM_KEYS = N_(
    "This board requires exports to be encrypted, and it stores no team keys yet: a coordinator adds them "
    "with outreach-tui keys add NAME PUBKEY. Nothing can be written until then."
)

FORMATS = (
    ("json", N_("Board snapshot (JSON)")),
    ("csv", N_("Partner list (CSV)")),
    ("xlsx", N_("Partner list (Excel)")),
)
CONTENTS = {
    "json": N_("A JSON file of this campaign's organizations, cards, visits and trainings."),
    "csv": N_(
        "A spreadsheet of this campaign's organizations, one row each: stage, follow-up, owner, capacities, "
        "workers reached and contacts."
    ),
}


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


class ExportForm(FormScreen[Path]):
    """Choose where ``campaign_name``'s snapshot goes and write it there; closes with the path written."""

    CSS_PATH = ["form.tcss", "export.tcss"]
    SUBMIT_ON_ENTER = True
    BINDINGS = [
        Binding("enter", "enter_in_field", N_("Export"), id="export.write", priority=True),
        Binding("ctrl+s", "save", N_("Export"), id="export.save", show=False),
        Binding("tab", "complete", N_("Complete the folder name"), id="export.complete", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
    ]

    def __init__(
        self,
        campaign_name: str,
        folder: Path,
        names: dict[str, str],
        write: WriteSnapshot,
        *,
        home: Path,
        encryption: ExportEncryption | None = None,
    ) -> None:
        super().__init__()
        self.campaign_name = campaign_name
        self.folder = folder
        self.names = names
        """The default file name of each format."""
        self.file_format = "json"
        self.file_name = names["json"]
        self.write_snapshot = write
        self.home = home
        self.writing = False
        self.encryption = encryption or ExportEncryption()
        self.encrypted = self.encryption.team_keys > 0
        if self.encrypted:
            self.file_name += AGE_SUFFIX

    def heading(self) -> Text:
        return Text(_("Export the board: ")).append_text(safe_text(self.campaign_name))

    def compose_fields(self) -> ComposeResult:
        folder = Input(shown_folder(self.folder), suggester=FolderSuggester(self.home), compact=True, id="folder")
        yield self.field("folder", _("Folder"), folder, hint=_("tab completes a folder name; kept for next time"))
        yield self.field("name", _("File name"), Input(self.file_name, compact=True, id="name"))
        formats = Select([(_(label), key) for key, label in FORMATS], value="json", allow_blank=False, compact=True)
        yield self.field("format", _("Format"), formats)
        if self.encryption.team_keys:
            yield self.field("encryption", _("Encryption"), self.encryption_choice())
        yield Static(id="export-target")
        yield Static(Text(_(CONTENTS["json"])), id="export-contents")
        if self.encryption.blocked:
            yield Static(Text(_(NO_TEAM_KEYS)), id="export-blocked", classes="-error")

    def encryption_choice(self) -> Select[str]:
        n = self.encryption.team_keys
        choices = [(ngettext("To the team's key", "To the team's {n} keys", n).format(n=n), "team")]
        if not self.encryption.required:
            choices.append((_("None: a plain file anyone can read"), "none"))
        return Select(choices, value="team", allow_blank=False, compact=True, id="encryption")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_target()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_target()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new format changes the file's name (the default one, or only its ending when the person typed one)."""
        if event.select.id == "encryption":
            self.encryption_changed(event.value == "team")
            return
        chosen = str(event.value)
        if chosen == self.file_format:
            return
        name = self.query_one("#name", Input)
        typed = name.value.strip().removesuffix(AGE_SUFFIX)
        if typed == self.names[self.file_format] or not typed:
            name.value = self.names[chosen]
        else:
            name.value = str(Path(typed).with_suffix("." + chosen))
        if self.encrypted:
            name.value += AGE_SUFFIX
        self.file_format = chosen
        self.query_one("#export-contents", Static).update(Text(_(CONTENTS.get(chosen, CONTENTS["csv"]))))
        self.show_target()

    def encryption_changed(self, encrypted: bool) -> None:
        """Encrypting names the file ``….age``, as age files are named; a plain file loses that ending."""
        if encrypted == self.encrypted:
            return
        self.encrypted = encrypted
        name = self.query_one("#name", Input)
        typed = name.value.strip()
        name.value = typed + AGE_SUFFIX if encrypted else typed.removesuffix(AGE_SUFFIX)
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
        if self.encryption.blocked:
            self._notify(_(NO_TEAM_KEYS), "-error")
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
            outcome = self.write_snapshot(path, replace, self.file_format, self.encrypted)
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
                _("Replace it with this export?"),
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
