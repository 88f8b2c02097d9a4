"""Writing an export of any profile (``store.exports``), shared by the board's export dialog and
``outreach-tui export``: the bytes of the profile in its format, the file written safely, and the
export recorded in the board's history once the file is there.

The role is checked before anything is built, so a refused export writes nothing at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from store import Repository
from store.encryption import Sealing, check_export_sealing
from store.export_profiles import Profile, profile_action
from store.files import Output, write_new_file
from store.i18n import _
from store.models import utc_now

from .exporting import SNAPSHOT_MODE, SnapshotExistsError, campaign_slug, default_names, refuse_board

FORMATS = ("json", "csv", "xlsx")
AGE_SUFFIX = ".age"
"""Ends the default name of an encrypted export (``board-….json.age``), as age files are named."""
PROFILE_FORMATS: dict[str, tuple[str, ...]] = {"full": FORMATS, "partner": FORMATS, "funder": FORMATS}
"""The formats each profile is written in (every one today; the board's dialog offers what this says)."""
NAME_STARTS = {("full", "json"): "board", ("full", "csv"): "partners", ("full", "xlsx"): "partners"}
"""How a default file name starts (the other profiles' names start with the profile)."""


def export_bytes(repo: Repository, campaign_id: str, profile: Profile, file_format: str, now: datetime) -> bytes:
    """The export of ``campaign_id`` with ``profile`` in ``file_format`` (json, csv or xlsx)."""
    repo.require(profile_action(profile))
    return b"".join(_export_chunks(repo, campaign_id, profile, file_format, now))


def _export_chunks(
    repo: Repository, campaign_id: str, profile: Profile, file_format: str, now: datetime
) -> Iterator[bytes]:
    """The export's bytes a piece at a time: a JSON export is never built whole in memory (``store.json_stream``)."""
    # Each profile's and format's writer loads when an export is made: the board starts without them.
    from store import json_stream
    from store.exports import PARTNER_OMITTED_FIELDS, funder_document, funder_rows
    from store.spreadsheets.export import partner_list
    from store.spreadsheets.writing import spreadsheet_bytes

    if file_format == "json":
        yield from json_stream.chunks(_document(repo, campaign_id, profile, now))
        return
    board = repo.board(campaign_id)
    if profile == "funder":
        headers, rows = funder_rows(funder_document(repo, campaign_id, now=now))
    else:
        headers, rows = partner_list(board, omit=PARTNER_OMITTED_FIELDS if profile == "partner" else ())
    yield spreadsheet_bytes(Path(f"export.{file_format}"), headers, rows, sheet=board.campaign.name)


def _document(repo: Repository, campaign_id: str, profile: Profile, now: datetime) -> dict[str, object]:
    from store.exports import funder_document, partner_document
    from store.snapshot import snapshot_document

    if profile == "partner":
        return partner_document(repo, campaign_id, now=now)
    if profile == "funder":
        return funder_document(repo, campaign_id, now=now)
    return snapshot_document(repo, campaign_id, now=now)


def covered(repo: Repository, campaign_id: str, profile: Profile) -> int:
    """How many organizations an export covers, as its history event records it."""
    board = repo.board(campaign_id)
    count = sum(len(column.cards) for column in board.columns)
    if profile == "full":
        count += len(board.off_board) + len(repo.archived_cards(campaign_id))
    elif profile == "funder":
        count += len(board.off_board)
    return count


def default_export_name(campaign_name: str, profile: Profile, file_format: str, now: datetime) -> str:
    start = NAME_STARTS.get((profile, file_format), profile)
    return f"{start}-{campaign_slug(campaign_name)}-{now:%Y%m%d-%H%M}.{file_format}"


WRITTEN = {
    ("full", True): lambda: _("Board snapshot written to {path}"),
    ("full", False): lambda: _("Partner list written to {path}"),
    ("partner", True): lambda: _("Partner profile written to {path}"),
    ("partner", False): lambda: _("Partner list without contacts or notes written to {path}"),
    ("funder", True): lambda: _("Funder figures written to {path}"),
    ("funder", False): lambda: _("Funder figures written to {path}"),
}


def written_message(profile: Profile, file_format: str) -> str:
    """What the person is told was written, with a ``{path}`` to fill, by profile and whether it is JSON."""
    return WRITTEN[profile, file_format == "json"]()


def sealed_bytes(
    repo: Repository, campaign_id: str, profile: Profile, file_format: str, now: datetime, sealing: Sealing | None
) -> bytes:
    """``export_bytes``, encrypted with ``sealing``; refused before anything is built when the board requires
    encryption and ``sealing`` is None."""
    check_export_sealing(repo.settings(), profile, sealing)
    data = export_bytes(repo, campaign_id, profile, file_format, now)
    return sealing.seal(data) if sealing is not None else data


def print_export(
    repo: Repository, campaign_id: str, profile: Profile, file_format: str, sealing: Sealing | None = None
) -> bytes:
    """The export's bytes for standard output, recorded in the history as written to ``-``."""
    data = sealed_bytes(repo, campaign_id, profile, file_format, utc_now(), sealing)
    how = sealing.how if sealing else None
    repo.record_export(campaign_id, profile, covered(repo, campaign_id, profile), "-", how)
    return data


def _recorded_or_removed(
    repo: Repository, campaign_id: str, profile: Profile, written: Path, sealing: Sealing | None
) -> None:
    """Record the export in the history; when that fails, take the file back, so no export goes unrecorded."""
    try:
        how = sealing.how if sealing else None
        repo.record_export(campaign_id, profile, covered(repo, campaign_id, profile), written.name, how)
    except BaseException:
        written.unlink(missing_ok=True)
        raise


def write_export(
    repo: Repository,
    campaign_id: str,
    profile: Profile,
    file_format: str,
    *,
    target: Path | None = None,
    folder: Path | None = None,
    force: bool = False,
    unique: bool = True,
    sealing: Sealing | None = None,
) -> Path:
    """Write the export and return the path written; recorded in the history once written.

    Without ``target`` the default name goes into ``folder``; ``unique`` then picks ``-2``, ``-3`` …
    instead of refusing when that name exists. An existing ``target`` is replaced only with ``force``.
    With ``sealing`` the file is encrypted, and its default name ends in ``.age``.
    """
    now = utc_now()
    check_export_sealing(repo.settings(), profile, sealing)
    repo.require(profile_action(profile))

    def write(out: Output) -> None:
        """Called for each name tried: the export streams into the temp file, which is renamed once whole."""
        chunks = _export_chunks(repo, campaign_id, profile, file_format, now)
        if sealing is not None:
            sealing.seal_into(chunks, out)
        else:
            out.writelines(chunks)

    if target is None:
        name = default_export_name(repo.campaign(campaign_id).name, profile, file_format, now)
        base = (folder or Path.cwd()) / (name + AGE_SUFFIX if sealing else name)
        candidates = default_names(base) if unique else [base]
    else:
        candidates = [target]
    for candidate in candidates:
        if force:
            refuse_board(candidate, repo)
        elif os.path.lexists(candidate):
            continue  # taken: not worth making the export for (one taken meanwhile is caught by the write)
        if write_new_file(candidate, write, mode=SNAPSHOT_MODE, replace=force):
            _recorded_or_removed(repo, campaign_id, profile, candidate, sealing)
            return candidate
    raise SnapshotExistsError(
        str(candidates[-1]),
        _("{path} already exists; choose another name or pass --force to replace it.").format(path=candidates[-1]),
    )
