"""The off-board list: state and reason of each organization, the stage it left, who took it off and when;
enter picks one to restore."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from textual.widgets import OptionList

import store.i18n
from outreach_tui.screens import (
    OffBoardScreen,
)
from store import Actor, Event, Stage, departures, stage_label
from tests.app.harness import (
    SIZE,
    Harness,
    RecordingApp,
    campaign,
    card,
    organization,
    run,
    screen_text,
)
from tests.boards import TODAY, open_board

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
            assert "archived: 1 (enter unarchives one)" in shown
            assert "Albergue Guadalupe" in shown and "Archived (off every board): merged by mistake" in shown
            assert f"Left {stage_label(repo.default_campaign(), stage)} · by ana · Nov 24, 2026, 16:30 UTC" in shown
            await pilot.press("enter")
            await pilot.pause()
            saved = open_board(repo.path)
            assert not saved.organization(target.id).archived
            assert saved.placement(target.id, campaign_id).stage == stage
            assert saved.describe(saved.history(organization_id=target.id, limit=1)[0]).startswith("unarchived")
            assert app.said[-1] == "Unarchived Albergue Guadalupe."
            assert app.screen.selected_card().id == target.id

    run(scenario())


def test_each_card_shows_the_stage_it_left_who_took_it_off_and_when_in_the_board_time_zone(repo):
    campaign_id = repo.default_campaign().id
    target = repo.board(campaign_id).columns[1].cards[0]
    repo.set_user("ana", "coordinator")
    repo.set_user("sam", "coordinator")
    sam = open_board(repo.path, Actor(login="sam", on_behalf="lucia"))
    sam.set_off_board(target.id, campaign_id=campaign_id, state="paused", reason="no staff", expected_version=None)
    repo.set_time_zone("America/Mexico_City")

    async def scenario():
        app = RecordingApp(open_board(repo.path), today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o")
            await pilot.pause()
            shown = screen_text(app).splitlines()
            at = shown.index(next(line for line in shown if target.organization.name in line))
            assert "Paused: no staff" in shown[at + 1]
            # Taken off at 16:30 UTC: 10:30 in Mexico City, with the year, never a bare month-day.
            assert "Left Trained · by lucia via sam · Nov 24, 2026, 10:30 CST" in shown[at + 2]

    run(scenario())


def test_long_stage_names_are_cut_with_an_ellipsis_and_the_date_never(repo):
    long_stages = [
        Stage(key="contacted", label="Contacted by the regional coordination team"),
        Stage(key="trained", label="Trained"),
    ]
    board = campaign(stages=long_stages)
    # Enough cards for a scrollbar: the narrowest the lines get at 80 columns.
    cards = [
        card(
            organization(
                f"Comité {n} de Derechos Humanos de la Frontera Sur y del Soconusco Fray Matías", id=f"org-test{n:04d}"
            ),
            off_board={"state": "not_a_fit", "reason": "Land rights only, and a reason that goes on beyond any width"},
        )
        for n in range(12)
    ]
    taken_off = cards[0]
    event = Event.model_validate(
        {
            "id": "ev-aaaa0001",
            "group": "grp-aaaa0001",
            "at": datetime(2026, 11, 24, 16, 30, tzinfo=UTC),
            "actor": "outreach",
            "on_behalf": "maria.guadalupe.hernandez",
            "kind": "off_board",
            "entity": "placement",
            "organization_id": taken_off.id,
            "campaign_id": board.id,
        }
    )
    found = departures([event], board.id)

    async def scenario():
        app = Harness(lambda: OffBoardScreen(cards, campaign=board, departures=found))
        async with app.run_test(size=SIZE):
            lines = screen_text(app).splitlines()
            name, state, left = lines[lines.index(next(line for line in lines if "Comité" in line)) :][:3]
            assert name.endswith("…") and state.endswith("…")
            assert left.endswith("  Left Contacted by… · by maria.guadalupe… · Nov 24, 2026, 16:30 UTC")

    run(scenario())


def test_a_card_whose_taking_off_is_not_in_the_history_says_so():
    async def scenario():
        app = Harness(lambda: OffBoardScreen(off_board_cards(), campaign=campaign()))
        async with app.run_test(size=SIZE):
            assert "Left Contacted · who and when not recorded" in screen_text(app)

    run(scenario())


def test_the_list_in_spanish_names_the_stage_and_writes_the_date_the_spanish_way(repo):
    campaign_id = repo.default_campaign().id
    target = repo.board(campaign_id).columns[0].cards[0]
    repo.set_off_board(target.id, campaign_id=campaign_id, state="not_a_fit", reason="vivienda", expected_version=None)
    store.i18n.set_language("es")

    async def scenario():
        app = RecordingApp(open_board(repo.path), today=TODAY, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o")
            await pilot.pause()
            assert "Salió de Contactada · por ana · 24 nov 2026, 16:30 UTC" in screen_text(app)

    run(scenario())
