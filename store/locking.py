"""The write lock of a board: ``flock`` on ``<board>.lock``, checked so it cannot be fooled.

Every read-modify-write of a board holds the lock, so concurrent sessions never lose
each other's updates; the kernel drops a flock when its holder dies, so a killed
session never blocks the others. What the checks add, and why:

* The lock file is opened without following symlinks (``O_NOFOLLOW``) and without
  blocking (``O_NONBLOCK``), and must be a regular file: a symlink planted by anyone
  who can write the folder would otherwise make every writer, root included, create a
  file wherever it points, and a FIFO would make every writer hang.
* After the lock is taken, the lock file's name must still lead to the locked inode;
  if someone deleted or replaced it meanwhile, the lock is taken again on the new one.
* A writer also locks the board file's current inode and checks that the board's name
  still leads to it. A lock file deleted while a write is in progress then still
  cannot let a second writer in: it waits on the board inode until the first writer
  has replaced the board, and then works on the new file.
* A lock file this program creates gets the board's mode and group explicitly (like
  the board's temp files), so one teammate's ``umask 077`` cannot lock the others
  out. An existing lock file that is too private is repaired by its owner with
  ``chmod 660 board.json.lock`` (the lock holds no data; deleting it while no one is
  writing is safe too).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import LockTimeoutError, StoreFileError
from .files import lock_path, reason_of
from .i18n import _

_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class Deadline:
    board: Path
    seconds: float
    at: float

    def expired(self) -> bool:
        return time.monotonic() >= self.at

    def timeout_error(self) -> LockTimeoutError:
        return LockTimeoutError(
            _(
                "Another session has been writing {path} for more than {seconds:.0f} s; nothing was changed. Try again."
            ).format(path=self.board, seconds=self.seconds)
        )


@contextmanager
def board_lock(board: Path, *, timeout: float, mode: int, group: int = -1) -> Iterator[None]:
    """Hold the exclusive write lock of ``board`` for the body of the ``with``.

    Raises ``LockTimeoutError`` after ``timeout`` seconds, ``StoreFileError`` when the
    lock file cannot be used.
    """
    deadline = Deadline(board, timeout, time.monotonic() + timeout)
    lock_fd = _acquire_lock_file(lock_path(board), deadline, mode, group)
    try:
        board_fd = _acquire_board(board, deadline)
        try:
            yield
        finally:
            if board_fd is not None:
                _release(board_fd)
    finally:
        _release(lock_fd)


def _release(fd: int) -> None:
    # Unlock explicitly: a child forked meanwhile would otherwise keep the lock alive.
    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire_lock_file(lock_file: Path, deadline: Deadline, mode: int, group: int) -> int:
    while True:
        try:
            fd = open_lock_file(lock_file, deadline.board, mode, group)
        except FileNotFoundError:
            # Removed between our two opens: create it again.
            if deadline.expired():
                raise deadline.timeout_error() from None
            continue
        # The file may be deleted or replaced while we wait: a lock on it would protect nothing.
        if _lock_still_named(lock_file, fd, deadline):
            return fd
        if deadline.expired():
            raise deadline.timeout_error()


def _acquire_board(board: Path, deadline: Deadline) -> int | None:
    """An fd holding the board inode's lock, or None when there is no regular board file yet."""
    while True:
        try:
            fd = os.open(board, _READ_FLAGS)
        except OSError:
            return None  # no board yet, or one we cannot read: reading it says why
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                return None
        except BaseException:
            os.close(fd)
            raise
        # Another writer may replace the board while we wait: then lock the new file.
        if _lock_still_named(board, fd, deadline):
            return fd
        if deadline.expired():
            raise deadline.timeout_error()


def _lock_still_named(path: Path, fd: int, deadline: Deadline) -> bool:
    """Lock ``fd``; True if ``path`` still names that file, else the lock is let go (False)."""
    try:
        wait_for(fd, fcntl.LOCK_EX, deadline)
        if _still_named(path, fd):
            return True
    except BaseException:
        os.close(fd)
        raise
    _release(fd)
    return False


def open_lock_file(lock_file: Path, board: Path, mode: int, group: int, *, writable: bool = False) -> int:
    """An fd of ``lock_file`` (created with ``mode`` and ``group`` if missing), checked to be a regular file.

    ``writable``: opened for writing when this account may, read-only otherwise: over NFS,
    where flock is emulated with byte-range locks, only a writable fd can lock exclusively.
    """
    created = True
    access = os.O_RDWR if writable else os.O_RDONLY
    try:
        try:
            fd = os.open(lock_file, access | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
        except FileExistsError:
            created = False
            fd = _open_existing(lock_file, writable)
    except FileNotFoundError:
        if not lock_file.parent.is_dir():
            raise _lock_error(lock_file, board, errno.ENOENT) from None
        raise
    except OSError as error:
        raise _lock_error(lock_file, board, error.errno, reason_of(error)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _lock_error(lock_file, board, None)
        if created or (st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != mode):
            # The umask applied to the open: set the board's own mode and group for real.
            with suppress(OSError):
                os.fchmod(fd, mode)
            if group != -1:
                with suppress(OSError):
                    os.fchown(fd, -1, group)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_existing(lock_file: Path, writable: bool) -> int:
    if writable:
        with suppress(PermissionError):
            return os.open(lock_file, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    # O_RDONLY is enough for flock, and works when the lock file is 0640.
    return os.open(lock_file, _READ_FLAGS)


def _lock_error(lock_file: Path, board: Path, code: int | None, reason: str = "") -> StoreFileError:
    if code is None:
        message = _(
            "The lock file {lock} is not a regular file, so the board cannot be locked; nothing was changed. "
            "Remove it (rm {lock}) and try again."
        )
    elif code in (errno.ELOOP, errno.EMLINK):
        message = _(
            "The lock file {lock} is a symbolic link, which is never followed; nothing was changed. "
            "Remove it (rm {lock}) and try again."
        )
    elif code in (errno.EACCES, errno.EPERM):
        message = _(
            "Cannot open the lock file {lock}: permission denied; nothing was changed. "
            "Its owner can let the team in again with: chmod 660 {lock}"
        )
    else:
        message = _("Cannot open the lock file {lock}: {reason}. Check that the folder is writable for you.")
    return StoreFileError(str(board), message.format(lock=lock_file, reason=reason or os.strerror(code or 0)))


def wait_for(fd: int, kind: int, deadline: Deadline) -> None:
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline.expired():
                raise deadline.timeout_error() from None
            time.sleep(delay)
            delay = min(delay * 2, 0.02)


def _still_named(path: Path, fd: int) -> bool:
    """Whether ``path`` still leads to the inode open as ``fd`` (not deleted, not replaced)."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
