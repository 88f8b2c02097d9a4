"""Cards on a campaign's board: placing, moving, editing, taking off the board and bringing back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .. import permissions, queries
from ..errors import ValidationFailed
from ..i18n import _
from ..models import OFF_BOARD_STATES, Campaign, Organization, Placement
from ..stages import resolve_stage, stage_label
from ..text import display_safe
from ..transaction import Transaction
from ..validation import apply_changes, validate
from .training_rule import NO_BASIS, TrainingBasis, basis_fields, reaches_training

EDITABLE_CARD_FIELDS = frozenset({"owner", "next_follow_up"})


def place(
    tx: Transaction,
    org_id: str,
    campaign_id: str,
    *,
    stage: str | None = None,
    owner: str | None = None,
    next_follow_up: date | None = None,
    basis: TrainingBasis = NO_BASIS,
) -> Placement:
    """Put an existing organization on a campaign's board (one organization can be in many campaigns).

    A card put in the training stage or after it needs ``basis`` (see ``training_rule``).
    """
    tx.require("place")
    org = queries.organization(tx.doc, org_id)
    return place_card(tx, org, queries.campaign(tx.doc, campaign_id), stage, owner, next_follow_up, basis)


def place_organizations(
    tx: Transaction, org_ids: list[str], campaign_id: str, *, stage: str | None, basis: TrainingBasis = NO_BASIS
) -> list[Placement]:
    """Put several existing organizations on a campaign's board, all or none.

    Those already on it (or archived) are named in one refusal, so a person fixes the
    whole list at once and nothing is half-placed. The training rule applies to each card.
    """
    tx.require("place")
    campaign = queries.campaign(tx.doc, campaign_id)
    orgs = list({org.id: org for org in (queries.organization(tx.doc, org_id) for org_id in org_ids)}.values())
    if not orgs:
        raise ValidationFailed(_("Name at least one organization to put on the board."))
    on_board = tx.doc.placements.in_campaign(campaign.id)
    _refuse_listed(
        [org for org in orgs if org.id in on_board],
        _("Already on the board of {campaign}: {orgs}. Nothing was placed."),
        campaign,
    )
    _refuse_listed(
        [org for org in orgs if org.archived],
        _("Archived, so not shown on any board: {orgs}. Unarchive them first. Nothing was placed."),
        campaign,
    )
    stage_key = resolve_stage(campaign, stage).key if stage else campaign.stages[0].key
    return [place_card(tx, org, campaign, stage_key, None, None, basis) for org in orgs]


def _refuse_listed(orgs: list[Organization], message: str, campaign: Campaign) -> None:
    if orgs:
        names = ", ".join(display_safe(org.name) for org in orgs)
        raise ValidationFailed(message.format(campaign=display_safe(campaign.name), orgs=names))


def place_card(
    tx: Transaction,
    org: Organization,
    campaign: Campaign,
    stage: str | None,
    owner: str | None,
    next_follow_up: date | None,
    basis: TrainingBasis = NO_BASIS,
) -> Placement:
    """A new card for ``org`` on ``campaign``'s board (no role check: callers have done it)."""
    if org.id in tx.doc.placements.in_campaign(campaign.id):
        raise ValidationFailed(
            _("{org} is already on the board of {campaign}.").format(
                org=display_safe(org.name), campaign=display_safe(campaign.name)
            )
        )
    stage_key = stage or campaign.stages[0].key
    stage_key = resolve_stage(campaign, stage_key).key
    why = basis_fields(tx, campaign, org, None, stage_key, basis)
    placement = _new_card(tx, org.id, campaign.id, stage_key, owner if owner is not None else tx.by, next_follow_up)
    tx.put("placements", placement)
    where = {"organization_id": org.id, "campaign_id": campaign.id}
    if why.get("without_training"):
        where["reason"] = basis.reason.strip()
    tx.event("placed", "placement", placement.id, **where, to_stage=stage_key, version_after=1, **why)
    return placement


def _new_card(
    tx: Transaction, org_id: str, campaign_id: str, stage: str, owner: str, next_follow_up: date | None
) -> Placement:
    now = tx.clock()
    data = {
        "id": tx.ids.new("card"),
        "organization_id": org_id,
        "campaign_id": campaign_id,
        "stage": stage,
        "stage_since": now,
        "owner": owner,
        "next_follow_up": next_follow_up,
        "updated_at": now,
        "updated_by": tx.by,
    }
    return validate(Placement, data, _("card"))


def save_card(
    tx: Transaction, before: Placement, updated: Placement, diff: dict[str, list[Any]], kind: str, **fields: Any
) -> Placement:
    """Store a changed card and write its history event (the one place that does both)."""
    tx.put("placements", updated)
    tx.event(
        kind,
        "placement",
        before.id,
        organization_id=before.organization_id,
        campaign_id=before.campaign_id,
        changes=diff,
        version_after=updated.version,
        **fields,
    )
    return updated


