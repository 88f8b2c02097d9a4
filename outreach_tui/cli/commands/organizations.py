"""``org list``, ``org show``, ``org add``, ``org edit`` and ``org archive`` (the card moves are in cards.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from store import Board, Campaign, Card, Organization, Repository, resolve_stage, stage_label
from store.i18n import _, today
from store.plausibility import date_warnings
from store.text import fold

from ...details import load_details
from ...display import off_board_label
from ..boards import campaign_of, open_repo
from ..duplicates import refused_as_duplicate
from ..exit_codes import EXIT_OK, Refused
from ..option_types import DATE_METAVAR, date_forms, follow_up_option, parse_day, positive
from ..options import (
    Commands,
    active_stage_label,
    campaign_option,
    card_campaign_option,
    json_flag,
    org_argument,
    quoted,
)
from ..organization_text import organization_json, organization_lines
from ..output import dump_json, note, out, out_lines, warn_unusual_dates
from ..text import organizations_text, workers_text
from . import cards, forgetting, merging
from .organization_fields import add_field_options, org_fields


def register(commands: Commands) -> None:
    group = commands.group(
        "org",
        _("list, show, add, edit, place, move, archive, unarchive, merge organizations and forget their contacts"),
        _(
            "Organizations and their cards. ORG is an organization's id, exact name or unique alias (case and "
            "accents ignored). Without --campaign, a command about one organization acts on the one active "
            "campaign whose board it is on, else on the newest active campaign."
        ),
        ["outreach-tui org list --stage trained", "outreach-tui org move CMB --to trained"],
    )
    register_list(group)
    register_show(group)
    register_add(group)
    register_edit(group)
    cards.register(group)
    register_archive(group)
    register_unarchive(group)
    merging.register(group)
    forgetting.register(group)


def register_list(group: Commands) -> None:
    p = group.add(
        "list",
        run_list,
        _("list the organizations on a campaign's board"),
        _("List the organizations on a campaign's board in board order (one line each), or those taken off it."),
        [
            "outreach-tui org list",
            "outreach-tui org list --stage " + active_stage_label(),
            "outreach-tui org list --search juarez --json",
            "outreach-tui org list --off-board",
        ],
    )
    campaign_option(p)
    p.add_argument("--stage", metavar="S", help=_("only this stage (key or label)"))
    p.add_argument("--off-board", action="store_true", help=_("the organizations taken off the board instead"))
    p.add_argument("--search", metavar="Q", help=_("name, alias, place or tag contains Q; case and accents ignored"))
    json_flag(p, _("as JSON: every organization field plus its card"))


def register_show(group: Commands) -> None:
    p = group.add(
        "show",
        run_show,
        _("everything about one organization"),
        _(
            "All fields and contacts of an organization, its card on every campaign, its visits, trainings "
            "and recent history."
        ),
        ["outreach-tui org show CMB", "outreach-tui org show org-k3j9x0q2mz --json"],
    )
    org_argument(p)
    campaign_option(p, _("only this campaign's card, visits, trainings and history"))
    p.add_argument("--limit", type=positive, default=20, metavar="N", help=_("history entries to show (default 20)"))
    json_flag(p)


def register_add(group: Commands) -> None:
    p = group.add(
        "add",
        run_add,
        _("add an organization and its card"),
        _("Add an organization and put its card on the campaign's board (first stage unless --stage); prints its id."),
        [
            (
                "outreach-tui org add 'Casa del Migrante Belén' --alias CMB --type migrant-services \\\n"
                "      --state Coahuila --municipality Saltillo --legal cooperating-attorneys --migrants yes \\\n"
                "      --workers 1200 --language es --tag frontera --follow-up 2026-12-05"
            ),
            "id=$(outreach-tui org add 'Red Comunitaria Semilla' --stage trained --owner ana \\\n"
            "      --without-training --reason 'Trained by the state network in 2025')",
        ],
    )
    p.add_argument("name", metavar="NAME", help=_("the organization's name"))
    add_field_options(p)
    allow_duplicate_option(p)
    add_new_card_options(p)


def allow_duplicate_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-duplicate",
        action="store_true",
        help=_("save even if another organization has this name or alias (case, accents and A.C./S.C. ignored)"),
    )


def add_new_card_options(p: argparse.ArgumentParser) -> None:
    card = p.add_argument_group(_("its card"))
    card_campaign_option(p, card)
    card.add_argument("--stage", metavar="S", help=_("stage key or label (default: the first stage)"))
    card.add_argument("--owner", metavar="O", help=_("coordinator responsible for the card (default: you)"))
    card.add_argument(
        "--follow-up",
        type=parse_day,
        metavar=DATE_METAVAR,
        help=_("next follow-up date ({forms})").format(forms=date_forms()),
    )
    card.add_argument("--no-card", action="store_true", help=_("put it on no board"))
    cards.without_training_option(card)
    card.add_argument("--reason", metavar="TEXT", help=_("why it is in the training stage with no training"))


def register_edit(group: Commands) -> None:
    p = group.add(
        "edit",
        run_edit,
        _("change fields of an organization"),
        _(
            "Change the fields given; the others stay. A repeatable option replaces the whole list "
            "(--tag '' empties it). --owner and --follow-up change the card on the campaign. A change someone "
            "else made meanwhile is reported, not overwritten."
        ),
        [
            "outreach-tui org edit CMB --notes " + quoted(_("Two lawyers on staff")) + " --outreach regional",
            "outreach-tui org edit CMB --tag frontera --tag salud",
            "outreach-tui org edit CMB --follow-up 2027-01-15 --owner luis",
            "outreach-tui org edit CMB --follow-up none",
        ],
    )
    org_argument(p)
    p.add_argument("--name", help=_("new name"))
    add_field_options(p)
    allow_duplicate_option(p)
    add_card_change_options(p)


def add_card_change_options(p: argparse.ArgumentParser) -> None:
    card = p.add_argument_group(_("its card"))
    card_campaign_option(p, card)
    card.add_argument("--owner", metavar="O", help=_("coordinator responsible for the card"))
    card.add_argument(
        "--follow-up",
        type=follow_up_option,
        metavar=DATE_METAVAR + "|none",
        help=_("next follow-up date ({forms}), or none to clear it").format(forms=date_forms()),
    )


def register_archive(group: Commands) -> None:
    p = group.add(
        "archive",
        run_archive,
        _("hide an organization from every board"),
        _("Archive an organization: hidden from every board and list, kept in the file and its history."),
        ["outreach-tui org archive org-k3j9x0q2mz --reason " + quoted(_("Duplicate of CMB"))],
    )
    org_argument(p)
    p.add_argument("--reason", metavar="TEXT", help=_("why, for the history"))


def register_unarchive(group: Commands) -> None:
    p = group.add(
        "unarchive",
        run_unarchive,
        _("show an archived organization again"),
        _("Unarchive an organization: it is back on every board it was on, in the stage it was in."),
        ["outreach-tui org unarchive org-k3j9x0q2mz"],
    )
    org_argument(p)


def org_json(card: Card) -> dict[str, Any]:
    return {
        **card.organization.model_dump(mode="json"),
        "card": card.placement.model_dump(mode="json", exclude={"organization_id", "campaign_id"}),
    }


def run_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = campaign_of(repo, args.campaign)
    cards = listed_cards(args, repo.board(campaign.id), campaign)
    if args.json:
        dump_json([org_json(card) for card in cards])
        return EXIT_OK
    out_lines(list_line(campaign, card) for card in cards)
    if not cards:
        note(nothing_listed(args, campaign, several_campaigns=len(repo.campaigns()) > 1))
    elif sys.stderr.isatty():
        note(
            _("{organizations} in {campaign}").format(
                organizations=organizations_text(len(cards)), campaign=campaign.name
            )
        )
    return EXIT_OK


def listed_cards(args: argparse.Namespace, board: Board, campaign: Campaign) -> list[Card]:
    """The board's cards (or its off-board ones) in board order, filtered by --stage and --search."""
    cards = list(board.off_board) if args.off_board else [card for column in board.columns for card in column.cards]
    if args.stage:
        key = resolve_stage(campaign, args.stage).key
        cards = [card for card in cards if card.placement.stage == key]
    if args.search:
        wanted = fold(args.search.strip())
        cards = [card for card in cards if card.matches(wanted)]
    return cards


