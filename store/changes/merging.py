"""Merging two organizations that are one: the other's cards, visits and trainings become the kept one's.

The other organization's name and aliases become aliases of the kept one, so every
reference to it still finds the organization. Its history stays as it was written (a
history is never rewritten); the kept organization's history includes it from then on
(``store.merged``). Everything is one change, so undo separates them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import queries
from ..errors import ValidationFailed
from ..i18n import _
from ..merged import RECORD
from ..models import MAX_ATTENDEES, Attendance, Campaign, Organization, Placement, Training
from ..stages import stage_label
from ..text import display_safe, fold
from ..transaction import Transaction
from ..validation import apply_changes


@dataclass(frozen=True)
class MergeResult:
    """The kept organization after a merge, and how many of the other's records it took over."""

    organization: Organization
    cards: int
    """Cards moved to the kept organization (on boards it was not on)."""
    joined: int
    """Cards dropped because the kept organization was already in the same stage on that board."""
    visits: int
    trainings: int


def merge_organizations(tx: Transaction, keep_id: str, other_id: str) -> MergeResult:
    """Make ``other_id``'s records ``keep_id``'s and remove ``other_id`` (see the module docstring)."""
    tx.require("merge_organizations")
    keep, other = queries.organization(tx.doc, keep_id), queries.organization(tx.doc, other_id)
    _ensure_mergeable(tx, keep, other)
    # The organization's event comes first: undo and the history name the change by it.
    tx.event("merged", "organization", other.id, organization_id=keep.id, reason=other.name, changes=_removed(other))
    cards, joined = _take_cards(tx, keep, other)
    visits = _take_visits(tx, keep, other)
    trainings = _take_trainings(tx, keep, other)
    kept = _take_names(tx, keep, other)
    tx.delete("organizations", other.id)
    return MergeResult(kept, cards, joined, visits, trainings)


def _removed(record: Organization | Placement) -> dict[str, list[object]]:
    return {RECORD: [record.model_dump(mode="json"), None]}


def _ensure_mergeable(tx: Transaction, keep: Organization, other: Organization) -> None:
    if keep.id == other.id:
        raise ValidationFailed(_("An organization cannot be merged into itself."))
    if keep.archived:
        raise ValidationFailed(
            _("{org} is archived; bring it back before merging another organization into it.").format(
                org=display_safe(keep.name)
            )
        )
    clashes = [
        _clash(tx, keep, other, card, mine)
        for card in queries.placements_of(tx.doc, other.id)
        if (mine := tx.doc.placements.in_campaign(card.campaign_id).get(keep.id)) is not None
        and _standing(mine) != _standing(card)
    ]
    if clashes:
        raise ValidationFailed(" ".join([*clashes, _("Nothing was merged.")]))


def _standing(card: Placement) -> tuple[str, str | None]:
    return (card.stage, card.off_board.state if card.off_board else None)


def _clash(tx: Transaction, keep: Organization, other: Organization, other_card: Placement, card: Placement) -> str:
    campaign = queries.campaign(tx.doc, card.campaign_id)
    return _(
        "{keep} ({keep_stage}) and {other} ({other_stage}) are both on the board of {campaign}, in different "
        "stages: move one of them so both are in the same stage, then merge."
    ).format(
        keep=display_safe(keep.name),
        keep_stage=_where(campaign, card),
        other=display_safe(other.name),
        other_stage=_where(campaign, other_card),
        campaign=display_safe(campaign.name),
    )


def _where(campaign: Campaign, card: Placement) -> str:
    return _("off the board") if card.off_board else display_safe(stage_label(campaign, card.stage))


def _take_cards(tx: Transaction, keep: Organization, other: Organization) -> tuple[int, int]:
    moved = joined = 0
    for card in queries.placements_of(tx.doc, other.id):
        where = {"organization_id": keep.id, "campaign_id": card.campaign_id, "reason": other.name}
        if keep.id in tx.doc.placements.in_campaign(card.campaign_id):
            tx.delete("placements", card.id)
            tx.event("merged", "placement", card.id, **where, changes=_removed(card))
            joined += 1
            continue
        updated, diff = apply_changes(card, {"organization_id": keep.id, "updated_by": tx.by}, tx.clock(), _("card"))
        tx.put("placements", updated)
        tx.event("merged", "placement", card.id, **where, changes=diff, version_after=updated.version)
        moved += 1
    return moved, joined


def _take_visits(tx: Transaction, keep: Organization, other: Organization) -> int:
    visits = queries.visits(tx.doc, organization_id=other.id)
    for visit in visits:
        updated, diff = apply_changes(visit, {"organization_id": keep.id}, tx.clock(), _("visit"))
        tx.put("visits", updated)
        where = {"organization_id": keep.id, "campaign_id": visit.campaign_id, "reason": other.name}
        tx.event("merged", "visit", visit.id, **where, changes=diff, version_after=updated.version)
    return len(visits)


def _take_trainings(tx: Transaction, keep: Organization, other: Organization) -> int:
    trainings = queries.trainings(tx.doc, organization_id=other.id)
    for training in trainings:
        attendance = [item.model_dump() for item in _attendance_of(training, keep.id, other.id)]
        updated, diff = apply_changes(training, {"attendance": attendance}, tx.clock(), _("training"))
        tx.put("trainings", updated)
        where = {"organization_id": keep.id, "campaign_id": training.campaign_id, "reason": other.name}
        tx.event("merged", "training", training.id, **where, changes=diff, version_after=updated.version)
    return len(trainings)


def _attendance_of(training: Training, keep_id: str, other_id: str) -> list[Attendance]:
    """The attendance with the other organization's people counted as the kept one's (listed once)."""
    people = sum(item.attendees for item in training.attendance if item.organization_id in (keep_id, other_id))
    combined: list[Attendance] = []
    for item in training.attendance:
        if item.organization_id in (keep_id, other_id):
            if all(kept.organization_id != keep_id for kept in combined):
                combined.append(Attendance(organization_id=keep_id, attendees=min(people, MAX_ATTENDEES)))
        else:
            combined.append(item)
    return combined


def _take_names(tx: Transaction, keep: Organization, other: Organization) -> Organization:
    """The kept organization with the other's name and aliases among its aliases (each once)."""
    # Folded as references are looked up, so every name the other answered to still finds an organization.
    known = {fold(keep.name), *(fold(alias) for alias in keep.aliases)}
    aliases = list(keep.aliases)
    for name in (other.name, *other.aliases):
        if fold(name) not in known:
            known.add(fold(name))
            aliases.append(name)
    updated, diff = apply_changes(keep, {"aliases": aliases}, tx.clock(), _("organization"))
    if diff:
        tx.put("organizations", updated)
        tx.event(
            "organization_edited",
            "organization",
            keep.id,
            organization_id=keep.id,
            changes=diff,
            version_after=updated.version,
        )
    return updated
