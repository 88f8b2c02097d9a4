"""The training rule: a card reaches a campaign's training stage only through a training, or with a stated reason.

Every way a card can get there (a move, a new card, a card brought back, an import)
asks this module, so the trained count reported to funders means the same thing
whichever tool changed the board.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import NotFoundError, ValidationFailed
from ..i18n import _, format_date
from ..models import Campaign, Organization
from ..stages import stage_label
from ..text import display_safe
from ..transaction import Transaction


@dataclass(frozen=True)
class TrainingBasis:
    """What lets a card into the training stage: a training it attended, or a reason for going without one."""

    training_id: str | None = None
    without_training: bool = False
    reason: str = ""


NO_BASIS = TrainingBasis()


def reaches_training(campaign: Campaign, from_stage: str | None, to_stage: str) -> bool:
    """Whether a card going from ``from_stage`` (``None``: a new card) to ``to_stage`` enters the training stage
    or a stage after it. Skipping the training stage counts: an active partner has been trained."""
    trained_at = campaign.stage_index(campaign.training_stage)
    if trained_at <= 0:
        # Every card starts in a training stage that is the first stage: there is nothing to enter.
        return False
    before = from_stage is None or campaign.stage_index(from_stage) < trained_at
    return before and campaign.stage_index(to_stage) >= trained_at


def basis_fields(
    tx: Transaction, campaign: Campaign, org: Organization, from_stage: str | None, to_stage: str, basis: TrainingBasis
) -> dict[str, Any]:
    """The history fields that record why the card may go to ``to_stage``; ``ValidationFailed`` when nothing does."""
    if basis.training_id and basis.without_training:
        raise ValidationFailed(_("Name a training or move without a training, not both."))
    if basis.training_id:
        _check_attended(tx, campaign, org, basis.training_id)
        return {"training_id": basis.training_id}
    if not reaches_training(campaign, from_stage, to_stage):
        return {}
    if basis.without_training:
        tx.require("move_without_training")
        if not basis.reason.strip():
            raise ValidationFailed(
                _("A reason is required to move a card into {stage} without a training.").format(
                    stage=display_safe(stage_label(campaign, campaign.training_stage))
                ),
                [("reason", _("required"))],
            )
        return {"without_training": True}
    raise ValidationFailed(training_required_message(campaign, org))


def training_required_message(campaign: Campaign, org: Organization) -> str:
    return _(
        "{org} can enter {stage} only with a training: record the training it attended (training add), "
        "name one it attended (--training ID), or move it with --without-training and a --reason."
    ).format(org=display_safe(org.name), stage=display_safe(stage_label(campaign, campaign.training_stage)))


def _check_attended(tx: Transaction, campaign: Campaign, org: Organization, training_id: str) -> None:
    training = tx.doc.trainings.get(training_id)
    if training is None or training.campaign_id != campaign.id:
        raise NotFoundError(
            _("Campaign {campaign} has no training {id}.").format(
                campaign=display_safe(campaign.name), id=display_safe(training_id)
            )
        )
    if all(item.organization_id != org.id for item in training.attendance):
        raise ValidationFailed(
            _("{org} did not attend training {id} ({date}).").format(
                org=display_safe(org.name), id=training.id, date=format_date(training.date)
            )
        )
