"""Record fields as people read them: the labels the forms and details show, for the history.

The labels are marked ``N_`` (this table is built at import) and translated where they are
shown, so one history reads in each reader's language. Fields the program keeps for its own
bookkeeping (who changed a card last, versions, timestamps) are never named to people.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .i18n import N_, _

FIELD_LABELS: dict[str, dict[str, str]] = {
    "organization": {
        "name": N_("Name"),
        "aliases": N_("Also known as"),
        "type": N_("Type"),
        "place.country": N_("Country"),
        "place.state": N_("State"),
        "place.municipality": N_("Municipality"),
        "legal_capacity": N_("Legal capacity"),
        "outreach_capacity": N_("Outreach capacity"),
        "education_program": N_("Education program"),
        "education_note": N_("Education note"),
        "works_with_migrants": N_("Works with migrants"),
        "languages": N_("Languages"),
        "workers_reached": N_("Workers reached"),
        "tags": N_("Tags"),
        "notes": N_("Notes"),
        "contacts": N_("Contacts"),
        "archived": N_("Archived"),
    },
    "placement": {
        "stage": N_("Stage"),
        "off_board": N_("Off the board"),
        "owner": N_("Owner"),
        "next_follow_up": N_("Next follow-up"),
    },
    "campaign": {
        "name": N_("Name"),
        "description": N_("Description"),
        "goals.active_partners": N_("Target partners"),
        "goals.workers_reached": N_("Target workers"),
        "status": N_("Status"),
        "stages": N_("Stages"),
        "training_stage": N_("Training stage"),
        "active_stage": N_("Active-partner stage"),
        "retired_stages": N_("Retired stages"),
        "starts_on": N_("Starts"),
        "ends_on": N_("Ends"),
    },
}
"""Field path → label, by entity, in the order the forms show them."""

BOOKKEEPING = frozenset(
    {"id", "version", "created_at", "created_by", "updated_at", "updated_by", "stage_since"}
    | {"organization_id", "campaign_id"}
)
"""Fields the program keeps for itself; a change to one alone is not something a person did."""

NAMED_BY_PART = frozenset({"place", "goals"})
"""Groups whose changed parts are named one by one ("State", not "Where")."""


def changed_paths(changes: Mapping[str, list[Any]]) -> set[str]:
    """The field paths a history diff changed: a group's changed parts, never bookkeeping."""
    paths: set[str] = set()
    for name, values in changes.items():
        if name in BOOKKEEPING:
            continue
        before, after = [*values, None, None][:2]
        if name in NAMED_BY_PART and isinstance(before, dict | None) and isinstance(after, dict | None):
            old, new = before or {}, after or {}
            paths.update(f"{name}.{part}" for part in old.keys() | new.keys() if old.get(part) != new.get(part))
        else:
            paths.add(name)
    return paths


def changed_field_labels(entity: str, changes: Mapping[str, list[Any]]) -> list[str]:
    """The labels of the fields a change touched, in the reader's language, in form order."""
    labels = FIELD_LABELS.get(entity, {})
    paths = changed_paths(changes)
    named = [_(label) for path, label in labels.items() if path in paths]
    # A field without a label (added to a model before this table) still shows, readable.
    unnamed = sorted(path.replace("_", " ") for path in paths if path not in labels)
    return named + unnamed
