"""Visits and trainings, and what they do to the cards of the organizations involved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import queries
from ..duplicates import check_training
from ..errors import ValidationFailed
from ..i18n import _
from ..models import Attendance, Campaign, Organization, Training, Visit
from ..transaction import Transaction
from ..validation import apply_changes, validate
from .cards import move_card, place_card, save_card
from .training_rule import TrainingBasis

CREATION_FIELDS = frozenset({"id", "created_at", "created_by", "version"})
"""Fields the program sets itself on a visit or a training."""


def log_visit(tx: Transaction, fields: Mapping[str, Any], *, update_follow_up: bool = True) -> Visit:
    """Record a follow-up visit. Its next follow-up date also becomes the card's."""
    tx.require("log_visit")
    now = tx.clock()
    data = {k: v for k, v in fields.items() if k not in CREATION_FIELDS}
    data.update(id=tx.ids.new("vis"), created_at=now, created_by=tx.by)
    visit = validate(Visit, data, _("visit"))
    queries.organization(tx.doc, visit.organization_id)
    queries.campaign(tx.doc, visit.campaign_id)
    tx.put("visits", visit)
    where = {"organization_id": visit.organization_id, "campaign_id": visit.campaign_id}
    tx.event("visit_logged", "visit", visit.id, **where, version_after=1)
    if update_follow_up:
        _follow_up_from(tx, visit)
    return visit


def _follow_up_from(tx: Transaction, visit: Visit) -> None:
    placement = tx.doc.placements.in_campaign(visit.campaign_id).get(visit.organization_id)
    if placement is not None and placement.next_follow_up != visit.next_follow_up:
        updated, diff = apply_changes(placement, {"next_follow_up": visit.next_follow_up}, tx.clock(), _("card"))
        save_card(tx, placement, updated, diff, "placement_edited")


def record_training(tx: Transaction, fields: Mapping[str, Any], *, allow_duplicate: bool = False) -> Training:
    """Record a training; every attending organization moves to the campaign's training stage.

    Organizations already past that stage stay where they are; attendees not yet on
    the board are placed on it; off-board attendees come back. All in one write. One
    with the campaign, date and attendees of a recorded one raises ``DuplicateError``
    unless ``allow_duplicate``.
    """
    tx.require("record_training")
    now = tx.clock()
    data = {k: v for k, v in fields.items() if k not in CREATION_FIELDS}
    data["attendance"] = [a.model_dump() if isinstance(a, Attendance) else dict(a) for a in data.get("attendance", [])]
    data.update(id=tx.ids.new("trn"), created_at=now, created_by=tx.by)
    training = validate(Training, data, _("training"))
    _require_topic(training)
    campaign = queries.campaign(tx.doc, training.campaign_id)
    attendees = [queries.organization(tx.doc, item.organization_id) for item in training.attendance]
    if not allow_duplicate:
        check_training(tx.doc, training)
    tx.put("trainings", training)
    tx.event("training_recorded", "training", training.id, campaign_id=campaign.id, version_after=1)
    for org in attendees:
        _trained(tx, org, campaign, training)
    return training


def _require_topic(training: Training) -> None:
    """A new training says what it covered.

    Checked here rather than in the model, which also reads trainings recorded before
    the topic was required: a board holding one must still open.
    """
    if not training.topic.strip():
        raise ValidationFailed(
            _("Not recorded: a training needs a topic (what it covered)."),
            [("topic", _("required: say what the training covered"))],
        )


def _trained(tx: Transaction, org: Organization, campaign: Campaign, training: Training) -> None:
    """Bring an attendee's card to the training stage (placing it, or bringing it back, if need be)."""
    placement = tx.doc.placements.in_campaign(campaign.id).get(org.id)
    if placement is None:
        place_card(tx, org, campaign, campaign.training_stage, None, None, TrainingBasis(training_id=training.id))
        return
    reason = _("attended a training")
    if placement.off_board is not None:
        updated, diff = apply_changes(placement, {"off_board": None, "updated_by": tx.by}, tx.clock(), _("card"))
        placement = save_card(tx, placement, updated, diff, "restored", to_stage=placement.stage, reason=reason)
    if campaign.stage_index(placement.stage) < campaign.stage_index(campaign.training_stage):
        move_card(tx, placement, campaign.training_stage, reason, training_id=training.id)
