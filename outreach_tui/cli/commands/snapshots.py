"""Board snapshots: ``export`` one campaign to JSON, ``import`` one back (all or nothing); spreadsheets go on to
``spreadsheet_import``."""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from store import BoardExistsError, Repository, StoreFileError
from store.encryption import is_encrypted
from store.export_profiles import PROFILES, Profile, default_profile, profile_action
from store.i18n import _, format_number

from ...profile_export import AGE_SUFFIX, FORMATS, print_export, write_export, written_message
from .. import sealing
from ..boards import board_path, campaign_of, new_board, open_repo
from ..duplicates import refused_as_duplicate
from ..exit_codes import EXIT_OK, OutputFailed, Refused
from ..options import Commands, campaign_option
from ..output import Progress, dump_bytes, dump_json, note, out
from ..text import organizations_text
from . import spreadsheet_import

if TYPE_CHECKING:
    from store.snapshot import BoardSnapshot, ImportResult

# Imports smaller than this finish before a progress line would be read.
IMPORT_STATUS_BYTES = 2_000_000
MAX_SNAPSHOT_BYTES = 1_000_000_000
"""A snapshot of the largest board the program keeps (50,000 organizations and their history) is far smaller."""


def register(commands: Commands) -> None:
    register_export(commands)
    register_import(commands)


