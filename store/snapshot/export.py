"""Writing one campaign's board out as a snapshot document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..json_stream import Items, materialized
from ..models import Organization, Placement
from ..repository import Repository
from ..views import Card, Column
from .format import SNAPSHOT_FORMAT, SNAPSHOT_VERSION, in_scope


def exported_organization(organization: Organization, placement: Placement) -> dict[str, Any]:
    """An organization with its card on the exported board, as the snapshot lists it."""
    data = organization.model_dump(mode="json")
    data["card"] = placement.model_dump(mode="json", exclude={"organization_id", "campaign_id"})
    return data


def _column(column: Column) -> dict[str, Any]:
    return {
        "stage": column.stage.key,
        "label": column.stage.label,
        "labels": column.stage.labels,
        "organizations": _organizations(column.cards),
    }


def _organizations(cards: list[Card]) -> Items:
    return Items(lambda: (exported_organization(card.organization, card.placement) for card in cards))


def _dumped(records: list[Any], **options: Any) -> Items:
    return Items(lambda: (record.model_dump(mode="json", **options) for record in records))


def snapshot_document(repo: Repository, campaign_id: str, *, now: datetime) -> dict[str, Any]:
    """The snapshot document of one campaign's board, its long lists produced while written (``store.json_stream``)."""
    board = repo.board(campaign_id)
    campaign = board.campaign
    archived = repo.archived_cards(campaign.id)
    cards = [card for column in board.columns for card in column.cards] + board.off_board + archived
    org_ids = {card.id for card in cards}
    history = [event for event in repo.history() if in_scope(event, campaign.id, org_ids)]
    history.reverse()
    return {
        "format": SNAPSHOT_FORMAT,
        "profile": "full",
        "schema_version": SNAPSHOT_VERSION,
        "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "exported_by": repo.actor.label(),
        "campaign": campaign.model_dump(mode="json"),
        "columns": [_column(column) for column in board.columns],
        "off_board": _organizations(board.off_board),
        "archived": _organizations(archived),
        "visits": _dumped(list(reversed(repo.visits(campaign_id=campaign.id)))),
        "trainings": _dumped(list(reversed(repo.trainings(campaign_id=campaign.id)))),
        # Links name events of this board only; the head says what the whole history was.
        "history": _dumped(history, exclude={"prev"}),
        "history_head": repo.history_head(),
    }


def export_snapshot(repo: Repository, campaign_id: str, *, now: datetime) -> dict[str, Any]:
    """The snapshot document of one campaign's board (JSON-ready), whole."""
    return materialized(snapshot_document(repo, campaign_id, now=now))  # type: ignore[no-any-return]
