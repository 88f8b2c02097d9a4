"""A campaign's stages shaped by its network: add, rename, reorder and retire them; choose the special ones.

Each change is one campaign edit (one history event, undone like any other edit), and a
card moved out of a retired stage is moved in the same transaction, so undo puts both back.
A retired stage leaves the board but keeps its labels in ``Campaign.retired_stages``: the
history that names it still reads with its name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import queries
from ..errors import NotFoundError, ValidationFailed
from ..history import STAGE_REMOVED_REASON
from ..i18n import _, format_number, ngettext
from ..models import MAX_STAGES, Campaign, Placement, Stage
from ..stages import shown_label, stage_label
from ..text import display_safe, forbidden_characters
from ..transaction import Transaction
from ..validation import apply_changes
from .cards import move_card
from .training_rule import reaches_training

STAGE_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
"""What a stage key looks like (as ``store.models.StageKey`` checks it)."""


def add_stage(
    tx: Transaction,
    campaign_id: str,
    key: str,
    label: str,
    *,
    labels: Mapping[str, str] | None = None,
    position: int | None = None,
    expected_version: int | None = None,
) -> Campaign:
    campaign = _campaign(tx, campaign_id, expected_version)
    _check_key(campaign, key)
    if len(campaign.stages) >= MAX_STAGES:
        raise ValidationFailed(
            _("Campaign {campaign} has {n} stages, the most a board has.").format(
                campaign=display_safe(campaign.name), n=MAX_STAGES
            ),
            [("stages", _("too many stages"))],
        )
    stage = Stage.model_validate({"key": key, "label": _checked_label(label), "labels": _checked_labels(labels)})
    stages = list(campaign.stages)
    stages.insert(len(stages) if position is None else max(0, min(position, len(stages))), stage)
    retired = [s for s in campaign.retired_stages if s.key != key]  # adding a retired key brings it back
    return _save(tx, campaign, {"stages": _dumped(stages), "retired_stages": _dumped(retired)})


def rename_stage(
    tx: Transaction,
    campaign_id: str,
    key: str,
    *,
    label: str | None = None,
    labels: Mapping[str, str | None] | None = None,
    expected_version: int | None = None,
) -> Campaign:
    campaign = _campaign(tx, campaign_id, expected_version)
    stage = _stage(campaign, key)
    new_labels = dict(stage.labels)
    for language, text in (labels or {}).items():
        if text is None:
            new_labels.pop(language, None)
        else:
            new_labels[language] = _checked_label(text)
    renamed = stage.model_copy(
        update={"label": stage.label if label is None else _checked_label(label), "labels": new_labels}
    )
    stages = [renamed if s.key == key else s for s in campaign.stages]
    return _save(tx, campaign, {"stages": _dumped(stages)})


def move_stage(
    tx: Transaction, campaign_id: str, key: str, position: int, *, expected_version: int | None = None
) -> Campaign:
    campaign = _campaign(tx, campaign_id, expected_version)
    stage = _stage(campaign, key)
    stages = [s for s in campaign.stages if s.key != key]
    stages.insert(max(0, min(position, len(stages))), stage)
    return _save(tx, campaign, {"stages": _dumped(stages)})


def remove_stage(
    tx: Transaction,
    campaign_id: str,
    key: str,
    *,
    move_cards_to: str | None = None,
    expected_version: int | None = None,
) -> Campaign:
    campaign = _campaign(tx, campaign_id, expected_version)
    stage = _stage(campaign, key)
    _refuse_special(campaign, stage)
    cards = _cards_in(tx, campaign, key)
    if cards and move_cards_to is None:
        raise ValidationFailed(_stage_in_use(campaign, stage, len(cards)), [("stage", _("holds cards"))])
    if cards and move_cards_to is not None:
        _move_cards(tx, _target(campaign, stage, move_cards_to), cards)
    stages = [s for s in campaign.stages if s.key != key]
    retired = [*(s for s in campaign.retired_stages if s.key != key), stage]
    return _save(tx, campaign, {"stages": _dumped(stages), "retired_stages": _dumped(retired)})


def set_training_stage(tx: Transaction, campaign_id: str, key: str, *, expected_version: int | None = None) -> Campaign:
    campaign = _campaign(tx, campaign_id, expected_version)
    return _save(tx, campaign, {"training_stage": _stage(campaign, key).key})


def set_active_stage(tx: Transaction, campaign_id: str, key: str, *, expected_version: int | None = None) -> Campaign:
    campaign = _campaign(tx, campaign_id, expected_version)
    return _save(tx, campaign, {"active_stage": _stage(campaign, key).key})


# -- checks -----------------------------------------------------------------------------


def _campaign(tx: Transaction, campaign_id: str, expected_version: int | None) -> Campaign:
    tx.require("change_stages")
    campaign = queries.campaign(tx.doc, campaign_id)
    tx.check_version("campaign", campaign.id, campaign.name, expected_version, campaign.version)
    return campaign


def _stage(campaign: Campaign, key: str) -> Stage:
    stage = campaign.stage(key)
    if stage is None:
        raise NotFoundError(
            _("Campaign {campaign} has no stage {key!r}; its stages are: {stages}.").format(
                campaign=display_safe(campaign.name),
                key=display_safe(key),
                stages=", ".join(s.key for s in campaign.stages),
            )
        )
    return stage


def _check_key(campaign: Campaign, key: str) -> None:
    if not STAGE_KEY.fullmatch(key):
        raise ValidationFailed(
            _(
                "{key!r} cannot be a stage key: use a lowercase letter, then up to 39 lowercase letters, "
                "digits or underscores (e.g. visited)."
            ).format(key=display_safe(key)),
            [("key", _("not a stage key"))],
        )
    if campaign.stage(key) is not None:
        raise ValidationFailed(
            _("Campaign {campaign} already has a stage {key!r}.").format(campaign=display_safe(campaign.name), key=key),
            [("key", _("already used by another stage"))],
        )


def _checked_label(label: str) -> str:
    text = label.strip()
    if not text:
        raise ValidationFailed(_("A stage needs a label."), [("label", _("required"))])
    codes = forbidden_characters(text, multiline=False)
    if codes:
        raise ValidationFailed(
            _("A stage label cannot contain control or format characters ({codes}).").format(codes=", ".join(codes)),
            [("label", _("contains characters that are not allowed"))],
        )
    if len(text) > 200:
        raise ValidationFailed(_("A stage label has at most 200 characters."), [("label", _("too long"))])
    return text


def _checked_labels(labels: Mapping[str, str] | None) -> dict[str, str]:
    return {language: _checked_label(text) for language, text in (labels or {}).items()}


def _refuse_special(campaign: Campaign, stage: Stage) -> None:
    if len(campaign.stages) == 1:
        raise ValidationFailed(
            _("{stage} is the only stage of campaign {campaign}; a board needs at least one.").format(
                stage=display_safe(shown_label(stage)), campaign=display_safe(campaign.name)
            ),
            [("stage", _("the last stage"))],
        )
    roles = {
        campaign.training_stage: _("{stage} is the training stage; choose another training stage first."),
        campaign.active_stage: _("{stage} is the active-partner stage; choose another active-partner stage first."),
    }
    if stage.key in roles:
        raise ValidationFailed(
            roles[stage.key].format(stage=display_safe(shown_label(stage))), [("stage", _("a special stage"))]
        )


def _cards_in(tx: Transaction, campaign: Campaign, key: str) -> list[Placement]:
    return [card for card in tx.doc.placements.in_campaign(campaign.id).values() if card.stage == key]


def _stage_in_use(campaign: Campaign, stage: Stage, count: int) -> str:
    return ngettext(
        "Stage {stage} of campaign {campaign} still holds {n} card (on the board, off it or archived); "
        "move it to another stage first, or in the same step (--move-cards-to STAGE).",
        "Stage {stage} of campaign {campaign} still holds {n} cards (on the board, off it or archived); "
        "move them to another stage first, or in the same step (--move-cards-to STAGE).",
        count,
    ).format(stage=display_safe(shown_label(stage)), campaign=display_safe(campaign.name), n=format_number(count))


def _target(campaign: Campaign, removed: Stage, key: str) -> Stage:
    target = _stage(campaign, key)
    if target.key == removed.key:
        raise ValidationFailed(
            _("The cards of {stage} must go to another stage.").format(stage=display_safe(shown_label(removed))),
            [("move_cards_to", _("the stage being removed"))],
        )
    if reaches_training(campaign, removed.key, target.key):
        raise ValidationFailed(
            _(
                "Moving the cards of {stage} to {target} would put them in the training stage or past it "
                "without a training; move them one by one (org move) instead."
            ).format(stage=display_safe(shown_label(removed)), target=display_safe(shown_label(target))),
            [("move_cards_to", _("past the training stage"))],
        )
    return target


def _move_cards(tx: Transaction, target: Stage, cards: list[Placement]) -> None:
    for card in cards:
        move_card(tx, card, target.key, STAGE_REMOVED_REASON)


# -- writing ------------------------------------------------------------------------------


def _dumped(stages: list[Stage]) -> list[dict[str, Any]]:
    return [stage.model_dump(mode="json") for stage in stages]


def _save(tx: Transaction, campaign: Campaign, changes: Mapping[str, Any]) -> Campaign:
    updated, diff = apply_changes(campaign, changes, tx.clock(), _("campaign"))
    if not diff:
        return campaign
    _refuse_untrained(tx, campaign, updated)
    tx.put("campaigns", updated)
    tx.event(
        "campaign_edited", "campaign", campaign.id, campaign_id=campaign.id, changes=diff, version_after=updated.version
    )
    return updated


def _refuse_untrained(tx: Transaction, before: Campaign, after: Campaign) -> None:
    """The training rule for stage changes: a new order or training stage must not count untrained cards as trained."""
    attended = {
        item.organization_id
        for training in tx.doc.trainings.values()
        if training.campaign_id == before.id
        for item in training.attendance
    }
    crossing = [
        card
        for card in tx.doc.placements.in_campaign(before.id).values()
        if card.organization_id not in attended and not _trained(before, card.stage) and _trained(after, card.stage)
    ]
    if not crossing:
        return
    stages = dict.fromkeys(shown_label(stage) for card in crossing if (stage := after.stage(card.stage)))
    raise ValidationFailed(
        ngettext(
            "{n} card in {stages} has no training and would then count as trained ({training} or past it); "
            "move it first, or record its training.",
            "{n} cards in {stages} have no training and would then count as trained ({training} or past it); "
            "move them first, or record their training.",
            len(crossing),
        ).format(
            n=format_number(len(crossing)),
            stages=display_safe(", ".join(stages)),
            training=display_safe(stage_label(after, after.training_stage)),
        ),
        [("stages", _("would count untrained cards as trained"))],
    )


def _trained(campaign: Campaign, key: str) -> bool:
    return campaign.stage_index(key) >= campaign.stage_index(campaign.training_stage)
