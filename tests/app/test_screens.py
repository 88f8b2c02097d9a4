"""Pilot tests of the secondary screens: details, off-board list, follow-ups, campaign
picker and help. Keyboard only, at 80x24, with hostile names shown literally."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList

from outreach_tui.details import OrganizationDetails, load_details
from outreach_tui.forms import CampaignForm
from outreach_tui.screens import (
    CampaignPicker,
    DetailsScreen,
    FollowUpsScreen,
    HelpScreen,
    OffBoardScreen,
)
from store import Repository
from tests.app.harness import SIZE, FakeSave, Harness, campaign, card, organization, placement, run, screen_text
from tests.boards import TODAY, demo_board, open_board

HOSTILE = "[bold]x[/] [@click=app.quit]y[/]"


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return demo_board(tmp_path)


# -- details ------------------------------------------------------------------------------


def hostile_details() -> OrganizationDetails:
    org = organization(
        HOSTILE,
        aliases=["[red]AKA[/red]"],
        notes="[link=https://example.org]notes[/link]\nsecond line",
        contacts=[{"name": "[i]Rosa[/i]", "email": "rosa@example.org"}],
    )
    return OrganizationDetails(
        organization=org,
        campaign=campaign("[b]Chiapas[/b]"),
        card=placement(org, owner="[u]ana", off_board={"state": "paused", "reason": "[blink]later[/blink]"}),
        stage_label="Contacted",
    )


def test_details_show_hostile_text_literally_and_clicking_it_does_nothing():
    async def scenario():
        app = Harness(lambda: DetailsScreen(hostile_details()))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            for literal in (HOSTILE, "[red]AKA[/red]", "[link=https://example.org]notes[/link]", "[i]Rosa[/i]"):
                assert literal in shown, literal
            await pilot.click("#details-title")
            await pilot.click("#organization-body", offset=(25, 0))
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, DetailsScreen)
            app.screen.query_one("#details-scroll").scroll_end(animate=False)
            await pilot.pause()
            shown = screen_text(app)
            assert "[b]Chiapas[/b]" in shown and "[blink]later[/blink]" in shown and "[u]ana" in shown

    run(scenario())


def test_details_from_the_repository_show_fields_card_visits_and_history(repo: Repository):
    chosen = repo.default_campaign()
    visited = next(v.organization_id for v in repo.visits(campaign_id=chosen.id))
    details = load_details(repo, visited, chosen.id)
    assert details.card is not None and details.visits and details.history
    assert details.history_total == len(repo.history(organization_id=visited))

    async def scenario():
        app = Harness(lambda: DetailsScreen(details))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.focused is app.screen.query_one("#details-scroll")
            top = screen_text(app)
            assert "Legal capacity" in top and "Outreach capacity" in top
            await pilot.press("end")
            await pilot.pause()
            bottom = screen_text(app)
            assert "History, newest first, times in UTC" in bottom
            assert f"{details.history[-1].at:%Y-%m-%d %H:%M} UTC" in bottom
            assert details.history[-1].description.split()[0] in bottom

    run(scenario())


def test_details_without_a_campaign_still_list_every_campaign_card(repo: Repository):
    chosen = repo.default_campaign()
    shared = next(org.id for org in repo.organizations() if len(repo.placements_of(org.id)) > 1)
    details = load_details(repo, shared, None)
    assert details.campaign is None and details.card is None
    assert {item.placement.campaign_id for item in details.placements} >= {chosen.id}
    assert all(item.stage_label for item in details.placements)

    async def scenario():
        app = Harness(lambda: DetailsScreen(details))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.query_one("#details-scroll").scroll_to(y=20, animate=False)
            await pilot.pause()
            assert chosen.name in screen_text(app)

    run(scenario())


def test_details_update_in_place_and_close_with_escape_enter_or_q():
    first = hostile_details()
    renamed = OrganizationDetails(
        organization=organization("Colectivo Semilla"), campaign=None, card=None, stage_label=""
    )

    for key in ("escape", "enter", "q"):

        async def scenario(key: str = key):
            app = Harness(lambda: DetailsScreen(first))
            async with app.run_test(size=SIZE) as pilot:
                screen = app.screen
                assert isinstance(screen, DetailsScreen)
                screen.update_details(renamed)
                await pilot.pause()
                assert "Colectivo Semilla" in screen_text(app)
                assert HOSTILE not in screen_text(app)
                assert screen.details is renamed
                await pilot.press(key)
                await pilot.pause()
            assert app.result is None

        run(scenario())


# -- off-board list ------------------------------------------------------------------------


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


# -- follow-ups ------------------------------------------------------------------------------


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
                ["2026-11-22", "overdue 2 days", "ana", "Overdue"],
                ["2026-11-24", "due today", "", "Today"],
                ["2026-11-27", "in 3 days", "luis", "Later"],
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


# -- campaign picker ---------------------------------------------------------------------------


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


# -- help ----------------------------------------------------------------------------------------


def test_help_lists_every_binding_literally_and_closes_with_escape_q_or_question_mark():
    rows = [(f"k{index}", f"Action {index}") for index in range(40)] + [("[", "Move to previous stage [bold]")]
    for key in ("escape", "q", "question_mark"):

        async def scenario(key: str = key):
            app = Harness(lambda: HelpScreen(rows))
            async with app.run_test(size=SIZE) as pilot:
                table = app.screen.query_one(DataTable)
                assert table.row_count == len(rows)
                assert [cell.plain for cell in table.get_row_at(40)] == ["[", "Move to previous stage [bold]"]
                await pilot.press("ctrl+end")
                await pilot.pause()
                assert "Move to previous stage [bold]" in screen_text(app)
                await pilot.press(key)
                await pilot.pause()
            assert app.result is None

        run(scenario())
