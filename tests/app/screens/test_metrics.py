"""The metrics screen: the numbers of ``Repository.report`` on screen, opened by any role, rows that open cards."""

from __future__ import annotations

from textual.widgets import DataTable, Sparkline

import store.i18n
from outreach_tui.screens import MetricsScreen
from outreach_tui.screens.metrics import bar, month_initials, shown_months
from store import Actor
from store.i18n import format_number, format_percent
from store.reports import MonthFigures
from store.stages import stage_label
from tests.app.harness import RecordingApp, board_of, column, run, screen_text, wait_for
from tests.app.test_language_switch import choose
from tests.boards import TODAY, demo_board, open_board


def test_bars_are_full_blocks_then_one_eighth_block_and_never_empty_for_a_count():
    assert bar(4, 4, 4) == "████"
    assert bar(1, 2, 3) == "█▌"
    assert bar(3, 8, 1) == "▍"
    assert bar(1, 10_000, 10) == "▏"
    assert bar(0, 5, 10) == "" and bar(5, 0, 10) == ""
    assert bar(12, 10, 3) == "███"


def test_month_initials_follow_the_language():
    months = [MonthFigures(TODAY.replace(month=m, day=1)) for m in (1, 4, 8)]
    assert month_initials(months, 2) == "J A A "
    store.i18n.set_language("es")
    assert month_initials(months, 1) == "EAA"


def test_only_the_latest_months_that_fit_are_shown():
    months = [MonthFigures(TODAY.replace(month=m, day=1)) for m in range(1, 13)]
    assert shown_months(months, 6) == (months[-6:], 1)
    assert shown_months(months[:2], 40) == (months[:2], 3)


async def open_metrics(pilot, app) -> MetricsScreen:
    await pilot.press("m")
    assert await wait_for(pilot, lambda: isinstance(app.screen, MetricsScreen) and app.screen.report is not None)
    await pilot.pause()
    return app.screen


def test_m_shows_the_campaigns_report(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_metrics(pilot, app)
            report = repo.report(app.campaign_id, today=TODAY)
            campaign = repo.campaign(app.campaign_id)
            text = screen_text(app)
            lines = text.splitlines()
            for stage in report.stages:
                row = next(line for line in lines if line.startswith(stage_label(campaign, stage.key)))
                conversion = format_percent(stage.conversion) if stage.conversion is not None else "—"
                assert row.split()[-3:] == [format_number(stage.count), conversion, format_number(stage.workers)]
                assert "█" in row
            assert f"{report.active_partners} / {report.goal_partners}" in text
            assert f"{format_number(report.active_workers)} / {format_number(report.goal_workers)}" in text
            assert f"Trainings: {report.trainings}" in text and f"Visits: {report.visits}" in text
            assert f"People trained: {report.people_trained}" in text
            assert screen.query_one(Sparkline).data
            table = screen.query_one(DataTable)
            assert table.row_count == len(report.stalled) + len(report.overdue) > 0
            first = report.stalled[0]
            assert [cell.plain.rstrip() for cell in table.get_row_at(0)] == [
                first.name,
                stage_label(campaign, first.stage),
                format_number(first.days),
                "in its stage",
            ]
            assert table.virtual_size.width <= table.size.width  # nothing hidden to the right at 80 columns
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, MetricsScreen)

    run(scenario())


def test_enter_on_a_waiting_organization_selects_its_card(repo):
    report = repo.report(repo.default_campaign().id, today=TODAY)
    waiting = report.stalled[-1] if len(report.stalled) > 1 else report.overdue[0]

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_metrics(pilot, app)
            table = screen.query_one(DataTable)
            row = next(i for i in range(table.row_count) if table.get_row_at(i)[0].plain.startswith(waiting.name[:20]))
            table.move_cursor(row=row, animate=False)
            await pilot.press("enter")
            await pilot.pause()
            board = board_of(app)
            assert app.screen is board
            assert board.selected_card() is not None and board.selected_card().id == waiting.organization_id

    run(scenario())


def test_the_palette_opens_the_metrics(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await choose(pilot, app, "metrics", key="ctrl+p")
            assert await wait_for(pilot, lambda: isinstance(app.screen, MetricsScreen))
            await pilot.press("q")
            await pilot.pause()
            assert app.screen is board_of(app)

    run(scenario())


def test_a_viewer_may_open_the_metrics(tmp_path):
    repo = demo_board(tmp_path)
    repo.set_user("ana", "coordinator")
    viewer = open_board(repo.path, Actor(login="guest"))

    async def scenario():
        app = RecordingApp(viewer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_metrics(pilot, app)
            assert screen.report == viewer.report(app.campaign_id, today=TODAY)

    run(scenario())


def test_a_change_made_elsewhere_is_counted_again(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 1).cards[0]
            screen = await open_metrics(pilot, app)
            before = screen.report
            repo.move(card.id, "active", campaign_id=app.campaign_id)
            assert await wait_for(pilot, lambda: screen.report is not before)
            assert screen.report.stages[-1].count == before.stages[-1].count + 1

    run(scenario())