def _card_of(tx: Transaction, org_id: str, campaign_id: str, expected_version: int | None) -> Placement:
    """The card, refused as a conflict when it changed since the person saw ``expected_version``."""
    placement = queries.placement(tx.doc, org_id, campaign_id)
    org = queries.organization(tx.doc, org_id)
    tx.check_version("placement", placement.id, org.name, expected_version, placement.version)
    return placement


def move(
    tx: Transaction,
    org_id: str,
    stage: str,
    *,
    campaign_id: str,
    expected_version: int | None,
    reason: str,
    training_id: str | None = None,
    without_training: bool = False,
) -> Placement:
    """Move an organization's card to ``stage`` (a stage key or label) on a campaign's board.

    Into the training stage, or past it from before it, only with ``training_id`` (a training the organization
    attended) or ``without_training`` and a ``reason`` (see ``training_rule``).
    """
    campaign = queries.campaign(tx.doc, campaign_id)
    target = resolve_stage(campaign, stage)
    placement = _card_of(tx, org_id, campaign.id, expected_version)
    tx.require(permissions.move_action(campaign.training_stage, placement.stage, target.key))
    org = queries.organization(tx.doc, org_id)
    if placement.off_board is not None:
        raise ValidationFailed(
            _("{org} is off the board ({state}); restore it before moving it.").format(
                org=display_safe(org.name), state=_(placement.off_board.state)
            )
        )
    if placement.stage == target.key:
        return placement
    basis = TrainingBasis(training_id, without_training, reason)
    why = basis_fields(tx, campaign, org, placement.stage, target.key, basis)
    return move_card(tx, placement, target.key, reason, **why)


def move_card(tx: Transaction, placement: Placement, stage: str, reason: str, **why: Any) -> Placement:
    """Move a card (no role check, no training rule: callers have applied both); ``why`` joins its history event."""
    now = tx.clock()
    updated, diff = apply_changes(placement, {"stage": stage, "stage_since": now, "updated_by": tx.by}, now, _("card"))
    return save_card(
        tx, placement, updated, diff, "moved", from_stage=placement.stage, to_stage=stage, reason=reason, **why
    )


def edit_card(
    tx: Transaction, org_id: str, *, campaign_id: str, changes: Mapping[str, Any], expected_version: int | None
) -> Placement:
    """Change the owner or the next follow-up date of a card."""
    if set(changes) - EDITABLE_CARD_FIELDS:
        raise ValidationFailed(
            _("Only these card fields can be edited: {fields}.").format(fields=", ".join(sorted(EDITABLE_CARD_FIELDS)))
        )
    for action in permissions.card_edit_actions(tx.role(), set(changes)):
        tx.require(action)
    placement = _card_of(tx, org_id, campaign_id, expected_version)
    updated, diff = apply_changes(placement, {**changes, "updated_by": tx.by}, tx.clock(), _("card"))
    if set(diff) <= {"updated_by"}:
        return placement
    return save_card(tx, placement, updated, diff, "placement_edited")


def set_off_board(
    tx: Transaction, org_id: str, *, campaign_id: str, state: str, reason: str, expected_version: int | None
) -> Placement:
    """Take a card off the board as ``not_a_fit`` or ``paused``; a reason is required."""
    tx.require("off_board")
    if state not in OFF_BOARD_STATES:
        raise ValidationFailed(
            _("The state must be 'not_a_fit' or 'paused'."), [("state", _("choose not a fit or paused"))]
        )
    if not reason.strip():
        raise ValidationFailed(_("A reason is required to take a card off the board."), [("reason", _("required"))])
    placement = _card_of(tx, org_id, campaign_id, expected_version)
    updated, diff = apply_changes(
        placement, {"off_board": {"state": state, "reason": reason}, "updated_by": tx.by}, tx.clock(), _("card")
    )
    return save_card(tx, placement, updated, diff, "off_board", from_stage=placement.stage, reason=reason.strip())


def restore(
    tx: Transaction, org_id: str, *, campaign_id: str, stage: str | None, expected_version: int | None
) -> Placement:
    """Bring an off-board card back, to ``stage`` or to the stage it left from."""
    tx.require("restore")
    placement = queries.placement(tx.doc, org_id, campaign_id)
    org = queries.organization(tx.doc, org_id)
    if org.archived:
        raise ValidationFailed(
            _("{org} is archived, not off the board; unarchive it to bring it back.").format(org=display_safe(org.name))
        )
    campaign = queries.campaign(tx.doc, campaign_id)
    tx.check_version("placement", placement.id, org.name, expected_version, placement.version)
    if placement.off_board is None:
        return placement
    target = resolve_stage(campaign, stage).key if stage else placement.stage
    if target != placement.stage and reaches_training(campaign, placement.stage, target):
        raise ValidationFailed(
            _("{org} left the board from {stage}: bring it back there, then move it with its training.").format(
                org=display_safe(org.name), stage=display_safe(stage_label(campaign, placement.stage))
            )
        )
    now = tx.clock()
    update: dict[str, Any] = {"off_board": None, "updated_by": tx.by}
    if target != placement.stage:
        update.update(stage=target, stage_since=now)
    updated, diff = apply_changes(placement, update, now, _("card"))
    return save_card(tx, placement, updated, diff, "restored", to_stage=target)
