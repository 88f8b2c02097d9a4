"""How long cards stayed in each stage, read from the history as if undone changes had never happened.

A card's stay in a stage starts when it is placed there, moved there or brought back there, and
ends when it moves on, is taken off the board or removed. Changes that were undone, and the undos
themselves, are left out: a move undone a minute later is no stay of a minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from ..models import Event

ENTERS = frozenset({"placed", "moved", "restored"})
LEAVES = frozenset({"moved", "off_board", "placement_removed"})


def live_events(events: Iterable[Event]) -> list[Event]:
    """``events`` without the changes that were undone and without the undos (oldest first, as stored)."""
    listed = list(events)
    undo_groups = {event.group for event in listed if event.kind == "undone"}
    undone = {event.undoes for event in listed if event.kind == "undone" and event.undoes}
    gone = undo_groups | undone
    return [event for event in listed if event.group not in gone]


def stays(
    events: Iterable[Event], card_ids: set[str], *, start: date | None = None, end: date | None = None
) -> dict[str, list[float]]:
    """Finished stays in days, by stage key, of the cards ``card_ids``; only stays ending within [start, end]."""
    entered: dict[str, tuple[str, datetime]] = {}
    found: dict[str, list[float]] = {}
    for event in events:
        if event.entity != "placement" or event.entity_id not in card_ids:
            continue
        if event.kind in LEAVES and event.entity_id in entered:
            stage, since = entered.pop(event.entity_id)
            if within(event.at.date(), start, end):
                found.setdefault(stage, []).append((event.at - since).total_seconds() / 86400)
        if event.kind in ENTERS and event.to_stage:
            entered[event.entity_id] = (event.to_stage, event.at)
    return found


def first_reached(
    events: Iterable[Event], card_ids: set[str], stage_order: dict[str, int], stage: str
) -> dict[str, datetime]:
    """When each card first entered ``stage`` or a stage after it."""
    wanted = stage_order[stage]
    reached: dict[str, datetime] = {}
    for event in events:
        if (
            event.entity == "placement"
            and event.kind in ENTERS
            and event.entity_id in card_ids
            and event.entity_id not in reached
            and stage_order.get(event.to_stage or "", -1) >= wanted
        ):
            reached[event.entity_id] = event.at
    return reached


def within(day: date, start: date | None, end: date | None) -> bool:
    """Whether ``day`` falls in [start, end] (an open end when None)."""
    return (start is None or day >= start) and (end is None or day <= end)


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` percentile (0.5 the median) of ``values``, interpolated; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
