"""An organization's card on a campaign's board: ``org place``, ``org move``, ``org off-board`` and ``org restore``."""

from __future__ import annotations

import argparse

from store import OFF_BOARD_STATES, stage_label
from store.i18n import _

from ...display import off_board_label
from ..boards import campaign_of, open_repo
from ..exit_codes import EXIT_OK, Refused
from ..option_types import choice_key
from ..options import Commands, active_stage_label, campaign_option, org_argument, quoted
from ..output import note


def register(group: Commands) -> None:
    register_place(group)
    register_move(group)
    register_off_board(group)
    register_restore(group)


def register_place(group: Commands) -> None:
    p = group.add(
        "place",
        run_place,
        _("put existing organizations on another campaign's board"),
        _(
            "Put organizations already in the file on a campaign's board, one card each, in the first stage "
            "unless --stage. Their visits, trainings and history stay theirs. Nothing is placed if one of them "
            "is already on that board."
        ),
        [
            "outreach-tui org place CMB --campaign " + quoted("Red Chiapas 2027"),
            "outreach-tui org place CMB Frayba --campaign " + quoted("Red Chiapas 2027") + " --stage contacted",
        ],
    )
    p.add_argument("orgs", nargs="+", metavar="ORG", help=_("id, exact name or unique alias (one or more)"))
    campaign_option(p, _("the campaign whose board gets the cards (required)"))
    p.add_argument("--stage", metavar="S", help=_("stage key or label (default: the first stage)"))
    training_basis_options(p)
    p.add_argument("--reason", metavar="TEXT", help=_("why, for the history"))


def register_move(group: Commands) -> None:
    p = group.add(
        "move",
        run_move,
        _("move an organization's card to a stage"),
        _(
            "Move an organization's card to another stage; recorded in the history with who, when and why. "
            "A card already in that stage stays as it is: the command says so and exits 0."
        ),
        [
            "outreach-tui org move CMB --to trained --training trn-0123456789ab",
            "outreach-tui org move CMB --to trained --without-training --reason "
            + quoted(_("Trained by the ministry in 2025")),
            "outreach-tui org move 'Casa del Migrante Belén' --to active --reason "
            + quoted(_("Signed the partnership agreement")),
        ],
    )
    org_argument(p)
    p.add_argument(
        "--to",
        required=True,
        metavar="STAGE",
        help=_("stage key or label, e.g. trained or {label}").format(label=active_stage_label()),
    )
    campaign_option(p)
    p.add_argument("--reason", metavar="TEXT", help=_("why, for the history"))
    training_basis_options(p)


def training_basis_options(p: argparse._ActionsContainer) -> None:
    """What lets a card into the training stage: a training it attended, or none with a reason."""
    p.add_argument(
        "--training",
        metavar="ID",
        help=_("into the training stage (or past it): a training the organization attended (see org show)"),
    )
    without_training_option(p)


def without_training_option(p: argparse._ActionsContainer) -> None:
    p.add_argument(
        "--without-training",
        action="store_true",
        help=_("into the training stage (or past it) with no training: coordinators only, needs --reason"),
    )


def register_restore(group: Commands) -> None:
    p = group.add(
        "restore",
        run_restore,
        _("bring an off-board card back"),
        _("Bring an off-board organization back onto the board, to the stage it left from or to --to."),
        ["outreach-tui org restore CMB", "outreach-tui org restore CMB --to contacted"],
    )
    org_argument(p)
    p.add_argument("--to", metavar="STAGE", help=_("stage key or label (default: the stage it left from)"))
    campaign_option(p)


def register_off_board(group: Commands) -> None:
    p = group.add(
        "off-board",
        run_off_board,
        _("take a card off the board, with a reason"),
        _(
            "Take an organization off the campaign's board as not a fit or paused; it stays findable "
            "(org list --off-board) with its reason."
        ),
        [
            "outreach-tui org off-board CMB --state not-a-fit --reason "
            + quoted(_("Focus is housing, not labor rights")),
            "outreach-tui org off-board CMB --state paused --reason 'Retomar en seis meses'",
        ],
    )
    org_argument(p)
    p.add_argument(
        "--state",
        required=True,
        type=choice_key,
        choices=OFF_BOARD_STATES,
        metavar="not-a-fit|paused",
        help=_("not-a-fit or paused"),
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help=_("why (required)"))
    campaign_option(p)


def run_place(args: argparse.Namespace) -> int:
    if not args.campaign:
        raise Refused(_("Say which campaign's board gets them: --campaign C (see outreach-tui campaign list)."))
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign)
    orgs = [repo.find_organization(ref) for ref in args.orgs]
    placed = repo.place_organizations(
        [org.id for org in orgs],
        campaign.id,
        stage=args.stage,
        training_id=args.training,
        without_training=args.without_training,
        reason=args.reason or "",
    )
    stage = stage_label(campaign, placed[0].stage)
    for org in orgs:
        note(
            _("{org} is now on the board of {campaign}, in {stage}.").format(
                org=org.name, campaign=campaign.name, stage=stage
            )
        )
    return EXIT_OK


def run_move(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign, org)
    before = repo.placement(org.id, campaign.id)
    placement = repo.move(
        org.id,
        args.to,
        campaign_id=campaign.id,
        reason=args.reason or "",
        training_id=args.training,
        without_training=args.without_training,
    )
    if placement.version == before.version:
        # Already there: the store wrote nothing, and saying "now in" would invent a move (exit 0 all the same:
        # the card is where it was asked to be, so a script that repeats a move does not fail).
        message = _("{org} is already in {stage} ({campaign}); nothing was changed.")
    else:
        message = _("{org} is now in {stage} ({campaign}).")
    note(message.format(org=org.name, stage=stage_label(campaign, placement.stage), campaign=campaign.name))
    return EXIT_OK


def run_off_board(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    campaign = campaign_of(repo, args.campaign, org)
    repo.set_off_board(org.id, campaign_id=campaign.id, state=args.state, reason=args.reason)
    note(
        _("{org} is off the board of {campaign}: {state}.").format(
            org=org.name, campaign=campaign.name, state=off_board_label(args.state)
        )
    )
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    org = repo.find_organization(args.org)
    if org.archived:
        raise Refused(
            _("{org} is archived, not off the board; bring it back with: outreach-tui org unarchive {ref}").format(
                org=org.name, ref=quoted(args.org)
            )
        )
    campaign = campaign_of(repo, args.campaign, org)
    placement = repo.restore(org.id, campaign_id=campaign.id, stage=args.to)
    note(
        _("{org} is back on the board of {campaign}, in {stage}.").format(
            org=org.name, campaign=campaign.name, stage=stage_label(campaign, placement.stage)
        )
    )
    return EXIT_OK
