"""The funder profile: a campaign report's figures with no organization named and small counts suppressed.

Organization counts (by stage, off the board, by type, by state) and activity counts (per month)
go through ``store.reports.suppression``; a sum of workers reached is withheld wherever the count
of organizations it adds up is, since one organization's estimate would show otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..choice_labels import ORGANIZATION_TYPE_LABELS, shown
from ..i18n import N_, _
from ..reading import BoardReading
from ..reports import CampaignReport
from ..reports.figures import Breakdown, MonthFigures
from ..reports.suppression import HIDDEN, shown_total, small, suppressed
from ..stages import stage_label

WITHHELD = "hidden"
"""A sum of workers shown in place of one whose count of organizations is hidden."""
Shown = int | str

FUNDER_FORMAT = "outreach-tui.figures"
FUNDER_VERSION = 1
OFF_BOARD_STATES = ("not_a_fit", "paused")


def funder_document(repo: BoardReading, campaign_id: str, *, now: datetime) -> dict[str, Any]:
    """The funder export of one campaign (JSON-ready): aggregate figures only."""
    campaign = repo.campaign(campaign_id)
    report = repo.report(campaign_id, today=now.date())
    stage_counts = [stage.count for stage in report.stages]
    off_counts = [report.off_board.get(state, 0) for state in OFF_BOARD_STATES]
    cells = suppressed(stage_counts + off_counts)
    total = shown_total(stage_counts + off_counts)
    active = HIDDEN if small(report.active_partners) else report.active_partners
    return {
        "format": FUNDER_FORMAT,
        "profile": "funder",
        "schema_version": FUNDER_VERSION,
        "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "suppression": {"below": 3, "shown_as": HIDDEN, "workers_withheld": WITHHELD},
        "campaign": {"name": campaign.name},
        "organizations": total,
        "stages": [
            {
                "stage": stage.key,
                "label": stage_label(campaign, stage.key),
                "organizations": cell,
                "workers": hidden_with(cell, stage.workers),
            }
            for stage, cell in zip(report.stages, cells, strict=False)
        ],
        "off_board": dict(zip(OFF_BOARD_STATES, cells[len(stage_counts) :], strict=True)),
        "active_partners": active,
        "active_workers": hidden_with(active, report.active_workers),
        "goals": {"active_partners": report.goal_partners, "workers_reached": report.goal_workers},
        **_activity(report),
        "by_type": _breakdown(report.by_type, "type", lambda key: shown(ORGANIZATION_TYPE_LABELS, key)),
        "by_state": _breakdown(report.by_state, "state", lambda key: key),
    }


def _activity(report: CampaignReport) -> dict[str, Any]:
    months = report.months
    columns = {name: [getattr(month, name) for month in months] for name in ("trainings", "people_trained", "visits")}
    shown = [suppressed(counts) for counts in columns.values()]
    return {
        **{name: shown_total(counts) for name, counts in columns.items()},
        "months": [_month(*row) for row in zip(months, *shown, strict=True)],
    }


def _month(month: MonthFigures, trainings: Shown, people: Shown, visits: Shown) -> dict[str, Any]:
    return {"month": month.month.strftime("%Y-%m"), "trainings": trainings, "people_trained": people, "visits": visits}


def _breakdown(rows: Sequence[Breakdown], key: str, label: Any) -> list[dict[str, Any]]:
    organizations = suppressed([row.organizations for row in rows])
    active = suppressed([row.active_partners for row in rows])
    return [
        {
            key: row.value,
            "label": label(row.value),
            "organizations": count,
            "active_partners": partners,
            "workers": hidden_with(count, row.workers),
        }
        for row, count, partners in zip(rows, organizations, active, strict=True)
    ]


def hidden_with(count: Shown, value: int) -> Shown:
    """``value`` (a sum over the organizations ``count`` counts) unless that count is hidden."""
    return value if isinstance(count, int) else WITHHELD


def funder_rows(document: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The funder document as one spreadsheet table: (headers, rows of section, item, figure, value)."""
    headers = [_("Section"), _("Item"), _("Figure"), _("Value")]
    rows: list[list[str]] = [[_("Campaign"), document["campaign"]["name"], "", ""]]
    rows.append([_("Organizations"), "", _("organizations"), str(document["organizations"])])
    for stage in document["stages"]:
        rows.append([_("Stage"), stage["label"], _("organizations"), str(stage["organizations"])])
        rows.append([_("Stage"), stage["label"], _("workers reached"), str(stage["workers"])])
    rows.append([_("Active partners"), "", _("organizations"), str(document["active_partners"])])
    rows.append([_("Active partners"), "", _("workers reached"), str(document["active_workers"])])
    for name in ("trainings", "people_trained", "visits"):
        rows.append([_("Activity"), "", _(ACTIVITY_NAMES[name]), str(document[name])])
    for month in document["months"]:
        for name in ("trainings", "people_trained", "visits"):
            rows.append([_("Month"), month["month"], _(ACTIVITY_NAMES[name]), str(month[name])])
    for section, key in ((_("Type"), "by_type"), (_("State"), "by_state")):
        for row in document[key]:
            rows.append([section, row["label"], _("organizations"), str(row["organizations"])])
    return headers, rows


ACTIVITY_NAMES = {"trainings": N_("trainings"), "people_trained": N_("people trained"), "visits": N_("visits")}
