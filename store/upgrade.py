"""Reading files of an older layout: each step turns a document of one schema into the next, in memory only.

The file itself changes only when a change is written (the whole document is written
then, at the current schema). Until then an older program can still open it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .chain import seal_raw_events
from .document import META_TABLE
from .models import DEFAULT_STAGES, SCHEMA_VERSION


def upgraded(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (checked by ``parse_document``: ours, of schema 1 to ``SCHEMA_VERSION``) at the current schema."""
    meta = document[META_TABLE]["1"]
    version = meta["schema_version"]
    for step in _STEPS[version - 1 :]:
        step(document)
    if version != SCHEMA_VERSION:
        document[META_TABLE]["1"] = {**meta, "schema_version": SCHEMA_VERSION}
    return document


def add_default_stage_labels(stages: Any, *, key_field: str = "key") -> None:
    """Give each default stage as schema 1 wrote it (English label only) its labels in the other languages.

    A default stage whose label a coordinator changed keeps just that label: a
    translation of the old label would be wrong. ``key_field`` names the stage key
    (a snapshot's columns call it ``stage``).
    """
    if not isinstance(stages, list):
        return  # validation names what is wrong
    defaults = {(stage.key, stage.label): stage.labels for stage in DEFAULT_STAGES}
    for stage in stages:
        if not isinstance(stage, dict) or "labels" in stage:
            continue
        key, label = stage.get(key_field), stage.get("label")
        if isinstance(key, str) and isinstance(label, str) and (key, label) in defaults:
            stage["labels"] = dict(defaults[key, label])


def _from_1(document: dict[str, Any]) -> None:
    """Schema 2 adds board settings (a schema 1 file has none) and stage labels per language."""
    campaigns = document.get("campaigns")
    if not isinstance(campaigns, dict):
        return
    for campaign in campaigns.values():
        if isinstance(campaign, dict):
            # Campaigns with the default stages do not store them: they get schema 2's defaults.
            add_default_stage_labels(campaign.get("stages"))


def add_active_stage(campaign: Any) -> None:
    """Name the active-partner stage of a campaign as schema 2 wrote it: ``active`` where it has one, else its last."""
    if not isinstance(campaign, dict) or "active_stage" in campaign:
        return
    # Without stages of its own a campaign has the default ones, whose last is "active".
    stages = campaign.get("stages", [stage.model_dump() for stage in DEFAULT_STAGES])
    if not isinstance(stages, list):
        return  # validation names what is wrong
    keys = [stage.get("key") for stage in stages if isinstance(stage, dict)]
    if "active" in keys:
        campaign["active_stage"] = "active"
    elif keys and isinstance(keys[-1], str):
        campaign["active_stage"] = keys[-1]


def _from_2(document: dict[str, Any]) -> None:
    """Schema 3 names each campaign's active-partner stage (and may hold retired stages and dates)."""
    campaigns = document.get("campaigns")
    if isinstance(campaigns, dict):
        for campaign in campaigns.values():
            add_active_stage(campaign)


def _from_3(document: dict[str, Any]) -> None:
    """Schema 4 adds the team's keys and the encrypted-exports rule to the settings; their defaults fit older files."""


def _from_4(document: dict[str, Any]) -> None:
    """Schema 5 links each history event to the one before it (``store.chain``), in the order they were written."""
    events = document.get("events")
    if isinstance(events, dict) and all(isinstance(key, str) and key.isdigit() for key in events):
        seal_raw_events(events)


def _from_5(document: dict[str, Any]) -> None:
    """Schema 6 adds the contact retention to the settings; its default (none) fits older files."""


_STEPS: tuple[Callable[[dict[str, Any]], None], ...] = (_from_1, _from_2, _from_3, _from_4, _from_5)
"""``_STEPS[n - 1]`` turns a schema ``n`` document into schema ``n + 1``."""
