"""The campaign picker: opens on the current campaign; n creates one."""

from __future__ import annotations

from typing import Any

from outreach_tui.forms import CampaignForm
from outreach_tui.screens import (
    CampaignPicker,
)
from store import Repository
from tests.app.harness import (
    SIZE,
    FakeSave,
    Harness,
    campaign,
    run,
    screen_text,
)
from tests.boards import open_board

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"


def two_campaigns() -> list[Any]:
    return [campaign(HOSTILE), campaign("Oaxaca 2027", id="cmp-test0002", status="planning")]


def test_campaign_picker_starts_on_the_current_campaign_and_enter_picks():
    async def scenario():
        app = Harness(lambda: CampaignPicker(two_campaigns(), "cmp-test0002", FakeSave(None)))
        async with app.run_test(size=SIZE) as pilot:
            shown = screen_text(app)
            assert HOSTILE in shown and "Planning" in shown and "(on screen)" in shown
            assert "Contacted → Trained → Active partner" in shown
            await pilot.press("enter")
            await pilot.pause()
        assert app.result == "cmp-test0002"

    run(scenario())


def test_campaign_picker_n_creates_a_campaign_and_opens_it(repo: Repository):
    def create(fields: dict[str, Any]):
        return repo.create_campaign(**fields)

    async def scenario():
        app = Harness(lambda: CampaignPicker(repo.campaigns(), None, create))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, CampaignForm)
            await pilot.press(*"Sonora", "ctrl+s")
            await pilot.pause()
        return app.result

    created = run(scenario())
    assert open_board(repo.path).campaign(created).name == "Sonora"


def test_campaign_picker_escape_and_a_cancelled_new_campaign_change_nothing():
    async def scenario():
        app = Harness(lambda: CampaignPicker([], None, FakeSave(None)))
        async with app.run_test(size=SIZE) as pilot:
            assert "No campaigns yet" in screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, CampaignPicker)
            await pilot.press("escape")
            await pilot.pause()
        assert app.result is None

    run(scenario())
