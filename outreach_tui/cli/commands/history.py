"""``history`` (who changed what, newest first) and ``undo`` (your own last change)."""

from __future__ import annotations

import argparse

from store import UndoBlocked, describe_event
from store.i18n import _, format_datetime

from ..boards import open_repo
from ..exit_codes import EXIT_OK, Refused
from ..option_types import positive
from ..options import Commands, campaign_option, json_flag
from ..output import dump_json, note, out, out_lines


def register(commands: Commands) -> None:
    p = commands.add(
        "history",
        run_history,
        _("print the history, newest first"),
        _("Print who changed what and when, newest first."),
        [
            "outreach-tui history --limit 20",
            "outreach-tui history --org CMB",
            "outreach-tui history --campaign 'Frontera norte' --json",
        ],
    )
    p.add_argument("--org", metavar="ORG", help=_("only this organization"))
    campaign_option(p, _("only this campaign"))
    p.add_argument("--limit", type=positive, default=50, metavar="N", help=_("at most N entries (default 50)"))
    json_flag(p)
    register_undo(commands)


def register_undo(commands: Commands) -> None:
    p = commands.add(
        "undo",
        run_undo,
        _("undo your last change"),
        _(
            "Undo your own most recent change that is not undone yet (run again to go further back). Refused if "
            "someone changed the same record since; --skip-blocked then goes on to your earlier changes of other "
            "records, and later undos keep going past the blocked one."
        ),
        ["outreach-tui undo", "outreach-tui undo --skip-blocked"],
    )
    p.add_argument(
        "--skip-blocked",
        action="store_true",
        help=_("go past your newer changes that someone changed since, to the newest one that can be undone"),
    )


def run_history(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org_id = repo.find_organization(args.org).id if args.org else None
    campaign_id = repo.campaign(args.campaign).id if args.campaign else None
    events = repo.history(organization_id=org_id, campaign_id=campaign_id, limit=args.limit)
    if args.json:
        dump_json([event.model_dump(mode="json") for event in events])
        return EXIT_OK
    out_lines(f"{format_datetime(e.at)}  {e.actor_label()}  {describe_event(e, repo)}" for e in events)
    return EXIT_OK


def run_undo(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        result = repo.undo(skip_blocked=args.skip_blocked)
    except UndoBlocked as blocked:
        if blocked.next_description is None:
            raise
        raise Refused(str(blocked) + " " + _("Run 'outreach-tui undo --skip-blocked' to undo it.")) from blocked
    out(_("Undone: {what}").format(what=result.description))
    for what in result.skipped:
        note(_("Gone past (someone changed it since your change): {what}").format(what=what))
    if result.next_description:
        note(_("Next to undo: {what}").format(what=result.next_description))
    return EXIT_OK
