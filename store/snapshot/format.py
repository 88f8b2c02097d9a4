"""The snapshot document's layout, as pydantic models (its JSON Schema is generated from them)."""

from __future__ import annotations

from typing import Any, Literal

from ..field_docs import DescribedFields
from ..models import (
    Campaign,
    ChainHash,
    Day,
    Event,
    Identifier,
    LanguageCode,
    Line,
    Model,
    Name,
    OffBoard,
    Organization,
    StageKey,
    Timestamp,
    Training,
    Version,
    Visit,
)

SNAPSHOT_FORMAT = "outreach-tui.board"
SNAPSHOT_VERSION = 4
"""2: stage labels per language (the campaign's stages and each column).
3: the campaign's active-partner stage, retired stages and dates.
4: the head of the board's history chain when exported (``history_head``). Versions 1 to 3 are still read."""


class CardState(Model):
    """Where the organization stands on this campaign's board."""

    id: Identifier
    stage: StageKey
    off_board: OffBoard | None = None
    stage_since: Timestamp
    owner: Line = ""
    next_follow_up: Day | None = None
    version: Version
    updated_at: Timestamp
    updated_by: Line = ""


class SnapshotOrganization(Organization):
    """All fields of an organization plus its card on the exported board."""

    card: CardState


class SnapshotColumn(Model):
    """One stage of the exported board with its organizations in card order."""

    stage: StageKey
    label: Name
    labels: dict[LanguageCode, Name] = {}
    """The stage's label in each language that has its own (as the campaign's stage has them)."""
    organizations: list[SnapshotOrganization]


class BoardSnapshot(Model):
    """A board snapshot as written by ``outreach-tui export``."""

    format: Literal["outreach-tui.board"]
    profile: Literal["full"] = "full"
    """A partner or funder export (``store.exports``) is never a snapshot: it cannot restore a board."""
    schema_version: Literal[1, 2, 3, 4]
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
    history_head: ChainHash | None = None
    """The hash of the board's newest history event when exported (``store.chain``): a copy kept elsewhere
    shows whether the board's history was rewritten since."""

    def listed(self) -> list[tuple[str, SnapshotOrganization]]:
        """Every organization of the snapshot with its position, e.g. ``columns.0.organizations.3``."""
        entries = [
            (f"columns.{ci}.organizations.{oi}", org)
            for ci, column in enumerate(self.columns)
            for oi, org in enumerate(column.organizations)
        ]
        entries += [(f"off_board.{oi}", org) for oi, org in enumerate(self.off_board)]
        entries += [(f"archived.{oi}", org) for oi, org in enumerate(self.archived)]
        return entries


def in_scope(event: Event, campaign_id: str, org_ids: set[str]) -> bool:
    """Whether a history event belongs in the snapshot of a campaign holding ``org_ids``."""
    return event.campaign_id == campaign_id or (event.campaign_id is None and event.organization_id in org_ids)


def snapshot_schema() -> dict[str, Any]:
    """The JSON Schema of a board snapshot, generated from the models."""
    schema = BoardSnapshot.model_json_schema(mode="serialization", schema_generator=DescribedFields)
    schema["$id"] = f"https://outreach-tui.invalid/schema/board-snapshot-{SNAPSHOT_VERSION}.json"
    schema["title"] = f"outreach-tui board snapshot (schema_version {SNAPSHOT_VERSION})"
    return schema
