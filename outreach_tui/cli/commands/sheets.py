"""``sheet``: printable visit sheets, one page per organization, to fill in by hand and type back with ``visit add``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from store import Repository, StoreFileError
from store.i18n import _, format_number, ngettext, today
from store.models import Campaign
from store.stages import resolve_stage

from ...exporting import SnapshotExistsError
from ..boards import board_path, open_repo, shared_campaign
from ..exit_codes import EXIT_OK, OutputFailed, Refused
from ..options import Commands, campaign_option
from ..output import Progress, dump_bytes, note

PROGRESS_FROM = 50
"""Fewer sheets than this are written before a progress line would be read."""


def register(commands: Commands) -> None:
    p = commands.add(
        "sheet",
        run_sheet,
        _("print visit sheets: one page per organization, to fill in on a visit and type back"),
        _(
            "Write one HTML file of visit sheets to print (A4 or Letter), one page per organization: its name, "
            "stage, last visit and open follow-up, then the visit's fields to fill in by hand (date, visitors, "
            "people met, fit 1 to 5, yes/no capacities, findings, recommendation, next follow-up), labelled in "
            "Spanish and English. No staff phone numbers or emails are printed. Each sheet carries a sheet id "
            "with a check character: type it back with visit add --sheet ID. The default file is "
            "visit-sheets-YYYY-MM-DD.html in the current folder."
        ),
        [
            "outreach-tui sheet CMB 'Albergue Belén'",
            "outreach-tui sheet --stage contacted -o hojas.html",
            "outreach-tui sheet CMB -o - > hoja.html",
        ],
    )
    p.add_argument("orgs", nargs="*", metavar="ORG", help=_("id, exact name or unique alias (give several for more)"))
    p.add_argument("--stage", metavar="S", help=_("every card in this stage of the campaign (beside any ORG named)"))
    campaign_option(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("file or folder to write to, or - for standard output (default: visit-sheets-YYYY-MM-DD.html here)"),
    )
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.set_defaults(sheet_parser=p)


def run_sheet(args: argparse.Namespace) -> int:
    from ...sheet_files import sheets_bytes  # the sheets' HTML loads for this command only

    if not args.orgs and not args.stage:
        args.sheet_parser.error(_("name at least one organization (ORG), or a stage with --stage"))
    repo = open_repo(args)
    campaign, organization_ids = chosen_cards(repo, args)
    printed_on = today()
    progress = Progress(_("Visit sheets"))
    progress.enabled = progress.enabled and len(organization_ids) >= PROGRESS_FROM
    try:
        data = sheets_bytes(repo, campaign.id, organization_ids, printed_on, progress)
    finally:
        progress.finish()
    if args.output == "-":
        dump_bytes(data)
        return EXIT_OK
    written = write_to(repo, args, data, printed_on)
    count = format_number(len(organization_ids))
    note(
        ngettext(
            "{n} visit sheet written to {path}", "{n} visit sheets written to {path}", len(organization_ids)
        ).format(n=count, path=written)
    )
    return EXIT_OK


def chosen_cards(repo: Repository, args: argparse.Namespace) -> tuple[Campaign, list[str]]:
    """The campaign and the organizations whose sheets are asked for: each ORG, then the cards of --stage."""
    orgs = [repo.find_organization(ref) for ref in args.orgs]
    campaign = shared_campaign(repo, args.campaign, orgs)
    chosen = list(dict.fromkeys(org.id for org in orgs))
    if args.stage:
        stage = resolve_stage(campaign, args.stage)
        column = repo.board(campaign.id).column(stage.key)
        cards = column.cards if column is not None else []
        if not cards and not chosen:
            raise Refused(
                _("No card is in the stage {stage} of {campaign}; no sheet to print.").format(
                    stage=args.stage, campaign=campaign.name
                )
            )
        chosen += [card.id for card in cards if card.id not in chosen]
    return campaign, chosen


def write_to(repo: Repository, args: argparse.Namespace, data: bytes, printed_on: date) -> Path:
    target, folder = None, None
    if args.output:
        chosen = Path(args.output).expanduser()
        target, folder = (None, chosen) if chosen.is_dir() else (chosen, None)
    from ...sheet_files import write_sheets

    try:
        return write_sheets(data, repo, printed_on, target=target, folder=folder, force=args.force)
    except SnapshotExistsError as error:
        raise Refused(str(error)) from None
    except StoreFileError as error:
        if Path(error.path).resolve() == board_path(args).resolve():
            raise
        raise OutputFailed(str(error)) from None
