"""Organizations merged into others, as the history records them.

A merge removes the other organization but never rewrites the history, so its past
events still name its id. These lookups let the kept organization's history include
them, and let those events name the organization that is gone.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from .document import BoardDocument
from .models import Event

RECORD = "record"
"""The ``changes`` field of a merge event that holds a whole record the merge removed: ``[record, None]``."""

_cache: WeakKeyDictionary[BoardDocument, tuple[int, int, dict[str, Event]]] = WeakKeyDictionary()


def merges(doc: BoardDocument) -> dict[str, Event]:
    """The event that merged each removed organization away, by that organization's id (undone merges left out)."""
    events = doc.events
    cached = _cache.get(doc)
    if cached is not None and cached[:2] == (doc.generation, len(events)):
        return cached[2]
    found: dict[str, Event] = {}
    undone: set[str | None] = set()
    for event in list(events.values()):
        if event.kind == "merged" and event.entity == "organization" and RECORD in event.changes:
            found[event.entity_id] = event
        elif event.kind == "undone":
            undone.add(event.undoes)
    found = {org_id: event for org_id, event in found.items() if event.group not in undone}
    _cache[doc] = (doc.generation, len(events), found)
    return found


def merged_into(doc: BoardDocument, org_id: str) -> set[str]:
    """``org_id`` and every organization merged into it, directly or through another merge."""
    by_keeper: dict[str, list[str]] = {}
    for other_id, event in merges(doc).items():
        if event.organization_id is not None:
            by_keeper.setdefault(event.organization_id, []).append(other_id)
    ids, waiting = {org_id}, [org_id]
    while waiting:
        for other_id in by_keeper.get(waiting.pop(), []):
            if other_id not in ids:
                ids.add(other_id)
                waiting.append(other_id)
    return ids


def former_name(doc: BoardDocument, org_id: str) -> str | None:
    """The name of an organization a merge removed, or None."""
    event = merges(doc).get(org_id)
    return event.reason if event is not None else None
