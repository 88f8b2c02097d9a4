"""Writing board snapshots to files, shared by the board (key s) and ``outreach-tui export``."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

import orjson

from store import Repository, StoreFileError
from store.files import write_new_file
from store.i18n import _
from store.models import utc_now
from store.snapshot import export_snapshot

SNAPSHOT_MODE = 0o600


def campaign_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].rstrip("-") or "campaign"


def default_snapshot_name(campaign_name: str, now: datetime) -> str:
    return f"board-{campaign_slug(campaign_name)}-{now:%Y%m%d-%H%M}.json"


def snapshot_bytes(repo: Repository, campaign_id: str, now: datetime | None = None) -> bytes:
    document = export_snapshot(repo, campaign_id, now=now or utc_now())
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def write_snapshot(
    repo: Repository,
    campaign_id: str,
    *,
    target: Path | None = None,
    folder: Path | None = None,
    force: bool = False,
    unique: bool = True,
) -> Path:
    """Write the campaign's snapshot and return the path written.

    Without ``target`` the default name goes into ``folder``; ``unique`` then picks
    ``-2``, ``-3`` … instead of refusing when that name exists. An existing
    ``target`` is replaced only with ``force``. The file appears whole or not at all.
    """
    now = utc_now()
    data = snapshot_bytes(repo, campaign_id, now)
    if target is None:
        base = (folder or Path.cwd()) / default_snapshot_name(repo.campaign(campaign_id).name, now)
        candidates = [base] + (
            [base.with_name(f"{base.stem}-{n}{base.suffix}") for n in range(2, 100)] if unique else []
        )
    else:
        candidates = [target]
    for candidate in candidates:
        if write_new_file(candidate, data, mode=SNAPSHOT_MODE, replace=force):
            return candidate
    raise StoreFileError(
        str(candidates[-1]),
        _("{path} already exists; choose another name or pass --force to replace it.").format(path=candidates[-1]),
    )
