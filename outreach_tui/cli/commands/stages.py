"""``campaign stages`` and ``campaign stage add|rename|move|remove|training|active``: a campaign's own stages."""

from __future__ import annotations

import argparse

from store import Campaign, Repository, Stage, resolve_stage, shown_label
from store.i18n import _, ngettext

from ..boards import open_repo
from ..exit_codes import EXIT_OK, Refused
from ..options import Commands, json_flag
from ..output import dump_json, note, out_lines


def register(group: Commands) -> None:
    """Add the stage commands to the ``campaign`` group."""
    p = group.add(
        "stages",
        run_list,
        _("list a campaign's stages, with their cards and the training and active-partner marks"),
        examples=["outreach-tui campaign stages 'Chiapas 2027'", "outreach-tui campaign stages 'Chiapas 2027' --json"],
    )
    campaign_argument(p)
    json_flag(p, _("as JSON: each stage's key, label, labels per language and cards"))
    stage = group.group(
        "stage",
        _("add, rename, move or remove a campaign's stage; choose its training and active-partner stages"),
        _(
            "Change a campaign's stages (coordinators only). Stages are named by key (see campaign stages); "
            "each change is recorded in the history and undone with outreach-tui undo."
        ),
        examples=[
            "outreach-tui campaign stage add 'Chiapas 2027' visited --label Visited --label-es Visitada --after contacted",
            "outreach-tui campaign stage remove 'Chiapas 2027' visited --move-cards-to contacted",
        ],
    )
    register_add(stage)
    register_rename(stage)
    register_move(stage)
    register_remove(stage)
    register_special(stage)


def campaign_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("campaign_ref", metavar="C", help=_("campaign name or id"))


def stage_argument(p: argparse.ArgumentParser, help_text: str | None = None) -> None:
    p.add_argument("stage", metavar="KEY", help=help_text or _("the stage's key (or its label)"))


def position_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    where = p.add_mutually_exclusive_group(required=required)
    where.add_argument("--after", metavar="KEY", help=_("put it right after this stage"))
    where.add_argument("--first", action="store_true", help=_("make it the first stage"))


def register_add(group: Commands) -> None:
    p = group.add(
        "add",
        run_add,
        _("add a stage to a campaign"),
        _(
            "Add a stage (at most 12 per campaign), last unless --after or --first. KEY is how cards and the "
            "history name it and never changes: a lowercase letter, then lowercase letters, digits or underscores."
        ),
        [
            "outreach-tui campaign stage add 'Chiapas 2027' visited --label Visited --label-es Visitada --after contacted"
        ],
    )
    campaign_argument(p)
    stage_argument(p, _("the new stage's key, e.g. visited"))
    p.add_argument("--label", required=True, metavar="TEXT", help=_("its label (shown in languages without their own)"))
    p.add_argument("--label-es", metavar="TEXT", help=_("its label in Spanish"))
    position_options(p, required=False)


def register_rename(group: Commands) -> None:
    p = group.add(
        "rename",
        run_rename,
        _("change a stage's label, in one language or all"),
        _("Change the labels given; the key, the cards in the stage and its history stay."),
        ["outreach-tui campaign stage rename 'Chiapas 2027' trained --label 'Workshop done' --label-es 'Taller hecho'"],
    )
    campaign_argument(p)
    stage_argument(p)
    p.add_argument("--label", metavar="TEXT", help=_("its label (shown in languages without their own)"))
    p.add_argument("--label-es", metavar="TEXT", help=_("its label in Spanish"))


def register_move(group: Commands) -> None:
    p = group.add(
        "move",
        run_move,
        _("move a stage to another place on the board"),
        examples=[
            "outreach-tui campaign stage move 'Chiapas 2027' visited --after identified",
            "outreach-tui campaign stage move 'Chiapas 2027' identified --first",
        ],
    )
    campaign_argument(p)
    stage_argument(p)
    position_options(p, required=True)


def register_remove(group: Commands) -> None:
    p = group.add(
        "remove",
        run_remove,
        _("remove a stage that holds no card, or move its cards first in the same step"),
        _(
            "Remove a stage from the board. Refused while cards are in it (on the board, off it or archived), "
            "saying how many, unless --move-cards-to moves them in the same step. The last stage, the training "
            "stage and the active-partner stage cannot be removed. The history keeps naming the removed stage."
        ),
        ["outreach-tui campaign stage remove 'Chiapas 2027' visited --move-cards-to contacted"],
    )
    campaign_argument(p)
    stage_argument(p)
    p.add_argument("--move-cards-to", metavar="KEY", help=_("move the stage's cards to this stage in the same step"))


def register_special(group: Commands) -> None:
    p = group.add(
        "training",
        run_training,
        _("choose the stage a training moves its attendees into"),
        examples=["outreach-tui campaign stage training 'Chiapas 2027' trained"],
    )
    campaign_argument(p)
    stage_argument(p)
    p = group.add(
        "active",
        run_active,
        _("choose the stage whose cards count as active partners for goals and reports"),
        examples=["outreach-tui campaign stage active 'Chiapas 2027' active"],
    )
    campaign_argument(p)
    stage_argument(p)


