"""Another session's checkpoint, taken over without reading the board file (see ``store.board_copy``).

A checkpoint writes the copy its session holds as the new board file, then starts a new
journal whose header names the stamp of that file and the checkpoint and change it folded
(``store.journal``). A copy at exactly that checkpoint and change holds what the new file
holds: it needs the new checkpoint's id, the new file's stamp and the new journal's
position, not a parse and validation of the whole file (1.2 s at 20,000 organizations).

The proof is the stamp, as for every refresh (``store.loading``): inode, size and both
modification times equal to those the writer saw right after replacing the board mean the
file is the one it wrote. A file edited or replaced by other means since has another
stamp; a writer killed before starting the new journal leaves the old journal, which
names no such stamp. Either way the whole file is read, as it is when the checkpoint held
a change of its own or an upgrade in memory, or the header comes from an older version.
Outside the lock a new board file beside the old journal is far more often a writer
between its two steps than a killed one, so a refresh leaves it for one look first.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .files import OpenFile
from .journal import Header, JournalPosition

if TYPE_CHECKING:
    from .board_copy import BoardCopy
    from .document import BoardDocument


class OpenJournal(OpenFile):
    """The journal a copy follows, kept open: once a checkpoint replaced it, its last records can still be read
    (closed on another thread when let go: a replaced journal may be megabytes to free)."""

    __slots__ = ("inode",)

    def __init__(self, fd: int) -> None:
        super().__init__(fd)
        self.inode = os.fstat(fd).st_ino


def take_over_checkpoint(copy: BoardCopy, position: JournalPosition, *, patient: bool) -> bool | None:
    """Follow the checkpoint that replaced the board file; whether the copy changed, None: read the board file whole.

    ``patient``: when the journal is still the one this copy follows, the checkpoint's writer
    is most likely between its two steps (two fsyncs: milliseconds, or more on a busy disk):
    look again next time. If the next look finds the same, the writer was killed there, or
    the board file was replaced by other means: the whole file is read then.
    Raises ``StoreFileError`` for a damaged journal, as reading it whole would.
    """
    caught_up = _catch_up(copy, position)
    if caught_up is None:
        return None
    fd = copy.journal.open()
    if fd is None:
        return None
    try:
        header, start = copy.journal.read_header(fd)
        if patient and header == position.header and _wait(copy):
            os.close(fd)
            return caught_up
        taken = _take(copy, fd, header, start, position)
    except BaseException:
        os.close(fd)
        raise
    if taken is None:
        os.close(fd)
        return None
    if copy._followed is not None:
        copy._followed.let_go()
    copy._followed = OpenJournal(fd)
    if taken:
        copy.document.generation += 1
    return caught_up or taken


def _catch_up(copy: BoardCopy, position: JournalPosition) -> bool | None:
    """Apply what was appended to the followed journal since the last look; None when it was not kept open."""
    if position.header is None:
        return False  # no journal of this checkpoint was followed: nothing to catch up with
    followed = copy._followed
    if followed is None or followed.inode != position.inode:
        return None
    reading = copy.journal.read_records(followed.fd, position.end, position.header, position.sequence + 1)
    copy._apply(copy.document, reading.entries)
    copy._advance(position, reading)
    if reading.entries:
        copy.document.generation += 1
    return bool(reading.entries)


def _wait(copy: BoardCopy) -> bool:
    """Whether to leave this board file for the next look (once only)."""
    now = copy.file.stamp()
    if now is None or now == copy.waited_for:
        return False
    copy.waited_for = now
    return True


def _take(copy: BoardCopy, fd: int, header: Header, start: int, position: JournalPosition) -> bool | None:
    doc = copy.document
    if not _folds(header, doc, position.sequence):
        return None
    current = copy.file.current()
    if current is None or current[1] != header.board:
        return None
    pin, stamp = current
    reading = copy.journal.read_records(fd, start, header, header.sequence + 1)
    copy._apply(doc, reading.entries)
    assert header.folds is not None
    doc.meta_raw = {
        **doc.meta_raw,
        "checkpoint": header.checkpoint,
        "follows": header.folds[0],
        "sequence": header.sequence,
    }
    doc.file_meta = dict(doc.meta_raw)
    doc.stamp = stamp
    copy.file.keep(pin)
    copy.position = JournalPosition(os.fstat(fd).st_ino, start, start, header.sequence, header)
    copy._advance(copy.position, reading)
    return bool(reading.entries)


def _folds(header: Header, doc: BoardDocument, sequence: int) -> bool:
    """Whether the checkpoint that started this journal folded exactly what ``doc`` holds."""
    checkpoint = doc.file_meta.get("checkpoint")
    return (
        bool(checkpoint)
        and header.board is not None
        and header.folds == (checkpoint, sequence)
        and header.sequence == sequence
        and doc.meta_raw == doc.file_meta
    )
