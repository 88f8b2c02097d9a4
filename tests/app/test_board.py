"""Pilot tests of the board: what a coordinator does with the keyboard, checked in the file."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from outreach_tui.app import OutreachApp
from outreach_tui.screens.board import BoardScreen
from outreach_tui.widgets import CardColumn
from store import Actor
from tests.boards import TODAY, demo_board, open_board


def run(coroutine):
    return asyncio.run(coroutine)


class RecordingApp(OutreachApp):
    """The app, remembering every message it showed the user."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.said: list[str] = []

    def say(self, message: str, **kwargs) -> None:
        self.said.append(message)
        super().say(message, **kwargs)


def board_of(app: OutreachApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen), type(screen)
    return screen


def column(app: OutreachApp, index: int) -> CardColumn:
    return board_of(app).stage_columns[index].cards


@pytest.fixture
def repo(tmp_path: Path):
    return demo_board(tmp_path)


def test_board_shows_one_column_per_stage_with_counts_and_workers(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            board = repo.board(app.campaign_id)
            screen = board_of(app)
            assert [c.stage.key for c in screen.stage_columns] == ["contacted", "trained", "active"]
            for stage_column, expected in zip(screen.stage_columns, board.columns, strict=False):
                assert [card.id for card in stage_column.cards.cards] == [card.id for card in expected.cards]
                header = str(stage_column.query_one(".stage-header").render())
                assert f"({len(expected.cards)})" in header
                assert f"{expected.workers:,} workers" in header

    run(scenario())


def test_move_to_next_stage_from_trained_writes_the_file_and_selects_the_card_in_its_new_column(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            assert card is not None and card.placement.stage == "trained"
            await pilot.press("]")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(card.id, app.campaign_id).stage == "active"
            assert column(app, 2).selected.id == card.id
            assert app.focused is column(app, 1)
            assert card.id not in [c.id for c in column(app, 1).cards]
            events = reopened.history(organization_id=card.id, limit=1)
            assert events[0].kind == "moved" and events[0].actor == "ana"

    run(scenario())


def test_move_back_with_left_bracket_and_shift_left(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l", "l")
            card = column(app, 2).selected
            await pilot.press("[")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
            await pilot.press("h")
            assert column(app, 1).selected.id == card.id
            await pilot.press("shift+left")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "contacted"

    run(scenario())


def test_a_stale_move_is_refused_with_who_changed_it_and_the_board_refreshes(repo, tmp_path):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            other = open_board(repo.path, Actor(login="luis"))
            other.move(card.id, "active", campaign_id=app.campaign_id)
            await pilot.press("[")
            await pilot.pause()
            notices = app.said
            assert any("luis" in message and "not applied" in message for message in notices), notices
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "active"
            assert card.id in [c.id for c in column(app, 2).cards]

    run(scenario())


def test_filter_narrows_every_column_accent_insensitively_and_escape_clears_it(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            total = sum(len(c.cards.cards) for c in board_of(app).stage_columns)
            await pilot.press("slash")
            await pilot.press(*"juarez")
            await pilot.pause()
            shown = [card for c in board_of(app).stage_columns for card in c.cards.cards]
            assert 0 < len(shown) < total
            assert all(
                "juárez" in card.organization.place.label().lower() or "juarez" in card.search_text for card in shown
            )
            await pilot.press("escape")
            await pilot.pause()
            assert sum(len(c.cards.cards) for c in board_of(app).stage_columns) == total

    run(scenario())


def test_undo_reverts_my_last_move(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"
            assert card.id in [c.id for c in column(app, 1).cards]

    run(scenario())


def test_export_writes_a_snapshot_and_shows_its_path(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            written = sorted(tmp_path.glob("board-*.json"))
            assert len(written) == 1
            assert oct(os.stat(written[0]).st_mode & 0o777) == "0o600"
            assert any(str(written[0]) in message for message in app.said)

    run(scenario())


def test_a_name_with_markup_shows_literally_on_the_card(tmp_path):
    repo = demo_board(tmp_path, organizations=3)
    campaign = repo.default_campaign()
    org = repo.add_organization({"name": "[bold]x[/] [@click=app.quit]y"}, campaign_id=campaign.id)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            first = column(app, 0)
            assert first.select(org.id)
            rows = [first.render_line(y).text for y in range(first.size.height)]
            assert any("[bold]x[/] [@click=app.quit]y" in row for row in rows), rows
            await pilot.click(CardColumn)
            assert app.is_running

    run(scenario())


def test_two_sessions_see_each_others_moves_without_restart(repo):
    async def scenario():
        first = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        second = RecordingApp(open_board(repo.path, Actor(login="luis")), today=TODAY, watch_interval=0.05)
        async with first.run_test(size=(80, 24)) as pilot_one, second.run_test(size=(80, 24)) as pilot_two:
            await pilot_one.press("l")
            card = column(first, 1).selected
            await pilot_one.press("]")
            await pilot_one.pause()
            for _ in range(40):
                await pilot_two.pause(0.05)
                if card.id in [c.id for c in column(second, 2).cards]:
                    break
            assert card.id in [c.id for c in column(second, 2).cards]
            assert card.id not in [c.id for c in column(second, 1).cards]

    run(scenario())


def test_a_viewer_sees_moves_greyed_out_and_is_told_why(tmp_path):
    repo = demo_board(tmp_path)
    repo.set_user("ana", "coordinator")
    viewer = open_board(repo.path, Actor(login="guest"))

    async def scenario():
        app = RecordingApp(viewer, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("]")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "contacted"
            assert any("guest" in message and "view" in message for message in app.said)
            assert any("users add guest" in message for message in app.said)
            assert board_of(app).check_action("move_card", (1,)) is None

    run(scenario())


def type_text(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def test_marking_two_cards_and_recording_one_training_makes_both_trained(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            first = column(app, 0).cards[0].id
            second = column(app, 0).cards[1].id
            await pilot.press("space", "down", "space", "t")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            reopened = open_board(repo.path)
            assert reopened.placement(first, app.campaign_id).stage == "trained"
            assert reopened.placement(second, app.campaign_id).stage == "trained"
            training = reopened.trainings(campaign_id=app.campaign_id)[0]
            assert {a.organization_id for a in training.attendance} == {first, second}
            assert training.trainers == ["ana"] and training.date == TODAY
            assert board_of(app).marked == set()
            trained = [c.id for c in column(app, 1).cards]
            assert first in trained and second in trained

    run(scenario())


def test_moving_into_trained_opens_the_prefilled_training_and_escape_changes_nothing(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            before = repo.path.read_bytes()
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert repo.path.read_bytes() == before
            await pilot.press("right_square_bracket")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).stage == "trained"

    run(scenario())


def test_logging_a_visit_records_it_and_sets_the_cards_follow_up(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("v")
            await pilot.pause()
            form = app.screen
            form.query_one("#findings").text = "Two lawyers; strong outreach in the colonias."
            form.query_one("#fit").value = 4
            form.query_one("#next_follow_up").value = "2026-12-05"
            await pilot.press("ctrl+s")
            await pilot.pause()
            reopened = open_board(repo.path)
            visit = reopened.visits(organization_id=card.id)[0]
            assert visit.fit == 4 and visit.visitors == ["ana"]
            assert str(reopened.placement(card.id, app.campaign_id).next_follow_up) == "2026-12-05"

    run(scenario())


def test_taking_a_card_off_the_board_and_restoring_it_from_the_list(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("right", "enter", "tab", *type_text("Funding gap"), "enter")
            await pilot.pause()
            placement = open_board(repo.path).placement(card.id, app.campaign_id)
            assert placement.off_board is not None and placement.off_board.reason == "Funding gap"
            assert card.id not in [c.id for c in column(app, 0).cards]
            await pilot.press("o")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert open_board(repo.path).placement(card.id, app.campaign_id).off_board is None
            assert column(app, 0).selected.id == card.id

    run(scenario())


def test_follow_ups_list_soonest_first_and_enter_selects_the_card(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            expected = repo.follow_ups(app.campaign_id, today=TODAY)
            await pilot.press("f")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            assert board_of(app).selected_card().id == expected[0].id

    run(scenario())


def test_new_organization_refused_until_valid_then_saved_on_the_board(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            before = repo.path.read_bytes()
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert repo.path.read_bytes() == before
            assert not isinstance(app.screen, BoardScreen)
            await pilot.press(*type_text("Casa Refugio Tapachula"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            org = open_board(repo.path).find_organization("Casa Refugio Tapachula")
            assert open_board(repo.path).placement(org.id, app.campaign_id).stage == "contacted"
            assert board_of(app).selected_card().id == org.id

    run(scenario())


def test_editing_an_organization_saves_the_change(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#notes").text = "Asked for materials in Tsotsil."
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert open_board(repo.path).organization(card.id).notes == "Asked for materials in Tsotsil."

    run(scenario())


def test_switching_campaign_shows_that_campaigns_board(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            other = next(c for c in repo.campaigns() if c.id != app.campaign_id)
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
            await pilot.pause()
            assert app.campaign_id == other.id
            assert board_of(app).campaign_id == other.id
            shown = {c.id for sc in board_of(app).stage_columns for c in sc.cards.cards}
            assert shown == {c.id for col in repo.board(other.id).columns for c in col.cards}

    run(scenario())


def test_details_close_with_a_notice_when_another_session_archives_the_organization(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("enter")
            await pilot.pause()
            open_board(repo.path, Actor(login="luis")).archive_organization(card.id)
            for _ in range(40):
                await pilot.pause(0.05)
                if isinstance(app.screen, BoardScreen):
                    break
            assert isinstance(app.screen, BoardScreen)
            assert any("archived by another session" in message for message in app.said)
            assert card.id not in [c.id for c in column(app, 0).cards]

    run(scenario())


def test_every_board_action_is_in_the_command_palette(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)):
            titles = [command.title for command in app.get_system_commands(app.screen)]
            for binding in app.all_bindings():
                assert any(binding.description in title for title in titles), binding.description
            assert "Card: Next stage" in titles

    run(scenario())


def test_a_board_file_broken_by_another_program_is_reported_once_and_the_board_stays(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = [c.id for c in column(app, 0).cards]
            repo.path.write_text("{ not json")
            await pilot.pause(0.4)
            problems = [message for message in app.said if "not valid JSON" in message]
            assert len(problems) == 1 and str(repo.path) in problems[0]
            assert [c.id for c in column(app, 0).cards] == shown
            assert repo.path.read_text() == "{ not json"

    run(scenario())


def test_command_line_moves_made_while_a_board_is_open_end_up_exactly_on_screen(repo):
    import subprocess
    import sys

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            contacted = [card.id for card in column(app, 0).cards[:6]]
            processes = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "outreach_tui",
                        "org",
                        "move",
                        org_id,
                        "--to",
                        stage,
                        "--db",
                        str(repo.path),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for org_id, stage in zip(contacted, ["trained", "active"] * 3, strict=False)
            ]
            while any(p.poll() is None for p in processes):
                await pilot.pause(0.05)
            assert [p.returncode for p in processes] == [0] * 6
            await pilot.pause(0.3)
            expected = open_board(repo.path).board(app.campaign_id)
            for index, stage_column in enumerate(expected.columns):
                assert [c.id for c in column(app, index).cards] == [c.id for c in stage_column.cards]

    run(scenario())