def register_export(commands: Commands) -> None:
    p = commands.add(
        "export",
        run_export,
        _("write a board snapshot (JSON) for reports and backups, or the partner list as CSV or Excel"),
        _(
            "Write one campaign's board snapshot: every organization with its card, the off-board ones, visits, "
            "trainings and history. The default file is board-<campaign>-<YYYYMMDD-HHMM>.json (UTC) in the "
            "current folder; an existing file is never replaced without --force. The file is written whole or "
            "not at all, readable only by you (0600); its path is printed on stderr. With --format csv or xlsx "
            "(or an -o name ending in .csv or .xlsx) it writes the partner list instead: one row per organization "
            "on the board with its stage, follow-up, owner, capacities, workers reached and first contact, headed "
            "in your language; importing it back into the board changes nothing."
        ),
        [
            "outreach-tui export",
            "outreach-tui export --campaign 'Frontera norte' -o reports/",
            "outreach-tui export -o weekly.json --force",
            "outreach-tui export -o - | jq '.columns[] | {stage, n: (.organizations | length)}'",
            "outreach-tui export --format xlsx -o aliadas.xlsx",
            "outreach-tui export --schema > board-snapshot.schema.json",
        ],
    )
    campaign_option(p)
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=_("json: the board snapshot (default); csv or xlsx: the partner list for spreadsheets"),
    )
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=None,
        help=_(
            "full: everything, restores a board (coordinators only; their default); partner: organizations, "
            "stages and capacities without staff contacts, notes or visits (the default for others); funder: "
            "figures only, no organization named, small counts hidden"
        ),
    )
    p.add_argument("-o", "--output", metavar="FILE", help=_("file or folder to write to, or - for standard output"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.add_argument("--schema", action="store_true", help=_("print the snapshot format's JSON Schema instead"))
    sealing.add_export_options(p)


def register_import(commands: Commands) -> None:
    p = commands.add(
        "import",
        run_import,
        _("import a spreadsheet (CSV, Excel) or a board snapshot: all or nothing, safe to repeat"),
        _(
            "Import the organizations of a spreadsheet (CSV or TSV text, or an Excel .xlsx file) or a board "
            "snapshot written by export; which one is told by the file's content. A spreadsheet's columns are "
            "matched to fields by their headers, in Spanish or English; every row is checked first and each "
            "problem is reported with its row, column and value, and nothing is written while a row has one "
            "(unless --skip-bad-rows). Rows matching an organization on the board (by id, or by name or alias "
            "in the same state) are skipped unless --on-duplicate says otherwise. The rows go in as one batch "
            "that one undo takes back. Importing the same file twice changes nothing. A snapshot's records are "
            "matched by id; importing one creates the board file if it does not exist (restoring a backup)."
        ),
        [
            "outreach-tui import organizaciones.csv --dry-run",
            "outreach-tui import organizaciones.xlsx --sheet Aliadas --campaign 'Chiapas 2027'",
            "outreach-tui import lista.csv --on-duplicate fill --errors problemas.xlsx",
            "outreach-tui import lista.csv --map columnas.toml --json",
            "outreach-tui import board-derechos-laborales-20261124-1630.json",
            "outreach-tui --db restored.json import backup.json",
        ],
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help=_("spreadsheet or snapshot file (a snapshot can also come on - for standard input)"),
    )
    p.add_argument("--dry-run", action="store_true", help=_("report what would change; write nothing"))
    p.add_argument(
        "--allow-duplicate",
        action="store_true",
        help=_("snapshots: import organizations even if one on the board has the same name or alias"),
    )
    campaign_option(p, _("spreadsheets: the campaign whose board gets the cards (default: the newest active one)"))
    sealing.add_import_options(p)
    spreadsheet_import.add_options(p)


def run_export(args: argparse.Namespace) -> int:
    if args.schema:
        from store.snapshot import snapshot_schema

        dump_json(snapshot_schema())
        return EXIT_OK
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    profile: Profile = args.profile or default_profile(repo.role())
    repo.require(profile_action(profile))
    file_format = args.format or format_of(args.output)
    encryption = sealing.export_sealing(args, repo, profile)
    if args.output == "-":
        dump_bytes(print_export(repo, campaign.id, profile, file_format, encryption))
        return EXIT_OK
    target, folder = export_target(args)
    if (
        target is not None
        and file_format != "json"
        and Path(target.name.removesuffix(AGE_SUFFIX)).suffix.casefold() != "." + file_format
    ):
        raise Refused(
            _("{path} does not end in .{format}; name the file for its format.").format(path=target, format=file_format)
        )
    try:
        written = write_export(
            repo,
            campaign.id,
            profile,
            file_format,
            target=target,
            folder=folder,
            force=args.force,
            unique=False,
            sealing=encryption,
        )
    except StoreFileError as error:
        if Path(error.path).resolve() == board_path(args).resolve():
            raise  # the board itself could not be read or written: exit 3
        if not args.force and Path(error.path).exists():
            # The name was taken (the default name within the same minute, or a race): refused, not a file failure.
            raise Refused(str(error)) from None
        raise OutputFailed(str(error)) from None
    note(written_message(profile, file_format).format(path=written))
    if encryption is not None:
        note(ENCRYPTED[encryption.how]())
    return EXIT_OK


ENCRYPTED = {
    "keys": lambda: _("It is encrypted: only the holders of the secret keys it was encrypted to can open it."),
    "passphrase": lambda: _("It is encrypted: it opens with the passphrase only."),
}


SPREADSHEET_FORMATS = tuple(fmt for fmt in FORMATS if fmt != "json")


def format_of(output: str | None) -> str:
    """The format a file name asks for: ``.csv`` and ``.xlsx`` give a spreadsheet, anything else JSON.

    An encrypted file's ``.age`` ending is looked past: ``partners.csv.age`` is a CSV file.
    """
    path = Path(output.removesuffix(AGE_SUFFIX)) if output and output != "-" else None
    suffix = path.suffix.casefold().lstrip(".") if path else ""
    return suffix if suffix in SPREADSHEET_FORMATS else "json"


def export_target(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """(the file named by -o, the folder named by -o); both None for the default name here."""
    if not args.output:
        return None, None
    chosen = Path(args.output).expanduser()
    if chosen.is_dir():
        return None, chosen
    if chosen.exists() and not args.force:
        raise Refused(_("{path} already exists; pass --force to replace it.").format(path=chosen))
    return chosen, None


def read_input(source: str) -> bytes:
    """The snapshot's bytes from a file, a pipe or standard input; never from a device, never unbounded."""
    try:
        if source == "-":
            return read_bounded(sys.stdin.buffer, "stdin")
        with open(Path(source).expanduser(), "rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                raise Refused(_("{file} is a device, not a snapshot file. Nothing was imported.").format(file=source))
            if st.st_size > MAX_SNAPSHOT_BYTES:
                raise too_large(source)
            return read_bounded(handle, source)
    except OSError as error:
        raise Refused(
            _("Cannot read {file}: {reason}. Nothing was imported.").format(file=source, reason=error.strerror or error)
        ) from None


def read_bounded(handle: BinaryIO, source: str) -> bytes:
    # One byte more than allowed tells a stream that is too long from one that is just long enough.
    data = handle.read(MAX_SNAPSHOT_BYTES + 1)
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise too_large(source)
    return data


def too_large(source: str) -> Refused:
    return Refused(
        _("{file} is larger than {size} MB, more than any board holds. Nothing was imported.").format(
            file=source, size=format_number(MAX_SNAPSHOT_BYTES // 1_000_000)
        )
    )


def run_import(args: argparse.Namespace) -> int:
    source = args.file
    if source != "-" and is_spreadsheet(Path(source).expanduser()):
        return spreadsheet_import.run_spreadsheet_import(args)
    spreadsheet_import.refuse_snapshot_options(args)
    status = Progress(_("Importing"))
    data = read_input(source)
    label = "stdin" if source == "-" else source
    if is_encrypted(data):
        data = plain_snapshot(args, data, label)
    status.enabled = status.enabled and len(data) >= IMPORT_STATUS_BYTES
    path = board_path(args)
    try:
        status.status(_("Checking {file} ({size} MB)…").format(file=label, size=format_number(len(data) // 1_000_000)))
        from store.snapshot import parse_snapshot

        snapshot = parse_snapshot(data, label)
        with refused_as_duplicate(_("Pass --allow-duplicate to import them anyway.")):
            if args.dry_run:
                status.status(_("Trying the import on a copy of the board…"))
                result = dry_run_import(args, path, snapshot, label)
            else:
                count = organizations_text(size_of(snapshot))
                status.status(_("Importing {organizations}…").format(organizations=count))
                result = import_into(args, path, snapshot, label)
    finally:
        status.finish()
    out(import_summary(args, path, snapshot, label, result))
    return EXIT_OK


def plain_snapshot(args: argparse.Namespace, data: bytes, label: str) -> bytes:
    """The decrypted bytes of an encrypted snapshot (a spreadsheet inside is refused: decrypt it first)."""
    from store.spreadsheets import sniff_kind

    plain = sealing.decrypted(args, data, label)
    if sniff_kind(plain[:64]) in ("text", "xlsx"):
        raise Refused(
            _(
                "{file} holds an encrypted spreadsheet; decrypt it first (age -d -i KEYFILE) and import the "
                "spreadsheet. Nothing was imported."
            ).format(file=label)
        )
    return plain


def is_spreadsheet(path: Path) -> bool:
    """Whether ``path`` is a file whose content is a spreadsheet rather than a JSON snapshot.

    Only a regular file is looked at: reading the start of a pipe would take it from the snapshot
    import, and a device or an unreadable path is the snapshot import's to refuse.
    """
    from store.spreadsheets import sniff_kind

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return not is_encrypted(head) and sniff_kind(head) in ("text", "xlsx")


def size_of(snapshot: BoardSnapshot) -> int:
    return sum(len(column.organizations) for column in snapshot.columns) + len(snapshot.off_board)


def import_summary(
    args: argparse.Namespace, path: Path, snapshot: BoardSnapshot, label: str, result: ImportResult
) -> str:
    counts = _("{added} added, {updated} updated, {unchanged} unchanged").format(
        added=format_number(result.added),
        updated=format_number(result.updated),
        unchanged=format_number(result.unchanged),
    )
    if not args.dry_run:
        return _("Imported {file} into {path}: {counts}.").format(file=label, path=path, counts=counts)
    return _(
        "{file} is valid ({organizations} in campaign {campaign}). Importing it into {path} would give: {counts}. "
        "Nothing was written."
    ).format(
        file=label,
        organizations=organizations_text(size_of(snapshot)),
        campaign=snapshot.campaign.name,
        path=path,
        counts=counts,
    )


def import_into(args: argparse.Namespace, path: Path, snapshot: BoardSnapshot, source: str) -> ImportResult:
    """Import, creating the board file when missing (restoring a backup into a new file)."""
    from store.snapshot import import_snapshot

    if not args.demo and not path.exists():
        results: list[ImportResult] = []
        try:
            new_board(path, fill=lambda repo: results.append(import_snapshot(repo, snapshot, source)))
            return results[0]
        except BoardExistsError:
            pass  # created by another shell meanwhile: import into it like any board
    return import_snapshot(open_repo(args), snapshot, source, allow_duplicate=args.allow_duplicate)


def dry_run_import(args: argparse.Namespace, path: Path, snapshot: BoardSnapshot, source: str) -> ImportResult:
    """What importing would do, learned by importing into a private copy of the board."""
    from store.snapshot import import_snapshot

    # Opening the real file first makes any problem with it name the real path.
    exists = args.demo or path.exists()
    real = open_repo(args) if exists else None
    if real is not None:
        real.finish_loading()
    with tempfile.TemporaryDirectory(prefix="outreach-tui-dry-run-") as scratch:
        copy = Path(scratch) / "board.json"
        # The board file and its journal, as one file.
        repo = Repository.open(real.backup(copy)) if real is not None else Repository.open(copy, create=True)
        return import_snapshot(repo, snapshot, source, allow_duplicate=args.allow_duplicate)
