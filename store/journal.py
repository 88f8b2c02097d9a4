"""The board's journal: ``<board>.journal``, the changes committed since the board file was last checkpointed.

The board file stays a whole TinyDB document, the *checkpoint*; a change appends one
record to the journal instead of rewriting the board, so a move costs the same on a
board of 100 or 20,000 organizations. Layout, one line per entry, each line
``<JSON payload> <checksum>\\n`` (the checksum: 32 hex digits of BLAKE2b over the payload):

* line 1, the header: ``{"format": "outreach-tui-journal", "version": 1,
  "checkpoint": ID, "sequence": N}``: the checkpoint it follows (the id in the board's
  meta record) and the number of the last change that checkpoint holds. A journal started
  by a checkpoint also says ``"board": {"inode", "size", "mtime_ns", "ctime_ns"}``, the
  stamp of the board file that checkpoint wrote, and, when that board holds exactly the
  changes of the previous checkpoint's journal, ``"folds": {"checkpoint": ID, "sequence":
  N}``: which checkpoint and how far. An open board holding just that much takes the new
  checkpoint over without reading it (``store.board_copy``). Both are optional: older
  versions ignore them, and a header without them makes every open board read the file;
* then one record per committed change: ``{"seq": N + 1, "checkpoint": ID, "tables":
  {table: {doc_id: document or null}}}`` (null: the record was deleted), the documents
  exactly as the change wrote them (history events included).

Appends hold the board's lock and are fsynced before the change is reported done. A
writer killed mid-append leaves a last line without its newline: readers ignore it and
the next writer cuts it off. Any other damage, a record out of sequence or a journal of
another checkpoint is refused, naming the file, and nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import stat
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from . import files
from .errors import StoreFileError
from .files import journal_path, reason_of, write_error, write_new_file
from .i18n import _
from .storage import FileStamp

JOURNAL_FORMAT = "outreach-tui-journal"
JOURNAL_VERSION = 1
_SUM_DIGITS = 32


@dataclass(frozen=True, slots=True)
class Header:
    """What the first line says: the checkpoint the journal follows and the last change that checkpoint holds.

    Headers are equal when they name the same checkpoint and change, whatever else they say.
    """

    checkpoint: str
    sequence: int
    board: FileStamp | None = field(default=None, compare=False)
    """The stamp of the board file the checkpoint wrote, just before it started this journal."""
    folds: tuple[str, int] | None = field(default=None, compare=False)
    """The checkpoint and the last change of it that the board file holds, and nothing else."""


@dataclass(slots=True)
class Entry:
    """One committed change read from the journal."""

    seq: int
    tables: dict[str, dict[str, Any]]
    end: int
    """The offset just after this record."""


@dataclass(slots=True)
class Reading:
    """What a read of the journal found from some offset on."""

    entries: list[Entry]
    end: int
    """The offset after the last whole record: where the next append goes once a torn tail is cut."""
    size: int
    """How many bytes the file held when read (more than ``end`` when a torn tail is there)."""


@dataclass(slots=True)
class JournalPosition:
    """How far into the journal the copy in memory goes."""

    inode: int | None
    """The journal read; None when there was none."""
    end: int
    """The offset after the last record applied: the next append goes here."""
    size: int
    """The journal's size when last read (beyond ``end`` while a torn tail is there)."""
    sequence: int
    """The number of the last change applied."""
    header: Header | None
    """The header of the journal read; None when there is none, or it is an old one this checkpoint holds."""


def applied(position: JournalPosition) -> tuple[int, int] | None:
    """The journal's identity when it holds nothing beyond what was applied.

    Bytes past ``end`` are read again at every look, even when they were a torn tail last
    time: the next writer may have cut that tail and appended a record of the very same size.
    """
    return None if position.inode is None else (position.inode, position.end)


def line(payload: dict[str, Any]) -> bytes:
    data = orjson.dumps(payload)
    return data + b" " + _checksum(data) + b"\n"


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_SUM_DIGITS // 2).hexdigest().encode("ascii")


