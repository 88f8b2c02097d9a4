"""The app around the board: other sessions and programs writing the same file."""

from __future__ import annotations

import asyncio
from typing import Any

from outreach_tui.screens.board import BoardScreen
from store import Actor
from tests.app.harness import Notice, RecordingApp, a_card, column, run, wait_for
from tests.boards import TODAY, open_board


def test_two_sessions_see_each_others_moves_without_restart(repo):
    async def scenario():
        first = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        second = RecordingApp(open_board(repo.path, Actor(login="luis")), today=TODAY, watch_interval=0.05)
        async with first.run_test(size=(80, 24)) as pilot_one, second.run_test(size=(80, 24)) as pilot_two:
            await pilot_one.press("l")
            card = column(first, 1).selected
            await pilot_one.press("]")
            await pilot_one.pause()
            await wait_for(pilot_two, lambda: card.id in [c.id for c in column(second, 2).cards])
            assert card.id in [c.id for c in column(second, 2).cards]
            assert card.id not in [c.id for c in column(second, 1).cards]

    run(scenario())


def test_details_close_with_a_notice_when_another_session_archives_the_organization(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            card = column(app, 0).selected
            await pilot.press("enter")
            await pilot.pause()
            open_board(repo.path, Actor(login="luis")).archive_organization(card.id)
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
            assert isinstance(app.screen, BoardScreen)
            assert any("archived by another session" in message for message in app.said)
            assert card.id not in [c.id for c in column(app, 0).cards]

    run(scenario())


def test_a_board_file_broken_by_another_program_is_reported_once_and_the_board_stays(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = [c.id for c in column(app, 0).cards]
            repo.path.write_text("{ not json")
            for _tick in range(3):
                app.check_for_changes()
            await pilot.pause()
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
                        "--without-training",
                        "--reason",
                        "trained before this board was kept",
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
            expected = open_board(repo.path).board(app.campaign_id)
            await wait_for(
                pilot, lambda: [c.id for c in column(app, 1).cards] == [c.id for c in expected.columns[1].cards]
            )
            for index, stage_column in enumerate(expected.columns):
                assert [c.id for c in column(app, index).cards] == [c.id for c in stage_column.cards]

    run(scenario())


def test_notifications_show_user_text_literally_and_without_control_characters(repo):
    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            app.say("[b]Casa[/b] \x1b[2JRoja\u202e\nsecond line", title="Casa\x07 [i]x[/i]", severity="warning")
            await pilot.pause()
            assert app.notices[-1] == Notice(
                "[b]Casa[/b] [2JRoja\nsecond line", title="Casa [i]x[/i]", severity="warning", markup=False
            )

    run(scenario())


# -- no traceback ever reaches the terminal (issue 15, item 8) -------------------------------------


async def until_stopped(app: RecordingApp) -> None:
    """Wait (at most 5 s) for the app to stop itself; Pilot would wait for a stopped screen to go idle."""
    for _poll in range(500):
        if app.return_code is not None:
            return
        await asyncio.sleep(0.01)


def stopped_with_one_line(app: RecordingApp, capfd, error: str, path) -> Any:
    """Check the app exited 1 saying one line about ``error``; returns what it printed."""
    assert app.return_code == 1
    printed = capfd.readouterr()
    assert printed.err.strip().splitlines() == [
        f"outreach-tui stopped after an unexpected error ({error}); changes saved before it are in {path}."
    ]
    return printed


def test_an_unexpected_error_stops_the_app_with_one_line_and_no_board_data(repo, monkeypatch, capfd, unexpected_errors):
    card = a_card(repo)
    secret = card.organization.name

    def broken(*args, **kwargs):
        raise RuntimeError(f"internal state of {secret}")

    monkeypatch.setattr(repo, "move", broken)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            # Not pilot.press: Pilot would wait for the stopped screen to go idle.
            app.simulate_key("right_square_bracket")
            await until_stopped(app)
        return app

    app = run(scenario())
    assert [type(error) for error in unexpected_errors] == [RuntimeError]
    unexpected_errors.clear()
    printed = stopped_with_one_line(app, capfd, "RuntimeError", repo.path)
    assert secret not in printed.out + printed.err and "Traceback" not in printed.out + printed.err


def test_an_unexpected_error_in_the_watcher_stops_the_app_the_same_way(repo, monkeypatch, capfd, unexpected_errors):
    def broken() -> bool:
        raise ValueError(f"bad state near {a_card(repo).organization.name}")

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=0.02)
        async with app.run_test(size=(80, 24)):
            monkeypatch.setattr(repo, "changed_on_disk", broken)
            await until_stopped(app)
        return app

    app = run(scenario())
    assert [type(error) for error in unexpected_errors] == [ValueError]
    unexpected_errors.clear()
    stopped_with_one_line(app, capfd, "ValueError", repo.path)


def test_a_board_folder_that_becomes_unreadable_is_reported_once_and_the_board_stays(repo, monkeypatch):
    def unreadable() -> bool:
        raise PermissionError(13, "Permission denied", str(repo.path))

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            shown = [c.id for c in column(app, 0).cards]
            monkeypatch.setattr(repo, "changed_on_disk", unreadable)
            for _tick in range(3):
                app.check_for_changes()
            await pilot.pause()
            assert app.is_running
            assert [c.id for c in column(app, 0).cards] == shown
            problems = [notice for notice in app.notices if notice.title == "Cannot read the board file"]
            assert [notice.message for notice in problems] == [f"Cannot read or write {repo.path}: Permission denied."]

    run(scenario())


def test_a_write_the_operating_system_refuses_is_said_and_the_board_stays(repo, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(28, "No space left on device", str(repo.path))

    monkeypatch.setattr(repo, "move", refused)

    async def scenario():
        app = RecordingApp(repo, today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("l")
            card = column(app, 1).selected
            await pilot.press("]")
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert app.notices[-1] == Notice(
                f"Cannot read or write {repo.path}: No space left on device.", title="", severity="error", markup=False
            )
            assert card.id in [c.id for c in column(app, 1).cards]

    run(scenario())
