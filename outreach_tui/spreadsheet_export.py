"""Writing a campaign's partner list as CSV or Excel, for people who work in spreadsheets.

The same safety as snapshots (``exporting``): written whole or not at all, readable only by
the person, never over a board file, an existing file replaced only when asked.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from store import Repository
from store.files import write_new_file
from store.i18n import _
from store.models import utc_now
from store.spreadsheets.export import partner_list
from store.spreadsheets.writing import spreadsheet_bytes

from .exporting import SNAPSHOT_MODE, SnapshotExistsError, campaign_slug, default_names, refuse_board

FORMATS = ("csv", "xlsx")


def partner_list_bytes(repo: Repository, campaign_id: str, target: Path) -> bytes:
    board = repo.board(campaign_id)
    headers, rows = partner_list(board)
    return spreadsheet_bytes(target, headers, rows, sheet=board.campaign.name)


def default_partner_list_name(campaign_name: str, now: datetime, file_format: str) -> str:
    return f"partners-{campaign_slug(campaign_name)}-{now:%Y%m%d-%H%M}.{file_format}"


def write_partner_list(
    repo: Repository,
    campaign_id: str,
    file_format: str,
    *,
    target: Path | None = None,
    folder: Path | None = None,
    force: bool = False,
) -> Path:
    """Write the campaign's partner list and return the path written (``target``, or the default name in ``folder``)."""
    if target is None:
        name = default_partner_list_name(repo.campaign(campaign_id).name, utc_now(), file_format)
        candidates = default_names((folder or Path.cwd()) / name)
    else:
        candidates = [target]
    data = partner_list_bytes(repo, campaign_id, candidates[0])
    for candidate in candidates:
        if force:
            refuse_board(candidate, repo)
        if write_new_file(candidate, data, mode=SNAPSHOT_MODE, replace=force):
            return candidate
    raise SnapshotExistsError(
        str(candidates[-1]),
        _("{path} already exists; choose another name or pass --force to replace it.").format(path=candidates[-1]),
    )
