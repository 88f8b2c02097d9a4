"""Exporting from the board: the person chooses what goes out (one of the export profiles their role
may write, in one of its formats), sees the file it will write and may change its folder and name
before anything is written (``FileDialog``). ``write(path, replace, profile, format)`` writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, Static

from store.exports import Profile
from store.i18n import N_, _, ngettext

from ..display import safe_text
from ..profile_export import PROFILE_FORMATS
from .file_dialog import FileDialog, complete_folder, typed_folder

__all__ = ["ExportForm", "complete_folder", "typed_folder"]

WriteExport = Callable[[Path, bool, Profile, str, bool], Path]
"""Writes the export of a profile in a format ("json", "csv" or "xlsx") to a path, replacing an existing
file only when told, encrypted to the team's keys when told, and returns the path written."""

AGE_SUFFIX = ".age"


@dataclass(frozen=True)
class ExportEncryption:
    """What the board allows: how many team keys it stores, and which profiles' exports must be encrypted."""

    team_keys: int = 0
    required_for: frozenset[str] = frozenset()

    def required(self, profile: str) -> bool:
        return profile in self.required_for

    def blocked(self, profile: str) -> bool:
        """Encryption is required but there is no key to encrypt to: nothing can be written."""
        return self.required(profile) and not self.team_keys


NO_TEAM_KEYS = N_(
    "This board requires exports to be encrypted, and it stores no team keys yet: a coordinator adds them "
    "with outreach-tui keys add NAME PUBKEY. Nothing can be written until then."
)

PROFILE_LABELS = {
    "full": N_("Full snapshot (with contacts)"),
    "partner": N_("Partner list (no contacts)"),
    "funder": N_("Funder figures (no names)"),
}
FORMAT_LABELS = {
    ("full", "json"): N_("Board snapshot (JSON)"),
    ("full", "csv"): N_("Partner list (CSV)"),
    ("full", "xlsx"): N_("Partner list (Excel)"),
    ("partner", "json"): N_("Partner profile (JSON)"),
    ("partner", "csv"): N_("Partner list (CSV)"),
    ("partner", "xlsx"): N_("Partner list (Excel)"),
    ("funder", "json"): N_("Funder figures (JSON)"),
    ("funder", "csv"): N_("Funder figures (CSV)"),
    ("funder", "xlsx"): N_("Funder figures (Excel)"),
}
CONTENTS = {
    ("full", "json"): N_(
        "Everything: organizations with their staff contacts and notes, cards, visits, trainings and history; "
        "it restores the board. For the network's own backups."
    ),
    ("full", "sheet"): N_(
        "One row per organization: stage, follow-up, owner, capacities, workers reached and staff contacts. "
        "For the network's own work."
    ),
    ("partner", "json"): N_(
        "Organizations, their stages and capacities, without staff contacts, notes or visit findings. "
        "For partner organizations."
    ),
    ("partner", "sheet"): N_(
        "One row per organization: stage, follow-up, owner, capacities and workers reached; no staff contacts "
        "or notes. For partner organizations."
    ),
    ("funder", "json"): N_(
        "Figures only: organizations per stage, workers reached, trainings; no organization named, counts "
        "below 3 hidden. For funders."
    ),
}
"""What a file of each profile holds and who it is for (the funder's is the same in every format)."""


def contents_of(profile: str, file_format: str) -> str:
    """The line under the choices: what the chosen export holds and who it is for, in the person's language."""
    kind = "json" if file_format == "json" else "sheet"
    return _(CONTENTS.get((profile, kind)) or CONTENTS[profile, "json"])


