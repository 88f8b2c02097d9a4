"""The off-board list: state and reason of each organization; enter picks one to restore."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from outreach_tui.screens import (
    OffBoardScreen,
)
from tests.app.harness import (
    SIZE,
    Harness,
    card,
    organization,
    run,
    screen_text,
)

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"


def off_board_cards() -> list[Any]:
    return [
        card(
            organization("Albergue Belén", id="org-test0001"),
            off_board={"state": "not_a_fit", "reason": "Land rights only"},
        ),
        card(organization(HOSTILE, id="org-test0002"), off_board={"state": "paused", "reason": "[b]no staff[/b]"}),
    ]


def test_off_board_list_shows_state_and_reason_and_enter_restores_one():
    async def scenario():
        app = Harness(lambda: OffBoardScreen(off_board_cards()))
        async with app.run_test(size=SIZE) as pilot:
            shown = screen_text(app)
            assert "Not a fit: Land rights only" in shown
            assert HOSTILE in shown and "Paused: [b]no staff[/b]" in shown
            assert isinstance(app.focused, OptionList)
            await pilot.press("down", "enter")
            await pilot.pause()
        assert app.result == "org-test0002"

    run(scenario())


def test_off_board_list_escape_and_empty_list():
    async def scenario():
        app = Harness(lambda: OffBoardScreen([]))
        async with app.run_test(size=SIZE) as pilot:
            assert "No organization is off this campaign's board." in screen_text(app)
            await pilot.press("enter")
            assert not app.closed
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())


def test_the_list_shows_archived_organizations_and_enter_on_one_unarchives_it(repo):
    from tests.app.harness import RecordingApp
    from tests.boards import TODAY, open_board

    target = repo.find_organization("Albergue Guadalupe")
    campaign_id = repo.default_campaign().id
    stage = repo.placement(target.id, campaign_id).stage
    repo.archive_organization(target.id, reason="merged by mistake")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o")
            await pilot.pause()
            shown = screen_text(app)
            assert "archived: 1" in shown
            assert "Albergue Guadalupe" in shown and "enter unarchives it" in shown
            await pilot.press("enter")
            await pilot.pause()
            saved = open_board(repo.path)
            assert not saved.organization(target.id).archived
            assert saved.placement(target.id, campaign_id).stage == stage
            assert saved.describe(saved.history(organization_id=target.id, limit=1)[0]).startswith("unarchived")
            assert app.said[-1] == "Unarchived Albergue Guadalupe."
            assert app.screen.selected_card().id == target.id

    run(scenario())
