"""``report``: a campaign's numbers for the network and for funders, as text, Markdown, CSV, HTML or JSON."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from store import StoreFileError
from store.export_profiles import profile_action
from store.files import write_new_file
from store.i18n import _, language, today

from ...report_document import PROFILES
from ...report_formats import FORMATS
from ..boards import campaign_of, open_repo
from ..exit_codes import EXIT_OK, OutputFailed, Refused
from ..option_types import non_negative, parse_day
from ..options import Commands, campaign_option
from ..output import dump_json, note, out

SUFFIXES = {".txt": "text", ".md": "md", ".csv": "csv", ".html": "html", ".htm": "html"}


def register(commands: Commands) -> None:
    p = commands.add(
        "report",
        run_report,
        _("a campaign's numbers: organizations by stage, goals, trainings, visits, time in stage, cohorts"),
        _(
            "Print or write a campaign's report: organizations and workers reached by stage with the conversion "
            "between stages, progress against the goals, trainings, people trained and visits by month, days in "
            "each stage, the trainings and the active partners they led to, breakdowns by type and state, and "
            "the organizations waiting longest. --from and --to limit the trainings, visits and times counted; "
            "the stages are those of today. The funder profile names no organization and shows counts of 1 or 2 "
            "as <3. HTML is one page that prints on A4 or Letter."
        ),
        [
            "outreach-tui report",
            "outreach-tui report --campaign 'Frontera norte' --from 2026-01-01 --to 2026-06-30",
            "outreach-tui report --profile funder -o informe.html",
            "outreach-tui report --format md > reporte.md",
            "outreach-tui report --json | jq .stages",
        ],
    )
    campaign_option(p)
    p.add_argument("--from", dest="start", type=parse_day, metavar="DATE", help=_("count from this date"))
    p.add_argument("--to", dest="end", type=parse_day, metavar="DATE", help=_("count up to this date"))
    p.add_argument(
        "--stall-days",
        type=non_negative,
        default=60,
        metavar="N",
        help=_("an organization waiting more than N days in its stage is listed (default 60)"),
    )
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default="partner",
        help=_("partner: names the organizations waiting (default); funder: numbers only, small counts hidden"),
    )
    p.add_argument(
        "--format", choices=FORMATS, help=_("text (default), md, csv or html; -o FILE's ending also says it")
    )
    p.add_argument("--json", action="store_true", help=_("the figures as JSON, for scripts"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))


def run_report(args: argparse.Namespace) -> int:
    # Laying out and rendering a report load here: building the parser for any command needs neither.
    from ...profile_export import covered
    from ...report_document import report_document
    from ...report_formats import render

    if args.start and args.end and args.start > args.end:
        raise Refused(_("--from comes after --to; nothing to count."))
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    repo.require(profile_action(args.profile))
    report = repo.report(campaign.id, today=today(), start=args.start, end=args.end, stall_days=args.stall_days)
    if args.json:
        if args.output:
            raise Refused(_("--json prints to standard output; leave out -o."))
        funder = args.profile == "funder"
        # A funder gets the report as laid out (names left out, small counts hidden), never the raw figures.
        dump_json(
            dataclasses.asdict(report_document(repo, report, "funder", language())) if funder else figures_json(report)
        )
        return EXIT_OK
    document = report_document(repo, report, args.profile, language())
    file_format = args.format or SUFFIXES.get(Path(args.output or "").suffix.casefold(), "text")
    text = render(document, file_format)
    if not args.output or args.output == "-":
        out(text.rstrip("\n"))
        return EXIT_OK
    target = Path(args.output).expanduser()
    write_report(target, text, force=args.force)
    # A report written to a file leaves the board like an export does: the history says who wrote which.
    repo.record_export(campaign.id, args.profile, covered(repo, campaign.id, args.profile), target.name)
    return EXIT_OK


def figures_json(report: Any) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        return value

    return plain(dataclasses.asdict(report))  # type: ignore[no-any-return]


def write_report(target: Path, text: str, *, force: bool) -> None:
    try:
        written = write_new_file(target, text.encode("utf-8"), replace=force)
    except StoreFileError as error:
        raise OutputFailed(str(error)) from None
    if not written:
        raise Refused(_("{path} already exists; pass --force to replace it.").format(path=target))
    note(_("Report written to {path}").format(path=target))
