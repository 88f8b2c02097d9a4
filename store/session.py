"""An opened board file: its in-memory copy, how it is opened or created, and how a change's transaction starts.

``Repository`` builds on this (queries in ``store.reading``, changes in ``store.repository``);
no change is made here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Self

from . import integrity
from .board_copy import BoardCopy, write_backup
from .chain import GENESIS
from .document import BoardDocument
from .errors import LockTimeoutError, StoreError, StoreFileError
from .files import journal_path, reason_of
from .history import new_event
from .i18n import _
from .identity import Actor, current_actor
from .ids import IdFactory
from .models import FILE_FORMAT, SCHEMA_VERSION, Event, Meta, utc_now
from .presence import Presence
from .storage import LOCK_TIMEOUT_SECONDS, BoardFile
from .transaction import Transaction, transaction

CLOSE_LOCK_SECONDS = 2.0
"""How long the last session closing waits for the write lock to fold the journal (closing never hangs)."""


class BoardSession:
    """A board file opened by one actor; see ``Repository`` for what can be read and changed."""

    def __init__(self, board_file: BoardFile, actor: Actor, ids: IdFactory, clock: Callable[[], datetime]) -> None:
        self.file = board_file
        self.actor = actor
        self._ids = ids
        self._clock = clock
        self._copy = BoardCopy(board_file)
        self._presence: Presence | None = None

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        shared: bool = False,
        actor: Actor | None = None,
        ids: IdFactory | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> Self:
        """Open the board file at ``path``; with ``create`` make a new empty board if it is missing.

        Raises ``StoreFileError`` (naming the file) if it is not a valid board file;
        the file is then left untouched.
        """
        repo = cls(BoardFile(path, shared=shared), actor or current_actor(), ids or IdFactory(), clock)
        if repo.file.exists():
            repo._copy.reload(force=True)
        elif create:
            repo._copy.create(repo._first_records)
        else:
            raise _no_board_at(repo.path)
        return repo

    def _first_records(self) -> tuple[Meta, Event]:
        now = self._clock()
        meta = Meta(format=FILE_FORMAT, schema_version=SCHEMA_VERSION, created_at=now, created_by=self.actor.label())
        event = new_event(
            self._ids,
            "file_created",
            "file",
            "",
            at=now,
            actor=self.actor.login,
            on_behalf=self.actor.on_behalf,
            group=self._ids.new("grp"),
            prev=GENESIS,
        )
        return meta, event

    @property
    def path(self) -> Path:
        return self.file.path

    def finish_loading(self) -> None:
        """Validate what opening deferred (the history). Raises ``StoreFileError`` if it is invalid."""
        self._doc.finish_loading()

    def verify(self) -> None:
        """Check everything a write or an import would: every record, across tables, and that it can be written.

        Raises ``StoreFileError`` naming the first problems; ``check`` runs this.
        """
        self._copy.reload()
        self._doc.finish_loading()
        integrity.check_opened(self._doc)
        self._copy.check_encodable()

    def journal_length(self) -> tuple[int, int]:
        """How many changes the journal holds beyond the board file's checkpoint, and its size in bytes."""
        return self._copy.journal_length()

    def compact(self) -> int:
        """Fold the journal into the board file, under the lock; returns how many changes it held.

        Afterwards the board file alone holds every change (a ``cp`` of it is complete).
        """
        return self._fold()

    def _fold(self, *, timeout: float = LOCK_TIMEOUT_SECONDS, when_empty: bool = True) -> int:
        with self.file.lock(timeout):
            self._copy.remove_stale_temp_files()
            self._copy.reload()
            changes, _size = self._copy.journal_length()
            if changes or when_empty:
                self._doc.finish_loading()
                self._copy.checkpoint()
        return changes

    # -- sessions that stay open ----------------------------------------------------------

    def hold_open(self) -> None:
        """Count this session among those that have the board open until ``close()`` (``store.presence``).

        For long-lived sessions (the board app, a web page); short commands never call it.
        """
        if self._presence is not None:
            return
        presence = Presence(self.path)
        try:
            mode, group = self.file.mode_and_group()
        except StoreError:
            return
        if presence.enter(mode=mode, group=group):
            self._presence = presence

    def close(self) -> str | None:
        """Let go of the board; the last session open folds the journal into the board file.

        Never raises and never waits long: returns a notice for the person when the fold
        was due but could not be written (the journal then keeps every change), else
        None. A session that never called ``hold_open`` does nothing. A fold costs one
        checkpoint (about one atomic write of the board) and is always worth it: a ``cp``
        of the board file is then complete.
        """
        presence, self._presence = self._presence, None
        if presence is None or not presence.leave():
            return None
        if not os.access(self.path.parent, os.W_OK):
            return None  # this account cannot replace the board file: folding is left to one that can
        try:
            self._fold(timeout=CLOSE_LOCK_SECONDS, when_empty=False)
        except LockTimeoutError:
            problem = _("Another session was writing the board.")
        except (StoreError, OSError) as error:
            problem = str(error) if isinstance(error, StoreError) else reason_of(error)
        else:
            return None
        return _(
            "The journal was not folded into {path} on closing. {problem} No change is lost: {journal} keeps them all."
        ).format(path=self.path, problem=problem, journal=journal_path(self.path))

    def backup(self, target: str | Path) -> Path:
        """Write one complete, consistent board file to ``target`` (which must not exist), read under the lock.

        The copy is a board of its own: its journal starts empty, and it is never taken for
        this board's checkpoint (a restored copy beside this board's journal is refused).
        """
        with self.file.lock():
            self._copy.reload()
            self._doc.finish_loading()
            return write_backup(self._doc, Path(target), mode=self.file.mode_and_group()[0])

    def refresh(self) -> bool:
        """Pick up changes other sessions wrote. Cheap (one ``stat``) when nothing changed."""
        return self._copy.reload(patient=True)

    def changed_on_disk(self) -> bool:
        """Whether another session wrote the file since this one last read or wrote it."""
        return self._copy.changed_on_disk()

    @property
    def generation(self) -> int:
        """Increases whenever the in-memory copy changes (a write or a reload)."""
        return self._doc.generation

    def _transaction(self) -> AbstractContextManager[Transaction]:
        return transaction(self._copy, self.actor, self._ids, self._clock)

    @property
    def _doc(self) -> BoardDocument:
        return self._copy.document


def _no_board_at(path: Path) -> StoreFileError:
    return StoreFileError(
        str(path),
        _("There is no board file at {path}. Create one with 'outreach-tui init' or pass --db.").format(path=path),
    )
