"""A look at a board's settings before it is opened, cheap on a board of any size."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .document import META_TABLE
from .errors import StoreError
from .journal import JournalFile
from .models import BoardSettings
from .parsing import parse_document
from .storage import MAX_BOARD_BYTES, BoardFile, encode
from .upgrade import upgraded

HEAD_BYTES = 64 * 1024
"""How much of the file the quick look parses: the meta record and the settings are far smaller."""

_LEADING_TABLES = (META_TABLE, "settings")
"""The first two tables of every file this program writes (see ``store.document.TABLES``)."""


def peek_settings(path: str | Path) -> BoardSettings | None:
    """The settings of the board file at ``path``, read without the lock; None if they cannot be told.

    For start-up, before the board is really opened (to choose the language its
    messages are shown in). Writers replace the file atomically, so this read sees a
    whole file. A missing, unreadable, foreign or newer file, or one whose meta record or
    settings are invalid, gives None: opening it reports the problem. Only the start of
    a file this program wrote is read and parsed (a 9 MB board costs a full parse of half a
    second otherwise), so damage further on is left for the real opening to report.
    """
    try:
        board = BoardFile(path)
        document = _leading_tables(_start_of(board.path))
        if document is None:
            document, _stamp = board.read_bytes()
        parsed = upgraded(parse_document(document, Path(path)))
        records = parsed.get("settings", {})
        if not isinstance(records, dict) or len(records) > 1:
            return None
        latest = _journaled_settings(board.path, parsed[META_TABLE]["1"].get("checkpoint", ""))
        record = next(iter(records.values()), {}) if latest is _NOT_JOURNALED else latest or {}
        return BoardSettings.model_validate(record)
    except (StoreError, OSError, ValueError, RecursionError, ValidationError):
        return None


_NOT_JOURNALED: Any = object()


def _journaled_settings(board: Path, checkpoint: str) -> Any:
    """The settings record as the journal's last change of it left it (None: deleted); ``_NOT_JOURNALED`` if none."""
    journal = JournalFile(board)
    fd = journal.open()
    if fd is None:
        return _NOT_JOURNALED
    try:
        if b'"settings"' not in os.pread(fd, MAX_BOARD_BYTES, 0):
            return _NOT_JOURNALED
        header, start = journal.read_header(fd)
        if header.checkpoint != checkpoint:
            return _NOT_JOURNALED  # opening the board says what is wrong
        reading = journal.read_records(fd, start, header, header.sequence + 1)
    finally:
        os.close(fd)
    latest = _NOT_JOURNALED
    for entry in reading.entries:
        changed = entry.tables.get("settings")
        if isinstance(changed, dict) and changed:
            latest = list(changed.values())[-1]
    return latest


def _start_of(path: Path) -> bytes:
    """The first bytes of a regular board file, enough for ``_leading_tables`` (empty when not such a file).

    Only these are read: on a 20,000-organization board, reading the whole 38 MB file took
    50 ms of every start in a terminal whose language does not say one.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return b""
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BOARD_BYTES:
            return b""  # what reading it in full says instead
        # One byte past the head tells _leading_tables whether the file goes on.
        return os.pread(fd, HEAD_BYTES + 1, 0)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _leading_tables(data: bytes) -> bytes | None:
    """The file's meta and settings tables alone, as a document, when the file starts with them; else None."""
    try:
        # Not final: a character cut in two at the end of the head is left out, not an error.
        head = codecs.getincrementaldecoder("utf-8")().decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)
        decoder = json.JSONDecoder(parse_constant=_refuse_constant)
        tables: dict[str, Any] = {}
        index = _skip(head, 0, "{")
        for position, name in enumerate(_LEADING_TABLES):
            key, index = decoder.raw_decode(head, _skip(head, index, ""))
            if key != name:
                return None  # another layout (a schema 1 file): the whole file is parsed
            tables[key], index = decoder.raw_decode(head, _skip(head, index, ":"))
            if position < len(_LEADING_TABLES) - 1:
                index = _skip(head, index, ",")
        return encode(tables)
    except (ValueError, TypeError, RecursionError):
        return None


def _skip(text: str, index: int, expected: str) -> int:
    """The index after whitespace, ``expected`` (if any) and whitespace; ``ValueError`` when it is not there."""
    index = len(text) - len(text[index:].lstrip()) if index < len(text) else index
    if expected:
        if not text.startswith(expected, index):
            raise ValueError(expected)
        index = len(text) - len(text[index + 1 :].lstrip())
    return index


def _refuse_constant(name: str) -> None:
    raise ValueError(name)
