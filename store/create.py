"""Making a new board file that appears whole, and never over a file that exists."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .errors import StoreError, StoreFileError
from .files import SHARED_MODE, build_folder, journal_path, publish, reason_of, remove_stale_builds, write_error
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

    The board is built in a hidden folder beside it (``.<name>.new-<random>/``) and
    linked into place: a file another shell created meanwhile is never added to or
    replaced (``BoardExistsError``), and an interrupted or refused build leaves nothing
    at ``path``. What a killed build leaves is removed by the next build or write.
    """
    board = BoardFile(path, shared=shared)
    target = board.path
    _make_folder(target)
    if board.exists():
        raise BoardExistsError(target)
    remove_stale_builds(target)
    # The build folder's own mode must not decide: the board gets the mode of its real folder.
    shared = board.new_file_mode() == SHARED_MODE
    with build_folder(target) as folder:
        temp = folder / target.name
        _build(temp, target, shared, fill)
        try:
            if not publish(temp, target, replace=False):
                raise BoardExistsError(target)
        except OSError as error:
            raise write_error(target, error) from None


def _make_folder(target: Path) -> None:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreFileError(
            str(target),
            _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=reason_of(error)),
        ) from None


def _build(temp: Path, target: Path, shared: bool, fill: Callable[[Repository], object] | None) -> None:
    try:
        repo = Repository.open(temp, create=True, shared=shared)
        if fill is not None:
            fill(repo)
            # Only the board file is linked into place: it must hold every change, its journal none.
            repo.compact()
    except StoreError as error:
        # The temporary name means nothing to the person who asked for ``target``.
        # Nor does its journal, which is never published.
        names = ((str(journal_path(temp)), str(target)), (str(temp), str(target)))
        error.args = tuple(_renamed(str(arg), names) for arg in error.args)
        if isinstance(error, StoreFileError):
            error.path = _renamed(error.path, names)
        raise


def _renamed(text: str, names: tuple[tuple[str, str], ...]) -> str:
    for old, new in names:
        text = text.replace(old, new)
    return text
