"""The board in memory, kept current from its checkpoint (the board file) and its journal.

Opening reads the checkpoint and applies the journal. Afterwards a refresh costs two
``stat`` calls when nothing changed, and only the records appended since the last look
when another session wrote: the offset reached is remembered. A change appends one
record to the journal (``store.journal``); once the journal passes a share of the
board's size, the journal is folded into a new checkpoint, so the cost per change stays
the same however large the board is.

A checkpoint replaces the board file first and then starts a new journal. A writer
killed between the two leaves the new board beside the old journal, whose changes the
board already holds: the board's meta record names the checkpoint it ``follows`` and
the last change it holds (``sequence``), so that journal is recognized and ignored.

Another session's checkpoint is taken over without reading the board file when it holds
exactly what this copy holds: the new journal's header names the stamp of the board file
the checkpoint wrote and the checkpoint and change it folded (``store.journal``). If the
board file's stamp is that one (an unchanged stamp proves the file is the one written,
as for every refresh) and this copy is at that very change, the copy *is* the new board
file: it takes the new checkpoint's id and the new journal's position, and reads only the
records appended since. Changes appended to the old journal since the last look are read
first, from the old journal kept open (it has been replaced by then). Anything else (a
board file replaced or edited by other means, a checkpoint holding a change of its own or
an upgrade, a writer killed between the two steps) reads the whole file as before; a
refresh outside the lock that finds the new board beside the old journal first gives the
writer one more look to start the new journal (``store.takeover``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from .document import BoardDocument, Table, record_key
from .errors import StoreError, StoreFileError
from .files import journal_path, write_new_file
from .i18n import _
from .journal import Entry, Header, JournalFile, JournalPosition, Reading, applied, record_line
from .loading import (
    ChangedInPlace,
    _is_record_key,
    _validate_record,
    changed_in_place,
    collector_paused,
    read_document,
)
from .models import Event, Meta, User
from .parsing import parse_board
from .runs import StaleRun
from .storage import BoardFile, FileStamp
from .takeover import OpenJournal, take_over_checkpoint
from .text import display_safe

CHECKPOINT_SHARE = 0.25
"""A checkpoint is written once the journal holds more than this share of the board file's size ..."""
CHECKPOINT_MIN_BYTES = 1024 * 1024
"""... and more than this many bytes (a small board is not rewritten every few changes)."""
_OPEN_ATTEMPTS = 20
"""How often opening retries when a checkpoint replaced the files while they were being read."""


class _Replaced(Exception):
    """A checkpoint replaced the board and its journal while they were being read: read them again."""


