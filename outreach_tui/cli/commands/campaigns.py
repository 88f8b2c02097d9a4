"""``campaign list`` and ``campaign add``."""

from __future__ import annotations

import argparse

from store import CAMPAIGN_STATUSES, shown_label
from store.i18n import _

from ..boards import open_repo
from ..exit_codes import EXIT_OK
from ..option_types import choice_key, non_negative
from ..options import Commands, json_flag
from ..output import dump_json, note, out, out_lines
from ..text import campaign_status_label


def register(commands: Commands) -> None:
    group = commands.group(
        "campaign",
        _("list or add campaigns"),
        examples=["outreach-tui campaign list", "outreach-tui campaign add 'Frontera norte 2027' --target-partners 12"],
    )
    register_list(group)
    register_add(group)


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
