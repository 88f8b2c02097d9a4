"""Creating and changing campaigns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import queries
from ..errors import ValidationFailed
from ..i18n import _
from ..models import Campaign, Stage
from ..text import display_safe, fold
from ..transaction import Transaction
from ..validation import apply_changes, validate


def create_campaign(
    tx: Transaction,
    name: str,
    *,
    description: str = "",
    stages: list[Stage] | None = None,
    goals: Mapping[str, Any] | None = None,
    status: str = "active",
    details: Mapping[str, Any] | None = None,
) -> Campaign:
    """A new campaign; ``details`` holds further fields (``training_stage``, ``active_stage``, ``starts_on``...)."""
    tx.require("create_campaign")
    data = {**_new_campaign(tx, name, description, stages, goals, status), **(details or {})}
    campaign = validate(Campaign, data, _("campaign"))
    _refuse_taken_name(tx, campaign)
    tx.put("campaigns", campaign)
    tx.event("campaign_created", "campaign", campaign.id, campaign_id=campaign.id, version_after=1)
    return campaign


def _refuse_taken_name(tx: Transaction, campaign: Campaign) -> None:
    """Campaigns are named on the command line (--campaign NAME): two with one name could not be told apart."""
    if any(fold(c.name) == fold(campaign.name) and c.id != campaign.id for c in tx.doc.campaigns.values()):
        raise ValidationFailed(
            _("A campaign named {name!r} already exists.").format(name=display_safe(campaign.name)),
            [("name", _("already used by another campaign"))],
        )


def _new_campaign(
    tx: Transaction,
    name: str,
    description: str,
    stages: list[Stage] | None,
    goals: Mapping[str, Any] | None,
    status: str,
) -> dict[str, Any]:
    now = tx.clock()
    data: dict[str, Any] = {
        "id": tx.ids.new("cmp"),
        "name": name,
        "description": description,
        "goals": dict(goals or {}),
        "status": status,
        "created_at": now,
        "updated_at": now,
    }
    if stages is not None:
        data["stages"] = [s.model_dump() if isinstance(s, Stage) else s for s in stages]
        keys = [s["key"] for s in data["stages"]]
        if "trained" not in keys and keys:
            # A training moves cards to the second stage when no stage is called "trained".
            data["training_stage"] = keys[min(1, len(keys) - 1)]
    return data


def edit_campaign(
    tx: Transaction, campaign_id: str, changes: Mapping[str, Any], *, expected_version: int | None = None
) -> Campaign:
    tx.require("edit_campaign")
    campaign = queries.campaign(tx.doc, campaign_id)
    tx.check_version("campaign", campaign.id, campaign.name, expected_version, campaign.version)
    updated, diff = apply_changes(campaign, changes, tx.clock(), _("campaign"))
    if not diff:
        return campaign
    if "name" in diff:
        _refuse_taken_name(tx, updated)
    stage_keys = {stage.key for stage in updated.stages}
    used = {p.stage for p in tx.doc.placements.in_campaign(campaign.id).values()}
    if used - stage_keys:
        raise ValidationFailed(
            _("Stages {keys} still hold cards; move those cards before removing the stage.").format(
                keys=", ".join(sorted(used - stage_keys))
            ),
            [("stages", _("a removed stage still holds cards"))],
        )
    tx.put("campaigns", updated)
    tx.event(
        "campaign_edited", "campaign", campaign.id, campaign_id=campaign.id, changes=diff, version_after=updated.version
    )
    return updated