# -- handlers ------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    cards = repo.stage_cards(campaign.id)
    if args.json:
        dump_json([{**stage.model_dump(mode="json"), "cards": cards.get(stage.key, 0)} for stage in campaign.stages])
        return EXIT_OK
    out_lines(_stage_line(campaign, stage, cards.get(stage.key, 0)) for stage in campaign.stages)
    return EXIT_OK


def _stage_line(campaign: Campaign, stage: Stage, count: int) -> str:
    labels = " / ".join(dict.fromkeys([stage.label, *stage.labels.values()]))
    marks = [_("training") for key in [campaign.training_stage] if key == stage.key]
    marks += [_("active partners") for key in [campaign.active_stage] if key == stage.key]
    cards = ngettext("{n} card", "{n} cards", count).format(n=count)
    return "  ".join((f"{stage.key:<12}", f"{labels:<30}", f"{cards:<11}", ", ".join(marks))).rstrip()


def run_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    labels = {"es": args.label_es} if args.label_es is not None else None
    updated = repo.add_stage(
        campaign.id,
        args.stage,
        args.label,
        labels=labels,
        position=_position(campaign, args.after, args.first, moving=None),
        expected_version=campaign.version,
    )
    added = updated.stage(args.stage)
    assert added is not None
    note(_("Added stage {stage} to {campaign}: {stages}.").format(**_names(updated, added)))
    return EXIT_OK


def run_rename(args: argparse.Namespace) -> int:
    if args.label is None and args.label_es is None:
        raise Refused(_("Nothing to change: give --label, --label-es or both."))
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    stage = resolve_stage(campaign, args.stage)
    labels = {"es": args.label_es} if args.label_es is not None else None
    updated = repo.rename_stage(
        campaign.id, stage.key, label=args.label, labels=labels, expected_version=campaign.version
    )
    renamed = updated.stage(stage.key)
    assert renamed is not None
    note(_("Renamed stage {key}: {labels}.").format(key=stage.key, labels=_all_labels(renamed)))
    return EXIT_OK


def run_move(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    stage = resolve_stage(campaign, args.stage)
    position = _position(campaign, args.after, args.first, moving=stage)
    assert position is not None  # --after or --first is required
    updated = repo.move_stage(campaign.id, stage.key, position, expected_version=campaign.version)
    note(_("Moved stage {stage} in {campaign}: {stages}.").format(**_names(updated, stage)))
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    stage = resolve_stage(campaign, args.stage)
    target = resolve_stage(campaign, args.move_cards_to) if args.move_cards_to is not None else None
    moved = repo.stage_cards(campaign.id).get(stage.key, 0) if target is not None else 0
    updated = repo.remove_stage(
        campaign.id,
        stage.key,
        move_cards_to=target.key if target else None,
        expected_version=campaign.version,
    )
    note(_("Removed stage {stage} from {campaign}: {stages}.").format(**_names(updated, stage)))
    if target is not None and moved:
        note(
            ngettext("Moved {n} card to {stage}.", "Moved {n} cards to {stage}.", moved).format(
                n=moved, stage=shown_label(target)
            )
        )
    return EXIT_OK


def run_training(args: argparse.Namespace) -> int:
    repo, campaign, stage = _special_target(args)
    if campaign.training_stage != stage.key:
        campaign = repo.set_training_stage(campaign.id, stage.key, expected_version=campaign.version)
    note(_("A training in {campaign} moves its attendees to {stage}.").format(**_names(campaign, stage)))
    return EXIT_OK


def run_active(args: argparse.Namespace) -> int:
    repo, campaign, stage = _special_target(args)
    if campaign.active_stage != stage.key:
        campaign = repo.set_active_stage(campaign.id, stage.key, expected_version=campaign.version)
    note(_("Cards in {stage} count as the active partners of {campaign}.").format(**_names(campaign, stage)))
    return EXIT_OK


# -- helpers ---------------------------------------------------------------------------------


def _special_target(args: argparse.Namespace) -> tuple[Repository, Campaign, Stage]:
    repo = open_repo(args)
    campaign = repo.campaign(args.campaign_ref)
    return repo, campaign, resolve_stage(campaign, args.stage)


def _position(campaign: Campaign, after: str | None, first: bool, *, moving: Stage | None) -> int | None:
    """The index ``--after KEY`` or ``--first`` means, counted without the stage being moved; None: last."""
    if first:
        return 0
    if after is None:
        return None
    anchor = resolve_stage(campaign, after)
    if moving is not None and anchor.key == moving.key:
        raise Refused(_("A stage cannot go after itself; name another stage with --after."))
    others = [stage.key for stage in campaign.stages if moving is None or stage.key != moving.key]
    return others.index(anchor.key) + 1


def _all_labels(stage: Stage) -> str:
    return " / ".join(dict.fromkeys([stage.label, *stage.labels.values()]))


def _names(campaign: Campaign, stage: Stage) -> dict[str, str]:
    return {
        "stage": shown_label(stage),
        "campaign": campaign.name,
        "stages": " → ".join(shown_label(s) for s in campaign.stages),
    }
