"""A campaign report laid out for people: titled sections of labelled rows, in the reader's language.

One layout feeds every format (text, Markdown, CSV, HTML) and the metrics screen can read it too.
The ``funder`` profile leaves out every organization name and hides small counts (see
``store.reports.suppression``); ``partner`` lists the stalled organizations by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store import Repository
from store.choice_labels import ORGANIZATION_TYPE_LABELS, shown
from store.i18n import _, format_date, format_month, format_number, format_percent
from store.models import Campaign
from store.reports.suppression import shown_total, suppressed
from store.stages import stage_label
from store.text import display_safe

if TYPE_CHECKING:
    from store.reports import CampaignReport, StalledCard

PROFILES = ("partner", "funder")
Cell = int | str


@dataclass(frozen=True)
class Section:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class ReportDocument:
    title: str
    lines: list[str]
    """What the report covers: campaign, dates, profile."""
    sections: list[Section]
    language: str


def report_document(repo: Repository, report: CampaignReport, profile: str, language: str) -> ReportDocument:
    campaign = repo.campaign(report.campaign_id)
    funder = profile == "funder"
    sections = [
        _funnel(campaign, report, funder),
        _goals(campaign, report, funder),
        _months(report, funder),
        _stage_times(campaign, report, funder),
        _cohorts(report, funder),
        _breakdown(_("By type of organization"), _("Type"), report.by_type, funder, types=True),
        _breakdown(_("By state"), _("State"), report.by_state, funder),
    ]
    sections += _waiting(campaign, report, funder)
    return ReportDocument(
        title=_("Campaign report: {campaign}").format(campaign=display_safe(campaign.name)),
        lines=_cover_lines(report, funder),
        sections=sections,
        language=language,
    )


def _cover_lines(report: CampaignReport, funder: bool) -> list[str]:
    if report.start or report.end:
        span = _("Trainings, visits and times from {start} to {end}; stages as on {today}.").format(
            start=format_date(report.start) if report.start else _("the beginning"),
            end=format_date(report.end) if report.end else format_date(report.today),
            today=format_date(report.today),
        )
    else:
        span = _("As on {today}.").format(today=format_date(report.today))
    lines = [span]
    if funder:
        lines.append(_("Numbers only: no organization is named, and counts of 1 or 2 show as <3."))
    return lines


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else format_number(cell)


def _counts(values: Sequence[int], funder: bool, *, with_total: bool = True) -> list[str]:
    return [_text(cell) for cell in (suppressed(values, with_total=with_total) if funder else list(values))]


def _workers(values: Sequence[int], counts: Sequence[int], funder: bool) -> list[str]:
    """Workers reached, hidden where the count of organizations behind them is (one estimate would show)."""
    shown_counts = suppressed(counts) if funder else list(counts)
    return [
        "<3" if isinstance(count, str) else format_number(value)
        for value, count in zip(values, shown_counts, strict=True)
    ]


def _funnel(campaign: Campaign, report: CampaignReport, funder: bool) -> Section:
    counts = [stage.count for stage in report.stages]
    shown_counts = _counts(counts, funder)
    workers = _workers([stage.workers for stage in report.stages], counts, funder)
    rows = [
        [
            stage_label(campaign, stage.key),
            count,
            format_percent(stage.conversion) if stage.conversion is not None else "—",
            worker,
        ]
        for stage, count, worker in zip(report.stages, shown_counts, workers, strict=True)
    ]
    off = [report.off_board.get("not_a_fit", 0), report.off_board.get("paused", 0)]
    for label, count in zip(
        (_("Off the board: not a fit"), _("Off the board: paused")), _counts(off, funder), strict=True
    ):
        rows.append([label, count, "", ""])
    note = _("Conversion: of the organizations that reached the stage before, the share that reached this one.")
    return Section(
        _("Organizations by stage"),
        [_("Stage"), _("Organizations"), _("Conversion"), _("Workers reached (est.)")],
        rows,
        note,
    )


def _goals(campaign: Campaign, report: CampaignReport, funder: bool) -> Section:
    partners = _text(shown_total([report.active_partners])) if funder else format_number(report.active_partners)
    hidden = partners == "<3"
    partner_label = _("Active partners ({stage})").format(stage=stage_label(campaign, report.active_stage))
    rows = [
        [
            partner_label,
            partners,
            _target(report.goal_partners),
            _progress(report.active_partners, report.goal_partners, hidden),
        ],
        [
            _("Workers reached by active partners"),
            "<3" if hidden else format_number(report.active_workers),
            _target(report.goal_workers),
            _progress(report.active_workers, report.goal_workers, hidden),
        ],
    ]
    return Section(_("Goals"), [_("Goal"), _("Now"), _("Target"), _("Progress")], rows)


def _target(goal: int | None) -> str:
    return format_number(goal) if goal else _("no goal set")


def _progress(value: int, goal: int | None, hidden: bool) -> str:
    if not goal:
        return "—"
    return "<3" if hidden else format_percent(value / goal)


def _months(report: CampaignReport, funder: bool) -> Section:
    rows = []
    for month in report.months:
        cells = _counts([month.trainings, month.people_trained, month.visits, *month.fit], funder, with_total=False)
        rows.append([format_month(month.month), *cells])
    total = _counts([report.trainings, report.people_trained, report.visits], funder, with_total=False)
    rows.append([_("Total"), *total, "", "", "", "", ""])
    headers = [
        _("Month"),
        _("Trainings"),
        _("People trained"),
        _("Visits"),
        *(_("Fit {n}").format(n=n) for n in range(1, 6)),
    ]
    return Section(
        _("Trainings and visits by month"),
        headers,
        rows,
        _("Fit: the rating a visit gave, from 1 (poor) to 5 (excellent)."),
    )


def _days(value: float | None) -> str:
    return format_number(round(value, 1)) if value is not None else "—"


def _stage_times(campaign: Campaign, report: CampaignReport, funder: bool) -> Section:
    stays = _counts([time.stays for time in report.stage_times], funder, with_total=False)
    rows = [
        [
            stage_label(campaign, time.key),
            count,
            _days(time.median_days) if count != "<3" else "<3",
            _days(time.p75_days) if count != "<3" else "<3",
        ]
        for time, count in zip(report.stage_times, stays, strict=True)
    ]
    note = _("Days an organization stayed in a stage before leaving it; changes that were undone are not counted.")
    return Section(
        _("Time in each stage"), [_("Stage"), _("Stays"), _("Median days"), _("75% within (days)")], rows, note
    )


def _cohorts(report: CampaignReport, funder: bool) -> Section:
    rows = []
    for cohort in report.cohorts:
        cells = _counts([cohort.organizations, cohort.people, cohort.became_active], funder, with_total=False)
        rows.append([format_date(cohort.date), display_safe(cohort.topic), *cells, _days(cohort.median_days_to_active)])
    headers = [
        _("Training"),
        _("Topic"),
        _("Organizations"),
        _("People"),
        _("Became active partners"),
        _("Median days"),
    ]
    return Section(_("Trainings and the active partners they led to"), headers, rows)


def _breakdown(title: str, heading: str, items: Sequence, funder: bool, *, types: bool = False) -> Section:  # type: ignore[type-arg]
    counts = [item.organizations for item in items]
    shown_counts = _counts(counts, funder)
    active = _counts([item.active_partners for item in items], funder, with_total=False)
    workers = _workers([item.workers for item in items], counts, funder)
    rows = [
        [
            shown(ORGANIZATION_TYPE_LABELS, item.value) if types else (display_safe(item.value) or _("(no state)")),
            count,
            act,
            work,
        ]
        for item, count, act, work in zip(items, shown_counts, active, workers, strict=True)
    ]
    return Section(title, [heading, _("Organizations"), _("Active partners"), _("Workers reached (est.)")], rows)


LISTED = 50
"""Organizations listed by name in a waiting list; the rest are counted (the JSON figures have them all)."""


def _listed(cards: Sequence[StalledCard]) -> str:
    more = len(cards) - LISTED
    return _("…and {n} more, waiting less long.").format(n=format_number(more)) if more > 0 else ""


def _waiting(campaign: Campaign, report: CampaignReport, funder: bool) -> list[Section]:
    stalled_title = _("Waiting more than {days} days in their stage").format(days=report.stall_days)
    if funder:
        rows = [
            [stalled_title, _text(shown_total([len(report.stalled)]))],
            [_("Follow-ups overdue"), _text(shown_total([len(report.overdue)]))],
        ]
        return [Section(_("Organizations waiting"), [_("What"), _("Organizations")], rows)]
    return [
        Section(stalled_title, [_("Organization"), _("Stage"), _("Days")],
                [[display_safe(c.name), stage_label(campaign, c.stage), format_number(c.days)] for c in report.stalled[:LISTED]],
                _listed(report.stalled)),
        Section(_("Follow-ups overdue"), [_("Organization"), _("Stage"), _("Days overdue")],
                [[display_safe(c.name), stage_label(campaign, c.stage), format_number(c.days)] for c in report.overdue[:LISTED]],
                _listed(report.overdue)),
    ]  # fmt: skip
