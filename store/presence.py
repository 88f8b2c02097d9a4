"""Which sessions have a board open: a shared ``flock`` on ``<board>.sessions`` each holds while open.

A long-lived session (the board app, each web page) takes the shared lock when it starts
and lets go when it closes. Closing, it first lets go and then asks for the lock
exclusively without waiting: granted means no other session is open, so this one is the
last and folds the journal into the board file (``BoardSession.close``). Letting go first
(instead of converting the shared lock, which ``flock`` does not promise to do atomically
anyway) means that of several sessions closing at the same moment the last to ask is
granted: one of them always folds. The exclusive hold is let go at once, so a session
opening meanwhile never waits for the fold; it reads the board before or after it, both
whole.

Short commands of the command line take no part. Their change is safe under the write
lock whatever checkpoint it meets, they never fold at their end (a script moving 1,000
cards on a large board would rewrite it 1,000 times), and holding the shared lock while
they run would only make the last board closing meanwhile skip its fold.

The file holds no data and is never replaced. Like the lock file it is opened without
following links, must be a regular file and gets the board's mode and group when
created. Everything here fails quietly toward "not the last": the journal then simply
keeps the changes until the next checkpoint. That covers NFS, where ``flock`` is
emulated with byte-range locks and an exclusive one needs a writable file (the file is
opened for writing when this account may), a file deleted while sessions are open (its
name then leads elsewhere: not the last), and a lock file that cannot be used at all.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import suppress
from pathlib import Path

from .errors import StoreError
from .files import sessions_path
from .locking import Deadline, open_lock_file, wait_for

ENTER_SECONDS = 2.0
"""How long opening waits for the shared lock: only a closing session's instant of exclusive hold delays it."""


class Presence:
    """This session's part in ``<board>.sessions``."""

    def __init__(self, board: Path) -> None:
        self.board = board
        self.path = sessions_path(board)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def enter(self, *, mode: int, group: int) -> bool:
        """Take the shared lock; False (and no part taken) when the file cannot be used."""
        if self._fd is not None:
            return True
        try:
            fd = open_lock_file(self.path, self.board, mode, group, writable=True)
        except (StoreError, OSError):
            return False
        try:
            wait_for(fd, fcntl.LOCK_SH, Deadline(self.board, ENTER_SECONDS, time.monotonic() + ENTER_SECONDS))
        except (StoreError, OSError):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def leave(self) -> bool:
        """Let go of the shared lock; True when no other session has the board open."""
        fd, self._fd = self._fd, None
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # another session holds it (or, over NFS, it cannot be asked for): not the last
        else:
            return self._still_named(fd)
        finally:
            with suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _still_named(self, fd: int) -> bool:
        """Whether the file's name still leads to ``fd``: sessions that opened after it was deleted use another one."""
        try:
            named = os.stat(self.path, follow_symlinks=False)
            held = os.fstat(fd)
        except OSError:
            return False
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
