"""Making a new board file that appears whole, and never over a file that exists."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from .errors import StoreError, StoreFileError
from .files import lock_path, publish, reason_of, write_error
from .i18n import _
from .repository import Repository
from .storage import BoardFile


class BoardExistsError(StoreError):
    """The file a new board was meant to go to exists already; nothing was changed."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        super().__init__(_("{path} already exists; nothing was changed.").format(path=path))


def create_board(
    path: str | os.PathLike[str], *, shared: bool = False, fill: Callable[[Repository], object] | None = None
) -> None:
    """Make a new board at ``path``, filled by ``fill``, only if ``path`` does not exist.

    The board is built under a temporary name and linked into place: a file another
    shell created meanwhile is never added to or replaced (``BoardExistsError``), and
    an interrupted or refused build leaves nothing at ``path``.
    """
    target = BoardFile(path, shared=shared).path
    _make_folder(target)
    if target.exists():
        raise BoardExistsError(target)
    temp = target.with_name(f".{target.name}.new-{secrets.token_hex(4)}")
    try:
        repo = Repository.open(temp, create=True, shared=shared)
        if fill is not None:
            fill(repo)
        try:
            if not publish(temp, target, replace=False):
                raise BoardExistsError(target)
        except OSError as error:
            raise write_error(target, error) from None
    finally:
        for leftover in (temp, lock_path(temp)):
            with suppress(FileNotFoundError):
                leftover.unlink()


def _make_folder(target: Path) -> None:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreFileError(
            str(target),
            _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=reason_of(error)),
        ) from None
