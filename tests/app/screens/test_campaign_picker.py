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


def test_campaign_picker_e_edits_the_highlighted_campaign(repo: Repository):
    planned = repo.campaign("Maquiladora justice tour 2027")

    def edit(campaign, changes: dict[str, Any]):
        return repo.edit_campaign(campaign.id, changes, expected_version=campaign.version)

    async def scenario():
        app = Harness(lambda: CampaignPicker(repo.campaigns(), None, FakeSave(None), edit=edit))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down", "e")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, CampaignForm)
            assert form.control("name").value == planned.name
            assert form.control("status").value == "planning"
            form.control("name").value = "Maquiladora justice tour 2027-2028"
            form.control("goals.active_partners").value = "9"
            form.control("status").value = "active"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, CampaignPicker)
            assert "Maquiladora justice tour 2027-2028" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()

    run(scenario())
    saved = open_board(repo.path).campaign(planned.id)
    assert (saved.name, saved.goals.active_partners, saved.status) == (
        "Maquiladora justice tour 2027-2028",
        9,
        "active",
    )
    assert open_board(repo.path).history(campaign_id=planned.id, limit=1)[0].kind == "campaign_edited"


def test_keys_a_role_may_not_use_are_greyed_and_say_why_instead_of_opening_a_form():
    refused: list[str] = []

    async def scenario():
        app = Harness(lambda: CampaignPicker(two_campaigns(), None, None, refuse=refused.append))
        async with app.run_test(size=SIZE) as pilot:
            picker = app.screen
            assert picker.check_action("new_campaign", ()) is None
            assert picker.check_action("edit_campaign", ()) is None
            await pilot.press("n", "e")
            await pilot.pause()
            assert app.screen is picker
        assert refused == ["create_campaign", "edit_campaign"]

    run(scenario())
