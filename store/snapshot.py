"""Board snapshots: the versioned JSON document users export for reports, funders and backups.

A snapshot holds one campaign's board (columns of organizations in card order, each
with its card state), the off-board organizations, visits, trainings and history.
Importing it back is all-or-nothing and idempotent: records are matched by id, so
importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationError

from .document import BoardDocument
from .errors import ValidationFailed
from .i18n import _
from .models import (
    MAX_ORGANIZATIONS,
    Campaign,
    Day,
    Event,
    Identifier,
    Line,
    Model,
    Name,
    OffBoard,
    Organization,
    Placement,
    StageKey,
    Timestamp,
    Training,
    Visit,
)
from .repository import Repository
from .storage import decode
from .text import display_safe
from .validation import problems_of, problems_text

SNAPSHOT_FORMAT = "outreach-tui.board"
SNAPSHOT_VERSION = 1


class CardState(Model):
    """Where the organization stands on this campaign's board."""

    id: Identifier
    stage: StageKey
    off_board: OffBoard | None = None
    stage_since: Timestamp
    owner: Line = ""
    next_follow_up: Day | None = None
    version: Annotated[int, Field(ge=1)]
    updated_at: Timestamp
    updated_by: Line = ""


class SnapshotOrganization(Organization):
    """All fields of an organization plus its card on the exported board."""

    card: CardState


class SnapshotColumn(Model):
    stage: StageKey
    label: Name
    organizations: list[SnapshotOrganization]


class BoardSnapshot(Model):
    """A board snapshot as written by ``outreach-tui export``."""

    format: Literal["outreach-tui.board"]
    schema_version: Literal[1]
    exported_at: Timestamp
    exported_by: Line = ""
    campaign: Campaign
    columns: list[SnapshotColumn]
    off_board: list[SnapshotOrganization] = []
    archived: list[SnapshotOrganization] = []
    """Archived organizations of the campaign: off every board, kept so visits, trainings and history stay whole."""
    visits: list[Visit] = []
    trainings: list[Training] = []
    history: list[Event] = []


def snapshot_schema() -> dict[str, Any]:
    """The JSON Schema of a board snapshot, generated from the models."""
    schema = BoardSnapshot.model_json_schema(mode="serialization")
    schema["$id"] = "https://outreach-tui.invalid/schema/board-snapshot-1.json"
    schema["title"] = "outreach-tui board snapshot (schema_version 1)"
    return schema


def _exported_org(organization: Organization, placement: Placement) -> dict[str, Any]:
    data = organization.model_dump(mode="json")
    card = placement.model_dump(mode="json", exclude={"organization_id", "campaign_id"})
    data["card"] = card
    return data


def export_snapshot(repo: Repository, campaign_id: str, *, now: datetime) -> dict[str, Any]:
    """The snapshot document of one campaign's board (JSON-ready)."""
    board = repo.board(campaign_id)
    campaign = board.campaign
    columns = []
    org_ids: set[str] = set()
    for column in board.columns:
        columns.append(
            {
                "stage": column.stage.key,
                "label": column.stage.label,
                "organizations": [_exported_org(c.organization, c.placement) for c in column.cards],
            }
        )
        org_ids.update(c.id for c in column.cards)
    org_ids.update(c.id for c in board.off_board)
    archived = repo.archived_cards(campaign.id)
    org_ids.update(c.id for c in archived)
    history = [
        e
        for e in repo.history()
        if e.campaign_id == campaign.id or (e.campaign_id is None and e.organization_id in org_ids)
    ]
    history.reverse()
    return {
        "format": SNAPSHOT_FORMAT,
        "schema_version": SNAPSHOT_VERSION,
        "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "exported_by": repo.actor.label(),
        "campaign": campaign.model_dump(mode="json"),
        "columns": columns,
        "off_board": [_exported_org(c.organization, c.placement) for c in board.off_board],
        "archived": [_exported_org(c.organization, c.placement) for c in archived],
        "visits": [v.model_dump(mode="json") for v in reversed(repo.visits(campaign_id=campaign.id))],
        "trainings": [t.model_dump(mode="json") for t in reversed(repo.trainings(campaign_id=campaign.id))],
        "history": [e.model_dump(mode="json") for e in history],
    }


@dataclass
class ImportResult:
    campaign: Campaign
    added: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def parse_snapshot(data: bytes, source: str) -> BoardSnapshot:
    """Parse and validate snapshot bytes; every problem names its position and field.

    Raises ``ValidationFailed``; nothing is written anywhere.
    """
    try:
        document = decode(data)
    except ValueError as error:
        raise ValidationFailed(
            _("{source} is not valid JSON: {reason}. Nothing was imported.").format(
                source=source, reason=display_safe(str(error))
            )
        ) from None
    if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
        raise ValidationFailed(
            _(
                "{source} is not an outreach-tui board snapshot (its 'format' is not {format!r}). Nothing was imported."
            ).format(source=source, format=SNAPSHOT_FORMAT)
        )
    version = document.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SNAPSHOT_VERSION:
        raise ValidationFailed(
            _(
                "{source} was exported by a newer outreach-tui (snapshot schema {found}; this program reads {known}). "
                "Upgrade to import it. Nothing was imported."
            ).format(source=source, found=version, known=SNAPSHOT_VERSION)
        )
    count = (
        sum(len(c.get("organizations", [])) for c in document.get("columns", []) if isinstance(c, dict))
        if isinstance(document.get("columns"), list)
        else 0
    )
    if count > MAX_ORGANIZATIONS:
        raise ValidationFailed(
            _("{source} holds {n} organizations; at most {max} can be imported. Nothing was imported.").format(
                source=source, n=count, max=MAX_ORGANIZATIONS
            )
        )
    try:
        snapshot = BoardSnapshot.model_validate(document)
    except ValidationError as error:
        problems = problems_of(error)
        raise ValidationFailed(
            _("{source} has invalid data, so nothing was imported: {problems}").format(
                source=source, problems=problems_text(problems)
            ),
            problems,
        ) from None
    _check_consistency(snapshot, source)
    return snapshot


