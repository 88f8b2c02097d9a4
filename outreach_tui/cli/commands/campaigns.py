"""``campaign list``, ``campaign add``, ``campaign edit`` and ``campaign close``; the stage commands are in ``stages``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from store import CAMPAIGN_STATUSES, TEMPLATES, Campaign, Repository, StageTemplate, copied_from, shown_label, template
from store.i18n import _, format_date

from ..boards import open_repo
from ..exit_codes import EXIT_OK, Refused
from ..option_types import DATE_METAVAR, choice_key, date_forms, non_negative, parse_day
from ..options import Commands, json_flag
from ..output import dump_json, note, out, out_lines
from ..text import campaign_status_label
from . import stages


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
    stages.register(group)


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
        _(
            "Create a campaign; prints its id. Its stages come from a template (default: Contacted → Trained → "
            "Active partner; scouting: Contacted → Identified → Visited → Trained → Active partner) or from "
            "another campaign (--stages-from)."
        ),
        [
            "outreach-tui campaign add 'Frontera norte 2027' --target-partners 12 --target-workers 40000",
            "outreach-tui campaign add 'Chiapas 2027' --template scouting --starts 2027-01-15 --ends 2027-12-15",
            "outreach-tui campaign add 'Oaxaca 2028' --status planning --stages-from 'Chiapas 2027'",
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
    starting_stage_options(p)
    date_options(p, parse_day)


def starting_stage_options(p: argparse.ArgumentParser) -> None:
    stages_from = p.add_mutually_exclusive_group()
    stages_from.add_argument(
        "--template",
        type=choice_key,
        choices=tuple(TEMPLATES),
        default="default",
        metavar="NAME",
        help=_("the stages to start with: {names}").format(
            names="; ".join(f"{name} ({_(found.description)})" for name, found in TEMPLATES.items())
        ),
    )
    stages_from.add_argument("--stages-from", metavar="C", help=_("copy the stages of this campaign (name or id)"))


def register_edit(group: Commands) -> None:
    p = group.add(
        "edit",
        run_edit,
        _("change a campaign's name, description, goals, status or dates"),
        _(
            "Change the fields given; the others stay. A change someone else made meanwhile is reported, "
            "not overwritten."
        ),
        [
            "outreach-tui campaign edit 'Frontera norte 2027' --name 'Frontera norte 2027-2028'",
            "outreach-tui campaign edit cmp-4py8gpan0r --target-partners 15 --status active",
            "outreach-tui campaign edit 'Frontera norte 2027' --starts 2027-02-01 --ends none",
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
    date_options(p, date_or_none, clearable=True)


def date_options(p: argparse.ArgumentParser, parse: Any, *, clearable: bool = False) -> None:
    forms = date_forms() + (", " + _("or none to clear it") if clearable else "")
    p.add_argument(
        "--starts",
        type=parse,
        metavar=DATE_METAVAR,
        help=_("the day the campaign starts ({forms})").format(forms=forms),
    )
    p.add_argument(
        "--ends", type=parse, metavar=DATE_METAVAR, help=_("the day the campaign ends ({forms})").format(forms=forms)
    )


def date_or_none(value: str) -> date | str:
    """A date, or ``none`` to clear it."""
    return "none" if value.strip().casefold() in ("none", "-") else parse_day(value)


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
        dates = f"  {dates_text(campaign)}" if campaign.starts_on or campaign.ends_on else ""
        lines.append(
            f"{campaign.id}  {campaign_status_label(campaign.status):<9}  {campaign.name}  [{stages}]{dates}{marker}"
        )
    out_lines(lines)
    return EXIT_OK


def dates_text(campaign: Campaign) -> str:
    """When the campaign runs, as far as its dates say."""
    if campaign.starts_on and campaign.ends_on:
        return _("{start} to {end}").format(start=format_date(campaign.starts_on), end=format_date(campaign.ends_on))
    if campaign.starts_on:
        return _("from {start}").format(start=format_date(campaign.starts_on))
    return _("until {end}").format(end=format_date(campaign.ends_on)) if campaign.ends_on else ""


def starting_stages(repo: Repository, args: argparse.Namespace) -> StageTemplate:
    return copied_from(repo.campaign(args.stages_from)) if args.stages_from else template(args.template)


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    goals = {"active_partners": args.target_partners, "workers_reached": args.target_workers}
    start = starting_stages(repo, args)
    campaign = repo.create_campaign(
        args.name,
        description=args.description,
        goals=goals,
        status=args.status,
        stages=list(start.stages),
        training_stage=start.training_stage,
        active_stage=start.active_stage,
        starts_on=args.starts,
        ends_on=args.ends,
    )
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
    for field, value in (("starts_on", args.starts), ("ends_on", args.ends)):
        if value is not None:
            changes[field] = None if value == "none" else value
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
