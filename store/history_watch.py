"""Checking the history again after a refresh, at the cost of what the refresh brought.

A whole check hashes every event and looks up every record its history names: about a
second of CPU at 20,000 organizations, after every change another session makes. The
watch keeps what the last check found and how far each table's change log went then
(``Table.log``). When since then the history only grew at its head, each new event
linking to the one before it, and the last check found the chain whole, it hashes only
the new events and checks only the records they or the other changes concern.

Anything else checks the whole history again: a table set wholesale (the file read
whole), an event changed or removed, a chain already broken (its problems depend on the
whole chain), forgetting contacts (it rewrites earlier events), or a change log that
lost its place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from .chain import (
    ENTITY_TABLES,
    FORGOTTEN,
    HistoryCheck,
    HistoryProblem,
    acknowledged_keys,
    chain_head,
    chain_problems,
    newest_versioned,
    raw_hash,
    record_problem,
)
from .document import BoardDocument, record_key
from .models import Event

_WHOLE_ATTEMPTS = 3
"""How often a whole check starts over when the board changed under it."""
_ENTITY_OF = {table: entity for entity, table in ENTITY_TABLES.items()}
"""The entity an event names for a record of each table."""

RecordRef = tuple[str, str]
"""(entity, record id), as events name a record."""


@dataclass(frozen=True)
class _Checked:
    """What one check found, and where the tables stood when it began."""

    result: HistoryCheck
    marks: dict[str, tuple[int, int]]
    """Table name -> (epoch, length of its change log)."""
    last_event_doc: int
    """The highest doc id of an event the check saw."""
    newest: dict[RecordRef, Event]
    """The newest versioned event of each record, in order of first mention (as ``newest_versioned``)."""
    record_problems: dict[RecordRef, HistoryProblem]


def _marks(doc: BoardDocument) -> dict[str, tuple[int, int]]:
    return {name: (table.epoch, len(table.log)) for name, table in doc.tables.items()}


class HistoryWatch:
    """The history check of one open board; ``check`` is safe to call from one worker thread at a time."""

    def __init__(self) -> None:
        self._last: _Checked | None = None

    def check(self, doc: BoardDocument) -> HistoryCheck:
        """What the whole history shows now: breaks, records out of step with it, and the acknowledged problems."""
        last = self._last
        checked = (self._extended(doc, last) if last is not None else None) or self._whole(doc)
        self._last = checked
        return checked.result

    @staticmethod
    def _whole(doc: BoardDocument) -> _Checked:
        # The board applies other sessions' changes on its main thread while a worker checks:
        # a table growing under the check's loops raises RuntimeError, and the check starts over.
        for attempt in range(_WHOLE_ATTEMPTS):
            try:
                return HistoryWatch._whole_once(doc)
            except RuntimeError:
                if attempt == _WHOLE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _whole_once(doc: BoardDocument) -> _Checked:
        doc.finish_loading()  # validating a deferred table sets it wholesale: marks after that
        marks = _marks(doc)  # before reading: a change landing meanwhile is looked at again next time
        newest = newest_versioned(doc.events.values())
        found = ((ref, record_problem(doc, *ref, event)) for ref, event in newest.items())
        records = {ref: problem for ref, problem in found if problem is not None}
        problems = [*chain_problems(doc), *records.values()]
        result = HistoryCheck(chain_head(doc), problems, acknowledged_keys(doc.events.values()))
        last_doc = max(map(int, doc.events.doc_ids()), default=0)
        return _Checked(result, marks, last_doc, newest, records)

    @staticmethod
    def _extended(doc: BoardDocument, last: _Checked) -> _Checked | None:
        """The last check carried forward over the changes since, or None when only a whole check will do."""
        if any(problem.kind != "record" for problem in last.result.problems):
            return None
        marks = _marks(doc)
        changed = _changes_between(doc, last.marks, marks)
        if changed is None:
            return None
        appended = _appended_events(doc, changed.get("events", []), last)
        if appended is None:
            return None
        head, last_doc = appended
        new_events = [event for _doc_id, event in _in_file_order(doc, changed.get("events", []))]
        newest = last.newest  # brought up to date in place: this check replaces the last one (a copy is O(records))
        refs = _records_concerned(changed, new_events, newest)
        problems = _rechecked(doc, last.record_problems, refs, newest)
        acknowledged = last.result.acknowledged | acknowledged_keys(new_events)
        result = HistoryCheck(head, _in_order_of(problems, newest), acknowledged)
        return _Checked(result, marks, last_doc, newest, problems)


def _records_concerned(
    changed: dict[str, list[BaseModel]], new_events: list[Event], newest: dict[RecordRef, Event]
) -> list[RecordRef]:
    """The records a new event versions (``newest`` is brought up to date) or a change put or deleted."""
    refs: dict[RecordRef, None] = {}
    for event in new_events:
        if event.version_after is not None and event.entity in ENTITY_TABLES:
            newest[event.entity, event.entity_id] = event
            refs[event.entity, event.entity_id] = None
    for name, records in changed.items():
        if name in _ENTITY_OF:
            refs.update(dict.fromkeys((_ENTITY_OF[name], record_key(record)) for record in records))
    return list(refs)


def _rechecked(
    doc: BoardDocument,
    problems: dict[RecordRef, HistoryProblem],
    refs: list[RecordRef],
    newest: dict[RecordRef, Event],
) -> dict[RecordRef, HistoryProblem]:
    """``problems`` with the records of ``refs`` checked again."""
    problems = dict(problems)
    for ref in refs:
        event = newest.get(ref)
        found = None if event is None else record_problem(doc, ref[0], ref[1], event)
        if found is None:
            problems.pop(ref, None)
        else:
            problems[ref] = found
    return problems


def _changes_between(
    doc: BoardDocument, since: dict[str, tuple[int, int]], until: dict[str, tuple[int, int]]
) -> dict[str, list[BaseModel]] | None:
    """The records each table's change log holds between two marks; None when a log cannot tell."""
    changed: dict[str, list[BaseModel]] = {}
    for name, table in doc.tables.items():
        (epoch, length), (epoch_now, length_now) = since.get(name, (-1, 0)), until[name]
        if epoch != epoch_now or length_now < length:
            return None
        records = table.log[length:length_now]
        if table.epoch != epoch_now:
            return None  # the log started again while it was read
        if records:
            changed[name] = records
    return changed