class BoardCopy:
    """The board file, its journal, and the copy in memory made of both."""

    def __init__(self, file: BoardFile) -> None:
        self.file = file
        self.journal = JournalFile(file.path)
        self.document = BoardDocument(file.path)
        self.position: JournalPosition | None = None
        self._followed: OpenJournal | None = None
        self.waited_for: FileStamp | None = None
        """The board file a patient look last left for later: the next look at the same file reads it."""

    @property
    def path(self) -> Path:
        return self.file.path

    # -- reading -------------------------------------------------------------------

    def reload(self, *, force: bool = False, patient: bool = False) -> bool:
        """Pick up what other sessions wrote (everything, with ``force``). Returns whether anything changed.

        ``patient`` (never under the lock): a checkpoint caught between its board file and its
        new journal is left for the next look, instead of reading the whole board file now.
        """
        position = self.position
        stamp = self.document.stamp
        if not force and position is not None and stamp is not None:
            if self.file.stamp() == stamp:
                now = self.journal.identity()
                if now == applied(position):
                    return False
                if now is not None and (now[0] != position.inode or now[1] >= position.end):
                    return self._read_new_records(position)
            else:
                taken = take_over_checkpoint(self, position, patient=patient)
                if taken is not None:
                    return taken
        self._read_all()
        return True

    def changed_on_disk(self) -> bool:
        position = self.position
        if position is None or self.file.stamp() != self.document.stamp:
            return True
        return self.journal.identity() != applied(position)

    def _read_new_records(self, position: JournalPosition) -> bool:
        fd = self.journal.open()
        if fd is None:
            self._read_all()
            return True
        try:
            followed = self._follow_new(fd, position)
        except BaseException:
            os.close(fd)
            raise
        if followed is None:
            os.close(fd)
            self._read_all()
            return True
        self._followed = OpenJournal(fd)
        followed_position, reading = followed
        self._apply(self.document, reading.entries)
        self._advance(followed_position, reading)
        self.position = followed_position
        if reading.entries:
            self.document.generation += 1
        return bool(reading.entries)

    def _follow_new(self, fd: int, position: JournalPosition) -> tuple[JournalPosition, Reading] | None:
        """The records appended since ``position``; None when the journal must be read from the start."""
        inode = os.fstat(fd).st_ino
        if inode != position.inode or position.header is None:
            # A journal started since (the first change after a checkpoint): it must follow
            # this very checkpoint at the change this copy holds, or everything is read again.
            header, start = self.journal.read_header(fd)
            meta = self.document.file_meta
            if header == Header(meta.get("checkpoint", ""), position.sequence):
                position = JournalPosition(inode, start, start, position.sequence, header)
            elif meta.get("checkpoint") and header.checkpoint == meta.get("follows"):
                # The old journal, until the writer of the checkpoint starts the new one.
                reading = self.journal.read_records(fd, start, header, header.sequence + 1)
                if reading.entries and reading.entries[-1].seq > position.sequence:
                    return None
                return JournalPosition(inode, start, start, position.sequence, None), Reading(
                    [], reading.size, reading.size
                )
            else:
                return None
        assert position.header is not None
        return position, self.journal.read_records(fd, position.end, position.header, position.sequence + 1)

    def _read_all(self) -> None:
        current = self.document
        for _attempt in range(_OPEN_ATTEMPTS):
            with collector_paused():
                # The journal first: a checkpoint replaces the board before the journal, so
                # the board read next is at least as new as this journal.
                fd = self.journal.open()
                try:
                    data, stamp = self.file.read_bytes()
                    parsed = parse_board(data, self.path, self.file.source(stamp))
                    del data  # not held while the records are validated
                    doc = read_document(parsed, self.path, current if current.stamp is not None else None)
                    position = self._follow(fd, doc)
                except BaseException as error:
                    if fd is not None:
                        os.close(fd)
                    if isinstance(error, _Replaced | ChangedInPlace):
                        continue  # read again: the file changed while it was read
                    raise
            doc.stamp = stamp
            doc.generation = current.generation + 1
            self.document, self.position = doc, position
            self._followed = OpenJournal(fd) if fd is not None else None
            return
        raise self.journal.stale()

    def _follow(self, fd: int | None, doc: BoardDocument) -> JournalPosition:
        """Apply the journal open as ``fd`` to ``doc`` (just read from the board file); where it ends."""
        checkpoint = doc.file_meta.get("checkpoint", "")
        sequence = doc.file_meta.get("sequence", 0)
        if fd is None:
            return JournalPosition(None, 0, 0, sequence, None)
        inode = os.fstat(fd).st_ino
        header, start = self.journal.read_header(fd)
        if checkpoint and header.checkpoint == checkpoint and header.sequence == sequence:
            reading = self.journal.read_records(fd, start, header, sequence + 1)
            self._apply(doc, reading.entries)
            position = JournalPosition(inode, start, start, sequence, header)
            self._advance(position, reading)
            return position
        if checkpoint and header.checkpoint == doc.file_meta.get("follows"):
            reading = self.journal.read_records(fd, start, header, header.sequence + 1)
            if (reading.entries[-1].seq if reading.entries else header.sequence) <= sequence:
                # Left by a writer killed during a checkpoint: the board holds all of it.
                return JournalPosition(inode, reading.size, reading.size, sequence, None)
        if self._replaced_meanwhile(inode, doc):
            raise _Replaced
        raise self.journal.stale()

    def _replaced_meanwhile(self, inode: int, doc: BoardDocument) -> bool:
        now = self.journal.identity()
        return now is None or now[0] != inode or self.file.stamp() != doc.stamp

    @staticmethod
    def _advance(position: JournalPosition, reading: Reading) -> None:
        position.end, position.size = reading.end, reading.size
        if reading.entries:
            position.sequence = reading.entries[-1].seq

    def _apply(self, doc: BoardDocument, entries: list[Entry]) -> None:
        for entry in entries:
            for name, docs in entry.tables.items():
                table = doc.tables.get(name)
                if table is None or not isinstance(docs, dict):
                    raise self.journal.damaged(_("change {n} names an unknown table").format(n=entry.seq))
                for doc_id, raw in docs.items():
                    self._apply_doc(table, doc_id, raw, entry.seq)

    def _apply_doc(self, table: Table[Any], doc_id: str, raw: Any, seq: int) -> None:
        if not _is_record_key(doc_id):
            raise self.journal.damaged(_("change {n} has a bad record number").format(n=seq))
        if raw is None:
            if not table.drop_doc(doc_id):
                raise self.journal.damaged(_("change {n} deletes a record the board does not hold").format(n=seq))
            return
        if not isinstance(raw, dict):
            raise self.journal.damaged(
                _("change {n} holds an invalid record in {table}").format(n=seq, table=display_safe(table.name))
            )
        if table.validated:
            record = _validate_record(table, doc_id, raw, self.journal.path)
            table.load_doc(doc_id, raw, record_key(record), record)
            return
        key = raw.get("login" if table.model is User else "id")
        if not isinstance(key, str):
            raise self.journal.damaged(
                _("change {n} holds an invalid record in {table}").format(n=seq, table=display_safe(table.name))
            )
        table.load_doc(doc_id, raw, key, None)

    # -- writing (under the board's lock) ---------------------------------------------

    def write(self, *, fold: bool = False) -> None:
        """Make the change in memory durable: one journal record, or a checkpoint when it cannot be journaled.

        ``fold``: write a checkpoint in any case, so no earlier version of a record stays in the journal.
        """
        doc = self.document
        changes = doc.journal_changes()
        position = self.position
        if fold or changes is None or position is None or not doc.file_meta.get("checkpoint"):
            self.checkpoint(holds_a_change=True)
            return
        sequence = position.sequence + 1
        record = record_line(sequence, doc.file_meta["checkpoint"], changes)
        if position.header is None:
            # No journal follows this checkpoint yet: it appears whole, with this change.
            self._start_journal(position, record)
        else:
            self.journal.append(record, position.end)
            position.end = position.size = position.end + len(record)
        position.sequence = sequence
        doc.generation += 1
        doc.mark_written()
        if self._checkpoint_due():
            self._checkpoint_quietly()

    def _start_journal(
        self,
        position: JournalPosition,
        first: bytes = b"",
        *,
        board: FileStamp | None = None,
        folds: tuple[str, int] | None = None,
    ) -> None:
        header = Header(self.document.file_meta["checkpoint"], position.sequence, board=board, folds=folds)
        mode, group = self.file.mode_and_group()
        position.inode, position.end = self.journal.start(header, mode=mode, group=group, first=first)
        position.size, position.header = position.end, header
        # Under the lock nobody replaces it meanwhile: the copy follows this very journal.
        with suppress(StoreError):
            fd = self.journal.open()
            self._followed = OpenJournal(fd) if fd is not None else None

    def _checkpoint_due(self) -> bool:
        position, stamp = self.position, self.document.stamp
        if position is None or stamp is None:
            return False
        return position.end > max(CHECKPOINT_MIN_BYTES, CHECKPOINT_SHARE * stamp.size)

    def _checkpoint_quietly(self) -> None:
        # The change is already durable in the journal: a checkpoint that fails (a full
        # disk) is tried again by the next change, and the files stay consistent meanwhile.
        with suppress(StoreFileError):
            self.checkpoint()

    def checkpoint(self, *, holds_a_change: bool = False) -> None:
        """Write the copy as a new board file, then start an empty journal following it (under the lock).

        ``holds_a_change``: the copy holds a change that is in no journal; it gets a number of its own.
        """
        doc = self.document
        position = self.position
        sequence = position.sequence if position is not None else doc.file_meta.get("sequence", 0)
        before = doc.meta_raw
        # What the new board file holds, for open boards to take it over: exactly this checkpoint's
        # changes up to ``sequence``, unless a change of its own or an upgrade in memory is in it too.
        exact = position is not None and not holds_a_change and before == doc.file_meta and before.get("checkpoint")
        folds = (before["checkpoint"], sequence) if exact else None
        sequence += holds_a_change
        checkpoint = secrets.token_hex(8)
        doc.meta_raw = {
            **before,
            "checkpoint": checkpoint,
            "follows": before.get("checkpoint", ""),
            "sequence": sequence,
        }
        try:
            doc.forget_stale_runs()
            parts = doc.encoded()
            doc.stamp = self.file.write_bytes(lambda out: out.writelines(parts))
        except StaleRun:
            doc.meta_raw = before
            raise changed_in_place(self.path) from None
        except BaseException:
            doc.meta_raw = before
            raise
        source = self.file.source(doc.stamp)
        if source is not None:
            doc.keep_runs_in(source)
        doc.file_meta = dict(doc.meta_raw)
        doc.generation += 1
        doc.mark_written()
        self.position = JournalPosition(None, 0, 0, sequence, None)
        try:
            self._start_journal(self.position, board=doc.stamp, folds=folds)
        except StoreError:
            self._discard_position()
            raise

    def _discard_position(self) -> None:
        with suppress(StoreError):
            self._read_all()

    def check_encodable(self) -> None:
        """Raise ``StoreFileError`` if the copy could not be written back as it is."""
        try:
            self.document.encoded()
        except (TypeError, ValueError) as error:
            raise StoreFileError(
                str(self.path),
                _("{path} holds a value this program cannot write back ({reason}).").format(
                    path=self.path, reason=display_safe(str(error))
                ),
            ) from None

    def discard_unwritten(self) -> None:
        """Drop a change that was not written: the files are the truth (unchanged records are reused)."""
        try:
            self.reload(force=True)
        except StoreError:
            self.document = BoardDocument(self.path)
            self.position = None

    def remove_stale_temp_files(self) -> int:
        """Under the lock: what killed writers left beside the board and beside its journal."""
        return self.file.remove_stale_temp_files() + BoardFile(journal_path(self.path)).remove_stale_temp_files()

    def journal_length(self) -> tuple[int, int]:
        """How many changes the journal holds beyond the checkpoint, and its size in bytes."""
        position = self.position
        if position is None or position.header is None:
            return 0, position.size if position is not None else 0
        return position.sequence - position.header.sequence, position.size

    # -- a new board ---------------------------------------------------------------

    def _ensure_folder(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, mode=0o700)
            except OSError as error:
                raise StoreFileError(
                    str(self.path),
                    _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=error.strerror),
                ) from None

    def create(self, first_records: Callable[[], tuple[Meta, Event]]) -> None:
        """Write a new board holding ``first_records`` (its meta record and first event), unless one appeared."""
        self._ensure_folder()
        with self.file.lock():
            if self.file.exists():
                # Another session created it between our check and the lock.
                self.reload(force=True)
                return
            meta, event = first_records()
            doc = BoardDocument(self.path)
            doc.meta_raw = meta.model_dump(mode="json")
            doc.events.put(event)
            self.document = doc
            self.position = None
            self.checkpoint()


def write_backup(doc: BoardDocument, target: Path, *, mode: int) -> Path:
    """Write ``doc`` whole to ``target`` as a new board file with a checkpoint of its own; refuse an existing file."""
    meta = {**doc.meta_raw, "checkpoint": secrets.token_hex(8), "follows": "", "sequence": 0}
    doc.forget_stale_runs()
    try:
        data = b"".join(doc.encoded(meta))
    except StaleRun:
        raise changed_in_place(doc.path) from None
    target = Path(os.path.abspath(target))
    if not write_new_file(target, data, mode=mode, replace=False):
        raise StoreFileError(
            str(target),
            _("{path} already exists; a backup never writes over a file. Choose another name.").format(path=target),
        )
    return target
