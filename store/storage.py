"""Durable storage of one board file: locked writes, atomic replaces, careful reads.

The file is a plain TinyDB JSON document (``{"table": {"doc_id": {...}}}``), so
``tinydb.TinyDB(path, access_mode="r")`` can open it. What this module adds, and why:

* Writers replace the file atomically and durably (``store.files``): a process killed
  at any instant leaves the old or the new file, never a torn one. TinyDB's own
  ``JSONStorage`` rewrites in place, which leaves unreadable or silently wrong files
  when killed mid-write.
* Every read-modify-write holds the board's lock (``store.locking``), so concurrent
  sessions never lose each other's updates.
* Reads need no lock: a reader sees either the old or the new inode. Only a regular
  file of at most ``MAX_BOARD_BYTES`` (512 MB, far above the ~36 MB of a board of
  20,000 organizations with their history) is read; anything else is refused before
  reading, so a FIFO or a device never hangs a command and a huge file never fills
  the memory.
* A temp file gets the board's mode and group before it replaces the board, or a
  teammate would be locked out after one write.
* ``decode`` accepts exactly the documents that ``encode`` can write back, so a file
  that opens (or passes ``check``) can also be changed.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .errors import StoreFileError
from .files import (
    PRIVATE_MODE,
    SHARED_MODE,
    OpenFile,
    Output,
    lock_path,
    reason_of,
    remove_stale_builds,
    temp_prefix,
    write_all,
    write_error,
    write_new_file,
)
from .i18n import _
from .locking import board_lock
from .runs import Source

__all__ = [
    "LOCK_TIMEOUT_SECONDS",
    "MAX_BOARD_BYTES",
    "BoardFile",
    "FileStamp",
    "decode",
    "encode",
    "lock_path",
    "write_all",  # for callers from before store.files; use store.files.write_all
]

LOCK_TIMEOUT_SECONDS = 15.0
MAX_BOARD_BYTES = 512 * 1024 * 1024
"""Largest board file read. A board of 20,000 organizations with its history is ~36 MB."""


@dataclass(frozen=True, slots=True)
class FileStamp:
    """Cheap identity of the file on disk: a changed stamp means someone wrote it."""

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class BoardFile:
    """The board file on disk: lock, read and atomic write. Holds no parsed state.

    The path is resolved once (symlinks followed): a board reached through a symlink
    is locked, read and replaced where it really lives, so the link keeps working and
    everyone who opens the board by any of its names shares one lock.
    """

    def __init__(self, path: str | os.PathLike[str], *, shared: bool = False) -> None:
        self.path = Path(os.path.realpath(path))
        self.shared = shared
        self._pin: _Pin | None = None

    # -- permissions -------------------------------------------------------------

    def new_file_mode(self) -> int:
        if self.shared:
            return SHARED_MODE
        try:
            folder = os.stat(self.path.parent)
        except OSError:
            return PRIVATE_MODE
        # A setgid folder is how a team shares files on one host: follow it.
        return SHARED_MODE if folder.st_mode & stat.S_ISGID else PRIVATE_MODE

    def _mode_and_group(self) -> tuple[int, int]:
        """The mode and group every file of this board gets: the board's own, or those of a new board."""
        try:
            current = os.stat(self.path)
        except FileNotFoundError:
            return self.new_file_mode(), -1
        return stat.S_IMODE(current.st_mode), current.st_gid

    def mode_and_group(self) -> tuple[int, int]:
        """The mode and group the board's other files (its journal) get; raises ``StoreFileError``."""
        try:
            return self._mode_and_group()
        except OSError as error:
            raise write_error(self.path, error) from None

    def exists(self) -> bool:
        try:
            os.stat(self.path)
        except FileNotFoundError:
            return False
        except OSError as error:
            raise self._read_error(error) from None
        return True

    # -- locking -----------------------------------------------------------------

    @contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
        """Hold the exclusive write lock of this board for the body of the ``with`` (see ``store.locking``)."""
        try:
            mode, group = self._mode_and_group()
        except OSError as error:
            raise write_error(self.path, error) from None
        with board_lock(self.path, timeout=timeout, mode=mode, group=group):
            yield

    def remove_stale_temp_files(self) -> int:
        """Delete what killed writers left: temp files, and half-built new boards.

        Call only while holding the lock: no write is then in progress, so every temp
        file of this board is stale (a half-built board is removed only when its
        builder's lock shows it is gone).
        """
        removed = remove_stale_builds(self.path)
        prefix = temp_prefix(self.path)
        try:
            entries = list(os.scandir(self.path.parent))
        except OSError:
            return removed
        for entry in entries:
            # A temp name's random part has no dot: ".board.json.bak.x1.tmp" belongs to board.json.bak.
            random_part = entry.name[len(prefix) : -len(".tmp")]
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp") and "." not in random_part:
                try:
                    os.unlink(entry.path)
                    removed += 1
                except OSError:
                    pass
        return removed

    # -- reading -----------------------------------------------------------------

    def stamp(self) -> FileStamp | None:
        try:
            return FileStamp.of(self.path)
        except OSError as error:
            # The folder became unreadable, for instance: a clear refusal, not a crash.
            raise self._read_error(error) from None

    def current(self) -> tuple[_Pin, FileStamp] | None:
        """The board file as it is now, held open, and its stamp; None when there is none.

        ``keep`` the pin once the copy in memory is taken to be that file, as a read would.
        """
        try:
            pin = _Pin(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
            st = os.fstat(pin.fd)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._read_error(error) from None
        return pin, FileStamp(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def source(self, stamp: FileStamp) -> Source | None:
        """The file last read or written (whose stamp was ``stamp``), for runs that lie in it (``store.runs``)."""
        if self._pin is None or self._pin.fd < 0:
            return None
        try:
            return Source(self._pin.fd, stamp.size, stamp.mtime_ns, stamp.ctime_ns)
        except OSError:
            return None

    def keep(self, pin: _Pin) -> None:
        """Hold ``pin`` instead of the file held so far, which is let go without waiting."""
        old, self._pin = self._pin, pin
        if old is not None:
            old.let_go()

    def read_bytes(self) -> tuple[bytes, FileStamp]:
        """The file's bytes and stamp. Only a regular file of at most ``MAX_BOARD_BYTES`` is read.

        A FIFO, a device (``/dev/zero``) or a folder is refused at once instead of
        hanging or filling the memory; so is a file too large to be a board.
        """
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            raise StoreFileError(
                str(self.path), _("The board file {path} does not exist.").format(path=self.path)
            ) from None
        except OSError as error:
            raise self._read_error(error) from None
        pin = _Pin(fd)
        try:
            st = os.fstat(fd)
            self._refuse_unreadable(st.st_mode, st.st_size)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_BOARD_BYTES + 1)
        except OSError as error:
            raise self._read_error(error) from None
        # It may have grown since the fstat.
        self._refuse_unreadable(st.st_mode, len(data))
        self._pin = pin
        return data, FileStamp(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def _refuse_unreadable(self, mode: int, size: int) -> None:
        if stat.S_ISDIR(mode):
            message = _("{path} is a folder, not a board file.")
        elif not stat.S_ISREG(mode):
            message = _("{path} is not a regular file (it is a device, a FIFO or a socket), so it is not a board file.")
        elif size > MAX_BOARD_BYTES:
            message = _("{path} is larger than {limit} MB, too large to be a board file; it was not opened.")
        else:
            return
        raise StoreFileError(str(self.path), message.format(path=self.path, limit=MAX_BOARD_BYTES // (1024 * 1024)))

    def _read_error(self, error: OSError) -> StoreFileError:
        if error.errno in (errno.EACCES, errno.EPERM):
            message = _(
                "Cannot read {path}: permission denied. Check that you may open the file and every folder above it."
            )
        elif error.errno == errno.EISDIR:
            message = _("{path} is a folder, not a board file.")
        else:
            message = _("Cannot read {path}: {reason}.")
        return StoreFileError(str(self.path), message.format(path=self.path, reason=reason_of(error)))

    # -- writing -----------------------------------------------------------------

    def write_bytes(self, data: bytes | Callable[[Output], None]) -> FileStamp:
        """Replace the file with ``data`` atomically and durably; returns the new stamp.

        On any failure (a full disk, a permission problem) the old file is left as it
        was, the temp file is removed and ``StoreFileError`` explains what happened.
        """
        try:
            mode, group = self._mode_and_group()
        except OSError as error:
            raise write_error(self.path, error) from None
        write_new_file(self.path, data, mode=mode, group=group, replace=True)
        try:
            # Under the lock nobody replaces the file meanwhile; stat after the rename,
            # which changes the inode's ctime.
            pin = _Pin(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
            st = os.fstat(pin.fd)
        except OSError as error:
            raise write_error(self.path, error) from None
        self._pin = pin
        return FileStamp(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class _Pin(OpenFile):
    """Keeps the inode last read or written open, so that its number is not reused.

    A stamp compares inode numbers: once an inode is freed, a later writer's file may
    get the same number, and with the same size within one clock tick of the file
    system its stamp would look unchanged, hiding that writer's change (a lost update
    seen under heavy contention). An inode kept open is never freed.
    """

    __slots__ = ()


def encode(document: dict[str, Any]) -> bytes:
    """Serialize a board document the one way this program writes it."""
    return orjson.dumps(document)


_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


class _StrictJSONError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _StrictJSONError(_("{name} is not allowed").format(name=name))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _StrictJSONError(_("the key {key!r} appears twice in one object").format(key=key))
        result[key] = value
    return result


def _encodes_back(parsed: Any, data: bytes) -> bool:
    return encode(parsed) == data


def decode(data: bytes, *, encodes_back: Callable[[Any, bytes], bool] = _encodes_back) -> Any:
    """Parse JSON strictly: no NaN/Infinity, no duplicate keys, nothing ``encode`` cannot write back.

    Files this program wrote re-encode to the very same bytes, which proves they hold
    none of these; only other files take the slow, fully checked path. ``encodes_back``
    says whether ``encode(parsed) == data`` (a caller may keep the bytes it encodes).
    Raises ``ValueError`` with a short reason.
    """
    try:
        parsed = orjson.loads(data)
    except (orjson.JSONDecodeError, RecursionError):
        pass  # the strict parser says why, in words a person can act on
    else:
        try:
            if encodes_back(parsed, data):
                return parsed
        except orjson.JSONEncodeError:
            pass
    return _decode_strictly(data)


def _decode_strictly(data: bytes) -> Any:
    if data.startswith(_BYTE_ORDER_MARK):
        raise ValueError(_("it starts with a byte order mark, which board files never have"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(_("it is not UTF-8 text, so it is not a board file")) from None
    try:
        parsed = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
    except (_StrictJSONError, json.JSONDecodeError) as error:
        raise ValueError(str(error)) from None
    except RecursionError:
        raise ValueError(_("the data is nested too deeply")) from None
    try:
        encode(parsed)
    except orjson.JSONEncodeError as error:
        if "ecursion" not in str(error):
            raise ValueError(_unwritable(str(error))) from None
        # Deep values can only sit where the models accept any JSON (an event's
        # changes); the models refuse them there, naming the record and field.
    return parsed


def _unwritable(reason: str) -> str:
    """Why a parsed document could not be written back, in the user's words."""
    if "nteger" in reason:
        return _("a number is too large (the largest allowed is 2^64 - 1)")
    if "surrogate" in reason:
        return _("a text holds a lone surrogate escape (such as \\ud800)")
    return _("it holds a value this program cannot store ({reason})").format(reason=reason)
