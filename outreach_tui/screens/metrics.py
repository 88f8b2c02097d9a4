"""The metrics of the campaign on screen: the funnel, the goals, trainings per month and who is waiting.

The numbers are ``Repository.report``'s, counted in a worker thread: on a 20,000-organization
board that takes seconds, and the screen shows at once, saying it is counting. Bars are block
characters in ``Text``, so they read in 16 colours and with NO_COLOR; labels and names are data,
never markup. Enter on a waiting organization closes the screen and selects its card.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Sparkline, Static
from textual.worker import Worker, WorkerState

from store import StoreError
from store.i18n import N_, _, format_date, format_number, format_percent, month_name
from store.models import Campaign
from store.reports import CampaignReport, MonthFigures, StalledCard
from store.stages import stage_label

from ..dialog import DialogScreen
from ..display import safe, safe_text

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
TRACK = "░"
"""The unreached part of a goal's bar: without colour, it still shows how far the bar could go."""
MAX_LABEL = 18
MAX_ROWS = 100
"""Waiting organizations of each kind in the table: enough to act on, and a 20,000-card board
whose thousands of stalled cards would take seconds to fill a ``DataTable`` stays quick."""
DIALOG_MAX_WIDTH = 110
"""As in metrics.tcss."""
TABLE_CHROME = 14
"""Dialog border and padding, the table's scrollbar, and the padding of four table cells."""
MONTH_CELLS = 3
"""At most this many columns per month in the sparkline, so a few months do not stretch into a wall."""
REFRESH_SECONDS = 1.0


def bar(value: float, maximum: float, width: int) -> str:
    """``value`` of ``maximum`` as up to ``width`` cells of full and eighth blocks; never empty when ``value`` > 0."""
    if maximum <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value / maximum, 1) * width * 8))
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


def cut(text: str, width: int) -> Text:
    shown = safe_text(text)
    shown.truncate(width, overflow="ellipsis", pad=True)
    return shown


def funnel_text(campaign: Campaign, report: CampaignReport, width: int, bar_style: str) -> Text:
    """One row per stage: label, a bar proportional to its count, the count, the conversion, workers reached."""
    labels = [stage_label(campaign, stage.key) for stage in report.stages]
    counts = [format_number(stage.count) for stage in report.stages]
    conversions = [format_percent(s.conversion) if s.conversion is not None else "—" for s in report.stages]
    workers = [format_number(stage.workers) for stage in report.stages]
    label_w = min(MAX_LABEL, max(cell_len(text) for text in [_("Stage"), *labels]))
    count_w = max(cell_len(text) for text in counts)
    conv_w = max(cell_len(text) for text in [_("Conversion"), *conversions])
    work_w = max(cell_len(text) for text in [_("Workers"), *workers])
    bar_w = max(cell_len(_("Organizations")) - count_w - 1, 4, width - label_w - count_w - conv_w - work_w - 6)
    header = Text(style="bold", no_wrap=True, end="")
    header.append(cut(_("Stage"), label_w))
    header.append(" " + _("Organizations").ljust(bar_w + 1 + count_w))
    header.append("  " + _("Conversion").rjust(conv_w) + "  " + _("Workers").rjust(work_w))
    lines = [header]
    most = max((stage.count for stage in report.stages), default=0)
    for stage, label, count, conversion, worker in zip(
        report.stages, labels, counts, conversions, workers, strict=True
    ):
        line = Text(no_wrap=True, end="")
        line.append(cut(label, label_w))
        line.append(" ")
        line.append(bar(stage.count, most, bar_w).ljust(bar_w), style=bar_style)
        line.append(f" {count.rjust(count_w)}  {conversion.rjust(conv_w)}  {worker.rjust(work_w)}")
        lines.append(line)
    return Text("\n", no_wrap=True, end="").join(lines)


