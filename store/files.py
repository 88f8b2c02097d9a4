"""Writing files so that they appear whole or not at all, and survive a crash once written.

One recipe for every file the program writes (the board, snapshots, new boards): a
temp file in the same folder, every byte written, the final mode (and group) set on
the open file, ``fsync``, then ``os.replace`` (or ``os.link`` when an existing file
must never be replaced), then ``fsync`` of the folder so the new name is durable too.
A process killed at any instant leaves the old file or the new one, never a torn one,
and at worst a hidden ``.<name>.*.tmp`` file that the next writer of a board removes.
"""

from __future__ import annotations

import errno
import fcntl
import os
import queue
import secrets
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import StoreFileError
from .i18n import _

PRIVATE_MODE = 0o600
SHARED_MODE = 0o660

# File systems without hard links: a new file is then renamed into place after a check.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK})


def write_all(fd: int, data: bytes) -> None:
    """Write every byte: ``os.write`` may write less than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def close_later(fd: int) -> None:
    """Close ``fd`` on a thread of its own.

    When ``fd`` holds the last reference to a file already replaced (the board file before a
    checkpoint, the journal before it), closing frees the whole file: about 10 ms for the
    38 MB of a board of 20,000 organizations here, which a refresh of the board need not wait for.
    """
    global _closer
    with _closer_lock:
        if _closer is None:
            _closer = queue.SimpleQueue()
            try:
                threading.Thread(target=_close_all, args=(_closer,), name="close-later", daemon=True).start()
            except RuntimeError:  # the interpreter is shutting down
                _closer = None
                _close_quietly(fd)
                return
        _closer.put(fd)


class OpenFile:
    """A file kept open until ``let_go`` (closed then on another thread) or until it is no longer referenced."""

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def let_go(self) -> None:
        """Close on another thread (``close_later``)."""
        fd, self.fd = self.fd, -1
        close_later(fd)

    def __del__(self) -> None:
        if self.fd >= 0:
            with suppress(OSError):
                os.close(self.fd)


_closer: queue.SimpleQueue[int] | None = None
_closer_lock = threading.Lock()


def _close_all(fds: queue.SimpleQueue[int]) -> None:
    while True:
        _close_quietly(fds.get())


def _close_quietly(fd: int) -> None:
    with suppress(OSError):
        os.close(fd)


def _forget_closer() -> None:
    # A forked child has no such thread: it starts its own when it needs one.
    global _closer, _closer_lock
    _closer, _closer_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_closer)


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make the folder's entries (a rename, a new link) durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def lock_path(path: Path) -> Path:
    """The board's lock file: beside it, never replaced, so every writer locks the same inode."""
    return path.with_name(path.name + ".lock")


def journal_path(path: Path) -> Path:
    """The board's journal: the changes committed since the board file was last checkpointed (``store.journal``)."""
    return path.with_name(path.name + ".journal")


def sessions_path(path: Path) -> Path:
    """Which sessions have the board open (``store.presence``): beside it, never replaced, holding no data."""
    return path.with_name(path.name + ".sessions")


def temp_prefix(path: Path) -> str:
    """How the temp files of ``path`` start: hidden, and recognizable by the next writer."""
    return f".{path.name}."


WRITE_BUFFER = 1 << 20
"""A file written a piece at a time goes to disk in writes of about this many bytes."""