def nothing_listed(args: argparse.Namespace, campaign: Campaign, *, several_campaigns: bool) -> str:
    """Why ``org list`` printed nothing: the campaign and the filters it searched, so an empty answer is not a puzzle."""
    filters = " ".join(
        f"{option} {quoted(value)}" for option, value in (("--stage", args.stage), ("--search", args.search)) if value
    )
    if filters:
        template = (
            _("No organization off the board of {campaign} matches {filters}.")
            if args.off_board
            else _("No organization on the board of {campaign} matches {filters}.")
        )
    else:
        template = (
            _("No organization is off the board of {campaign}.")
            if args.off_board
            else _("The board of {campaign} has no organizations.")
        )
    found = template.format(campaign=campaign.name, filters=filters)
    if several_campaigns:
        found += " " + _("Another campaign: --campaign C (see outreach-tui campaign list).")
    return found


def list_line(campaign: Campaign, card: Card) -> str:
    org, placement = card.organization, card.placement
    where = f" · {org.place.label()}" if org.place.label() else ""
    if placement.off_board:
        state = f"{off_board_label(placement.off_board.state)}: {placement.off_board.reason}"
        return f"{org.id}  {org.name}{where} · {state}"
    label = stage_label(campaign, placement.stage)
    return f"{org.id}  {label:<15}  {org.name}{where} · {workers_text(org.workers)}"


