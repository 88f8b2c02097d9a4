"""One change to the board: lock, re-read, check, apply, record history, write once, unlock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from . import permissions
from .board_copy import BoardCopy
from .chain import chain_head, event_hash, linked
from .document import BoardDocument, record_key
from .history import conflict_error, new_event
from .identity import Actor
from .ids import IdFactory
from .integrity import check_writable
from .models import Event, Role
from .text import display_safe

MergeOutcome = Literal["added", "updated", "unchanged"]


class Transaction:
    """What one change sees and does: the current document, who acts, and the events it writes.

    The events of one transaction share a group id, so undo reverts them together.
    """

    def __init__(self, doc: BoardDocument, actor: Actor, ids: IdFactory, clock: Callable[[], datetime]) -> None:
        self.doc = doc
        self.actor = actor
        self.ids = ids
        self.clock = clock
        self.group = ids.new("grp")
        self.events: list[Event] = []
        self._event_ids: set[str] = set()
        self._head: str | None = None
        self.rewritten: list[Event] = []
        self.fold = False
        """Whether no earlier version of what this change touches may stay in the journal (forgetting
        contacts): the change is then written as a checkpoint, which starts an empty journal."""

    def event(self, kind: str, entity: str, entity_id: str, **fields: Any) -> Event:
        """Record a history event of this change (written with it)."""
        event = new_event(
            self.ids,
            kind,
            entity,
            entity_id,
            at=self.clock(),
            actor=self.actor.login,
            on_behalf=self.actor.on_behalf,
            group=self.group,
            taken=self._event_id_taken,
            **fields,
        )
        return self.append_event(event)

    def append_event(self, event: Event) -> Event:
        """Add ``event`` to the history as written by this change, linked to the one before it."""
        event = linked(event, self.head)
        self.events.append(event)
        self._event_ids.add(event.id)
        self._head = event_hash(event)
        return event

    @property
    def head(self) -> str:
        """The hash the next event of this change links to (``store.chain``)."""
        if self._head is None:
            self._head = chain_head(self.doc)
        return self._head

    def rewrite_event(self, event: Event) -> None:
        """Replace an event already in the history (forgetting contacts only: ``store.changes.forgetting``).

        The rewritten events are kept in ``rewritten`` beside ``events``, for whatever persists the change.
        """
        self.doc.events.put(event)
        self.rewritten.append(event)
        self.fold = True

    def _event_id_taken(self, event_id: str) -> bool:
        # A set, not a scan of the events: an import writes thousands of events in one change.
        return event_id in self._event_ids or self.doc.events.get(event_id) is not None

    def put(self, table: str, record: BaseModel) -> None:
        if isinstance(record, Event):
            self.append_event(record)  # linked into the chain, written with the change's own events
        else:
            self.doc.tables[table].put(record)

    def delete(self, table: str, key: str) -> None:
        self.doc.tables[table].delete(key)

    def merge(self, table: str, record: BaseModel) -> MergeOutcome:
        """Put ``record`` unless the table holds an equal one; say which it was."""
        existing = self.doc.tables[table].get(record_key(record))
        if existing == record or (isinstance(existing, Event) and table == "events"):
            return "unchanged"  # a known event is never rewritten (nor linked again)
        self.put(table, record)
        return "added" if existing is None else "updated"

    # -- roles and versions --------------------------------------------------------------

    def role(self, login: str | None = None) -> Role:
        """The role of ``login`` (default: the actor) in the document as re-read under the lock."""
        users = self.doc.users
        return permissions.role_of(users.get(login or self.actor.login), board_has_users=len(users) > 0)

    def require(self, action: str) -> None:
        """Raise ``PermissionDenied`` unless the actor's current role may perform ``action``."""
        login = self.actor.login
        permissions.require(self.role(), action, login, listed=self.doc.users.get(login) is not None)

    def check_version(self, entity: str, entity_id: str, label: str, expected: int | None, found: int) -> None:
        """Refuse a change made on a stale copy (``ConflictError`` saying who changed it since)."""
        if expected is not None and expected != found:
            raise conflict_error(self.doc, entity, entity_id, display_safe(label), expected, found)

    @property
    def by(self) -> str:
        """How the actor is named on the records it changes."""
        return self.actor.label()


@contextmanager
def transaction(copy: BoardCopy, actor: Actor, ids: IdFactory, clock: Callable[[], datetime]) -> Iterator[Transaction]:
    """Run one change under the file lock; write once at the end if anything changed."""
    with copy.file.lock():
        copy.remove_stale_temp_files()
        copy.reload()
        # Never write a file whose records were not all validated.
        copy.document.finish_loading()
        doc = copy.document
        # The copy is consistent here (checked when read or when last written), so the
        # check before writing needs to look only at what this change touches.
        doc.start_change()
        tx = Transaction(doc, actor, ids, clock)
        try:
            yield tx
            if not tx.events and not doc.dirty:
                return
            for event in tx.events:
                doc.events.put(event)
            check_writable(doc)
            copy.write(fold=tx.fold)
        except BaseException:
            if doc.dirty:
                copy.discard_unwritten()
            raise
