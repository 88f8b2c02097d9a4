"""Reading snapshot bytes: valid JSON of the right format and version, valid records, a consistent board."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ..errors import ValidationFailed
from ..export_profiles import profile_name
from ..i18n import _
from ..models import MAX_ORGANIZATIONS, Training, Visit
from ..storage import decode
from ..text import display_safe
from ..upgrade import add_active_stage, add_default_stage_labels
from ..validation import Problem, problems_of, problems_text
from .format import SNAPSHOT_FORMAT, SNAPSHOT_VERSION, BoardSnapshot, SnapshotOrganization, in_scope


def parse_snapshot(data: bytes, source: str) -> BoardSnapshot:
    """Parse and validate snapshot bytes; every problem names its position and field.

    Raises ``ValidationFailed``; nothing is written anywhere.
    """
    document = _document(data, source)
    _check_size(document, source)
    try:
        snapshot = BoardSnapshot.model_validate(document)
    except ValidationError as error:
        problems = problems_of(error)
        raise ValidationFailed(_has_invalid_data(source, problems_text(problems)), problems) from None
    if problems := consistency_problems(snapshot):
        raise ValidationFailed(_is_inconsistent(source, problems_text(problems)), problems)
    return snapshot


def _has_invalid_data(source: str, problems: str) -> str:
    return _("{source} has invalid data, so nothing was imported: {problems}").format(source=source, problems=problems)


def _is_inconsistent(source: str, problems: str) -> str:
    return _("{source} is inconsistent, so nothing was imported: {problems}").format(source=source, problems=problems)


def _document(data: bytes, source: str) -> dict[str, Any]:
    try:
        document = decode(data)
    except ValueError as error:
        raise ValidationFailed(
            _("{source} is not valid JSON: {reason}. Nothing was imported.").format(
                source=source, reason=display_safe(str(error))
            )
        ) from None
    _refuse_profile(document, source)
    if not isinstance(document, dict) or document.get("format") != SNAPSHOT_FORMAT:
        raise ValidationFailed(
            _(
                "{source} is not an outreach-tui board snapshot (its 'format' is not {format!r}). Nothing was imported."
            ).format(source=source, format=SNAPSHOT_FORMAT)
        )
    version = document.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SNAPSHOT_VERSION:
        raise ValidationFailed(
            _(
                "{source} was exported by a newer outreach-tui (snapshot schema {found}; this program reads {known}). "
                "Upgrade to import it. Nothing was imported."
            ).format(source=source, found=version, known=SNAPSHOT_VERSION)
        )
    if version == 1:
        _upgrade_version_1(document)
    if version in (1, 2):
        add_active_stage(document.get("campaign"))
    return document


def _refuse_profile(document: Any, source: str) -> None:
    """A partner or funder export leaves out what a board needs: importing it would lose data, so it never is."""
    profile = document.get("profile") if isinstance(document, dict) else None
    if profile in (None, "full"):
        return
    raise ValidationFailed(
        _(
            "{source} is a {profile}, which leaves out staff contacts, notes and visits: it cannot restore a board. "
            "Import a full snapshot instead. Nothing was imported."
        ).format(source=source, profile=profile_name(str(profile)))
    )


def _upgrade_version_1(document: dict[str, Any]) -> None:
    """Version 1 wrote the default stages with their English label only: they get their other labels."""
    campaign = document.get("campaign")
    if isinstance(campaign, dict):
        add_default_stage_labels(campaign.get("stages"))
    add_default_stage_labels(document.get("columns"), key_field="stage")


def _check_size(document: dict[str, Any], source: str) -> None:
    """Refuse a huge snapshot before validating it record by record."""
    columns = document.get("columns")
    count = (
        sum(len(c.get("organizations", [])) for c in columns if isinstance(c, dict)) if isinstance(columns, list) else 0
    )
    if count > MAX_ORGANIZATIONS:
        raise ValidationFailed(
            _("{source} holds {n} organizations; at most {max} can be imported. Nothing was imported.").format(
                source=source, n=count, max=MAX_ORGANIZATIONS
            )
        )


def consistency_problems(snapshot: BoardSnapshot) -> list[Problem]:
    """What no single record shows: stages, placement of each organization, ids listed twice, scope."""
    problems = _column_problems(snapshot)
    problems += _listing_problems(snapshot)
    problems += _activity_problems("visits", snapshot.visits, snapshot.campaign.id)
    problems += _activity_problems("trainings", snapshot.trainings, snapshot.campaign.id)
    problems += _history_problems(snapshot)
    return problems


def _activity_problems(kind: str, records: Sequence[Visit | Training], campaign_id: str) -> list[Problem]:
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, record in enumerate(records):
        if record.campaign_id != campaign_id:
            problems.append((f"{kind}.{index}.campaign_id", _("is not the exported campaign")))
        if record.id in seen:
            problems.append((f"{kind}.{index}.id", _("{id} appears twice").format(id=record.id)))
        seen.add(record.id)
    return problems


def _column_problems(snapshot: BoardSnapshot) -> list[Problem]:
    stages = {stage.key for stage in snapshot.campaign.stages}
    problems: list[Problem] = []
    for ci, column in enumerate(snapshot.columns):
        if column.stage not in stages:
            problems.append(
                (f"columns.{ci}.stage", _("stage {key!r} is not a stage of the campaign").format(key=column.stage))
            )
        for oi, org in enumerate(column.organizations):
            where = f"columns.{ci}.organizations.{oi}"
            if org.card.stage != column.stage:
                problems.append((f"{where}.card.stage", _("does not match the column's stage")))
            if org.card.off_board is not None:
                problems.append((f"{where}.card.off_board", _("an organization on a column cannot be off the board")))
    for oi, org in enumerate(snapshot.off_board):
        if org.card.off_board is None:
            problems.append((f"off_board.{oi}.card.off_board", _("an off-board organization needs a state and reason")))
    for oi, org in enumerate(snapshot.archived):
        if not org.archived:
            problems.append((f"archived.{oi}.archived", _("an organization listed as archived must be archived")))
    return problems


def _listing_problems(snapshot: BoardSnapshot) -> list[Problem]:
    """What holds for every listed organization: a known stage, listed once, a card id of its own."""
    stages = {stage.key for stage in snapshot.campaign.stages}
    seen: set[str] = set()
    cards: set[str] = set()
    problems: list[Problem] = []
    for where, org in snapshot.listed():
        problems += _entry_problems(where, org, stages, seen, cards)
        seen.add(org.id)
        cards.add(org.card.id)
    return problems


def _entry_problems(
    where: str, org: SnapshotOrganization, stages: set[str], seen: set[str], cards: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    if org.card.stage not in stages:
        problems.append(
            (f"{where}.card.stage", _("stage {key!r} is not a stage of the campaign").format(key=org.card.stage))
        )
    if org.id in seen:
        problems.append((f"{where}.id", _("organization {id} appears twice").format(id=org.id)))
    if org.card.id in cards:
        problems.append((f"{where}.card.id", _("card {id} is listed for two organizations").format(id=org.card.id)))
    return problems


def _history_problems(snapshot: BoardSnapshot) -> list[Problem]:
    """History events must be this campaign's or its organizations', each listed once."""
    org_ids = {org.id for _where, org in snapshot.listed()}
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, event in enumerate(snapshot.history):
        if not in_scope(event, snapshot.campaign.id, org_ids):
            problems.append((f"history.{index}", _("is not about this campaign or its organizations")))
        if event.id in seen:
            problems.append((f"history.{index}.id", _("event {id} appears twice").format(id=event.id)))
        seen.add(event.id)
    return problems
