"""The board's file flows: exporting the board (in a profile the role may export), printing visit sheets and
importing a spreadsheet.

A mixin of ``BoardFlows``: it uses the board, the app and the repository the flows hold.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from store import StoreError
from store.i18n import _, format_number, ngettext
from store.models import utc_now

from ..export_folder import export_folder, save_export_folder
from ..import_folder import import_folder
from .flow_part import FlowPart

if TYPE_CHECKING:
    from store.exports import Profile

    from ..forms.export import ExportEncryption, ExportForm
    from .import_wizard import ImportDone


def export_names(campaign_name: str, profiles: tuple[Profile, ...]) -> dict[tuple[Profile, str], str]:
    """The default file name of each profile's export formats, at this minute."""
    from ..profile_export import PROFILE_FORMATS, default_export_name

    now = utc_now()
    return {
        (profile, fmt): default_export_name(campaign_name, profile, fmt, now)
        for profile in profiles
        for fmt in PROFILE_FORMATS[profile]
    }


class FileFlows(FlowPart):
    """Export and import: a part of ``BoardFlows``."""

    def export(self) -> None:
        """Ask where the snapshot goes (the folder last chosen, else home), then write it there."""
        from ..forms.export import ExportForm

        campaign = self.board.campaign()
        if campaign is None:
            self.app.say(_("There is no campaign to export yet."), severity="warning")
            return
        delivery = self.app.browser_delivery
        profiles = self._export_profiles()
        form = (delivery.dialog(ExportForm) if delivery else ExportForm)(
            campaign.name,
            delivery.folder if delivery else export_folder(self.repo.actor),
            export_names(campaign.name, profiles),
            partial(self._write_export, campaign.id),
            profiles=profiles,
            home=delivery.folder if delivery else Path.home(),
            encryption=self._export_encryption(),
        )
        self._open(form, partial(self._exported, form))

    def _export_encryption(self) -> ExportEncryption:
        from store.encryption import ENCRYPTED_PROFILES

        from ..forms.export import ExportEncryption

        settings = self.repo.settings()
        required = ENCRYPTED_PROFILES if settings.require_encrypted_exports else frozenset()
        return ExportEncryption(team_keys=len(settings.team_keys), required_for=required)

    def _write_export(
        self, campaign_id: str, path: Path, replace: bool, profile: Profile, file_format: str, encrypted: bool
    ) -> Path:
        """In the dialog's worker thread: refuses a folder it cannot write into before writing anything."""
        from store.encryption import team_sealing

        from ..exporting import check_folder
        from ..profile_export import write_export

        if self.app.browser_delivery:
            self.app.browser_delivery.check(path)
        check_folder(path.parent)
        sealing = team_sealing(self.repo.settings()) if encrypted else None
        return write_export(self.repo, campaign_id, profile, file_format, target=path, force=replace, sealing=sealing)

    def _export_profiles(self) -> tuple[Profile, ...]:
        """The profiles this role may export, its default first (the full snapshot for coordinators' backups)."""
        from store.exports import PROFILES, default_profile, profile_action

        role = self.repo.role()
        first = default_profile(role)
        return (first, *(p for p in PROFILES if p != first and self.repo.can(profile_action(p))))

    def _exported(self, form: ExportForm, path: Path | None) -> None:
        if path is None:
            return
        if self._downloaded(path):
            return
        from ..profile_export import written_message

        self.app.say(written_message(form.profile, form.file_format).format(path=path), timeout=8)
        self._remember_folder(path.parent)

    # -- printing visit sheets ---------------------------------------------------------------------

    def print_sheets(self) -> None:
        """Ask where the visit sheets of the marked cards (else the selected one) go, then write them there."""
        from ..forms.sheet import SheetForm
        from ..sheet_files import sheet_file_name

        campaign = self.board.campaign()
        cards = self.board.marked_cards() or [card for card in [self.board.require_card()] if card is not None]
        if campaign is None or not cards:
            return
        ids = [card.id for card in cards]
        printed_on = self.app.today
        delivery = self.app.browser_delivery
        form = (delivery.dialog(SheetForm) if delivery else SheetForm)(
            [card.organization.name for card in cards],
            delivery.folder if delivery else export_folder(self.repo.actor),
            sheet_file_name(printed_on),
            partial(self._write_sheets, campaign.id, ids, printed_on),
            home=delivery.folder if delivery else Path.home(),
        )
        self._open(form, partial(self._sheets_written, len(ids)))

    def _write_sheets(self, campaign_id: str, ids: list[str], printed_on: date, path: Path, replace: bool) -> Path:
        """In the dialog's worker thread: refuses a folder it cannot write into before building anything."""
        from ..exporting import check_folder
        from ..sheet_files import sheets_bytes, write_sheets

        if self.app.browser_delivery:
            self.app.browser_delivery.check(path)
        check_folder(path.parent)
        data = sheets_bytes(self.repo, campaign_id, ids, printed_on)
        return write_sheets(data, self.repo, printed_on, target=path, force=replace)

    def _sheets_written(self, count: int, path: Path | None) -> None:
        if path is None:
            return
        if self._downloaded(path):
            return
        said = ngettext("Visit sheet written to {path}", "{n} visit sheets written to {path}", count)
        self.app.say(said.format(n=format_number(count), path=path), timeout=8)
        self._remember_folder(path.parent)

    def _downloaded(self, path: Path) -> bool:
        """In a browser session, hand ``path`` to the browser as a download and say so; False on a terminal."""
        if not self.app.browser_delivery:
            return False
        self.app.browser_delivery.deliver(self.app, path)
        self.app.say(_("{name} is downloading to your computer.").format(name=path.name), timeout=8)
        return True

    def _remember_folder(self, folder: Path) -> None:
        try:
            save_export_folder(folder, self.repo.actor)
        except StoreError as error:
            self.app.say(str(error), severity="warning", title=_("The folder will not be offered next time"))

    # -- importing a spreadsheet -------------------------------------------------------------------

    def import_spreadsheet(self) -> None:
        """Open the import wizard on the folder of the person's last import (else home), for this board's campaign."""
        from .import_wizard import ImportDraft, ImportFileStep

        if self.app.browser_delivery:
            # A browser page cannot send a file to the server, and the server's own folders are not the person's.
            self.app.say(
                _(
                    "Importing needs the file on the server: in the browser, ask a coordinator to run 'outreach-tui import'."
                ),
                severity="warning",
            )
            return
        draft = ImportDraft(self.repo, self.board.campaign_id, import_folder(self.repo.actor))
        self.app.push_screen(ImportFileStep(draft), self._imported)

    def _imported(self, done: ImportDone | None) -> None:
        if done is None:
            return
        self.board.reload_board()
        outcome = done.outcome
        lines = [
            _("Imported from {file}: {added} new, {updated} updated.").format(
                file=done.table.path.name, added=format_number(outcome.added), updated=format_number(outcome.updated)
            )
        ]
        if outcome.left_out:
            lines.append(
                ngettext(
                    "{n} row with a problem was left out.", "{n} rows with problems were left out.", outcome.left_out
                ).format(n=format_number(outcome.left_out))
            )
        lines.append(_("u undoes the whole import."))
        self.app.say("\n".join(lines), timeout=10)
        self._remember_import(done)

    def _remember_import(self, done: ImportDone) -> None:
        from store.spreadsheets.mapping import header_signature

        from ..column_mappings import save_mapping
        from ..import_folder import save_import_folder

        try:
            save_mapping(
                header_signature(done.table.headers),
                done.mapping,
                _("The column mapping could not be saved in {path}: {reason}."),
                self.repo.actor,
            )
            save_import_folder(done.table.path.parent, self.repo.actor)
        except StoreError as error:
            self.app.say(str(error), severity="warning", title=_("Not remembered for next time"))
