"""An import request (mapping, campaign, stage, what to do with duplicates) turned into a plan for one board."""

from __future__ import annotations

from dataclasses import dataclass

from .. import queries
from ..document import BoardDocument
from ..errors import ValidationFailed
from ..i18n import _
from ..stages import resolve_stage
from .mapping import ColumnMapping
from .plan import ImportPlan, OnDuplicate, plan_import
from .rows import read_rows
from .table import Table


@dataclass(frozen=True)
class ImportRequest:
    mapping: ColumnMapping
    campaign_id: str | None = None
    """The campaign whose board the organizations' cards go on; None adds organizations only."""
    stage: str | None = None
    """Where new cards go when a row names no stage (a key or a label); the first stage when None."""
    on_duplicate: OnDuplicate = "skip"
    without_training_reason: str = ""
    """Lets cards into the training stage or past it without a training; the history records it."""


def plan_table(
    doc: BoardDocument, table: Table, request: ImportRequest, prepared: ImportPlan | None = None
) -> ImportPlan:
    """What importing ``table`` into the board ``doc`` would do, row by row.

    ``prepared``, a plan of the same table and request made a moment ago, lends its rows as read
    when the campaign has not changed since: reading the rows is most of the work.
    """
    campaign = queries.campaign(doc, request.campaign_id) if request.campaign_id else None
    if request.stage and campaign is None:
        raise ValidationFailed(_("A stage needs a campaign to put the cards on; give the campaign too."))
    stage = resolve_stage(campaign, request.stage) if request.stage and campaign else None
    if prepared is not None and prepared.campaign == campaign and prepared.mapping == request.mapping:
        rows = [row.row for row in prepared.rows]
    else:
        rows = read_rows(table, request.mapping, campaign)
    plan = plan_import(
        doc,
        rows,
        campaign=campaign,
        stage=stage,
        on_duplicate=request.on_duplicate,
        without_training=bool(request.without_training_reason.strip()),
    )
    plan.mapping = request.mapping
    return plan