def header_line(header: Header) -> bytes:
    payload: dict[str, Any] = {
        "format": JOURNAL_FORMAT,
        "version": JOURNAL_VERSION,
        "checkpoint": header.checkpoint,
        "sequence": header.sequence,
    }
    if header.board is not None:
        board = header.board
        payload["board"] = {
            "inode": board.inode,
            "size": board.size,
            "mtime_ns": board.mtime_ns,
            "ctime_ns": board.ctime_ns,
        }
    if header.folds is not None:
        payload["folds"] = {"checkpoint": header.folds[0], "sequence": header.folds[1]}
    return line(payload)


def _stamp_of(value: Any) -> FileStamp | None:
    fields = ("inode", "size", "mtime_ns", "ctime_ns")
    if not isinstance(value, dict) or not all(type(value.get(name)) is int for name in fields):
        return None
    return FileStamp(*(value[name] for name in fields))


def _folds_of(value: Any) -> tuple[str, int] | None:
    if not isinstance(value, dict) or not isinstance(value.get("checkpoint"), str):
        return None
    sequence = value.get("sequence")
    return (value["checkpoint"], sequence) if type(sequence) is int else None


def record_line(seq: int, checkpoint: str, tables: dict[str, dict[str, Any]]) -> bytes:
    return line({"seq": seq, "checkpoint": checkpoint, "tables": tables})


def _payload(raw: bytes) -> Any:
    """The payload of one whole line (without its newline), or None when its checksum does not match."""
    if len(raw) <= _SUM_DIGITS + 1 or raw[-_SUM_DIGITS - 1 : -_SUM_DIGITS] != b" ":
        return None
    data = raw[: -_SUM_DIGITS - 1]
    if _checksum(data) != raw[-_SUM_DIGITS:]:
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None