def _in_file_order(doc: BoardDocument, events: Iterable[BaseModel]) -> list[tuple[int, Event]]:
    """The changed events still on the board, by doc id (the chain's order), each once."""
    placed: dict[int, Event] = {}
    for event in events:
        assert isinstance(event, Event)
        doc_id = doc.events.doc_of.get(event.id)
        current = doc.events.get(event.id)
        if doc_id is not None and current is not None:
            placed[int(doc_id)] = current
    return sorted(placed.items(), key=lambda item: item[0])


def _appended_events(doc: BoardDocument, changed: list[BaseModel], last: _Checked) -> tuple[str, int] | None:
    """The chain's new head and last doc id when the changed events only continue the chain; else None."""
    placed = _in_file_order(doc, changed)
    if len({getattr(event, "id", None) for event in changed}) != len(placed):
        return None  # an event removed (or logged twice: replaced after it was added)
    head, last_doc = last.result.head, last.last_event_doc
    for doc_id, event in placed:
        stored = doc.events.document_at(str(doc_id))
        if doc_id <= last_doc or event.kind == FORGOTTEN or stored is None or stored.get("prev") != head:
            return None
        head, last_doc = raw_hash(stored), doc_id
    if head != chain_head(doc):
        return None
    return head, last_doc


def _in_order_of(problems: dict[RecordRef, HistoryProblem], newest: dict[RecordRef, Event]) -> list[HistoryProblem]:
    """The record problems in the order a whole check lists them (the order records are first mentioned)."""
    if len(problems) < 2:
        return list(problems.values())
    position = {ref: index for index, ref in enumerate(newest)}
    return [problems[ref] for ref in sorted(problems, key=position.__getitem__)]
