"""Writing visit sheets to a file, shared by the board (key p) and ``outreach-tui sheet``.

Sheets hold no staff contacts, so every role may print them and nothing goes to the history.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from store import Repository
from store.files import write_new_file
from store.i18n import _
from store.sheets import visit_sheets

from .exporting import SNAPSHOT_MODE, SnapshotExistsError, default_names, refuse_board
from .sheet_html import sheets_html

Progress = Callable[[int, int], None]


def sheet_file_name(printed_on: date) -> str:
    """The default name of a file of sheets: ``visit-sheets-2026-11-24.html`` (a full date, never month-day)."""
    return f"visit-sheets-{printed_on:%Y-%m-%d}.html"


def sheets_bytes(
    repo: Repository, campaign_id: str, organization_ids: list[str], printed_on: date, progress: Progress | None = None
) -> bytes:
    """The page of sheets of ``organization_ids`` (each with a card on the campaign's board), as UTF-8."""
    sheets = visit_sheets(repo, campaign_id, organization_ids, printed_on)
    return sheets_html(sheets, progress=progress).encode("utf-8")


def write_sheets(
    data: bytes,
    repo: Repository,
    printed_on: date,
    *,
    target: Path | None = None,
    folder: Path | None = None,
    force: bool = False,
) -> Path:
    """Write ``data`` and return the path written.

    Without ``target`` the default name goes into ``folder`` (``-2``, ``-3`` … when it exists);
    an existing ``target`` is replaced only with ``force``, and never when it is a board.
    """
    candidates = [target] if target else default_names((folder or Path.cwd()) / sheet_file_name(printed_on))
    for candidate in candidates:
        if force:
            refuse_board(candidate, repo)
        if write_new_file(candidate, data, mode=SNAPSHOT_MODE, replace=force):
            return candidate
    raise SnapshotExistsError(
        str(candidates[-1]),
        _("{path} already exists; choose another name or pass --force to replace it.").format(path=candidates[-1]),
    )
