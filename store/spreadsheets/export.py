"""A campaign's partner list as spreadsheet rows, with headers in the reader's language, that import reads back.

Every column is a field the import knows, and every value is written the way the import reads it
(choices by their shown label, dates as YYYY-MM-DD, counts as plain digits), so importing the
file into the board it came from changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from ..choice_labels import (
    LEGAL_CAPACITY_LABELS,
    ORGANIZATION_TYPE_LABELS,
    OUTREACH_CAPACITY_LABELS,
    TRISTATE_LABELS,
    shown,
)
from ..i18n import _
from ..stages import stage_label
from ..views import Board, Card
from .fields import FIELDS

LIST_JOIN = "; "


def partner_list(board: Board, *, omit: Collection[str] = ()) -> tuple[list[str], list[list[str]]]:
    """(headers, one row per organization on the board, in stage order then board order).

    ``omit``: the keys of fields left out (the partner profile leaves out contacts and notes).
    """
    keys = [field.key for field in FIELDS if field.key not in omit]
    headers = [_(field.label) for field in FIELDS if field.key not in omit]
    rows = [_row(board, card, keys) for column in board.columns for card in column.cards]
    return headers, rows


def _row(board: Board, card: Card, keys: list[str]) -> list[str]:
    org, placement = card.organization, card.placement
    contact = org.contacts[0] if org.contacts else None
    values = {
        "id": org.id,
        "name": org.name,
        "aliases": LIST_JOIN.join(org.aliases),
        "type": shown(ORGANIZATION_TYPE_LABELS, org.type),
        "country": org.place.country,
        "state": org.place.state,
        "municipality": org.place.municipality,
        "legal_capacity": shown(LEGAL_CAPACITY_LABELS, org.legal_capacity),
        "outreach_capacity": shown(OUTREACH_CAPACITY_LABELS, org.outreach_capacity),
        "education_program": shown(TRISTATE_LABELS, org.education_program),
        "works_with_migrants": shown(TRISTATE_LABELS, org.works_with_migrants),
        "workers_reached": str(org.workers_reached.estimate) if org.workers_reached else "",
        "languages": LIST_JOIN.join(org.languages),
        "tags": LIST_JOIN.join(org.tags),
        "notes": org.notes,
        "contact_name": contact.name if contact else "",
        "contact_role": contact.role if contact else "",
        "contact_phone": contact.phone if contact else "",
        "contact_email": contact.email if contact else "",
        "stage": stage_label(board.campaign, placement.stage),
        "next_follow_up": placement.next_follow_up.isoformat() if placement.next_follow_up else "",
        "owner": placement.owner,
    }
    return [values[key] for key in keys]
