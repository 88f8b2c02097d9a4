"""The history as a chain: each event carries the hash of the event before it, so an edit shows.

The hash of an event is SHA-256 of its canonical form, cut to its first 128 bits (32 hex
digits, enough that nobody can make another event with the same hash): the event as the
board file stores it (``model_dump(mode="json", exclude_defaults=True)``, its ``prev`` link
included), serialized by orjson with sorted keys and no spaces. The first event of a board
links to ``GENESIS``. An event changed, inserted or removed in the file breaks a link, and
``history_problems`` names where. A record edited without an event is seen by its version:
the newest event about a record that records a version (``version_after``) must give the
record's current version.

Forgetting an organization's contacts rewrites the events that held them; the event recording it
lists each rewritten event with its hash before and after (``REWRITTEN``), and a link to a hash
listed there holds exactly when the event now has the hash listed after.

Someone who rewrites the whole history and computes every link again leaves a whole chain: only
a head kept elsewhere (written into every snapshot) shows the history is no longer the one it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from .document import BoardDocument
from .models import Event

GENESIS = "0" * 32
"""What the first event of a board links to."""

ENTITY_TABLES = {
    "organization": "organizations",
    "placement": "placements",
    "campaign": "campaigns",
    "visit": "visits",
    "training": "trainings",
    "board": "settings",
}
"""The table of the records each kind of event entity names (users carry no version)."""


def stored_form(event: Event) -> dict[str, Any]:
    """The event as the board file stores it (see ``Table.put``)."""
    return event.model_dump(mode="json", exclude_defaults=True)


def raw_hash(raw: Mapping[str, Any]) -> str:
    """The hash of an event in its stored form (see the module docstring)."""
    return hashlib.sha256(orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def event_hash(event: Event) -> str:
    return raw_hash(stored_form(event))


def linked(event: Event, prev: str) -> Event:
    """``event`` as the next link after the event whose hash is ``prev``."""
    return event if event.prev == prev else event.model_copy(update={"prev": prev})


def unlinked(event: Event) -> Event:
    """``event`` without its link: what two boards holding the same event agree on."""
    return event if event.prev is None else event.model_copy(update={"prev": None})


def chain_head(doc: BoardDocument) -> str:
    """The hash of the newest event of the board (``GENESIS`` when it has none): the next event links to it.

    The newest event is the last one written (the highest document id), found without
    validating the history, so a change to a large board stays quick.
    """
    events = doc.events
    doc_ids = events.doc_ids()
    if not doc_ids:
        return GENESIS
    last = events.document_at(str(events.next_doc - 1)) or events.document_at(max(doc_ids, key=int))
    assert last is not None
    return raw_hash(last)


def seal_raw_events(events: dict[str, dict[str, Any]]) -> None:
    """Link the stored events of an older file, in the order they were written (upgrading to the chain)."""
    prev = GENESIS
    for doc_id in sorted(events, key=int):
        raw = events[doc_id]
        if isinstance(raw, dict):
            raw["prev"] = prev
            try:
                prev = raw_hash(raw)
            except orjson.JSONEncodeError:
                return  # nested too deep to be a valid event: validating the history refuses the file


# -- checking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryProblem:
    """One place where the history does not add up, and the records it concerns."""

    key: str
    """Names the problem the same way on every check (an acknowledgement lists these keys)."""
    kind: str
    """``break``, ``fork``, ``unlinked`` or ``record``."""
    events: tuple[str, ...]
    """The ids of the events concerned."""
    records: tuple[str, ...]
    """The ids of the records concerned (organizations, cards, campaigns …)."""
    expected: int | None = None
    """For a record: the version its newest event gives."""
    found: int | None = None
    """For a record: its version in the file."""


def _records_of(events: Iterable[Event]) -> tuple[str, ...]:
    """The records events are about: their organization, else their campaign, else their entity."""
    ids: dict[str, None] = {}
    for event in events:
        record = event.organization_id or event.campaign_id or event.entity_id
        if record:
            ids[record] = None
    return tuple(ids)


FORGOTTEN = "contacts_forgotten"
"""The kind of event that rewrote earlier events to remove contact values; it lists them under ``REWRITTEN``."""
REWRITTEN = "rewritten"
"""``changes[REWRITTEN][1]`` of a ``FORGOTTEN`` event: ``[event id, hash before, hash after]`` per rewritten event."""


@dataclass
class _Links:
    events: dict[str, Event]
    """Event id -> the event, in file order."""
    hashes: dict[str, str]
    """Event id -> hash."""
    by_hash: dict[str, str]
    """Hash -> event id."""
    successors: dict[str, list[str]]
    """Link (a hash, or GENESIS) -> the ids of the events naming it as their ``prev``, in file order."""
    rewrites: dict[str, str]
    """The hash an event had before forgetting contacts rewrote it -> its hash after, as the forgetting recorded."""

    def resolved(self, link: str) -> str:
        """``link``, or the hash of the rewritten event it named, when that event still has the recorded hash."""
        after = self.rewrites.get(link)
        return after if link not in self.by_hash and after is not None and after in self.by_hash else link


def _rewrites(events: Iterable[Event]) -> dict[str, str]:
    found: dict[str, str] = {}
    for event in events:
        if event.kind == FORGOTTEN:
            for item in event.changes.get(REWRITTEN, [None, []])[-1]:
                if isinstance(item, list) and len(item) == 3:
                    found[str(item[1])] = str(item[2])
    return found


def _links(doc: BoardDocument) -> _Links:
    by_id = doc.events.by_id  # the stored events are read only once validated
    events: dict[str, Event] = {}
    hashes: dict[str, str] = {}
    for _doc_id, stored in doc.events.documents():
        event_id = stored["id"]
        events[event_id] = by_id[event_id]
        hashes[event_id] = raw_hash(stored)
    links = _Links(
        events, hashes, {digest: event_id for event_id, digest in hashes.items()}, {}, _rewrites(events.values())
    )
    for event_id, event in events.items():
        if (prev := event.prev) is not None:
            links.successors.setdefault(links.resolved(prev), []).append(event_id)
    return links


def history_problems(doc: BoardDocument) -> list[HistoryProblem]:
    """Every break in the chain of ``doc``'s history, then every record whose version its history does not give."""
    links = _links(doc)
    return [*_chain_problems(links), *_record_problems(doc, links.events.values())]