def run_show(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    only = repo.campaign(args.campaign).id if args.campaign else None
    if args.json:
        dump_json(organization_json(repo, org, only, args.limit))
        return EXIT_OK
    details = load_details(repo, org.id, only, only_this_campaign=only is not None, history_limit=args.limit)
    out_lines(organization_lines(details, one_campaign=only is not None))
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = new_card_campaign(repo, args)
    stage = resolve_stage(campaign, args.stage).key if campaign and args.stage else None
    with refused_as_duplicate(_("Nothing was added; pass --allow-duplicate to add it anyway.")):
        org = repo.add_organization(
            org_fields(args),
            campaign_id=campaign.id if campaign else None,
            stage=stage,
            owner=args.owner,
            next_follow_up=args.follow_up,
            allow_duplicate=args.allow_duplicate,
            without_training=args.without_training,
            reason=args.reason or "",
        )
    out(org.id)
    added_note(repo, org, campaign)
    warn_unusual_follow_up(args.follow_up)
    return EXIT_OK


def warn_unusual_follow_up(follow_up: date | str | None) -> None:
    """``--follow-up`` as given (a date, "none" or None): a date long past is saved, and pointed out."""
    if isinstance(follow_up, date):
        warn_unusual_dates(date_warnings(today(), follow_up=follow_up))


def new_card_campaign(repo: Repository, args: argparse.Namespace) -> Campaign | None:
    """The campaign whose board gets the new organization's card; None for --no-card or a board without one."""
    campaign = None
    if not args.no_card:
        campaign = repo.campaign(args.campaign) if args.campaign else repo.default_campaign()
    card_options = args.stage is not None or args.owner is not None or args.follow_up is not None
    if campaign is None and card_options:
        raise Refused(
            _(
                "--stage, --owner and --follow-up describe a card, but there is no campaign to put it on. Nothing was added."
            )
        )
    return campaign


def added_note(repo: Repository, org: Organization, campaign: Campaign | None) -> None:
    if campaign:
        placement = repo.placement(org.id, campaign.id)
        note(
            _("Added {org} to {campaign}, in {stage}.").format(
                org=org.name, campaign=campaign.name, stage=stage_label(campaign, placement.stage)
            )
        )
    else:
        note(_("Added {org} (not on any campaign's board).").format(org=org.name))


def run_edit(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    fields = org_fields(args, org)
    card_changes = card_changes_of(args)
    if not fields and not card_changes:
        raise Refused(_("Nothing to change: give at least one field option (see outreach-tui org edit --help)."))
    campaign = campaign_of(repo, args.campaign, org) if card_changes else None
    # Read before changing anything: no card means a refusal with nothing written.
    card = repo.placement(org.id, campaign.id) if campaign is not None else None
    # The versions read here: a change another shell made since is reported, not overwritten.
    if fields:
        with refused_as_duplicate(_("Nothing was saved; pass --allow-duplicate to save it anyway.")):
            org = repo.update_organization(
                org.id, fields, expected_version=org.version, allow_duplicate=args.allow_duplicate
            )
    if campaign is not None and card is not None:
        repo.edit_card(org.id, campaign_id=campaign.id, changes=card_changes, expected_version=card.version)
    note(_("Saved {org}.").format(org=org.name))
    warn_unusual_follow_up(args.follow_up)
    return EXIT_OK


def card_changes_of(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.owner is not None:
        changes["owner"] = args.owner
    if args.follow_up is not None:
        changes["next_follow_up"] = None if args.follow_up == "none" else args.follow_up
    return changes


def run_archive(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    repo.archive_organization(org.id, reason=args.reason or "")
    note(_("Archived {org}: hidden from every board, kept in the file and its history.").format(org=org.name))
    return EXIT_OK


def run_unarchive(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    if not org.archived:
        note(_("{org} is not archived; nothing to do.").format(org=org.name))
        return EXIT_OK
    repo.unarchive_organization(org.id, expected_version=org.version)
    note(_("Unarchived {org}: back on every board it was on.").format(org=org.name))
    return EXIT_OK
