"""Writing an import's plan: every accepted row in one transaction, recorded as one batch that undo reverts whole.

The batch's first event names the file (its name and sha256) and the counts, so the history
reads as one import and an undo of it says which file it takes back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationFailed
from ..i18n import ngettext
from ..spreadsheets.plan import ImportPlan, RowPlan
from ..transaction import Transaction
from . import organizations
from .cards import move_card, place_card
from .training_rule import NO_BASIS, TrainingBasis, basis_fields


@dataclass(frozen=True)
class ImportSource:
    name: str
    """The file's name as the person gave it (no folder: the history never records where files are kept)."""
    sha256: str


@dataclass(frozen=True)
class ImportOutcome:
    added: int
    updated: int
    left_out: int
    """Rows with problems that ``skip_bad_rows`` left out."""


def import_plan(
    tx: Transaction, plan: ImportPlan, source: ImportSource, *, skip_bad_rows: bool = False, reason: str = ""
) -> ImportOutcome:
    """Write ``plan``'s new and updated rows; refused whole while a row has a problem, unless ``skip_bad_rows``.

    ``reason`` lets cards into the training stage without a training (the plan has checked that it is needed).
    """
    tx.require("import")
    bad = plan.counts["error"]
    if bad and not skip_bad_rows:
        raise ValidationFailed(
            ngettext(
                "{n} row has a problem, so nothing was imported.",
                "{n} rows have problems, so nothing was imported.",
                bad,
            ).format(n=bad)
        )
    writes = plan.writes()
    added = sum(1 for row in writes if row.action == "new")
    if not writes:
        return ImportOutcome(0, 0, bad)
    tx.event(
        "spreadsheet_imported",
        "file",
        source.name,
        reason=source.name,
        campaign_id=plan.campaign.id if plan.campaign else None,
        changes={"sha256": [None, source.sha256], "added": [0, added], "updated": [0, len(writes) - added]},
    )
    basis = TrainingBasis(without_training=True, reason=reason) if reason.strip() else NO_BASIS
    for row in writes:
        if row.action == "new":
            _add(tx, plan, row, basis)
        else:
            _update(tx, plan, row, basis)
    return ImportOutcome(added, len(writes) - added, bad)


def _add(tx: Transaction, plan: ImportPlan, row: RowPlan, basis: TrainingBasis) -> None:
    # Duplicates were the plan's business: it matched the row against the board and the file.
    organizations.add_organization(
        tx,
        row.row.organization,
        campaign_id=plan.campaign.id if plan.campaign and row.place_on else None,
        stage=row.place_on.key if row.place_on else None,
        owner=row.row.owner,
        next_follow_up=row.row.next_follow_up,
        allow_duplicate=True,
        basis=basis,
    )


def _update(tx: Transaction, plan: ImportPlan, row: RowPlan, basis: TrainingBasis) -> None:
    assert row.match is not None
    org = row.match
    if row.changes:
        org = organizations.update_organization(tx, org.id, row.changes, allow_duplicate=True)
    if plan.campaign is None:
        return
    if row.place_on is not None:
        place_card(tx, org, plan.campaign, row.place_on.key, row.row.owner, row.row.next_follow_up, basis)
    elif row.move_to is not None:
        card = tx.doc.placements.in_campaign(plan.campaign.id)[org.id]
        why = basis_fields(tx, plan.campaign, org, card.stage, row.move_to.key, basis)
        move_card(tx, card, row.move_to.key, basis.reason.strip() if why else "", **why)