def chain_problems(doc: BoardDocument) -> list[HistoryProblem]:
    """Every break in the chain of ``doc``'s history (the first part of ``history_problems``)."""
    return _chain_problems(_links(doc))


def _chain_problems(links: _Links) -> list[HistoryProblem]:
    problems: list[HistoryProblem] = []
    for event_id, event in links.events.items():
        prev = event.prev
        if prev is not None:
            prev = links.resolved(prev)
        if prev is None:
            problems.append(HistoryProblem(f"unlinked:{event_id}", "unlinked", (event_id,), _records_of([event])))
        elif prev != GENESIS and prev not in links.by_hash:
            # The event before it was changed (its hash is no longer this link) or removed.
            before = _last_reached(links, event_id)
            concerned = [e for e in (before, event_id) if e is not None]
            records = _records_of(links.events[e] for e in concerned)
            problems.append(HistoryProblem(f"break:{event_id}", "break", tuple(concerned), records))
    for link, following in links.successors.items():
        if len(following) > 1:
            # Two events follow one: all but the one the rest of the history goes on from were inserted.
            kept = _continuing(links, following)
            inserted = [e for e in following if e != kept]
            records = _records_of(links.events[e] for e in inserted)
            problems.append(HistoryProblem(f"fork:{link}", "fork", tuple(inserted), records))
    return problems


def _last_reached(links: _Links, broken: str) -> str | None:
    """The event written just before ``broken`` (by file order): the one changed, or the last one before a removal."""
    ids = list(links.events)
    index = ids.index(broken)
    return ids[index - 1] if index > 0 else None


def _continuing(links: _Links, following: list[str]) -> str:
    """Of events naming the same predecessor, the one with the longest history after it."""

    def length(event_id: str) -> int:
        n = 0
        current: str | None = event_id
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            n += 1
            nexts = links.successors.get(links.hashes[current], [])
            current = nexts[0] if nexts else None
        return n

    return max(following, key=length)


def newest_versioned(events: Iterable[Event]) -> dict[tuple[str, str], Event]:
    """(entity, record id) -> the newest event recording a version of that record, in order of first mention."""
    newest: dict[tuple[str, str], Event] = {}
    for event in events:
        if event.version_after is not None and event.entity in ENTITY_TABLES:
            newest[event.entity, event.entity_id] = event
    return newest


def record_problem(doc: BoardDocument, entity: str, record_id: str, event: Event) -> HistoryProblem | None:
    """The problem when the record's version is not the one ``event``, its newest versioned event, gives."""
    record = doc.tables[ENTITY_TABLES[entity]].get(record_id)
    found = getattr(record, "version", None)
    if record is None or found == event.version_after:
        return None
    return HistoryProblem(
        f"record:{entity}:{record_id}:{found}",
        "record",
        (event.id,),
        _records_of([event]),
        expected=event.version_after,
        found=found,
    )


def _record_problems(doc: BoardDocument, events: Iterable[Event]) -> list[HistoryProblem]:
    """Records whose version is not the one their newest versioned event gives."""
    found = (
        record_problem(doc, entity, record_id, event) for (entity, record_id), event in newest_versioned(events).items()
    )
    return [problem for problem in found if problem is not None]


def head_in_history(doc: BoardDocument, head: str) -> bool:
    """Whether the event whose hash is ``head`` (as a snapshot recorded it) is still in the history, as it was or
    as forgetting contacts recorded rewriting it."""
    hashes = {raw_hash(stored) for _doc_id, stored in doc.events.documents()}
    return head == GENESIS or head in hashes or _rewrites(doc.events.values()).get(head) in hashes


ACKNOWLEDGED = "history_acknowledged"
"""The kind of event by which a coordinator says they saw the problems it lists (by key)."""


@dataclass(frozen=True)
class HistoryCheck:
    """What checking the history found: the chain's head, its problems, and which were acknowledged."""

    head: str
    problems: list[HistoryProblem]
    acknowledged: frozenset[str]

    @property
    def unacknowledged(self) -> list[HistoryProblem]:
        return [problem for problem in self.problems if problem.key not in self.acknowledged]


def acknowledged_keys(events: Iterable[Event]) -> frozenset[str]:
    """The problem keys coordinators acknowledged in ``events``."""
    return frozenset(
        key
        for event in events
        if event.kind == ACKNOWLEDGED
        for key in event.changes.get("problems", [None, []])[-1]
        if isinstance(key, str)
    )


def check_history(doc: BoardDocument) -> HistoryCheck:
    """Check the whole history (``store.history_watch`` checks again at the cost of what changed since)."""
    return HistoryCheck(chain_head(doc), history_problems(doc), acknowledged_keys(doc.events.values()))
