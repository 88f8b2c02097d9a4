"""``campaign list``, ``campaign add``, ``campaign edit`` and ``campaign close``."""

from __future__ import annotations

import argparse
from typing import Any

from store import CAMPAIGN_STATUSES, Campaign, shown_label
from store.i18n import _

from ..boards import open_repo
from ..exit_codes import EXIT_OK, Refused
from ..option_types import choice_key, non_negative
from ..options import Commands, json_flag
from ..output import dump_json, note, out, out_lines
from ..text import campaign_status_label


def register(commands: Commands) -> None:
    group = commands.group(
        "campaign",
        _("list, add, edit or close campaigns"),
        examples=[
            "outreach-tui campaign list",
            "outreach-tui campaign add 'Frontera norte 2027' --target-partners 12",
            "outreach-tui campaign close 'Frontera norte 2027'",
        ],
    )
    register_list(group)
    register_add(group)
    register_edit(group)
    register_close(group)


def register_list(group: Commands) -> None:
    p = group.add(
        "list",
        run_list,
        _("list campaigns, the default one marked"),
        examples=["outreach-tui campaign list", "outreach-tui campaign list --json"],
    )
    json_flag(p, _("as JSON, every field"))


def register_add(group: Commands) -> None:
    p = group.add(
        "add",
        run_add,
        _("create a campaign"),
        _("Create a campaign with the stages Contacted → Trained → Active partner; prints its id."),
        [
            "outreach-tui campaign add 'Frontera norte 2027' --target-partners 12 --target-workers 40000",
            "outreach-tui campaign add 'Oaxaca 2028' --status planning --description 'Istmo y costa'",
        ],
    )
    p.add_argument("name", metavar="NAME", help=_("the campaign's name"))
    p.add_argument("--description", default="", metavar="D", help=_("what the campaign is about"))
    p.add_argument("--target-partners", type=non_negative, metavar="N", help=_("goal: active partners"))
    p.add_argument(
        "--target-workers", type=non_negative, metavar="N", help=_("goal: workers reached by active partners")
    )
    p.add_argument(
        "--status",
        type=choice_key,
        choices=CAMPAIGN_STATUSES,
        default="active",
        metavar="STATUS",
        help=_("planning, active (default) or completed"),
    )


def register_edit(group: Commands) -> None:
    p = group.add(
        "edit",
        run_edit,
        _("change a campaign's name, description, goals or status"),
        _(
            "Change the fields given; the others stay. A change someone else made meanwhile is reported, "
            "not overwritten."
        ),
        [
            "outreach-tui campaign edit 'Frontera norte 2027' --name 'Frontera norte 2027-2028'",
            "outreach-tui campaign edit cmp-4py8gpan0r --target-partners 15 --status active",
        ],
    )
    p.add_argument("campaign_ref", metavar="C", help=_("campaign name or id"))
    p.add_argument("--name", metavar="NAME", help=_("new name"))
    p.add_argument("--description", metavar="D", help=_("what the campaign is about"))
    p.add_argument("--target-partners", type=goal_value, metavar="N|none", help=_("goal: active partners"))
    p.add_argument(
        "--target-workers", type=goal_value, metavar="N|none", help=_("goal: workers reached by active partners")
    )
    p.add_argument(
        "--status",
        type=choice_key,
        choices=CAMPAIGN_STATUSES,
        metavar="STATUS",
        help=_("planning, active or completed"),
    )


def goal_value(value: str) -> int | str:
    """A goal, or ``none`` to clear it."""
    return "none" if value.strip().casefold() == "none" else non_negative(value)


def register_close(group: Commands) -> None:
    p = group.add(
        "close",
        run_close,
        _("mark a campaign completed"),
        _(
            "Mark a campaign completed: it is listed last and no longer opens by default; its board, "
            "cards and history stay, and campaign edit --status active reopens it."
        ),
        ["outreach-tui campaign close 'Frontera norte 2027'"],
    )
    p.add_argument("campaign_ref", metavar="C", help=_("campaign name or id"))


def run_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaigns = repo.campaigns()
    if args.json:
        dump_json([campaign.model_dump(mode="json") for campaign in campaigns])
        return EXIT_OK
    if not campaigns:
        note(_("No campaigns yet; create one with: outreach-tui campaign add NAME"))
        return EXIT_OK
    default = repo.default_campaign()
    lines = []
    for campaign in campaigns:
        marker = "  " + _("(default)") if default and campaign.id == default.id else ""
        stages = " → ".join(shown_label(stage) for stage in campaign.stages)
        lines.append(f"{campaign.id}  {campaign_status_label(campaign.status):<9}  {campaign.name}  [{stages}]{marker}")
    out_lines(lines)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    goals = {"active_partners": args.target_partners, "workers_reached": args.target_workers}
    campaign = repo.create_campaign(args.name, description=args.description, goals=goals, status=args.status)
    out(campaign.id)
    note(
        _("Created campaign {name} ({status}).").format(
            name=campaign.name, status=campaign_status_label(campaign.status)
        )
    )
    return EXIT_OK


def run_edit(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    changes = campaign_changes(args, campaign)
    if not changes:
        raise Refused(_("Nothing to change: give at least one option (see outreach-tui campaign edit --help)."))
    updated = repo.edit_campaign(campaign.id, changes, expected_version=campaign.version)
    note(_("Saved campaign {name} ({status}).").format(name=updated.name, status=campaign_status_label(updated.status)))
    return EXIT_OK


def campaign_changes(args: argparse.Namespace, campaign: Campaign) -> dict[str, Any]:
    changes: dict[str, Any] = {
        field: value
        for field, value in (("name", args.name), ("description", args.description), ("status", args.status))
        if value is not None
    }
    goals = campaign.goals.model_dump()
    for field, value in (("active_partners", args.target_partners), ("workers_reached", args.target_workers)):
        if value is not None:
            goals[field] = None if value == "none" else value
    if goals != campaign.goals.model_dump():
        changes["goals"] = goals
    return changes


def run_close(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    if campaign.status == "completed":
        note(_("Campaign {name} is already completed; nothing to do.").format(name=campaign.name))
        return EXIT_OK
    repo.edit_campaign(campaign.id, {"status": "completed"}, expected_version=campaign.version)
    note(_("Closed campaign {name}: completed, kept with its board and history.").format(name=campaign.name))
    return EXIT_OK