class ExportForm(FileDialog):
    """Choose what of ``campaign_name`` goes out (a profile the role may export, a format) and where; write it
    there. Closes with the path written."""

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
        names: dict[tuple[Profile, str], str],
        write: WriteExport,
        *,
        profiles: tuple[Profile, ...],
        home: Path,
        encryption: ExportEncryption | None = None,
    ) -> None:
        self.encryption = encryption or ExportEncryption()
        self.encrypted = self.encryption.team_keys > 0
        super().__init__(folder, names[profiles[0], "json"] + (AGE_SUFFIX if self.encrypted else ""), home=home)
        self.campaign_name = campaign_name
        self.names = names
        """The default file name of each profile and format."""
        self.profiles = profiles
        """The profiles the person's role may export, the one offered first."""
        self.profile: Profile = profiles[0]
        self.file_format = "json"
        self.write_export = write

    def heading(self) -> Text:
        return Text(_("Export the board: ")).append_text(safe_text(self.campaign_name))

    def compose_choices(self) -> ComposeResult:
        profiles = [(_(PROFILE_LABELS[profile]), profile) for profile in self.profiles]
        chooser = Select(profiles, value=self.profile, allow_blank=False, compact=True, id="profile")
        yield self.field("profile", _("Contents"), chooser)
        formats = Select(self.format_choices(), value=self.file_format, allow_blank=False, compact=True, id="format")
        yield self.field("format", _("Format"), formats)
        if self.encryption.team_keys:
            chooser = Select(self.encryption_choices(), value="team", allow_blank=False, compact=True, id="encryption")
            yield self.field("encryption", _("Encryption"), chooser)

    def compose_after(self) -> ComposeResult:
        yield Static(Text(contents_of(self.profile, self.file_format)), id="export-contents")
        blocked = Static(Text(_(NO_TEAM_KEYS)), id="export-blocked", classes="-error")
        blocked.display = self.encryption.blocked(self.profile)
        yield blocked

    def encryption_choices(self) -> list[tuple[str, str]]:
        n = self.encryption.team_keys
        choices = [(ngettext("To the team's key", "To the team's {n} keys", n).format(n=n), "team")]
        if not self.encryption.required(self.profile):
            choices.append((_("None: a plain file anyone can read"), "none"))
        return choices

    def format_choices(self) -> list[tuple[str, str]]:
        return [(_(FORMAT_LABELS[self.profile, fmt]), fmt) for fmt in PROFILE_FORMATS[self.profile]]

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new profile or format changes what the dialog says the file holds, and the file's name."""
        if event.select.id == "encryption":
            self.encryption_changed(event.value == "team")
        elif event.select.id == "profile":
            self.choose(cast(Profile, event.value), self.file_format)
        else:
            self.choose(self.profile, str(event.value))

    def choose(self, profile: Profile, file_format: str) -> None:
        """Offer ``profile``'s formats (keeping ``file_format`` when it has it) and rename the file to match."""
        if file_format not in PROFILE_FORMATS[profile]:
            file_format = PROFILE_FORMATS[profile][0]
        if (profile, file_format) == (self.profile, self.file_format):
            return
        self.rename(profile, file_format)
        changed_profile = profile != self.profile
        self.profile, self.file_format = profile, file_format
        if changed_profile:
            with self.prevent(Select.Changed):
                self.query_one("#format", Select).set_options(self.format_choices())
                self.query_one("#format", Select).value = file_format
            self.show_encryption()
        self.query_one("#export-contents", Static).update(Text(contents_of(profile, file_format)))
        self.show_target()

    def show_encryption(self) -> None:
        """The chosen profile's encryption: offered plain only when the board does not require encryption for it."""
        self.query_one("#export-blocked", Static).display = self.encryption.blocked(self.profile)
        if not self.encryption.team_keys:
            return
        required = self.encryption.required(self.profile)
        chooser = self.query_one("#encryption", Select)
        with self.prevent(Select.Changed):
            chooser.set_options(self.encryption_choices())
            chooser.value = "team" if self.encrypted or required else "none"
        if required:
            self.encryption_changed(True)

    def encryption_changed(self, encrypted: bool) -> None:
        """Encrypting names the file ``….age``, as age files are named; a plain file loses that ending."""
        if encrypted == self.encrypted:
            return
        self.encrypted = encrypted
        name = self.query_one("#name", Input)
        typed = name.value.strip()
        name.value = typed + AGE_SUFFIX if encrypted else typed.removesuffix(AGE_SUFFIX)
        self.show_target()

    def rename(self, profile: Profile, file_format: str) -> None:
        """The default name of the new choice, or only a new ending when the person typed a name of their own."""
        name = self.query_one("#name", Input)
        typed = name.value.strip().removesuffix(AGE_SUFFIX)
        if typed == self.names[self.profile, self.file_format] or not typed:
            typed = self.names[profile, file_format]
        elif file_format != self.file_format:
            typed = str(Path(typed).with_suffix("." + file_format))
        name.value = typed + AGE_SUFFIX if self.encrypted else typed

    def refusal(self) -> str | None:
        return _(NO_TEAM_KEYS) if self.encryption.blocked(self.profile) else None

    def write_file(self, path: Path, replace: bool) -> Path:
        return self.write_export(path, replace, self.profile, self.file_format, self.encrypted)