def _check_consistency(snapshot: BoardSnapshot, source: str) -> None:
    stages = {stage.key for stage in snapshot.campaign.stages}
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []

    def check(where: str, org: SnapshotOrganization) -> None:
        """What holds for every listed organization: a known stage, listed once."""
        if org.card.stage not in stages:
            problems.append(
                (f"{where}.card.stage", _("stage {key!r} is not a stage of the campaign").format(key=org.card.stage))
            )
        if org.id in seen:
            problems.append((f"{where}.id", _("organization {id} appears twice").format(id=org.id)))
        seen.add(org.id)

    for ci, column in enumerate(snapshot.columns):
        if column.stage not in stages:
            problems.append(
                (f"columns.{ci}.stage", _("stage {key!r} is not a stage of the campaign").format(key=column.stage))
            )
        for oi, org in enumerate(column.organizations):
            where = f"columns.{ci}.organizations.{oi}"
            if org.card.stage != column.stage:
                problems.append((f"{where}.card.stage", _("does not match the column's stage")))
            if org.card.off_board is not None:
                problems.append((f"{where}.card.off_board", _("an organization on a column cannot be off the board")))
            check(where, org)
    for oi, org in enumerate(snapshot.off_board):
        if org.card.off_board is None:
            problems.append((f"off_board.{oi}.card.off_board", _("an off-board organization needs a state and reason")))
        check(f"off_board.{oi}", org)
    for oi, org in enumerate(snapshot.archived):
        if not org.archived:
            problems.append((f"archived.{oi}.archived", _("an organization listed as archived must be archived")))
        check(f"archived.{oi}", org)
    for vi, visit in enumerate(snapshot.visits):
        if visit.campaign_id != snapshot.campaign.id:
            problems.append((f"visits.{vi}.campaign_id", _("is not the exported campaign")))
    for ti, training in enumerate(snapshot.trainings):
        if training.campaign_id != snapshot.campaign.id:
            problems.append((f"trainings.{ti}.campaign_id", _("is not the exported campaign")))
    if problems:
        raise ValidationFailed(
            _("{source} is inconsistent, so nothing was imported: {problems}").format(
                source=source, problems=problems_text(problems)
            ),
            problems,
        )


def import_snapshot(repo: Repository, snapshot: BoardSnapshot, source: str) -> ImportResult:
    """Merge a validated snapshot into the board file in one all-or-nothing write.

    Records are matched by id: identical ones are left alone, differing ones are
    replaced by the snapshot's version, missing ones are added.
    """
    entries = [
        *(org for column in snapshot.columns for org in column.organizations),
        *snapshot.off_board,
        *snapshot.archived,
    ]
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    with repo.bulk() as tx:
        doc = tx.doc

        def merge(table: str, record: BaseModel) -> None:
            counts[tx.merge(table, record)] += 1

        merge("campaigns", snapshot.campaign)
        card_of_org = doc.placements.in_campaign(snapshot.campaign.id).copy()
        for entry in entries:
            merge("organizations", Organization.model_validate(entry.model_dump(exclude={"card"})))
            placement = Placement.model_validate(
                {**entry.card.model_dump(), "organization_id": entry.id, "campaign_id": snapshot.campaign.id}
            )
            previous = card_of_org.get(entry.id)
            if previous is not None and previous.id != placement.id:
                tx.delete("placements", previous.id)
            merge("placements", placement)
        for visit in snapshot.visits:
            _require_org(doc, visit.organization_id, source)
            merge("visits", visit)
        for training in snapshot.trainings:
            for item in training.attendance:
                _require_org(doc, item.organization_id, source)
            merge("trainings", training)
        for event in snapshot.history:
            merge("events", event)
        added, updated, unchanged = counts["added"], counts["updated"], counts["unchanged"]
        if added or updated:
            tx.event(
                "imported",
                "file",
                "",
                reason=_("{source}: {added} records added, {updated} updated").format(
                    source=display_safe(source), added=added, updated=updated
                ),
            )
    return ImportResult(repo.campaign(snapshot.campaign.id), added, updated, unchanged)


def _require_org(doc: BoardDocument, org_id: str, source: str) -> None:
    if doc.organizations.get(org_id) is None:
        raise ValidationFailed(
            _(
                "{source} refers to organization {id}, which is neither in the snapshot nor in this board. Nothing was imported."
            ).format(source=source, id=org_id)
        )


__all__ = [
    "BoardSnapshot",
    "ImportResult",
    "export_snapshot",
    "import_snapshot",
    "parse_snapshot",
    "snapshot_schema",
]