def goal_line(label: str, now: int, goal: int | None, width: int, styles: tuple[str, str]) -> Text:
    """``label``, a bar of how far ``now`` is towards ``goal`` and the figures; "no goal set" without one."""
    line = Text(no_wrap=True, end="")
    label_w = min(cell_len(label), max(12, width // 2))
    line.append(cut(label, label_w))
    if not goal:
        line.append(f"  {format_number(now)}  " + _("no goal set"))
        return line
    figures = f"{format_number(now)} / {format_number(goal)}"
    percent = format_percent(now / goal)
    bar_w = max(4, width - label_w - cell_len(figures) - cell_len(percent) - 4)
    done = bar(now, goal, bar_w)
    line.append("  ")
    line.append(done, style=styles[0])
    line.append(TRACK * (bar_w - len(done)), style=styles[1])
    line.append(f" {figures} {percent}")
    return line


def month_initials(months: list[MonthFigures], cells: int) -> str:
    """The first letter of each month's name in the person's language, one per ``cells`` columns."""
    return "".join(month_name(month.month.month)[:1].upper().ljust(cells) for month in months)


def shown_months(months: list[MonthFigures], width: int) -> tuple[list[MonthFigures], int]:
    """The latest months that fit in ``width`` columns, and how many columns each gets."""
    shown = months[-max(width, 1) :]
    return shown, max(1, min(MONTH_CELLS, width // max(len(shown), 1)))


class Funnel(Static):
    """The funnel, drawn again at the width it gets (a resize redraws it)."""

    COMPONENT_CLASSES = {"funnel--bar"}

    def __init__(self, campaign: Campaign, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.campaign = campaign
        self.report: CampaignReport | None = None

    def render(self) -> Text:
        if self.report is None:
            return Text(_("Counting…"))
        style = str(self.get_component_rich_style("funnel--bar"))
        return funnel_text(self.campaign, self.report, self.size.width, style)


class Goals(Static):
    """Active partners and the workers they reach, against the campaign's goals."""

    COMPONENT_CLASSES = {"goals--done", "goals--track"}

    def __init__(self, campaign: Campaign, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.campaign = campaign
        self.report: CampaignReport | None = None

    def render(self) -> Text:
        report = self.report
        if report is None:
            return Text("")
        styles = (
            str(self.get_component_rich_style("goals--done")),
            str(self.get_component_rich_style("goals--track")),
        )
        partners = _("Active partners ({stage})").format(stage=stage_label(self.campaign, report.active_stage))
        width = self.size.width
        return Text("\n", end="").join(
            [
                goal_line(partners, report.active_partners, report.goal_partners, width, styles),
                goal_line(
                    _("Workers reached by active partners"), report.active_workers, report.goal_workers, width, styles
                ),
            ]
        )


class WaitingTable(DataTable[Text]):
    """Stalled organizations and overdue follow-ups; a row's key names its organization."""


class MetricsScreen(DialogScreen[str | None]):
    """The campaign's metrics; dismisses with the organization id to select on the board, or None."""

    CSS_PATH = "metrics.tcss"
    BINDINGS = [
        Binding("enter", "choose", N_("Show on the board"), id="metrics.choose", priority=True),
        Binding("r", "recount", N_("Count again"), id="metrics.recount"),
        Binding("escape,q", "close", N_("Close"), id="metrics.close"),
    ]

    def __init__(self, campaign: Campaign, count: Callable[[], CampaignReport], generation: Callable[[], int]) -> None:
        """``count`` makes the report (in a worker thread); ``generation`` changes when the board does."""
        super().__init__()
        self.campaign = campaign
        self.count = count
        self.generation = generation
        self.report: CampaignReport | None = None
        self._counted_at = -1
        self._rows: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-tall"):
            yield Static(id="metrics-title", classes="dialog-title")
            yield Funnel(self.campaign, id="funnel")
            yield Goals(self.campaign, id="goals")
            with Horizontal(id="trainings"):
                yield Static(Text(_("Trainings per month")), id="trainings-label")
                with Vertical(id="trainings-chart"):
                    yield Sparkline([], id="sparkline")
                    yield Static(id="month-initials")
            yield Static(id="totals")
            yield Static(id="waiting-title")
            yield WaitingTable(cursor_type="row", zebra_stripes=False, id="waiting")
        yield Footer()

    def on_mount(self) -> None:
        self._show_title()
        self.query_one(WaitingTable).focus()
        # Counting after the first paint: the worker thread would otherwise share the interpreter
        # with the painting, and the screen would wait for the numbers.
        self.call_after_refresh(self.action_recount)
        self.set_interval(REFRESH_SECONDS, self._recount_if_changed)

    def _show_title(self, problem: str = "") -> None:
        title = Text(_("Metrics: {campaign}").format(campaign=safe(self.campaign.name)), style="bold")
        if self.report is not None:
            title.append("  " + _("As on {today}.").format(today=format_date(self.report.today)), style="not bold")
        if problem:
            title.append("  " + problem, style="not bold")
        self.query_one("#metrics-title", Static).update(title)

    # -- counting ------------------------------------------------------------------------------

    def action_recount(self) -> None:
        self._counted_at = self.generation()
        self.run_worker(self.count, thread=True, exclusive=True, group="metrics", exit_on_error=False)

    def _recount_if_changed(self) -> None:
        """Another session's change (read by the app's watch) or one made here shows without pressing r."""
        if self.generation() != self._counted_at:
            self.action_recount()

    @on(Worker.StateChanged)
    def _counted(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "metrics":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, CampaignReport):
            self.show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if not isinstance(error, StoreError):
                raise error  # type: ignore[misc]
            self._show_title(str(error))

    def show(self, report: CampaignReport) -> None:
        self.report = report
        self._show_title()
        for chart in (self.query_one(Funnel), self.query_one(Goals)):
            chart.report = report
            chart.refresh(layout=True)
        self._show_months(report)
        self._show_waiting(report)

    def _show_months(self, report: CampaignReport) -> None:
        chart = self.query_one("#trainings-chart")
        months, cells = shown_months(report.months, chart.size.width or self.app.size.width // 2)
        sparkline = self.query_one(Sparkline)
        sparkline.styles.width = max(len(months) * cells, 1)
        sparkline.data = [float(month.trainings) for month in months for _cell in range(cells)]
        self.query_one("#month-initials", Static).update(Text(month_initials(months, cells)))
        totals = "  ·  ".join(
            f"{label}: {format_number(value)}"
            for label, value in (
                (_("Trainings"), report.trainings),
                (_("People trained"), report.people_trained),
                (_("Visits"), report.visits),
            )
        )
        self.query_one("#totals", Static).update(Text(totals))

    def _show_waiting(self, report: CampaignReport) -> None:
        stalled_title = _("Waiting more than {days} days in their stage").format(days=report.stall_days)
        title = f"{stalled_title}: {format_number(len(report.stalled))}  ·  "
        title += f"{_('Follow-ups overdue')}: {format_number(len(report.overdue))}"
        if len(report.stalled) > MAX_ROWS or len(report.overdue) > MAX_ROWS:
            title += "  " + _("(the {n} longest of each)").format(n=format_number(MAX_ROWS))
        self.query_one("#waiting-title", Static).update(Text(title))
        table = self.query_one(WaitingTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(Text(_("Organization")), key="organization")
        table.add_column(Text(_("Stage")), key="stage")
        table.add_column(Text(_("Days"), justify="right"), key="days")
        table.add_column(Text(""), key="why")
        self._rows = {}
        stalled, overdue = report.stalled[:MAX_ROWS], report.overdue[:MAX_ROWS]
        whys = (_("in its stage"), _("follow-up overdue"))
        days = [format_number(card.days) for card in stalled + overdue]
        stages = [stage_label(self.campaign, card.stage) for card in stalled + overdue]
        stage_w = min(MAX_LABEL, max(cell_len(text) for text in [_("Stage"), *stages]))
        # The name gets what the terminal has left, so stage, days and why always show at 80 columns.
        fixed = stage_w + max(cell_len(text) for text in [_("Days"), *days]) + max(cell_len(why) for why in whys)
        name_w = max(12, min(DIALOG_MAX_WIDTH, self.app.size.width) - TABLE_CHROME - fixed)
        self._add_rows(table, stalled, whys[0], "stalled", (name_w, stage_w))
        self._add_rows(table, overdue, whys[1], "overdue", (name_w, stage_w))
        self.set_class(not self._rows, "-nobody-waiting")
        if self._rows:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)

    def _add_rows(
        self, table: WaitingTable, cards: list[StalledCard], why: str, kind: str, widths: tuple[int, int]
    ) -> None:
        for card in cards:
            key = f"{kind}:{card.organization_id}"
            self._rows[key] = card.organization_id
            table.add_row(
                cut(card.name, widths[0]),
                cut(stage_label(self.campaign, card.stage), widths[1]),
                Text(format_number(card.days), justify="right"),
                Text(why),
                key=key,
            )

    # -- leaving ---------------------------------------------------------------------------------

    def action_choose(self) -> None:
        table = self.query_one(WaitingTable)
        if not self._rows:
            return
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        self.dismiss(self._rows.get(str(row_key.value)))

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        self.dismiss(self._rows.get(str(event.row_key.value)))

    def action_close(self) -> None:
        self.dismiss(None)