class Output:
    """What a function writing a new file piece by piece writes into: the pieces go to disk a megabyte at a time."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> int:
        self._pending.append(data)
        self._size += len(data)
        if self._size >= WRITE_BUFFER:
            self.flush()
        return len(data)

    def writelines(self, pieces: Iterable[bytes]) -> None:
        for piece in pieces:
            self.write(piece)

    def flush(self) -> None:
        if self._pending:
            data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
            self._pending, self._size = [], 0
            write_all(self._fd, data)


def write_new_file(
    path: str | os.PathLike[str],
    data: bytes | Callable[[Output], None],
    *,
    mode: int = PRIVATE_MODE,
    replace: bool = False,
    group: int = -1,
) -> bool:
    """Write ``data`` to ``path`` atomically and durably; ``data`` may be a function writing into the file given.

    Returns False, writing nothing, when ``path`` exists and ``replace`` is off: an
    existing file is never overwritten then, even one created a moment ago by another
    process. ``group`` (a gid) is given to the file when this account may; otherwise it
    keeps the creator's group and ``mode`` still applies. On any failure nothing is
    left behind and ``StoreFileError`` says why, naming ``path`` (never the temp file).
    """
    target = Path(path)
    folder = target.parent
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
        try:
            if callable(data):
                out = Output(fd)
                data(out)
                out.flush()
            else:
                write_all(fd, data)
            # mkstemp creates 0600: without this a teammate is locked out after one write.
            os.fchmod(fd, mode)
            if group != -1:
                with suppress(OSError):
                    os.fchown(fd, -1, group)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not publish(temp, target, replace=replace):
            return False
        temp = None
        return True
    except OSError as error:
        raise write_error(target, error) from None
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)


def publish(temp: str | os.PathLike[str], path: Path, *, replace: bool) -> bool:
    """Give the complete file ``temp`` the name ``path``, then make the name durable.

    With ``replace`` off this returns False when ``path`` exists; ``temp`` is left for
    the caller to remove. Raises ``OSError``.
    """
    if replace:
        os.replace(temp, path)
    else:
        try:
            # link() refuses to replace an existing file, unlike rename().
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            # No hard links here: the narrow check-then-rename window is the best left.
            if os.path.lexists(path):
                return False
            os.replace(temp, path)
        else:
            os.unlink(temp)
    fsync_folder(path.parent)
    return True


def reason_of(error: OSError) -> str:
    """The system's words for ``error``, without the file names it may carry (temp files)."""
    if error.errno is not None:
        return os.strerror(error.errno)
    return error.strerror or type(error).__name__


def write_error(path: Path, error: OSError) -> StoreFileError:
    """The message for a write of ``path`` that failed; nothing was changed."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        message = _("Cannot write {path}: the disk is full. Nothing was changed; free some space and try again.")
    elif error.errno in (errno.EPERM, errno.EACCES):
        try:
            sticky = bool(os.stat(path.parent).st_mode & stat.S_ISVTX)
        except OSError:
            sticky = False
        if sticky:
            message = _(
                "Cannot write {path}: its folder has the sticky bit set, so only the file's owner may replace it. "
                "Keep shared boards in a group folder without the sticky bit (chmod 2770). Nothing was changed."
            )
        else:
            message = _(
                "Cannot write {path}: permission denied. Nothing was changed. "
                "A shared board needs a group-writable folder and file (see the README, 'Sharing a board')."
            )
    elif error.errno == errno.EROFS:
        message = _("Cannot write {path}: the file system is read-only. Nothing was changed.")
    else:
        message = _("Cannot write {path}: {reason}. Nothing was changed.")
    return StoreFileError(str(path), message.format(path=path, reason=reason_of(error)))


# -- new boards: built in a hidden folder beside the target --------------------------------

STALE_OLD_BUILD_SECONDS = 3600
"""Half-built boards of older versions (plain ``.<name>.new-*`` files) hold no lock:
they are removed once this old, when no build can still be running."""


def build_prefix(path: Path) -> str:
    return f"{temp_prefix(path)}new-"


@contextmanager
def build_folder(path: Path) -> Iterator[Path]:
    """A private folder beside ``path`` to build a new board in; removed afterwards.

    Its flock is held while the board is built, so a process that finds the folder
    and can take the lock knows its builder was killed (``remove_stale_builds``).
    """
    folder = path.with_name(f"{build_prefix(path)}{secrets.token_hex(4)}")
    try:
        folder.mkdir(mode=0o700)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as error:
        raise write_error(path, error) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def remove_stale_builds(path: Path) -> int:
    """Remove the half-built new boards of ``path`` whose builders were killed; returns how many."""
    removed = 0
    prefix = build_prefix(path)
    try:
        entries = [entry for entry in os.scandir(path.parent) if entry.name.startswith((prefix, f".{prefix}"))]
    except OSError:
        return 0
    for entry in entries:
        with suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                removed += _remove_if_unlocked(entry.path)
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_OLD_BUILD_SECONDS:
                os.unlink(entry.path)
                removed += 1
    return removed


def _remove_if_unlocked(folder: str) -> int:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0  # a build in progress
        shutil.rmtree(folder)
        return 1
    finally:
        os.close(fd)