class JournalFile:
    """The journal of one board on disk. Holds no parsed state, like ``BoardFile``."""

    def __init__(self, board: Path) -> None:
        self.board = board
        self.path = journal_path(board)

    # -- reading -----------------------------------------------------------------

    def open(self) -> int | None:
        """A read-only fd of the journal, or None when there is none."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self.read_error(error) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise self.damaged(_("it is not a regular file"))
        except BaseException:
            os.close(fd)
            raise
        return fd

    def identity(self) -> tuple[int, int] | None:
        """(inode, size) of the journal now, None when there is none."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self.read_error(error) from None
        return st.st_ino, st.st_size

    def read_header(self, fd: int) -> tuple[Header, int]:
        """The header and the offset after it; a journal without a whole header is refused as foreign."""
        data = self._read(fd, 0, 4096)
        newline = data.find(b"\n")
        payload = _payload(data[:newline]) if newline >= 0 else None
        if (
            not isinstance(payload, dict)
            or payload.get("format") != JOURNAL_FORMAT
            or not isinstance(payload.get("checkpoint"), str)
            or not isinstance(payload.get("sequence"), int)
        ):
            raise self.foreign()
        if payload.get("version") != JOURNAL_VERSION:
            raise StoreFileError(
                str(self.path),
                _(
                    "{journal} was written by a newer outreach-tui; upgrade outreach-tui to open {path}. "
                    "Nothing was changed."
                ).format(journal=self.path, path=self.board),
            )
        header = Header(
            payload["checkpoint"],
            payload["sequence"],
            board=_stamp_of(payload.get("board")),
            folds=_folds_of(payload.get("folds")),
        )
        return header, newline + 1

    def read_records(self, fd: int, offset: int, header: Header, next_seq: int) -> Reading:
        """The whole records from ``offset`` on, numbered from ``next_seq``; a torn last line is left out."""
        data = self._read(fd, offset, None)
        entries: list[Entry] = []
        position = 0
        while position < len(data):
            newline = data.find(b"\n", position)
            if newline < 0:
                break  # a torn tail: a writer was killed while appending it
            entry = self._entry(data[position:newline], header, next_seq + len(entries), offset + newline + 1)
            entries.append(entry)
            position = newline + 1
        return Reading(entries, offset + position, offset + len(data))

    def _read(self, fd: int, offset: int, limit: int | None) -> bytes:
        try:
            return _read_from(fd, offset, limit)
        except OSError as error:
            raise self.read_error(error) from None

    def _entry(self, raw: bytes, header: Header, seq: int, end: int) -> Entry:
        payload = _payload(raw)
        if not isinstance(payload, dict) or not isinstance(payload.get("tables"), dict):
            raise self.damaged(_("change {n} is damaged").format(n=seq))
        if payload.get("checkpoint") != header.checkpoint or payload.get("seq") != seq:
            raise self.damaged(_("change {n} is out of sequence").format(n=seq))
        return Entry(seq, payload["tables"], end)

    # -- writing (under the board's lock) ------------------------------------------

    def start(self, header: Header, *, mode: int, group: int, first: bytes = b"") -> tuple[int, int]:
        """Replace the journal by one following ``header``'s checkpoint, holding the ``first`` record if given.

        Returns its inode and length.
        """
        data = header_line(header) + first
        write_new_file(self.path, data, mode=mode, group=group, replace=True)
        try:
            return os.stat(self.path).st_ino, len(data)
        except OSError as error:
            raise write_error(self.path, error) from None

    def append(self, data: bytes, at: int) -> None:
        """Write ``data`` at offset ``at`` (cutting whatever a killed writer left there) and fsync it."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CLOEXEC)
        except OSError as error:
            raise write_error(self.path, error) from None
        try:
            try:
                if os.fstat(fd).st_size != at:
                    os.ftruncate(fd, at)
                os.lseek(fd, at, os.SEEK_SET)
                files.write_all(fd, data)
                os.fsync(fd)
            except OSError as error:
                # A full disk: take back what part of the record was written.
                with suppress(OSError):
                    os.ftruncate(fd, at)
                raise write_error(self.path, error) from None
        finally:
            os.close(fd)

    def cut(self, at: int) -> None:
        """Cut a torn tail off (the journal then ends with its last whole record)."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CLOEXEC)
            try:
                os.ftruncate(fd, at)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise write_error(self.path, error) from None

    # -- refusals ------------------------------------------------------------------

    def read_error(self, error: OSError) -> StoreFileError:
        return StoreFileError(
            str(self.path),
            _("Cannot read {journal}: {reason}. {path} was not opened or changed.").format(
                journal=self.path, reason=reason_of(error), path=self.board
            ),
        )

    def damaged(self, reason: str) -> StoreFileError:
        return StoreFileError(
            str(self.path),
            _(
                "{journal}, the journal of {path}, cannot be read: {reason}. Nothing was changed. "
                "Keep a copy of both files, then restore the board from a backup."
            ).format(journal=self.path, path=self.board, reason=reason),
        )

    def foreign(self) -> StoreFileError:
        return StoreFileError(
            str(self.path),
            _(
                "{journal} is not an outreach-tui journal, so {path} was not opened or changed. "
                "Move {journal} aside and open the board again."
            ).format(journal=self.path, path=self.board),
        )

    def stale(self) -> StoreFileError:
        return StoreFileError(
            str(self.path),
            _(
                "{journal} holds changes that do not follow the board file {path} (it belongs to another "
                "version of that file), so nothing was opened or changed. If you restored {path} from a backup "
                "on purpose, move {journal} aside and open the board again."
            ).format(journal=self.path, path=self.board),
        )


def _read_from(fd: int, offset: int, limit: int | None) -> bytes:
    """The bytes from ``offset`` to the end (or ``limit`` bytes); raises ``OSError``."""
    size = os.fstat(fd).st_size
    wanted = max(0, size - offset) if limit is None else limit
    chunks = []
    while wanted > 0:
        chunk = os.pread(fd, wanted, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)
