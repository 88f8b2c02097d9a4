"""Which board file a command uses, opening it, making new ones, and the campaign it acts on."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from store import Campaign, IdFactory, Repository, StoreFileError
from store.demo import build_demo
from store.i18n import _
from store.storage import lock_path

from ..paths import demo_board_path, resolve_board_path
from . import interrupts
from .exit_codes import Refused
from .output import Progress, note

DEMO_ORGANIZATIONS = 60
DEMO_SEED = 7


class BoardExists(Refused):
    """The file a new board was meant to go to exists already."""


def board_path(args: argparse.Namespace) -> Path:
    if args.demo:
        return demo_board_path()
    return resolve_board_path(args.db)


def open_repo(args: argparse.Namespace) -> Repository:
    if args.demo:
        open_demo_board()
    path = board_path(args)
    return Repository.open(path, ids=RecordingIds(path))


class RecordingIds(IdFactory):
    """Ids for one board that remember what they named, so Ctrl-C can tell whether a change reached the file.

    Every write names at least a history group, and the ids are random, so finding one
    of them in the file means this command's change was committed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.issued: list[bytes] = []
        interrupts.watch(self.written)

    def new(self, prefix: str) -> str:
        made = super().new(prefix)
        self.issued.append(f'"{made}"'.encode())
        return made

    def written(self) -> bool:
        if not self.issued:
            return False
        data = self.path.read_bytes()
        return any(quoted in data for quoted in self.issued)


def create_board(path: Path, *, shared: bool = False, fill: Callable[[Repository], object] | None = None) -> None:
    """Make a new board at ``path``, filled by ``fill``, only if ``path`` does not exist.

    The board is built under a temporary name and linked into place: a file another
    shell created meanwhile is never added to or replaced, and an interrupted or
    refused build leaves nothing at ``path``.
    """
    folder = path.parent
    make_folder(path)
    if path.exists():
        raise BoardExists(path)
    # Once the file exists the new board is there: an interrupt then cannot undo it.
    interrupts.watch(path.exists)
    temp = folder / f".{path.name}.new-{secrets.token_hex(4)}"
    try:
        repo = Repository.open(temp, create=True, shared=shared)
        if fill is not None:
            fill(repo)
        _link_into_place(temp, path)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        for leftover in (temp, lock_path(temp)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreFileError(
            str(path),
            _("Cannot create the folder {folder}: {reason}.").format(
                folder=path.parent, reason=error.strerror or error
            ),
        ) from None


def _link_into_place(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise BoardExists(path) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise StoreFileError(
                str(path), _("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror or error)
            ) from None
        # No hard links on this file system: the narrow check-then-rename window is the best left.
        if path.exists():
            raise BoardExists(path) from None
        os.replace(temp, path)


def build_demo_board(repo: Repository, organizations: int, seed: int) -> Campaign:
    progress = Progress(_("Building the demo board"))
    try:
        campaign = build_demo(repo, organizations=organizations, seed=seed, progress=progress)
    finally:
        progress.finish()
    return campaign


def open_demo_board() -> None:
    """The demo board, kept apart from real data, built on first use."""
    path = demo_board_path()
    if not path.exists():
        try:
            create_board(path, fill=lambda repo: build_demo_board(repo, DEMO_ORGANIZATIONS, DEMO_SEED))
            note(_("Created the demo board at {path}.").format(path=path))
        except BoardExists:
            pass  # another shell built it a moment ago


def campaign_of(repo: Repository, ref: str | None) -> Campaign:
    if ref:
        return repo.campaign(ref)
    campaign = repo.default_campaign()
    if campaign is None:
        raise Refused(
            _("{path} has no campaign yet; create one with: outreach-tui campaign add NAME").format(path=repo.path)
        )
    return campaign
