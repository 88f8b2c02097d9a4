"""Follow-ups: soonest first, overdue said in words and style."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable

from outreach_tui.screens import (
    FollowUpsScreen,
)
from tests.app.harness import (
    SIZE,
    Harness,
    card,
    organization,
    run,
    screen_text,
)
from tests.boards import TODAY


def test_follow_ups_soonest_first_with_overdue_marked_in_words_and_style():
    cards = [
        card(organization("Later", id="org-test0001"), next_follow_up=TODAY + timedelta(days=3), owner="luis"),
        card(organization("Overdue", id="org-test0002"), next_follow_up=TODAY - timedelta(days=2), owner="ana"),
        card(organization("Today", id="org-test0003"), next_follow_up=TODAY),
        card(organization("No date", id="org-test0004")),
    ]

    async def scenario():
        app = Harness(lambda: FollowUpsScreen(cards, TODAY))
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one(DataTable)
            rows = [[cell.plain for cell in table.get_row_at(index)] for index in range(table.row_count)]
            assert rows == [
                ["Nov 22, 2026", "overdue 2 days", "ana", "Overdue"],
                ["Nov 24, 2026", "due today", "", "Today"],
                ["Nov 27, 2026", "in 3 days", "luis", "Later"],
            ]
            overdue = table.get_component_rich_style("follow-up--overdue")
            assert table.get_row_at(0)[1].style == overdue and overdue.bold
            assert table.get_row_at(2)[1].style != overdue
            assert "1 overdue" in screen_text(app)
            await pilot.press("down", "down", "enter")
            await pilot.pause()
        assert app.result == "org-test0001"

    run(scenario())


def test_follow_ups_empty_and_escape():
    async def scenario():
        app = Harness(lambda: FollowUpsScreen([], TODAY))
        async with app.run_test(size=SIZE) as pilot:
            assert "No follow-ups are due." in screen_text(app)
            await pilot.press("enter", "escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())
