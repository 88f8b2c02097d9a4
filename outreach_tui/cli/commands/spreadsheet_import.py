"""``import FILE`` for spreadsheets (CSV, TSV, Excel): read, map, plan, report, and write in one batch.

The snapshot import lives in ``snapshots``; ``import`` sends a file here when its content is not JSON.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store import Repository, StoreFileError
from store.files import write_new_file
from store.i18n import _, format_number, ngettext
from store.spreadsheets.plan import ON_DUPLICATE

from ..boards import campaign_of, open_repo
from ..exit_codes import EXIT_OK, EXIT_REFUSED, OutputFailed, Refused
from ..output import Progress, dump_json, note, out

if TYPE_CHECKING:
    # Reading, mapping and reporting a spreadsheet load when one is imported (see run_spreadsheet_import).
    from store.spreadsheets import Table
    from store.spreadsheets.mapping import ColumnMapping
    from store.spreadsheets.plan import ImportPlan

DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "|": "|"}
SPREADSHEET_OPTIONS = (
    "stage", "map", "encoding", "delimiter", "sheet", "header_row", "on_duplicate", "skip_bad_rows", "errors",
    "json", "without_training", "reason",
)  # fmt: skip
"""Options that apply to spreadsheets only: a snapshot refuses them."""


def add_options(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group(_("spreadsheets (CSV, TSV, Excel)"))
    group.add_argument("--stage", metavar="S", help=_("stage for the new cards when the file has no stage column"))
    group.add_argument("--map", metavar="FILE", help=_("column mapping as TOML: a [columns] table of header = field"))
    group.add_argument("--encoding", metavar="E", help=_("text encoding, e.g. utf-8 or cp1252 (default: detected)"))
    group.add_argument("--delimiter", metavar="D", help=_("column separator: , ; tab or | (default: detected)"))
    group.add_argument("--sheet", metavar="NAME", help=_("Excel sheet to read (default: the first)"))
    group.add_argument("--header-row", metavar="N", type=int, default=1, help=_("row holding the headers (default: 1)"))
    group.add_argument(
        "--on-duplicate",
        choices=ON_DUPLICATE,
        default="skip",
        help=_("what to do with a row that matches an organization on the board (default: skip)"),
    )
    group.add_argument(
        "--skip-bad-rows", action="store_true", help=_("import the good rows, leave out rows with problems")
    )
    group.add_argument("--errors", metavar="FILE", help=_("write the rows with problems to FILE (.csv or .xlsx)"))
    group.add_argument("--json", action="store_true", help=_("print a summary as JSON for scripts"))
    group.add_argument(
        "--without-training",
        action="store_true",
        help=_("let cards into the training stage or past it without a training (needs --reason)"),
    )
    group.add_argument("--reason", metavar="TEXT", default="", help=_("why those cards go without a training"))


def refuse_snapshot_options(args: argparse.Namespace) -> None:
    given = [name for name in SPREADSHEET_OPTIONS if getattr(args, name, None) not in (None, False, "", 1, "skip")]
    if given or getattr(args, "campaign", None):
        names = ", ".join("--" + name.replace("_", "-") for name in (*given, *(["campaign"] if args.campaign else [])))
        raise Refused(
            _(
                "{file} is a board snapshot, which carries its own campaign and fields; {options} apply to spreadsheets."
            ).format(file=args.file, options=names)
        )


def run_spreadsheet_import(args: argparse.Namespace) -> int:
    if args.without_training and not args.reason.strip():
        raise Refused(_("--without-training needs --reason TEXT saying why those cards went without a training."))
    from store.spreadsheets.importing import ImportRequest

    status = Progress(_("Importing"))
    try:
        status.status(_("Reading {file}…").format(file=args.file))
        table = read_spreadsheet(args)
        repo = open_repo(args)
        mapping, mapping_source = chosen_mapping(args, table)
        request = ImportRequest(
            mapping,
            campaign_id=import_campaign(repo, args),
            stage=args.stage,
            on_duplicate=args.on_duplicate,
            without_training_reason=args.reason if args.without_training else "",
        )
        status.status(_("Checking {rows}…").format(rows=rows_text(len(table.rows))))
        plan = repo.plan_spreadsheet(table, request)
        write_errors(args, table, plan)
        refused = bool(plan.counts["error"]) and not args.skip_bad_rows
        written = None
        if not args.dry_run and not refused:
            status.status(_("Importing {rows}…").format(rows=rows_text(len(plan.writes()))))
            plan, written = repo.import_spreadsheet(table, request, skip_bad_rows=args.skip_bad_rows, prepared=plan)
            remember(table, mapping)
    finally:
        status.finish()
    report(args, repo, table, plan, mapping_source, written is not None, refused)
    return EXIT_REFUSED if refused else EXIT_OK


def read_spreadsheet(args: argparse.Namespace) -> Table:
    from store.spreadsheets import SpreadsheetError, read_table

    delimiter = None
    if args.delimiter is not None:
        delimiter = DELIMITERS.get(args.delimiter.casefold())
        if delimiter is None:
            raise Refused(_("--delimiter takes , ; tab or |, not {value!r}.").format(value=args.delimiter))
    try:
        return read_table(
            Path(args.file).expanduser(),
            encoding=args.encoding,
            delimiter=delimiter,
            sheet=args.sheet,
            header_row=args.header_row,
        )
    except SpreadsheetError as error:
        raise Refused(sentence(str(error)) + " " + _("Nothing was imported.")) from None


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def import_campaign(repo: Repository, args: argparse.Namespace) -> str | None:
    """The campaign whose board gets the cards: --campaign, else the default; none on a board without campaigns."""
    if not getattr(args, "campaign", None) and repo.default_campaign() is None and not args.stage:
        return None
    return campaign_of(repo, getattr(args, "campaign", None)).id


def chosen_mapping(args: argparse.Namespace, table: Table) -> tuple[ColumnMapping, str]:
    """The mapping to use and where it came from: --map, the one saved for these headers, or the guess."""
    from store.spreadsheets.mapping import guess_mapping, header_signature

    from ...column_mappings import saved_mapping

    if args.map:
        return map_file(args.map, table), "file"
    saved = saved_mapping(header_signature(table.headers), len(table.headers))
    if saved is not None:
        return saved, "saved"
    return guess_mapping(table.headers), "guessed"


def map_file(source: str, table: Table) -> ColumnMapping:
    import tomllib

    from store.spreadsheets.mapping import MappingProblem, mapping_from

    try:
        found = tomllib.loads(Path(source).expanduser().read_text(encoding="utf-8"))
    except OSError as error:
        raise Refused(_("Cannot read {file}: {reason}.").format(file=source, reason=error.strerror or error)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise Refused(_("{file} is not a TOML file: {reason}").format(file=source, reason=error)) from None
    columns: Any = found.get("columns")
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise Refused(
            _('{file} needs a [columns] table of "header" = "field" ("" skips a column).').format(file=source)
        )
    try:
        return mapping_from(table.headers, {header: field or None for header, field in columns.items()})
    except MappingProblem as problem:
        raise Refused(f"{source}: {problem}") from None


def write_errors(args: argparse.Namespace, table: Table, plan: ImportPlan) -> None:
    """The rejected rows as a spreadsheet: the file's own columns, then the row number and what is wrong."""
    if not args.errors:
        return
    from store.spreadsheets.writing import spreadsheet_bytes

    target = Path(args.errors).expanduser()
    bad = [row for row in plan.rows if row.action == "error"]
    headers = [*table.headers, _("Row"), _("Problem")]
    rows = [
        [*row.row.cells, str(row.row.number), "; ".join(issue_text(issue) for issue in row.problems)] for row in bad
    ]
    try:
        write_new_file(target, spreadsheet_bytes(target, headers, rows, sheet=_("Problems")), replace=True)
    except StoreFileError as error:
        raise OutputFailed(str(error)) from None


def issue_text(issue: Any) -> str:
    return f"{issue.column}: {issue.reason}" if issue.column else issue.reason


def remember(table: Table, mapping: ColumnMapping) -> None:
    from store.spreadsheets.mapping import header_signature

    from ...column_mappings import save_mapping

    try:
        save_mapping(
            header_signature(table.headers),
            mapping,
            _("The column mapping could not be saved in {path}: {reason}."),
        )
    except StoreFileError as error:
        note(str(error))  # the import itself is done; only next time's guess is lost


def rows_text(n: int) -> str:
    return ngettext("{n} row", "{n} rows", n).format(n=format_number(n))


def report(
    args: argparse.Namespace,
    repo: Repository,
    table: Table,
    plan: ImportPlan,
    mapping_source: str,
    written: bool,
    refused: bool,
) -> None:
    from .spreadsheet_report import report_lines, summary_json

    if args.json:
        dump_json(summary_json(repo, table, plan, written=written))
        return
    for line in report_lines(repo, table, plan, mapping_source, written=written, refused=refused, dry_run=args.dry_run):
        out(line)
