"""The partner profile: organizations, their stages and capacities, and nothing about people.

Fields are chosen by listing the ones that go out (never by removing the ones known to be
private), so a field added to organizations later stays home until someone decides otherwise.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..models import Organization
from ..reading import BoardReading
from ..views import Card

PARTNER_FORMAT = "outreach-tui.board"
PARTNER_VERSION = 1

ORGANIZATION_FIELDS = (
    "id",
    "name",
    "aliases",
    "type",
    "place",
    "legal_capacity",
    "outreach_capacity",
    "education_program",
    "works_with_migrants",
    "languages",
    "tags",
)
"""The organization fields a partner export holds."""
PARTNER_OMITTED_FIELDS = frozenset({"notes", "contact_name", "contact_role", "contact_phone", "contact_email"})
"""Partner-list (spreadsheet) columns a partner export leaves out."""


def partner_organization(organization: Organization) -> dict[str, Any]:
    data = organization.model_dump(mode="json", include=set(ORGANIZATION_FIELDS))
    data["workers_reached"] = organization.workers_reached.estimate if organization.workers_reached else None
    return data


def _entry(card: Card) -> dict[str, Any]:
    entry = partner_organization(card.organization)
    placement = card.placement
    entry["stage"] = placement.stage
    entry["stage_since"] = placement.stage_since.strftime("%Y-%m-%dT%H:%M:%SZ")
    if placement.off_board is not None:
        entry["off_board"] = placement.off_board.state
    return entry


def partner_document(repo: BoardReading, campaign_id: str, *, now: datetime) -> dict[str, Any]:
    """The partner export of one campaign's board (JSON-ready); it cannot be imported as a backup."""
    board = repo.board(campaign_id)
    campaign = board.campaign
    return {
        "format": PARTNER_FORMAT,
        "profile": "partner",
        "schema_version": PARTNER_VERSION,
        "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "campaign": {
            "id": campaign.id,
            "name": campaign.name,
            "stages": [stage.model_dump(mode="json") for stage in campaign.stages],
        },
        "columns": [
            {
                "stage": column.stage.key,
                "label": column.stage.label,
                "labels": column.stage.labels,
                "organizations": [_entry(card) for card in column.cards],
            }
            for column in board.columns
        ],
        "off_board": [_entry(card) for card in board.off_board],
    }
