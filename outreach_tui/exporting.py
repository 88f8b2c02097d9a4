"""Writing board snapshots to files, shared by the board (key s) and ``outreach-tui export``."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from store import Repository, StoreError, StoreFileError
from store.i18n import N_, _

SNAPSHOT_MODE = 0o600
SNIFF_BYTES = 64 * 1024
"""How much of a file's start and end is read to see whether it is a board: its meta record is there."""
# A "format" key whose value is exactly "outreach-tui" (a snapshot's is "outreach-tui.board"). Inside a
# JSON string every quote is escaped, so user text can never look like this.
BOARD_MARKER = re.compile(rb'"format"\s*:\s*"outreach-tui"')


class SnapshotOverBoardError(StoreError):
    """A snapshot was about to replace a board file; refused whatever --force says."""


class SnapshotExistsError(StoreFileError):
    """The file a snapshot was to be written to exists; nothing was written (``force`` replaces it)."""


def campaign_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].rstrip("-") or "campaign"


def check_folder(folder: Path) -> None:
    """Raise ``StoreFileError`` naming ``folder`` when a snapshot cannot be written into it (before anything is)."""
    try:
        is_folder = stat.S_ISDIR(os.stat(folder).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        problem = _("The folder {folder} does not exist. Nothing was written; choose another folder.")
    except OSError:
        problem = NOT_ALLOWED  # a folder above it is closed to this person
    else:
        if not is_folder:
            problem = _("{folder} is not a folder. Nothing was written; choose a folder.")
        elif not os.access(folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
            problem = NOT_ALLOWED
        else:
            return
    raise StoreFileError(str(folder), _(problem).format(folder=folder))


NOT_ALLOWED = N_(
    "You may not write in the folder {folder}: permission denied. Nothing was written; "
    "choose another folder, such as your home folder."
)


def default_names(base: Path) -> list[Path]:
    """``base``, then ``base-2`` … ``base-99``: the names tried in turn when the earlier ones exist."""
    return [base] + [base.with_name(f"{base.stem}-{n}{base.suffix}") for n in range(2, 100)]


def refuse_board(path: Path, repo: Repository) -> None:
    """Raise ``SnapshotOverBoardError`` if ``path`` is the board in use, any outreach-tui board, or no file at all.

    Only an existing snapshot (or other plain file) may be replaced: never a board, and never
    a device or a pipe (``-o /dev/null --force`` run by root would replace the device itself).
    """
    try:
        st = os.lstat(path)
        in_use = os.path.samefile(path, repo.path)
    except OSError:
        return  # nothing there (or nothing readable) to protect
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise SnapshotOverBoardError(
            _("{path} is not a regular file; a snapshot never replaces it. Choose a file name.").format(path=path)
        )
    if in_use or is_board_file(path):
        raise SnapshotOverBoardError(
            _(
                "{path} is an outreach-tui board, not a snapshot; a snapshot never replaces a board, "
                "even with --force. Choose another file name."
            ).format(path=path)
        )


def is_board_file(path: Path) -> bool:
    """Whether ``path`` is a board file, judged from its meta record (read cheaply: its first and last bytes)."""
    try:
        # Non-blocking, and only a regular file is read: a FIFO or a device never hangs the export.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return False
        head = os.pread(fd, SNIFF_BYTES, 0)
        tail = os.pread(fd, SNIFF_BYTES, max(st.st_size - SNIFF_BYTES, 0)) if st.st_size > SNIFF_BYTES else b""
    except OSError:
        return False
    finally:
        os.close(fd)
    return bool(BOARD_MARKER.search(head) or BOARD_MARKER.search(tail))
