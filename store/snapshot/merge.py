"""Importing a snapshot into a board: refuse what would lose or merge records, then one all-or-nothing write.

Records are matched by id: identical ones are left alone, differing ones are
replaced by the snapshot's version, missing ones are added. An id that names a
different record on the board (another campaign's card, another organization's
card, another campaign) is refused with its position, and history is only ever
added to, never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from ..chain import unlinked
from ..changes.training_rule import reaches_training
from ..document import BoardDocument
from ..duplicates import DuplicateError, indexed_duplicates, key_index, summaries
from ..errors import ValidationFailed
from ..i18n import N_, _
from ..models import Campaign, Organization, Placement, Training, Visit
from ..repository import Repository
from ..text import display_safe, fold
from ..transaction import Transaction
from ..validation import Problem, problems_text
from .format import BoardSnapshot, SnapshotOrganization


@dataclass
class ImportResult:
    """How many records an import added, replaced and found identical."""

    campaign: Campaign
    added: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def import_snapshot(
    repo: Repository, snapshot: BoardSnapshot, source: str, *, allow_duplicate: bool = False
) -> ImportResult:
    """Merge a validated snapshot into the board file in one all-or-nothing write.

    An organization that would take the name or an alias of another one already on
    the board raises ``DuplicateError``, unless ``allow_duplicate``.
    """
    with repo.bulk() as tx:
        tx.require("import")
        problems = board_problems(tx.doc, snapshot)
        if problems:
            raise ValidationFailed(
                _("{source} does not fit this board, so nothing was imported: {problems}").format(
                    source=source, problems=problems_text(problems)
                ),
                problems,
            )
        if not allow_duplicate:
            _check_duplicates(tx.doc, snapshot, source)
        counts = _merge(tx, snapshot, source)
        if counts["added"] or counts["updated"]:
            tx.event(
                "imported",
                "file",
                "",
                reason=source,
                changes={"added": [0, counts["added"]], "updated": [0, counts["updated"]]},
            )
    return ImportResult(repo.campaign(snapshot.campaign.id), counts["added"], counts["updated"], counts["unchanged"])


def _merge(tx: Transaction, snapshot: BoardSnapshot, source: str) -> dict[str, int]:
    counts = {"added": 0, "updated": 0, "unchanged": 0}

    def merge(table: str, record: BaseModel) -> None:
        counts[tx.merge(table, record)] += 1

    merge("campaigns", snapshot.campaign)
    board_cards = tx.doc.placements.in_campaign(snapshot.campaign.id).copy()
    for _where, entry in snapshot.listed():
        merge("organizations", Organization.model_validate(entry.model_dump(exclude={"card"})))
        card = _card_of(entry, snapshot.campaign.id)
        previous = board_cards.get(entry.id)
        if previous is not None and previous.id != card.id:
            tx.delete("placements", previous.id)
        merge("placements", card)
    _merge_activity(tx.doc, snapshot, source, merge)
    _note_untrained(tx, snapshot.campaign, board_cards)
    return counts


def _note_untrained(tx: Transaction, campaign: Campaign, board_before: Mapping[str, Placement]) -> None:
    """Cards the import brings into the training stage with no training: history says they came so.

    Such a snapshot is imported rather than refused because boards kept before the training rule
    hold cards like these, and their exports must still load; the history keeps them told apart.
    """
    doc = tx.doc
    attended = {
        item.organization_id
        for training in doc.trainings.values()
        if training.campaign_id == campaign.id
        for item in training.attendance
    }
    excused = {event.entity_id for event in doc.events.values() if event.without_training}
    for org_id, card in doc.placements.in_campaign(campaign.id).items():
        before = board_before.get(org_id)
        from_stage = before.stage if before is not None else None
        if org_id in attended or card.id in excused or not reaches_training(campaign, from_stage, card.stage):
            continue
        tx.event(
            "moved" if before is not None else "placed",
            "placement",
            card.id,
            organization_id=org_id,
            campaign_id=campaign.id,
            from_stage=from_stage,
            to_stage=card.stage,
            without_training=True,
            reason=N_("imported without training"),
            version_after=card.version,
        )


def _merge_activity(
    doc: BoardDocument, snapshot: BoardSnapshot, source: str, merge: Callable[[str, BaseModel], None]
) -> None:
    """Visits, trainings and history, once every organization they name is in place."""
    for visit in snapshot.visits:
        _require_org(doc, visit.organization_id, source)
        merge("visits", visit)
    for training in snapshot.trainings:
        for item in training.attendance:
            _require_org(doc, item.organization_id, source)
        merge("trainings", training)
    for event in snapshot.history:
        merge("events", event)


def _card_of(entry: SnapshotOrganization, campaign_id: str) -> Placement:
    return Placement.model_validate(
        {**entry.card.model_dump(), "organization_id": entry.id, "campaign_id": campaign_id}
    )


def _require_org(doc: BoardDocument, org_id: str, source: str) -> None:
    if doc.organizations.get(org_id) is None:
        raise ValidationFailed(
            _(
                "{source} refers to organization {id}, which is neither in the snapshot nor in this board. Nothing was imported."
            ).format(source=source, id=org_id)
        )


def _check_duplicates(doc: BoardDocument, snapshot: BoardSnapshot, source: str) -> None:
    """Refuse organizations that would take the name or an alias of one on the board and not in the snapshot.

    Only those: a board restored from its own backup may hold duplicates someone allowed.
    """
    listed = list(snapshot.listed())
    in_snapshot = {entry.id for _where, entry in listed}
    index = key_index(org for org in doc.organizations.values() if org.id not in in_snapshot)
    problems: list[Problem] = []
    matched: list[Organization] = []
    for where, entry in listed:
        candidate = Organization.model_validate(entry.model_dump(exclude={"card"}))
        matches = indexed_duplicates(index, candidate, doc.organizations.get(entry.id))
        if matches:
            problems.append(
                (
                    f"{where}.name",
                    _("{name!r} is like {matches}").format(
                        name=display_safe(candidate.name), matches=summaries(doc, matches)
                    ),
                )
            )
            matched += matches
    if problems:
        message = _(
            "{source} has organizations with the name or an alias of organizations already on this board, so "
            "nothing was imported: {problems}"
        ).format(source=source, problems=problems_text(problems))
        raise DuplicateError(message, matched, problems)


# -- what an import must not do to the board ------------------------------------------------


def board_problems(doc: BoardDocument, snapshot: BoardSnapshot) -> list[Problem]:
    """Every id of ``snapshot`` that names a different record on this board, and any history rewrite."""
    problems = _campaign_problems(doc, snapshot.campaign)
    for where, entry in snapshot.listed():
        problems += _card_problems(doc, where, entry, snapshot.campaign.id)
    problems += _activity_problems(doc, "visits", snapshot.visits)
    problems += _activity_problems(doc, "trainings", snapshot.trainings)
    return problems + _history_problems(doc, snapshot)


def _activity_problems(doc: BoardDocument, kind: str, records: Sequence[Visit | Training]) -> list[Problem]:
    problems: list[Problem] = []
    for index, record in enumerate(records):
        existing = doc.tables[kind].get(record.id)
        if existing is not None and existing.campaign_id != record.campaign_id:
            problems.append(
                (f"{kind}.{index}.id", _("{id} belongs to another campaign on this board").format(id=record.id))
            )
    return problems


def _campaign_problems(doc: BoardDocument, campaign: Campaign) -> list[Problem]:
    existing = doc.campaigns.get(campaign.id)
    if existing is not None and existing.created_at != campaign.created_at:
        return [
            (
                "campaign.id",
                _("campaign id {id} is campaign {name} on this board, a different campaign").format(
                    id=campaign.id, name=display_safe(existing.name)
                ),
            )
        ]
    same_name = [c for c in doc.campaigns.values() if c.id != campaign.id and fold(c.name) == fold(campaign.name)]
    if same_name:
        return [
            (
                "campaign.name",
                _("this board already has a campaign named {name!r}, with another id").format(
                    name=display_safe(campaign.name)
                ),
            )
        ]
    return []


def _card_problems(doc: BoardDocument, where: str, entry: SnapshotOrganization, campaign_id: str) -> list[Problem]:
    existing = doc.placements.get(entry.card.id)
    if existing is None:
        return []
    if existing.campaign_id != campaign_id:
        campaign = doc.campaigns.get(existing.campaign_id)
        name = display_safe(campaign.name) if campaign else existing.campaign_id
        return [
            (
                f"{where}.card.id",
                _("card {id} is a card of campaign {campaign} on this board").format(id=entry.card.id, campaign=name),
            )
        ]
    if existing.organization_id != entry.id:
        return [
            (
                f"{where}.card.id",
                _("card {id} is the card of organization {org} on this board, not of {other}").format(
                    id=entry.card.id, org=existing.organization_id, other=entry.id
                ),
            )
        ]
    return []


def _history_problems(doc: BoardDocument, snapshot: BoardSnapshot) -> list[Problem]:
    """History is added to, never rewritten: a known event must be identical, a new one starts its own change."""
    groups = {event.group for event in doc.events.values()}
    problems: list[Problem] = []
    for index, event in enumerate(snapshot.history):
        existing = doc.events.get(event.id)
        if existing is not None and unlinked(existing) != unlinked(event):
            problems.append(
                (
                    f"history.{index}",
                    _("event {id} differs from this board's history, which is never rewritten").format(id=event.id),
                )
            )
        elif existing is None and event.group in groups:
            problems.append(
                (
                    f"history.{index}.group",
                    _("would join change {group} already in this board's history").format(group=event.group),
                )
            )
    return problems
